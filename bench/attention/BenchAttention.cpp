// Neighbourhood attention forward (attention/NaForward.h, gpu/GpuAttention.h): the issue's
// problem, 2-D, batch 1, 4 heads, head_dim 32, 56 x 56 tokens, kernel 7 and 13, dilation 1 and
// 2, float32, one CPU thread. Goals: fused >= 10x naive and >= 4x masked full attention with
// Eigen GEMMs; useful GFLOP/s of fused against Eigen's GEMM GFLOP/s on the same machine.
//   BM_Forward/impl/kernel/dilation   impl 0 naive, 1 gemm, 2 fused, 3 masked-gemm (Eigen)
//   BM_EigenGemm/m/k/n                Eigen's float GEMM alone (the baseline's QK^T shape and a
//                                     square one), compiled with the project's flags
//   BM_Gpu/impl/kernel/dilation       gpu-naive (0) / gpu-fused (1) on the same problem
//   BM_GpuPaper/impl                  NATTEN's profiler default problem (batch 128, 16 heads,
//                                     14 x 14, head_dim 32, kernel 7); for a real GPU (an H200 in
//                                     the paper); skipped on llvmpipe unless
//                                     ALGOSCOPE_BENCH_LLVMPIPE=1
// useful_GFLOPs counts 4 * head_dim per attention weight (NaCounters.h), per CPU second; the
// CPU column is this thread's CPU time (robust on a shared machine), Time is wall time.
// GPU benchmarks use manual (kernel) time.
// Run: bench_Attention --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "attention/NaCounters.h"
#include "attention/NaForward.h"
#include "gpu/GpuAttention.h"
#include "gpu/GpuCaps.h"
#include "gpu/HeadlessContext.h"
#include "util/Rng.h"

#include <Eigen/Core>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

using namespace algoscope;
using namespace algoscope::attention;

