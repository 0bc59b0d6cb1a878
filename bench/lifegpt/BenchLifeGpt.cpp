// The cost of learning a rule: LifeGPT training throughput and inference latency against the
// bit-packed engine's time for the same Life step.
//   BM_TrainStep/grid/threads     one optimiser step, batch 16, width 64, 2 layers, 4 heads;
//                                 items_per_second = training tokens per second
//   BM_PredictBoard/grid/threads  greedy next-state prediction of one board (KV cache)
//   BM_EngineStep/grid            the bit-packed engine advancing the same board one generation
// Run: bench_LifeGpt --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "lifegpt/LifeGpt.h"

#include <benchmark/benchmark.h>
#include <omp.h>

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

void BM_EngineStep(benchmark::State& state) {
    const int grid = int(state.range(0));
    util::Rng rng(1);
    const life::Board board = randomBoardWithDensity(grid, 0.35, rng);
    for (auto _ : state)
        benchmark::DoNotOptimize(lifeStep(board));
    state.SetItemsProcessed(state.iterations());
}

} // namespace

BENCHMARK(BM_TrainStep)
    ->Args({8, 1})
    ->Args({8, 2})
    ->Args({16, 1})
    ->Args({16, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PredictBoard)
    ->Args({8, 1})
    ->Args({8, 2})
    ->Args({16, 1})
    ->Args({16, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_EngineStep)->Arg(8)->Arg(16)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
