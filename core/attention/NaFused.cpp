// The fused forward pass: per (batch, head, dilation group) the group's q, k, v are copied into
// planar [row][channel][x] arrays (q pre-scaled, zero padding after each line), then every
// segment of 16 queries along the last axis runs the segment kernel (NaFusedKernel.h) over the
// key rows its outer-axis windows select, up to four adjacent query rows at a time (they share most
// key rows, and each key vector loaded then serves all of them). No score tensor exists: each
// segment's scores live in registers for one key row at a time (online softmax). Scratch
// buffers are per thread and reused across calls.
#include "attention/NaFusedKernel.h"
#include "attention/NaGeometry.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <vector>

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
    constexpr float kNegInf = -std::numeric_limits<float>::infinity();
    for (int qr = 0; qr < a.queryRows; ++qr) {
        float m[kLanes], l[kLanes], s[kLanes];
        for (int i = 0; i < kLanes; ++i) {
            m[i] = kNegInf;
            l[i] = 0.0f;
        }
        float* acc = a.acc[qr];
        std::fill_n(acc, std::size_t(D) * kLanes, 0.0f);
        const float* q = a.qt[qr] + a.x0;
        for (int r = 0; r < a.rows; ++r) {
            if (a.rowMask && !(a.rowMask[r] & (1u << qr)))
                continue;
            const float* kr = a.krows[r];
            const float* vr = a.vrows[r];
            const float* bias = a.biasRows[qr] ? a.biasRows[qr][r] : nullptr;
            for (int o = 0; o < K; ++o) {
                for (int i = 0; i < kLanes; ++i) {
                    const int key = a.xs[i] + o;
                    if (key >= a.xe[i]) { // a short (causal) window
                        s[i] = kNegInf;
                        continue;
                    }
                    float dot = 0.0f;
                    for (int c = 0; c < D; ++c)
                        dot += q[c * a.pitch + i] * kr[c * a.pitch + key];
                    if (bias) {
                        const int qx = std::min(a.x0 + i, a.x0 + a.lanes - 1);
                        dot += bias[key - qx + K - 1];
                    }
                    s[i] = dot;
                }
                // Online softmax, one key at a time per lane.
                for (int i = 0; i < kLanes; ++i) {
                    if (s[i] == kNegInf)
                        continue;
                    const float mnew = std::max(m[i], s[i]);
                    const float corr = std::exp(m[i] - mnew); // exp(-inf) = 0 at the first key
                    const float p = std::exp(s[i] - mnew);
                    l[i] = l[i] * corr + p;
                    m[i] = mnew;
                    for (int c = 0; c < D; ++c)
                        acc[c * kLanes + i] =
                            acc[c * kLanes + i] * corr + p * vr[c * a.pitch + a.xs[i] + o];
                }
            }
        }
        for (int c = 0; c < D; ++c)
            for (int i = 0; i < kLanes; ++i)
                a.out[qr][c * kLanes + i] = acc[c * kLanes + i] / l[i];
    }
}

void toPlanar(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
              float* dst, std::int64_t pitch, bool simd) {
    if (simd && toPlanarAvx512(src, tokenStride, n, headDim, scale, dst, pitch))
        return;
    for (int x = 0; x < n; ++x)
        for (int c = 0; c < headDim; ++c)
            dst[c * pitch + x] = scale * src[x * tokenStride + c];
}

