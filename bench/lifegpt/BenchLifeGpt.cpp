// The cost of learning a rule: LifeGPT training throughput and inference latency against the
// bit-packed engine's time for the same Life step.
//   BM_TrainStep/grid/threads/allocator  one optimiser step, batch 16, width 64, 2 layers,
//                                 4 heads; items_per_second = training tokens per second;
//                                 allocator 0 glibc's defaults (the baseline), 1 the trainer's
//                                 util::keepFreedMemoryForReuse()
//   BM_PredictBoard/grid/threads  greedy next-state prediction of one board (KV cache)
//   BM_PredictBatch/grid/engine   greedy prediction of 64 boards at once, per board: engine 0
//                                 the CPU (2 threads), 1 the GPU decoder (gpu::GpuLifeGpt;
//                                 llvmpipe on a machine without a GPU, so only a correctness
//                                 run there); skipped without an OpenGL 4.3 context
//   BM_EngineStep/grid            the bit-packed engine advancing the same board one generation
// Run: bench_LifeGpt --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "gpu/GpuLifeGpt.h"
#include "gpu/HeadlessContext.h"
#include "lifegpt/LifeGpt.h"

#include <benchmark/benchmark.h>
#include <omp.h>

#include <memory>
#include <string>

using namespace algoscope;
using namespace algoscope::lifegpt;

namespace {

nn::TransformerConfig net() {
    nn::TransformerConfig c;
    c.dim = 64;
    c.layers = 2;
    c.heads = 4;
    return c;
}

void BM_TrainStep(benchmark::State& state) {
    const int grid = int(state.range(0));
    omp_set_num_threads(int(state.range(1)));
    TrainConfig c;
    c.grid = grid;
    c.net = net();
    c.batch = 16;
    c.steps = 10000000;
    c.threads = int(state.range(1));
    c.keepFreedMemory = state.range(2) == 1;
    Trainer trainer(c);
    // One step per iteration: run() continues from the trainer's step; stop after one step by
    // cancelling from the progress callback.
    util::CancellationToken token;
    util::TaskContext ctx({}, &token);
    for (auto _ : state) {
        token.reset();
        try {
            trainer.run([&](const TrainProgress&) { token.cancel(); }, ctx);
        } catch (const util::Cancelled&) {
        }
    }
    state.SetItemsProcessed(state.iterations() * 16 * (sequenceLength(grid) - 1));
}

void BM_PredictBoard(benchmark::State& state) {
    const int grid = int(state.range(0));
    omp_set_num_threads(int(state.range(1)));
    LifeGptModel model(grid, net());
    model.net().init(1);
    util::Rng rng(1);
    const life::Board board = randomBoardWithDensity(grid, 0.35, rng);
    for (auto _ : state)
        benchmark::DoNotOptimize(model.predict({board}, 0.0, nullptr));
    state.SetItemsProcessed(state.iterations());
}

void BM_PredictBatch(benchmark::State& state) {
    const int grid = int(state.range(0));
    const bool onGpu = state.range(1) == 1;
    static std::string why;
    static std::unique_ptr<gpu::HeadlessContext> ctx;
    if (onGpu && !ctx)
        ctx = gpu::HeadlessContext::create(&why);
    if (onGpu && (!ctx || !ctx->makeCurrent())) {
        state.SkipWithError(("no OpenGL 4.3 context: " + why).c_str());
        return;
    }
    omp_set_num_threads(2);
    LifeGptModel model(grid, net());
    model.net().init(1);
    util::Rng rng(1);
    std::vector<life::Board> boards;
    for (int i = 0; i < 64; ++i)
        boards.push_back(randomBoard(grid, DataMode::Broad, rng));
    std::unique_ptr<gpu::GpuLifeGpt> decoder;
    if (onGpu)
        decoder = std::make_unique<gpu::GpuLifeGpt>(model);
    for (auto _ : state) {
        if (onGpu)
            benchmark::DoNotOptimize(decoder->predict(boards));
        else
            benchmark::DoNotOptimize(model.predict(boards, 0.0, nullptr));
    }
    state.SetItemsProcessed(state.iterations() * 64);
}

void BM_EngineStep(benchmark::State& state) {
    const int grid = int(state.range(0));
    util::Rng rng(1);
    const life::Board board = randomBoardWithDensity(grid, 0.35, rng);
    for (auto _ : state)
        benchmark::DoNotOptimize(lifeStep(board));
    state.SetItemsProcessed(state.iterations());
}

} // namespace

// The baseline (allocator 0: glibc's defaults) must run before any tuned run (allocator 1):
// mallopt is process-wide and cannot be undone, so these rows keep their registration order.
BENCHMARK(BM_TrainStep)
    ->ArgNames({"grid", "threads", "allocator"})
    ->Args({8, 1, 0})
    ->Args({8, 2, 0})
    ->Args({16, 1, 0})
    ->Args({16, 2, 0})
    ->Args({8, 1, 1})
    ->Args({8, 2, 1})
    ->Args({16, 1, 1})
    ->Args({16, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PredictBoard)
    ->Args({8, 1})
    ->Args({8, 2})
    ->Args({16, 1})
    ->Args({16, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PredictBatch)
    ->Args({8, 0})
    ->Args({8, 1})
    ->Args({16, 0})
    ->Args({16, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);
BENCHMARK(BM_EngineStep)->Arg(8)->Arg(16)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
