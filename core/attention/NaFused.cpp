// The fused forward pass: per (batch, head, dilation group) the group's q, k, v are copied into
// planar [row][channel][x] arrays (q pre-scaled, zero padding after each line), then every
// segment of 16 queries along the last axis runs the segment kernel (NaFusedKernel.h) over the
// key rows its outer-axis windows select. No score tensor exists: each segment's scores live
// in registers for one key row at a time (online softmax).
#include "attention/NaFusedKernel.h"
#include "attention/NaGeometry.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

namespace algoscope::attention {

namespace {
std::atomic<bool> g_portableOnly{false};
}

std::string_view fusedIsa() {
    return (!g_portableOnly && detail::fusedAvx512Available()) ? "avx512" : "portable";
}

bool setFusedPortableOnly(bool portableOnly) {
    return g_portableOnly.exchange(portableOnly);
}

namespace detail {

void fusedSegmentPortable(const SegmentArgs& a) {
    const int K = a.kernel, D = a.headDim;
    float m[kLanes], l[kLanes], s[kLanes];
    for (int i = 0; i < kLanes; ++i) {
        m[i] = -std::numeric_limits<float>::infinity();
        l[i] = 0.0f;
    }
    std::fill_n(a.acc, std::size_t(D) * kLanes, 0.0f);
    const float* q = a.qt + a.x0;
    for (int r = 0; r < a.rows; ++r) {
        const float* kr = a.krows[r];
        const float* vr = a.vrows[r];
        for (int o = 0; o < K; ++o) {
            for (int i = 0; i < kLanes; ++i) {
                const int key = a.xs[i] + o;
                if (key >= a.xe[i]) { // a short (causal) window
                    s[i] = -std::numeric_limits<float>::infinity();
                    continue;
                }
                float dot = 0.0f;
                for (int c = 0; c < D; ++c)
                    dot += q[c * a.pitch + i] * kr[c * a.pitch + key];
                if (a.biasRows) {
                    const int qx = std::min(a.x0 + i, a.x0 + a.lanes - 1);
                    dot += a.biasRows[r][key - qx + K - 1];
                }
                s[i] = dot;
            }
            // Online softmax, one key at a time per lane.
            for (int i = 0; i < kLanes; ++i) {
                if (s[i] == -std::numeric_limits<float>::infinity()) {
                    s[i] = 0.0f;
                    continue;
                }
                const float mnew = std::max(m[i], s[i]);
                const float corr = std::exp(m[i] - mnew); // exp(-inf) = 0 at the first key
                const float p = std::exp(s[i] - mnew);
                l[i] = l[i] * corr + p;
                m[i] = mnew;
                for (int c = 0; c < D; ++c)
                    a.acc[c * kLanes + i] =
                        a.acc[c * kLanes + i] * corr + p * vr[c * a.pitch + a.xs[i] + o];
            }
        }
    }
    for (int c = 0; c < D; ++c)
        for (int i = 0; i < kLanes; ++i)
            a.out[c * kLanes + i] = a.acc[c * kLanes + i] / l[i];
}

namespace {

struct AlignedFree {
    void operator()(float* p) const { std::free(p); }
};
using AlignedBuffer = std::unique_ptr<float[], AlignedFree>;

AlignedBuffer alignedFloats(std::size_t n) {
    const std::size_t bytes = ((n * sizeof(float) + 63) / 64) * 64;
    return AlignedBuffer(static_cast<float*>(std::aligned_alloc(64, bytes ? bytes : 64)));
}

struct Task {
    int b, h, gz, gy, gx;
};

} // namespace

void forwardFused(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                  const util::TaskContext& ctx, int threads) {
    const auto tables = axisTables(g);
    const int D = g.headDim;
    const bool simd = fusedIsa() == "avx512";
    std::vector<Task> tasks;
    for (int b = 0; b < g.batch; ++b)
        for (int h = 0; h < g.heads; ++h)
            for (int gz = 0; gz < g.p[0].dilation; ++gz)
                for (int gy = 0; gy < g.p[1].dilation; ++gy)
                    for (int gx = 0; gx < g.p[2].dilation; ++gx)
                        tasks.push_back({b, h, gz, gy, gx});
    const int nt = threads > 0 ? threads : omp_get_max_threads();
    std::atomic<bool> stop{false};
    std::atomic<int> done{0};
    const int kx = g.p[2].kernel;
#pragma omp parallel num_threads(nt)
    {
        // Planar buffers are kept per thread between calls (no page faults on repeated runs).
        thread_local AlignedBuffer qt, kt, vt;
        thread_local std::size_t cap = 0;
        AlignedBuffer acc = alignedFloats(std::size_t(D) * kLanes);
        AlignedBuffer res = alignedFloats(std::size_t(D) * kLanes);
        std::vector<const float*> krows, vrows, brows;
#pragma omp for schedule(dynamic, 1)
        for (std::size_t ti = 0; ti < tasks.size(); ++ti) {
            if (stop.load(std::memory_order_relaxed))
                continue;
            if (ctx.isCancelled()) {
                stop = true;
                continue;
            }
            const Task t = tasks[ti];
            const int grp[3] = {t.gz, t.gy, t.gx};
            int Lg[3];
            for (int a = 0; a < 3; ++a)
                Lg[a] = groupLength(g.L[std::size_t(a)], g.p[std::size_t(a)].dilation, grp[a]);
            const std::int64_t pitch = kPad + (std::int64_t(Lg[2]) + 15) / 16 * 16 + kPad;
            const std::int64_t rowFloats = pitch * D;
            const std::size_t need = std::size_t(rowFloats) * Lg[0] * Lg[1];
            if (need > cap) {
                // Zeroed once: afterwards every float of the buffers is zero or a copied input
                // value, so the padding that vector loads touch is always finite (masked lanes
                // multiply it by exactly 0) and need not be cleared per group.
                qt = alignedFloats(need);
                kt = alignedFloats(need);
                vt = alignedFloats(need);
                std::fill_n(qt.get(), need, 0.0f);
                std::fill_n(kt.get(), need, 0.0f);
                std::fill_n(vt.get(), need, 0.0f);
                cap = need;
            }
            // Planar copies of this group (the transposition is O(tokens * head_dim), small
            // next to the O(tokens * k^rank * head_dim) attention work). Only the padding is
            // zeroed; lines are addressed at x = 0, kPad floats into the line.
            const std::int64_t tokenStride = std::int64_t(g.p[2].dilation) * g.heads * D;
            for (int z = 0; z < Lg[0]; ++z)
                for (int y = 0; y < Lg[1]; ++y) {
                    const std::int64_t row = std::int64_t(z) * Lg[1] + y;
                    const int sz = z * g.p[0].dilation + t.gz, sy = y * g.p[1].dilation + t.gy;
                    const std::int64_t off = g.qkvOffset(t.b, g.token(sz, sy, t.gx), t.h);
                    float* lines[3] = {qt.get() + row * rowFloats, kt.get() + row * rowFloats,
                                       vt.get() + row * rowFloats};
                    const float* srcs[3] = {q + off, k + off, v + off};
                    for (int i = 0; i < 3; ++i)
                        toPlanar(srcs[i], tokenStride, Lg[2], D, i == 0 ? g.scale : 1.0f,
                                 lines[i] + kPad, pitch, simd);
                }
            // Per-lane windows along the last axis, for every query of the group.
            std::vector<int> xs(static_cast<std::size_t>(Lg[2])),
                xe(static_cast<std::size_t>(Lg[2]));
            for (int x = 0; x < Lg[2]; ++x) {
                const AxisWindow w = tables[2].w[std::size_t(x * g.p[2].dilation + t.gx)];
                xs[std::size_t(x)] = w.start;
                xe[std::size_t(x)] = w.end;
            }
            for (int z = 0; z < Lg[0] && !stop.load(std::memory_order_relaxed); ++z)
                for (int y = 0; y < Lg[1]; ++y) {
                    if (ctx.isCancelled()) {
                        stop = true;
                        break;
                    }
                    const int sz = z * g.p[0].dilation + t.gz, sy = y * g.p[1].dilation + t.gy;
                    const AxisWindow wz = tables[0].w[std::size_t(sz)];
                    const AxisWindow wy = tables[1].w[std::size_t(sy)];
                    krows.clear();
                    vrows.clear();
                    brows.clear();
                    for (int jz = wz.start; jz < wz.end; ++jz)
                        for (int jy = wy.start; jy < wy.end; ++jy) {
                            const std::int64_t row = std::int64_t(jz) * Lg[1] + jy;
                            krows.push_back(kt.get() + row * rowFloats + kPad);
                            vrows.push_back(vt.get() + row * rowFloats + kPad);
                            if (g.rpb)
                                brows.push_back(&g.rpb[((std::int64_t(t.h) * g.rpbDim[0] + jz - z +
                                                         g.p[0].kernel - 1) *
                                                            g.rpbDim[1] +
                                                        jy - y + g.p[1].kernel - 1) *
                                                       g.rpbDim[2]]);
                        }
                    const float* qline =
                        qt.get() + (std::int64_t(z) * Lg[1] + y) * rowFloats + kPad;
                    for (int x0 = 0; x0 < Lg[2]; x0 += kLanes) {
                        if (x0 > 0 && ctx.isCancelled()) {
                            stop = true;
                            break;
                        }
                        const int lanes = std::min(kLanes, Lg[2] - x0);
                        alignas(64) int sxs[kLanes], sxe[kLanes];
                        for (int i = 0; i < kLanes; ++i) {
                            const int x = x0 + std::min(i, lanes - 1);
                            sxs[i] = xs[std::size_t(x)];
                            sxe[i] = xe[std::size_t(x)];
                        }
                        SegmentArgs a;
                        a.qt = qline;
                        a.x0 = x0;
                        a.lanes = lanes;
                        a.xs = sxs;
                        a.xe = sxe;
                        a.rows = int(krows.size());
                        a.krows = krows.data();
                        a.vrows = vrows.data();
                        a.biasRows = g.rpb ? brows.data() : nullptr;
                        a.headDim = D;
                        a.pitch = pitch;
                        a.kernel = kx;
                        a.groupLength = Lg[2];
                        a.acc = acc.get();
                        a.out = res.get();
                        if (!(simd && fusedSegmentAvx512(a)))
                            fusedSegmentPortable(a);
                        fromLanes(res.get(), D, lanes,
                                  out + g.qkvOffset(
                                            t.b, g.token(sz, sy, x0 * g.p[2].dilation + t.gx), t.h),
                                  tokenStride, simd);
                    }
                }
            const int n = ++done;
            if (omp_get_thread_num() == 0)
                ctx.report(double(n) / double(tasks.size()), "fused");
        }
    }
    ctx.checkCancelled();
}

} // namespace detail
} // namespace algoscope::attention