void fromLanes(const float* res, int headDim, int lanes, float* out, std::int64_t laneStride,
               bool simd) {
    if (simd && fromLanesAvx512(res, headDim, lanes, out, laneStride))
        return;
    for (int l = 0; l < lanes; ++l)
        for (int c = 0; c < headDim; ++c)
            out[l * laneStride + c] = res[c * kLanes + l];
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

// Per-thread scratch, kept between calls so that repeated runs neither allocate nor page-fault.
struct Scratch {
    AlignedBuffer qt, kt, vt;
    std::size_t cap = 0;
    AlignedBuffer acc, res;
    std::size_t laneCap = 0;
    std::vector<int> xs, xe;
    // Key rows of each query row of a block, then their union with membership bits.
    std::vector<std::int64_t> own[kMaxQueryRows];
    std::vector<const float*> krows, vrows, brows[kMaxQueryRows];
    std::vector<unsigned char> mask;

    void reserveGroup(std::size_t need) {
        if (need <= cap)
            return;
        // Zeroed once: afterwards every float of the buffers is zero or a copied input value,
        // so the padding that vector loads touch is always finite (masked lanes multiply it by
        // exactly 0) and need not be cleared per group.
        for (AlignedBuffer* b : {&qt, &kt, &vt}) {
            *b = alignedFloats(need);
            std::fill_n(b->get(), need, 0.0f);
        }
        cap = need;
    }
    void reserveLanes(std::size_t need) {
        if (need <= laneCap)
            return;
        acc = alignedFloats(need);
        res = alignedFloats(need);
        laneCap = need;
    }
};

void forwardFused(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                  const util::TaskContext& ctx, int threads) {
    const auto tables = axisTables(g);
    const int D = g.headDim;
    const bool simd = fusedIsa() == "avx512";
    // One task per (batch, head, dilation group): its planar copies are made once and every
    // query of the task reads only them.
    std::vector<Task> tasks;
    for (int b = 0; b < g.batch; ++b)
        for (int h = 0; h < g.heads; ++h)
            for (int gz = 0; gz < g.p[0].dilation; ++gz)
                for (int gy = 0; gy < g.p[1].dilation; ++gy)
                    for (int gx = 0; gx < g.p[2].dilation; ++gx)
                        tasks.push_back({b, h, gz, gy, gx});
    const int nt = threads > 0 ? threads : omp_get_max_threads();
    const int kBlockRows = fusedBlockRows(g.p[2].kernel);
    std::atomic<bool> stop{false};
    std::atomic<int> done{0};
    const std::int64_t laneBlock = std::int64_t(D) * kLanes; // floats of one [D][16] block
#pragma omp parallel num_threads(nt)
    {
        thread_local Scratch sc;
        sc.reserveLanes(std::size_t(laneBlock) * kMaxQueryRows);
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
            // Planar copies of this group (the transposition is O(tokens * head_dim), small
            // next to the O(tokens * k^rank * head_dim) attention work), made lazily in row order
            // just before a block of query rows first needs them, into a ring of rows: only the
            // rows in use (about k + 4 in 2-D) exist, so they stay in L2 and the copies write to
            // cached lines. A whole group's copies (1.7 MB at 56 x 56, head_dim 32) did not fit,
            // and the writes and the kernel's reads went to memory. Row r lives in slot r % ring,
            // where ring covers, for every block, the rows from its lowest key row up to the
            // highest row copied so far. Lines are addressed at x = 0, kPad floats into the line.
            const int queryRows = Lg[0] * Lg[1];
            const auto blockRows = [&](int n0, std::int64_t& lo, std::int64_t& hi) {
                const int nq = std::min(kBlockRows, queryRows - n0);
                lo = n0;
                hi = n0 + nq;
                for (int i = 0; i < nq; ++i) {
                    const int z = (n0 + i) / Lg[1], y = (n0 + i) % Lg[1];
                    const AxisWindow wz = tables[0].w[std::size_t(z * g.p[0].dilation + t.gz)];
                    const AxisWindow wy = tables[1].w[std::size_t(y * g.p[1].dilation + t.gy)];
                    lo = std::min(lo, std::int64_t(wz.start) * Lg[1] + wy.start);
                    hi = std::max(hi, std::int64_t(wz.end - 1) * Lg[1] + wy.end);
                }
            };
            std::int64_t ring = 1;
            {
                std::int64_t copied = 0;
                for (int n0 = 0; n0 < queryRows; n0 += kBlockRows) {
                    std::int64_t lo, hi;
                    blockRows(n0, lo, hi);
                    copied = std::max(copied, hi);
                    ring = std::max(ring, copied - lo);
                }
            }
            sc.reserveGroup(std::size_t(rowFloats) * std::size_t(ring));
            const auto slot = [&](std::int64_t row) { return (row % ring) * rowFloats + kPad; };
            const std::int64_t tokenStride = std::int64_t(g.p[2].dilation) * g.heads * D;
            std::int64_t planarRows = 0;
            const auto planarUpTo = [&](std::int64_t rowEnd) {
                for (; planarRows < rowEnd; ++planarRows) {
                    const std::int64_t row = planarRows;
                    const int sz = int(row / Lg[1]) * g.p[0].dilation + t.gz;
                    const int sy = int(row % Lg[1]) * g.p[1].dilation + t.gy;
                    const std::int64_t off = g.qkvOffset(t.b, g.token(sz, sy, t.gx), t.h);
                    toPlanar(q + off, tokenStride, Lg[2], D, g.scale, sc.qt.get() + slot(row),
                             pitch, simd);
                    toPlanar(k + off, tokenStride, Lg[2], D, 1.0f, sc.kt.get() + slot(row), pitch,
                             simd);
                    toPlanar(v + off, tokenStride, Lg[2], D, 1.0f, sc.vt.get() + slot(row), pitch,
                             simd);
                }
            };
            // Per-lane windows along the last axis, for every query of the group.
            sc.xs.resize(std::size_t(Lg[2]));
            sc.xe.resize(std::size_t(Lg[2]));
            for (int x = 0; x < Lg[2]; ++x) {
                const AxisWindow w = tables[2].w[std::size_t(x * g.p[2].dilation + t.gx)];
                sc.xs[std::size_t(x)] = w.start;
                sc.xe[std::size_t(x)] = w.end;
            }
            // Query rows (z, y) in blocks of kBlockRows consecutive ones.
            for (int n0 = 0; n0 < queryRows && !stop.load(std::memory_order_relaxed);
                 n0 += kBlockRows) {
                if (ctx.isCancelled()) {
                    stop = true;
                    break;
                }
                const int nq = std::min(kBlockRows, queryRows - n0);
                SegmentArgs a;
                a.queryRows = nq;
                int sz[kMaxQueryRows], sy[kMaxQueryRows];
                for (int i = 0; i < nq; ++i) {
                    const int z = (n0 + i) / Lg[1], y = (n0 + i) % Lg[1];
                    sz[i] = z * g.p[0].dilation + t.gz;
                    sy[i] = y * g.p[1].dilation + t.gy;
                    a.qt[i] = sc.qt.get() + slot(n0 + i);
                    const AxisWindow wz = tables[0].w[std::size_t(sz[i])];
                    const AxisWindow wy = tables[1].w[std::size_t(sy[i])];
                    sc.own[i].clear();
                    for (int jz = wz.start; jz < wz.end; ++jz)
                        for (int jy = wy.start; jy < wy.end; ++jy)
                            sc.own[i].push_back(std::int64_t(jz) * Lg[1] + jy);
                }
                std::int64_t lo, hi;
                blockRows(n0, lo, hi);
                planarUpTo(hi);
                // Union of the key rows, ascending (each list is), with membership bits.
                sc.krows.clear();
                sc.vrows.clear();
                sc.mask.clear();
                for (int i = 0; i < nq; ++i)
                    sc.brows[i].clear();
                std::size_t pos[kMaxQueryRows] = {};
                for (;;) {
                    std::int64_t next = std::numeric_limits<std::int64_t>::max();
                    for (int i = 0; i < nq; ++i)
                        if (pos[i] < sc.own[i].size())
                            next = std::min(next, sc.own[i][pos[i]]);
                    if (next == std::numeric_limits<std::int64_t>::max())
                        break;
                    unsigned char m = 0;
                    for (int i = 0; i < nq; ++i) {
                        const bool uses = pos[i] < sc.own[i].size() && sc.own[i][pos[i]] == next;
                        const float* bias = nullptr;
                        if (uses) {
                            m |= static_cast<unsigned char>(1u << i);
                            ++pos[i];
                            if (g.rpb) {
                                // Bias row for (key row - query row) per outer axis.
                                const int jz = int(next / Lg[1]), jy = int(next % Lg[1]);
                                const int z = (n0 + i) / Lg[1], y = (n0 + i) % Lg[1];
                                bias = &g.rpb[((std::int64_t(t.h) * g.rpbDim[0] + jz - z +
                                                g.p[0].kernel - 1) *
                                                   g.rpbDim[1] +
                                               jy - y + g.p[1].kernel - 1) *
                                              g.rpbDim[2]];
                            }
                        }
                        sc.brows[i].push_back(bias);
                    }
                    sc.krows.push_back(sc.kt.get() + slot(next));
                    sc.vrows.push_back(sc.vt.get() + slot(next));
                    sc.mask.push_back(m);
                }
                a.rows = int(sc.krows.size());
                a.krows = sc.krows.data();
                a.vrows = sc.vrows.data();
                a.rowMask = sc.mask.data();
                for (int i = 0; i < nq; ++i) {
                    a.biasRows[i] = g.rpb ? sc.brows[i].data() : nullptr;
                    a.acc[i] = sc.acc.get() + i * laneBlock;
                    a.out[i] = sc.res.get() + i * laneBlock;
                }
                a.headDim = D;
                a.pitch = pitch;
                a.kernel = g.p[2].kernel;
                a.groupLength = Lg[2];
                for (int x0 = 0; x0 < Lg[2]; x0 += kLanes) {
                    const int lanes = std::min(kLanes, Lg[2] - x0);
                    alignas(64) int sxs[kLanes], sxe[kLanes];
                    for (int i = 0; i < kLanes; ++i) {
                        const int x = x0 + std::min(i, lanes - 1);
                        sxs[i] = sc.xs[std::size_t(x)];
                        sxe[i] = sc.xe[std::size_t(x)];
                    }
                    a.x0 = x0;
                    a.lanes = lanes;
                    a.xs = sxs;
                    a.xe = sxe;
                    if (!(simd && fusedSegmentAvx512(a)))
                        fusedSegmentPortable(a);
                    for (int i = 0; i < nq; ++i)
                        fromLanes(
                            a.out[i], D, lanes,
                            out + g.qkvOffset(
                                      t.b, g.token(sz[i], sy[i], x0 * g.p[2].dilation + t.gx), t.h),
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
