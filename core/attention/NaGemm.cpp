// The unfused GEMM-based forward pass (Hassani et al., "Faster Neighborhood Attention",
// NeurIPS 2024, section 3.2: dense query x key tiles computed by a GEMM, the band kept and
// scattered into the score tensor). Steps per (batch, head):
//  1. for each tile of queries (in dilation-group coordinates, so a tile's keys are contiguous
//     in the group) the key range is [window(first).start, window(last).end) per axis, because
//     window start and end never decrease as the query index grows; gather Q (scaled), K of the
//     range, S = Q K^T with Eigen's GEMM, scatter each query's window entries (+ bias) into the
//     score tensor [tokens, prod(k)] in memory;
//  2. softmax over each row of the score tensor (a full round trip through memory);
//  3. per tile again: gather the weights into a dense [tile queries x key range] matrix (zeros
//     off the band) and O = P V with Eigen's GEMM.
// The score tensor's trips through memory and the gather/scatter are what the fused kernel
// avoids (NaCounters.h counts them).
#include "attention/NaGeometry.h"

// GCC 12 warns about the deliberately undefined registers in its own avx512fintrin.h
// (_mm512_undefined_ps in masked intrinsics) once Eigen's GEMM is built for AVX-512
// (-march=native): 133 false positives from this file alone.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>

namespace algoscope::attention::detail {

namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapMat = Eigen::Map<RowMat>;

struct Tile {
    int gz, gy, gx;   // dilation group per axis
    int q0[3], q1[3]; // query range in group coordinates
    int k0[3], k1[3]; // key range in group coordinates
};

std::array<int, 3> tileSizes(int rank) {
    if (rank == 1)
        return {1, 1, 64};
    if (rank == 2)
        return {1, 8, 8};
    return {4, 4, 4};
}

std::vector<Tile> makeTiles(const Geometry& g, const std::array<AxisTable, 3>& t) {
    const auto T = tileSizes(g.rank);
    std::vector<Tile> tiles;
    for (int gz = 0; gz < g.p[0].dilation; ++gz)
        for (int gy = 0; gy < g.p[1].dilation; ++gy)
            for (int gx = 0; gx < g.p[2].dilation; ++gx) {
                const int grp[3] = {gz, gy, gx};
                int Lg[3];
                for (int a = 0; a < 3; ++a)
                    Lg[a] = groupLength(g.L[std::size_t(a)], g.p[std::size_t(a)].dilation, grp[a]);
                for (int z = 0; z < Lg[0]; z += T[0])
                    for (int y = 0; y < Lg[1]; y += T[1])
                        for (int x = 0; x < Lg[2]; x += T[2]) {
                            Tile tile{gz, gy, gx, {z, y, x}, {}, {}, {}};
                            for (int a = 0; a < 3; ++a) {
                                tile.q1[a] = std::min(tile.q0[a] + T[std::size_t(a)], Lg[a]);
                                const int d = g.p[std::size_t(a)].dilation;
                                const auto& w = t[std::size_t(a)].w;
                                tile.k0[a] = w[std::size_t(tile.q0[a] * d + grp[a])].start;
                                tile.k1[a] = w[std::size_t((tile.q1[a] - 1) * d + grp[a])].end;
                            }
                            tiles.push_back(tile);
                        }
            }
    return tiles;
}

int extent(const int a0[3], const int a1[3], int a) {
    return a1[a] - a0[a];
}

} // namespace

