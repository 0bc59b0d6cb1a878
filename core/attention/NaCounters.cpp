#include "attention/NaCounters.h"

#include "attention/NaIndex.h"

#include <algorithm>

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
        const int lanes = impl == Impl::Fused ? 16 : 32;
        double outerWindow = 1, outerQueries = 1;
        for (int a = 0; a + 1 < rank; ++a) {
            outerWindow *=
                axisSums(shape.sizes[std::size_t(a)], params.axes[std::size_t(a)], 1).window;
            outerQueries *= shape.sizes[std::size_t(a)];
        }
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
        c.executedFlops = bh * outerWindow * segLanesK * 4 * D;
        c.qkvBytes = bh * D * 4 * (N + 2 * outerWindow * segSpan);
        const double tiles = outerQueries * segments;
        c.kvBytesPerTile = 2 * outerWindow * segSpan / tiles * D * 4;
        c.queriesPerTile = N / tiles;
        break;
    }
    }
    return c;
}

} // namespace algoscope::attention