namespace {

struct Problem {
    Tensor q, k, v;
    NaOptions o;
    NaShape shape;
};

const Problem& problem(std::vector<std::int64_t> shape, int kernel, int dilation) {
    static std::map<std::string, Problem> cache;
    std::string key = std::to_string(kernel) + "/" + std::to_string(dilation);
    for (auto d : shape)
        key += "/" + std::to_string(d);
    auto it = cache.find(key);
    if (it == cache.end()) {
        Problem p;
        p.q = uniformTensor(shape, 1);
        p.k = uniformTensor(shape, 2);
        p.v = uniformTensor(shape, 3);
        p.o.params = makeParams(int(shape.size()) - 3, {kernel}, {dilation}, {1}, {0});
        p.o.threads = 1;
        p.shape = checkInputs(p.q, p.k, p.v, p.o);
        it = cache.emplace(key, std::move(p)).first;
    }
    return it->second;
}

const std::vector<std::int64_t> kIssueShape{1, 56, 56, 4, 32};

void BM_Forward(benchmark::State& state) {
    const Impl impls[] = {Impl::Naive, Impl::Gemm, Impl::Fused, Impl::MaskedGemm};
    const Impl impl = impls[state.range(0)];
    const Problem& p = problem(kIssueShape, int(state.range(1)), int(state.range(2)));
    forwardCpu(impl, p.q, p.k, p.v, p.o); // warm-up
    for (auto _ : state) {
        NaResult r = forwardCpu(impl, p.q, p.k, p.v, p.o);
        benchmark::DoNotOptimize(r.out.data.data());
    }
    const NaCounters c = countWork(impl, p.shape, p.o.params);
    state.SetLabel(std::string(implName(impl)) +
                   (impl == Impl::Fused ? std::string(" ") + std::string(fusedIsa()) : ""));
    state.counters["useful_GFLOPs"] = benchmark::Counter(
        c.usefulFlops * 1e-9 * double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["score_MiB"] = c.scoreBytes / 1048576.0;
}
double minimum(const std::vector<double>& v) {
    return *std::min_element(v.begin(), v.end());
}

BENCHMARK(BM_Forward)
    ->ArgsProduct({{0, 1, 2, 3}, {7, 13}, {1, 2}})
    // On a shared machine other load only adds time: the minimum over repetitions is reported
    // next to mean/median/stddev (--benchmark_repetitions=N).
    ->ComputeStatistics("min", minimum)
    ->ArgNames({"impl", "kernel", "dilation"})
    ->Unit(benchmark::kMillisecond);

void BM_EigenGemm(benchmark::State& state) {
    using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Index m = state.range(0), k = state.range(1), n = state.range(2);
    RowMat A = RowMat::Random(m, k), B = RowMat::Random(k, n), C(m, n);
    Eigen::setNbThreads(1);
    for (auto _ : state) {
        C.noalias() = A * B;
        benchmark::DoNotOptimize(C.data());
    }
    state.counters["GFLOPs"] = benchmark::Counter(
        2.0 * double(m * k * n) * 1e-9 * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EigenGemm)
    ->Args({3136, 32, 3136})
    ->Args({3136, 3136, 32})
    ->Args({1024, 1024, 1024})
    ->ArgNames({"m", "k", "n"})
    ->Unit(benchmark::kMillisecond);

struct Gpu {
    std::unique_ptr<gpu::HeadlessContext> context;
    std::unique_ptr<gpu::GpuAttention> attention;
    std::string renderer;
    bool software = false;
};

Gpu* gpuOrNull() {
    static std::unique_ptr<Gpu> g = [] {
        auto r = std::make_unique<Gpu>();
        r->context = gpu::HeadlessContext::create();
        if (!r->context)
            return std::unique_ptr<Gpu>();
        r->attention = std::make_unique<gpu::GpuAttention>();
        r->renderer = gpu::GpuCaps::probe().renderer();
        r->software = r->renderer.find("llvmpipe") != std::string::npos ||
                      r->renderer.find("softpipe") != std::string::npos;
        return r;
    }();
    return g.get();
}

void runGpu(benchmark::State& state, Impl impl, const Problem& p) {
    Gpu* g = gpuOrNull();
    if (!g) {
        state.SkipWithError("no OpenGL 4.3 context");
        return;
    }
    g->attention->forward(impl, p.q, p.k, p.v, p.o); // warm-up, shader compilation
    for (auto _ : state) {
        double ms = 0;
        g->attention->forward(impl, p.q, p.k, p.v, p.o, {}, &ms);
        state.SetIterationTime(ms * 1e-3);
    }
    const NaCounters c = countWork(impl, p.shape, p.o.params);
    state.SetLabel(std::string(implName(impl)) + " on " + g->renderer);
    state.counters["useful_GFLOP"] = c.usefulFlops * 1e-9;
}

void BM_Gpu(benchmark::State& state) {
    runGpu(state, state.range(0) == 0 ? Impl::GpuNaive : Impl::GpuFused,
           problem(kIssueShape, int(state.range(1)), int(state.range(2))));
}
BENCHMARK(BM_Gpu)
    ->ArgsProduct({{0, 1}, {7, 13}, {1, 2}})
    ->ArgNames({"impl", "kernel", "dilation"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_GpuPaper(benchmark::State& state) {
    Gpu* g = gpuOrNull();
    const char* force = std::getenv("ALGOSCOPE_BENCH_LLVMPIPE");
    if (g && g->software && !(force && std::string(force) == "1")) {
        state.SkipWithError("software OpenGL (llvmpipe): the paper's problem needs a real GPU; "
                            "set ALGOSCOPE_BENCH_LLVMPIPE=1 to run it anyway");
        return;
    }
    runGpu(state, state.range(0) == 0 ? Impl::GpuNaive : Impl::GpuFused,
           problem({128, 14, 14, 16, 32}, 7, 1));
}
BENCHMARK(BM_GpuPaper)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("impl")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