void forwardGemm(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                 float* scoresOut, const util::TaskContext& ctx, int threads) {
    const auto tables = axisTables(g);
    const auto tiles = makeTiles(g, tables);
    const int D = g.headDim;
    const std::int64_t N = g.tokens, W = g.window;
    const int kz = g.p[0].kernel, ky = g.p[1].kernel, kx = g.p[2].kernel;
    std::vector<float> scores(std::size_t(N * W));
    const EigenThreadsScope eigenThreads(1); // tiles are parallel; each GEMM is small
    const int nt = threads > 0 ? threads : omp_get_max_threads();
    std::atomic<bool> stop{false};
    const int heads = g.batch * g.heads;
    int maxTq = 1, maxR = 1;
    for (const Tile& t : tiles) {
        maxTq =
            std::max(maxTq, extent(t.q0, t.q1, 0) * extent(t.q0, t.q1, 1) * extent(t.q0, t.q1, 2));
        maxR =
            std::max(maxR, extent(t.k0, t.k1, 0) * extent(t.k0, t.k1, 1) * extent(t.k0, t.k1, 2));
    }
    const auto spatial = [&](const Tile& t, int a, int j) {
        const int grp[3] = {t.gz, t.gy, t.gx};
        return j * g.p[std::size_t(a)].dilation + grp[a];
    };
    for (int bh = 0; bh < heads; ++bh) {
        ctx.checkCancelled();
        ctx.report(double(bh) / heads, "gemm");
        const int b = bh / g.heads, h = bh % g.heads;
        // Rows of the tile's key range of k or v (head h), densely: the GEMM operand.
        const auto gatherKeyRange = [&](const float* src, const Tile& t, float* dst) {
            int row = 0;
            for (int z = t.k0[0]; z < t.k1[0]; ++z)
                for (int y = t.k0[1]; y < t.k1[1]; ++y)
                    for (int x = t.k0[2]; x < t.k1[2]; ++x, ++row)
                        std::memcpy(dst + std::size_t(row) * D,
                                    src + g.qkvOffset(b,
                                                      g.token(spatial(t, 0, z), spatial(t, 1, y),
                                                              spatial(t, 2, x)),
                                                      h),
                                    sizeof(float) * std::size_t(D));
        };
        std::fill(scores.begin(), scores.end(), -std::numeric_limits<float>::infinity());
        // Pass 1: S = Q K^T per tile, window entries scattered into the score tensor.
#pragma omp parallel num_threads(nt)
        {
            std::vector<float> qb(std::size_t(maxTq) * D), kb(std::size_t(maxR) * D),
                sb(std::size_t(maxTq) * maxR);
#pragma omp for schedule(dynamic, 1)
            for (std::size_t ti = 0; ti < tiles.size(); ++ti) {
                if (stop.load(std::memory_order_relaxed) || (ctx.isCancelled() && (stop = true)))
                    continue;
                const Tile& t = tiles[ti];
                const int R[3] = {extent(t.k0, t.k1, 0), extent(t.k0, t.k1, 1),
                                  extent(t.k0, t.k1, 2)};
                const int Tq =
                    extent(t.q0, t.q1, 0) * extent(t.q0, t.q1, 1) * extent(t.q0, t.q1, 2);
                const int Rn = R[0] * R[1] * R[2];
                int row = 0;
                for (int z = t.q0[0]; z < t.q1[0]; ++z)
                    for (int y = t.q0[1]; y < t.q1[1]; ++y)
                        for (int x = t.q0[2]; x < t.q1[2]; ++x, ++row) {
                            const float* src =
                                q + g.qkvOffset(b,
                                                g.token(spatial(t, 0, z), spatial(t, 1, y),
                                                        spatial(t, 2, x)),
                                                h);
                            for (int c = 0; c < D; ++c)
                                qb[std::size_t(row) * D + c] = g.scale * src[c];
                        }
                gatherKeyRange(k, t, kb.data());
                MapMat Q(qb.data(), Tq, D), K(kb.data(), Rn, D), S(sb.data(), Tq, Rn);
                S.noalias() = Q * K.transpose();
                row = 0;
                for (int z = t.q0[0]; z < t.q1[0]; ++z)
                    for (int y = t.q0[1]; y < t.q1[1]; ++y)
                        for (int x = t.q0[2]; x < t.q1[2]; ++x, ++row) {
                            const int sz = spatial(t, 0, z), sy = spatial(t, 1, y),
                                      sx = spatial(t, 2, x);
                            const AxisWindow wz = tables[0].w[std::size_t(sz)],
                                             wy = tables[1].w[std::size_t(sy)],
                                             wx = tables[2].w[std::size_t(sx)];
                            float* dst = scores.data() + g.token(sz, sy, sx) * W;
                            for (int jz = wz.start; jz < wz.end; ++jz)
                                for (int jy = wy.start; jy < wy.end; ++jy) {
                                    const float* srow =
                                        &sb[std::size_t(row) * Rn +
                                            std::size_t(((jz - t.k0[0]) * R[1] + (jy - t.k0[1])) *
                                                        R[2])];
                                    float* drow =
                                        dst +
                                        (std::int64_t(jz - wz.start) * ky + (jy - wy.start)) * kx;
                                    for (int jx = wx.start; jx < wx.end; ++jx) {
                                        float s = srow[jx - t.k0[2]];
                                        if (g.rpb)
                                            s += g.bias(h, jz - z, jy - y, jx - x);
                                        drow[jx - wx.start] = s;
                                    }
                                }
                        }
            }
        }
        ctx.checkCancelled();
        if (scoresOut)
            std::copy(scores.begin(), scores.end(), scoresOut + g.scoreOffset(b, h, 0));
            // Pass 2: softmax over each row of the score tensor, in memory.
#pragma omp parallel for num_threads(nt) schedule(static)
        for (std::int64_t i = 0; i < N; ++i) {
            float* row = scores.data() + i * W;
            float mx = -std::numeric_limits<float>::infinity();
            for (std::int64_t j = 0; j < W; ++j)
                mx = std::max(mx, row[j]);
            float sum = 0;
            for (std::int64_t j = 0; j < W; ++j) {
                row[j] = std::exp(row[j] - mx); // exp(-inf) = 0 for masked slots
                sum += row[j];
            }
            const float inv = 1.0f / sum;
            for (std::int64_t j = 0; j < W; ++j)
                row[j] *= inv;
        }
        // Pass 3: gather the weights into dense tiles, O = P V.
#pragma omp parallel num_threads(nt)
        {
            std::vector<float> pb(std::size_t(maxTq) * maxR), vb(std::size_t(maxR) * D),
                ob(std::size_t(maxTq) * D);
#pragma omp for schedule(dynamic, 1)
            for (std::size_t ti = 0; ti < tiles.size(); ++ti) {
                if (stop.load(std::memory_order_relaxed) || (ctx.isCancelled() && (stop = true)))
                    continue;
                const Tile& t = tiles[ti];
                const int R[3] = {extent(t.k0, t.k1, 0), extent(t.k0, t.k1, 1),
                                  extent(t.k0, t.k1, 2)};
                const int Tq =
                    extent(t.q0, t.q1, 0) * extent(t.q0, t.q1, 1) * extent(t.q0, t.q1, 2);
                const int Rn = R[0] * R[1] * R[2];
                gatherKeyRange(v, t, vb.data());
                std::fill_n(pb.begin(), std::size_t(Tq) * Rn, 0.0f);
                int row = 0;
                for (int z = t.q0[0]; z < t.q1[0]; ++z)
                    for (int y = t.q0[1]; y < t.q1[1]; ++y)
                        for (int x = t.q0[2]; x < t.q1[2]; ++x, ++row) {
                            const int sz = spatial(t, 0, z), sy = spatial(t, 1, y),
                                      sx = spatial(t, 2, x);
                            const AxisWindow wz = tables[0].w[std::size_t(sz)],
                                             wy = tables[1].w[std::size_t(sy)],
                                             wx = tables[2].w[std::size_t(sx)];
                            const float* src = scores.data() + g.token(sz, sy, sx) * W;
                            for (int jz = wz.start; jz < wz.end; ++jz)
                                for (int jy = wy.start; jy < wy.end; ++jy) {
                                    float* prow =
                                        &pb[std::size_t(row) * Rn +
                                            std::size_t(((jz - t.k0[0]) * R[1] + (jy - t.k0[1])) *
                                                        R[2])];
                                    const float* srow =
                                        src +
                                        (std::int64_t(jz - wz.start) * ky + (jy - wy.start)) * kx;
                                    for (int jx = wx.start; jx < wx.end; ++jx)
                                        prow[jx - t.k0[2]] = srow[jx - wx.start];
                                }
                        }
                MapMat P(pb.data(), Tq, Rn), V(vb.data(), Rn, D), O(ob.data(), Tq, D);
                O.noalias() = P * V;
                row = 0;
                for (int z = t.q0[0]; z < t.q1[0]; ++z)
                    for (int y = t.q0[1]; y < t.q1[1]; ++y)
                        for (int x = t.q0[2]; x < t.q1[2]; ++x, ++row)
                            std::memcpy(out +
                                            g.qkvOffset(b,
                                                        g.token(spatial(t, 0, z), spatial(t, 1, y),
                                                                spatial(t, 2, x)),
                                                        h),
                                        &ob[std::size_t(row) * D], sizeof(float) * std::size_t(D));
            }
        }
        ctx.checkCancelled();
    }
    (void)kz;
}

} // namespace algoscope::attention::detail
