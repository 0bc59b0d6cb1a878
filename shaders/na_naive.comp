// Neighbourhood attention forward, naive form: one invocation per (batch, token, head) loops
// over its window with an online softmax (running max and sum) and keeps its head_dim
// accumulator in registers. Driven by core/gpu/GpuAttention.cpp; CPU twin:
// core/attention/NaForward.cpp (forwardNaive). Layout [batch, *spatial, heads, HEAD_DIM].
#ifndef LOCAL_SIZE
#define LOCAL_SIZE 64
#endif
#ifndef HEAD_DIM
#define HEAD_DIM 32
#endif
layout(local_size_x = LOCAL_SIZE) in;

#include "gpu_index.glsl"
#include "na_index.glsl"

layout(std430, binding = 0) readonly buffer Q { float q[]; };
layout(std430, binding = 1) readonly buffer K { float k[]; };
layout(std430, binding = 2) readonly buffer V { float v[]; };
layout(std430, binding = 3) readonly buffer Bias { float rpb[]; };
layout(std430, binding = 4) writeonly buffer Out { float o[]; };

uniform uint u_total;   // batch * tokens * heads
uniform int u_heads;
uniform float u_scale;
uniform int u_hasBias;

void main() {
    uint id = linearInvocationIndex();
    if (id >= u_total)
        return;
    int h = int(id % uint(u_heads));
    uint bt = id / uint(u_heads);
    int tokens = u_L[0] * u_L[1] * u_L[2];
    int b = int(bt / uint(tokens));
    int t = int(bt % uint(tokens));
    int x = t % u_L[2], y = (t / u_L[2]) % u_L[1], z = t / (u_L[2] * u_L[1]);
    ivec3 wz = naWindow(0, z), wy = naWindow(1, y), wx = naWindow(2, x);
    float qv[HEAD_DIM];
    float acc[HEAD_DIM];
    uint qbase = id * uint(HEAD_DIM);
    for (int c = 0; c < HEAD_DIM; ++c) {
        qv[c] = q[qbase + uint(c)] * u_scale;
        acc[c] = 0.0;
    }
    float m = -3.0e38, l = 0.0; // below any score: exp(m - s) is 0 at the first key
    for (int jz = wz.y; jz < wz.z; ++jz)
        for (int jy = wy.y; jy < wy.z; ++jy)
            for (int jx = wx.y; jx < wx.z; ++jx) {
                int kt = ((jz * u_d[0] + wz.x) * u_L[1] + jy * u_d[1] + wy.x) * u_L[2] +
                         jx * u_d[2] + wx.x;
                uint kbase = ((uint(b) * uint(tokens) + uint(kt)) * uint(u_heads) + uint(h)) *
                             uint(HEAD_DIM);
                float s = 0.0;
                for (int c = 0; c < HEAD_DIM; ++c)
                    s += qv[c] * k[kbase + uint(c)];
                if (u_hasBias != 0) {
                    int dz = jz - z / u_d[0] + u_k[0] - 1, dy = jy - y / u_d[1] + u_k[1] - 1,
                        dx = jx - x / u_d[2] + u_k[2] - 1;
                    s += rpb[((h * (2 * u_k[0] - 1) + dz) * (2 * u_k[1] - 1) + dy) *
                                 (2 * u_k[2] - 1) + dx];
                }
                float mnew = max(m, s);
                float corr = exp(m - mnew);
                float p = exp(s - mnew);
                l = l * corr + p;
                m = mnew;
                for (int c = 0; c < HEAD_DIM; ++c)
                    acc[c] = acc[c] * corr + p * v[kbase + uint(c)];
            }
    for (int c = 0; c < HEAD_DIM; ++c)
        o[qbase + uint(c)] = acc[c] / l;
}
