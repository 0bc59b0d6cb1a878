#include "attention/NaCounters.h"

#include "attention/NaFusedKernel.h"
#include "attention/NaIndex.h"

#include <algorithm>
#include <vector>

namespace algoscope::attention {

namespace {

struct AxisSums {
    double window = 0; // sum over queries of the window size
    double tqR = 0;    // gemm: sum over tiles of (queries x key range)
    double range = 0;  // gemm: sum over tiles of the key range
    double tiles = 0;  // gemm: number of tiles
};

// Sums along one axis; the 2-D/3-D quantities are products of these because windows, groups
// and tiles are all products of per-axis ones.
AxisSums axisSums(int L, const AxisParams& p, int tile) {
    AxisSums s;
    for (int x = 0; x < L; ++x)
        s.window += axisWindow(L, p, x).size();
    for (int g = 0; g < p.dilation; ++g) {
        const int Lg = groupLength(L, p.dilation, g);
        for (int i0 = 0; i0 < Lg; i0 += tile) {
            const int i1 = std::min(i0 + tile, Lg);
            const int r = axisWindow(L, p, (i1 - 1) * p.dilation + g).end -
                          axisWindow(L, p, i0 * p.dilation + g).start;
            s.tqR += double(i1 - i0) * r;
            s.range += r;
            s.tiles += 1;
        }
    }
    return s;
}

} // namespace

NaCounters countWork(Impl impl, const NaShape& shape, const NaParams& params) {
    NaCounters c;
    c.impl = impl;
    const double bh = double(shape.batch) * shape.heads;
    const double D = shape.headDim;
    const double N = double(shape.tokens());
    const int rank = int(shape.sizes.size());
    double weights = 1;
    for (int a = 0; a < rank; ++a)
        weights *= axisSums(shape.sizes[std::size_t(a)], params.axes[std::size_t(a)], 1).window;
    c.attentionWeights = bh * weights;
    c.usefulFlops = c.attentionWeights * 4 * D;
    c.outBytes = bh * N * D * 4;
    switch (impl) {
    case Impl::Reference:
    case Impl::MaskedGemm:
        c.executedFlops = bh * N * N * 4 * D;
        c.scoreBytes = bh * N * N * 4 * 4; // write, softmax read + write, read for P V
        c.qkvBytes = bh * 3 * N * D * 4;
        c.kvBytesPerTile = 2 * N * D * 4;
        c.queriesPerTile = N;
        break;
    case Impl::Naive:
    case Impl::GpuNaive:
        c.executedFlops = c.usefulFlops;
        c.qkvBytes = bh * D * 4 * (N + 2 * weights);
        c.kvBytesPerTile = 2 * weights / N * D * 4;
        c.queriesPerTile = 1;
        break;
    case Impl::Gemm: {
        const int tile = rank == 1 ? 64 : rank == 2 ? 8 : 4;
        double tqR = 1, range = 1, tiles = 1;
        for (int a = 0; a < rank; ++a) {
            const AxisSums s =
                axisSums(shape.sizes[std::size_t(a)], params.axes[std::size_t(a)], tile);
            tqR *= s.tqR;
            range *= s.range;
            tiles *= s.tiles;
        }
        c.executedFlops = bh * tqR * 4 * D;
        // The score tensor [N, prod(k)]: scattered (write), softmax (read + write), gathered
        // for P V (read).
        c.scoreBytes = bh * N * double(params.windowVolume()) * 4 * 4;
        c.qkvBytes = bh * D * 4 * (N + 2 * range);
        c.kvBytesPerTile = 2 * range / tiles * D * 4;
        c.queriesPerTile = N / tiles;
        break;
    }
    case Impl::Fused:
    case Impl::GpuFused: {
        // Tiles of `lanes` consecutive queries along the last axis (segments); the CPU kernel
        // (NaFused.cpp) also runs blocks of detail::fusedBlockRows(k) adjacent query rows
        // (outer axes flattened, per dilation group) together, loading the union of their key
        // rows once; the GPU kernel runs one query row per tile.
        const int lanes = impl == Impl::Fused ? detail::kLanes : 32;
        const int L = shape.sizes.back();
        const AxisParams& p = params.axes.back();
        double segLanesK = 0, segSpan = 0, segments = 0;
        for (int g = 0; g < p.dilation; ++g) {
            const int Lg = groupLength(L, p.dilation, g);
            for (int i0 = 0; i0 < Lg; i0 += lanes) {
                const int i1 = std::min(i0 + lanes, Lg);
                segLanesK += double(lanes) * p.kernel;
                segSpan += axisWindow(L, p, (i1 - 1) * p.dilation + g).end -
                           axisWindow(L, p, i0 * p.dilation + g).start;
                segments += 1;
            }
        }
        double outerWindow = 1; // key rows summed over query rows
        for (int a = 0; a + 1 < rank; ++a)
            outerWindow *=
                axisSums(shape.sizes[std::size_t(a)], params.axes[std::size_t(a)], 1).window;
        // Outer axes as (z, y); a 2-D problem has one z of length 1, a 1-D one a single row.
        const int blockRows =
            impl == Impl::Fused && rank > 1 ? detail::fusedBlockRows(p.kernel) : 1;
        const bool has0 = rank == 3, has1 = rank >= 2;
        const AxisParams one{};
        const AxisParams& p0 = has0 ? params.axes[0] : one;
        const AxisParams& p1 = has1 ? params.axes[std::size_t(rank - 2)] : one;
        const int L0 = has0 ? shape.sizes[0] : 1,
                  L1 = has1 ? shape.sizes[std::size_t(rank - 2)] : 1;
        double unionRows = 0, blocks = 0;
        std::vector<std::int64_t> rows;
        for (int g0 = 0; g0 < p0.dilation; ++g0)
            for (int g1 = 0; g1 < p1.dilation; ++g1) {
                const int n0 = groupLength(L0, p0.dilation, g0);
                const int n1 = groupLength(L1, p1.dilation, g1);
                const int queryRows = n0 * n1;
                for (int b0 = 0; b0 < queryRows; b0 += blockRows) {
                    rows.clear();
                    for (int i = b0; i < std::min(queryRows, b0 + blockRows); ++i) {
                        const AxisWindow wz = has0 ? axisWindow(L0, p0, (i / n1) * p0.dilation + g0)
                                                   : AxisWindow{0, 0, 1};
                        const AxisWindow wy = has1 ? axisWindow(L1, p1, (i % n1) * p1.dilation + g1)
                                                   : AxisWindow{0, 0, 1};
                        for (int jz = wz.start; jz < wz.end; ++jz)
                            for (int jy = wy.start; jy < wy.end; ++jy)
                                rows.push_back(std::int64_t(jz) * n1 + jy);
                    }
                    std::sort(rows.begin(), rows.end());
                    unionRows += double(std::unique(rows.begin(), rows.end()) - rows.begin());
                    blocks += 1;
                }
            }
        c.executedFlops = bh * outerWindow * segLanesK * 4 * D;
        c.qkvBytes = bh * D * 4 * (N + 2 * unionRows * segSpan);
        const double tiles = blocks * segments;
        c.kvBytesPerTile = 2 * unionRows * segSpan / tiles * D * 4;
        c.queriesPerTile = N / tiles;
        break;
    }
    }
    return c;
}

} // namespace algoscope::attention
