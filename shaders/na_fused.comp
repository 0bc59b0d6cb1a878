// Neighbourhood attention forward, fused form (FMHA style, Hassani et al. 2024): a workgroup
// takes TILE consecutive queries along the last axis inside one dilation group and one
// (batch, head, outer position). Window start and end are monotone in the query index, so the
// tile needs the keys [start(first), end(last)) only, at most SPAN of them (the host computes
// SPAN exactly). For every key row of the shared outer-axis window the workgroup loads those
// keys and values into shared memory once, then each invocation runs an online softmax over its
// own window from shared memory. No score tensor; one global read of K/V per tile and key row.
// Driven by core/gpu/GpuAttention.cpp; CPU twin: core/attention/NaFused.cpp.
#ifndef TILE
#define TILE 32
#endif
#ifndef HEAD_DIM
#define HEAD_DIM 32
#endif
#ifndef SPAN
#define SPAN 64
#endif
layout(local_size_x = TILE) in;

#include "na_index.glsl"

layout(std430, binding = 0) readonly buffer Q { float q[]; };
layout(std430, binding = 1) readonly buffer K { float k[]; };
layout(std430, binding = 2) readonly buffer V { float v[]; };
layout(std430, binding = 3) readonly buffer Bias { float rpb[]; };
layout(std430, binding = 4) writeonly buffer Out { float o[]; };

uniform int u_heads;
uniform float u_scale;
uniform int u_hasBias;
uniform int u_segments; // segments of TILE queries per dilation group along the last axis

shared float sK[SPAN * HEAD_DIM];
shared float sV[SPAN * HEAD_DIM];

void main() {
    int lane = int(gl_LocalInvocationID.x);
    int seg = int(gl_WorkGroupID.x) % u_segments;
    int gx = int(gl_WorkGroupID.x) / u_segments;
    int outer = u_L[0] * u_L[1];
    int zy = int(gl_WorkGroupID.y) % outer;
    int bh = int(gl_WorkGroupID.y) / outer;
    int b = bh / u_heads, h = bh % u_heads;
    int z = zy / u_L[1], y = zy % u_L[1];
    int Lgx = naGroupLength(u_L[2], u_d[2], gx);
    int first = seg * TILE;
    if (first >= Lgx)
        return; // the whole workgroup leaves together (uniform condition)
    int last = min(first + TILE, Lgx) - 1;
    int xi = min(first + lane, last); // padded lanes mirror the last query, write nothing
    bool isQuery = first + lane <= last;
    int x = xi * u_d[2] + gx;
    int tokens = u_L[0] * u_L[1] * u_L[2];
    int kStart = naWindow(2, first * u_d[2] + gx).y;
    int kEnd = naWindow(2, last * u_d[2] + gx).z;
    int span = kEnd - kStart;
    ivec3 wz = naWindow(0, z), wy = naWindow(1, y), wx = naWindow(2, x);

    float qv[HEAD_DIM];
    float acc[HEAD_DIM];
    int t = (z * u_L[1] + y) * u_L[2] + x;
    uint qbase = ((uint(b) * uint(tokens) + uint(t)) * uint(u_heads) + uint(h)) * uint(HEAD_DIM);
    for (int c = 0; c < HEAD_DIM; ++c) {
        qv[c] = q[qbase + uint(c)] * u_scale;
        acc[c] = 0.0;
    }
    float m = -3.0e38, l = 0.0; // below any score: exp(m - s) is 0 at the first key
    for (int jz = wz.y; jz < wz.z; ++jz)
        for (int jy = wy.y; jy < wy.z; ++jy) {
            int rowToken = ((jz * u_d[0] + wz.x) * u_L[1] + jy * u_d[1] + wy.x) * u_L[2];
            barrier(); // the previous row's keys are no longer read
            for (int e = lane; e < span * HEAD_DIM; e += TILE) {
                int j = e / HEAD_DIM, c = e % HEAD_DIM;
                int kt = rowToken + (kStart + j) * u_d[2] + gx;
                uint g = ((uint(b) * uint(tokens) + uint(kt)) * uint(u_heads) + uint(h)) *
                         uint(HEAD_DIM) + uint(c);
                sK[e] = k[g];
                sV[e] = v[g];
            }
            barrier();
            for (int jx = wx.y; jx < wx.z; ++jx) {
                int sb = (jx - kStart) * HEAD_DIM;
                float s = 0.0;
                for (int c = 0; c < HEAD_DIM; ++c)
                    s += qv[c] * sK[sb + c];
                if (u_hasBias != 0) {
                    int dz = jz - z / u_d[0] + u_k[0] - 1, dy = jy - y / u_d[1] + u_k[1] - 1,
                        dx = jx - xi + u_k[2] - 1;
                    s += rpb[((h * (2 * u_k[0] - 1) + dz) * (2 * u_k[1] - 1) + dy) *
                                 (2 * u_k[2] - 1) + dx];
                }
                float mnew = max(m, s);
                float corr = exp(m - mnew);
                float p = exp(s - mnew);
                l = l * corr + p;
                m = mnew;
                for (int c = 0; c < HEAD_DIM; ++c)
                    acc[c] = acc[c] * corr + p * sV[sb + c];
            }
        }
    if (isQuery)
        for (int c = 0; c < HEAD_DIM; ++c)
            o[qbase + uint(c)] = acc[c] / l;
}
