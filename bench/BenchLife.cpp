// Life engines on random 50% soups on a torus (B3/S23), the board of the performance
// goal (4096 x 4096, one thread: at least 2e10 cell-updates/s). items_per_second = cell updates.
//   BM_Naive/N                 byte per cell, the reference
//   BM_Bitpacked/N/threads     64 cells per word, SIMD (the best ISA this CPU has), OpenMP
//   BM_BitpackedIsa/N/isa      one thread per instruction set: 0 scalar, 1 AVX2, 2 AVX-512
//   BM_Gpu/N                   OpenGL compute (llvmpipe on a machine without a GPU); skipped
//                              without an OpenGL 4.3 context
//   BM_Raster/view/block       the canvas's picture of a 4096^2 soup (what a frame costs the
//                              GUI thread when the simulation thread has not built it): the
//                              view's cells, one texel per block x block cells
//   BM_RasterPerCell/view      baseline: the same picture cell by cell with Board::get
// Each iteration advances a fixed number of generations (one pass of the bitpacked engine's
// temporal blocking is 16), from the board the previous iteration left: the bitpacked and GPU
// engines' cost does not depend on the pattern, and a 50% soup stays busy for thousands of
// generations. Run: bench_Life --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "gpu/GpuLife.h"
#include "gpu/HeadlessContext.h"
#include "life/BitpackedEngine.h"
#include "life/BoardRaster.h"
#include "life/NaiveEngine.h"
#include "life/Soup.h"

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

using namespace algoscope;
using namespace algoscope::life;

namespace {

const Board& soup(std::uint32_t n) {
    static std::map<std::uint32_t, Board> boards;
    auto it = boards.find(n);
    if (it == boards.end())
        it = boards.emplace(n, randomSoup(n, n, 0.5, 1)).first;
    return it->second;
}

void run(benchmark::State& state, LifeEngine& engine, std::uint32_t n, std::uint64_t gens) {
    engine.setTopology(Topology::Torus);
    engine.setBoard(soup(n));
    engine.step(1); // warm-up: thread pool, buffers, first dispatch
    for (auto _ : state) {
        engine.step(gens);
        benchmark::DoNotOptimize(engine.generation());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(gens) * std::int64_t(n) * n);
    state.counters["population"] = double(engine.population());
}

void BM_Naive(benchmark::State& state) {
    NaiveEngine e;
    run(state, e, std::uint32_t(state.range(0)), 1);
}

void BM_Bitpacked(benchmark::State& state) {
    BitpackedEngine e;
    e.setThreads(int(state.range(1)));
    state.SetLabel(std::string(e.isaName()));
    run(state, e, std::uint32_t(state.range(0)), 32);
}

void BM_BitpackedIsa(benchmark::State& state) {
    const BitpackedEngine::Isa isas[] = {BitpackedEngine::Isa::Scalar, BitpackedEngine::Isa::Avx2,
                                         BitpackedEngine::Isa::Avx512};
    const auto isa = isas[state.range(1)];
    if (!BitpackedEngine::isaSupported(isa)) {
        state.SkipWithError("this CPU lacks the instruction set");
        return;
    }
    BitpackedEngine e(isa);
    e.setThreads(1);
    state.SetLabel(std::string(e.isaName()));
    run(state, e, std::uint32_t(state.range(0)), 32);
}

void BM_Gpu(benchmark::State& state) {
    static std::string why;
    static std::unique_ptr<gpu::HeadlessContext> ctx = gpu::HeadlessContext::create(&why);
    if (!ctx || !ctx->makeCurrent()) {
        state.SkipWithError(("no OpenGL 4.3 context: " + why).c_str());
        return;
    }
    gpu::GpuLife e;
    run(state, e, std::uint32_t(state.range(0)), 32);
}

// Region: a view of `view` x (view * 5 / 8) cells (a 16:10 canvas) at the top-left.
RasterRegion rasterRegion(std::uint32_t view, std::uint32_t block) {
    return {0, 0, view, std::min<std::uint32_t>(4096, view * 5 / 8 + 1), block};
}

void BM_Raster(benchmark::State& state) {
    const Board& b = soup(4096);
    const RasterRegion r =
        rasterRegion(std::uint32_t(state.range(0)), std::uint32_t(state.range(1)));
    std::vector<std::uint8_t> out;
    for (auto _ : state) {
        rasterize(b, r, nullptr, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["texels"] = double(out.size());
}

void BM_RasterPerCell(benchmark::State& state) {
    const Board& b = soup(4096);
    const RasterRegion r = rasterRegion(std::uint32_t(state.range(0)), 1);
    std::vector<std::uint8_t> out;
    for (auto _ : state) {
        out.assign(std::size_t(r.width) * r.height, 0);
        for (std::uint32_t y = 0; y < r.height; ++y)
            for (std::uint32_t x = 0; x < r.width; ++x)
                if (b.get(r.x + x, r.y + y))
                    out[std::size_t(y) * r.width + x] = 255;
        benchmark::DoNotOptimize(out.data());
    }
}

} // namespace

BENCHMARK(BM_Raster)
    ->Args({1600, 1}) // 1 cell per pixel on a 1600 x 1000 canvas
    ->Args({3200, 2}) // zoomed out x2
    ->Args({4096, 5}) // the whole board fitted to a 1000-pixel-high canvas
    ->Args({4096, 3})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RasterPerCell)->Arg(1600)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Naive)->Arg(1024)->Arg(4096)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Bitpacked)
    ->Args({1024, 1})
    ->Args({1024, 2})
    ->Args({4096, 1})
    ->Args({4096, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_BitpackedIsa)
    ->Args({4096, 0})
    ->Args({4096, 1})
    ->Args({4096, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Gpu)->Arg(1024)->Arg(4096)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
