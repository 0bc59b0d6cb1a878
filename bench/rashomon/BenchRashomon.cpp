// Rashomon lab benchmarks (numbers in docs/benchmarks.md, "Rashomon sets").
//   BM_TreeCount/<data>/<depth>     exact counting of trees of depth <= D: the long-double/double
//                                   pass (all errors) plus the exact GMP set size at theta 0.05
//   BM_TreeCountFloat/<data>/<depth> the first pass alone (the whole error distribution)
//   BM_PythonBaseline/<data>/<depth> bench/rashomon/rashomon_baseline.py, the same dynamic
//                                   programme in memoised Python with exact integers, run in a
//                                   child process (its own CPU-time clock, excluding start-up
//                                   and loading; best of 3 counts) so both are measured side by
//                                   side in one run;
//                                   skipped when python3 or the script is missing.
// On a shared, loaded machine compare CPU times (the "CPU" column; Python reports
// time.process_time), not wall times.
//   BM_LinearCpu/<threads>          hyperplane-point evaluations/s of the Monte Carlo kernel
//   BM_LinearGpu                    the same in the compute shader (llvmpipe here: correctness
//                                   only, not a GPU speed); skipped without OpenGL 4.3
// Data: 0 monk1, 1 monk2, 2 monk3, 3 iris (quantiles:4), 4 wine (quantiles:2).
// Run: bench_Rashomon --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "gpu/GpuRashomon.h"
#include "gpu/HeadlessContext.h"
#include "rashomon/Binarizer.h"
#include "rashomon/Dataset.h"
#include "rashomon/LinearRashomon.h"
#include "rashomon/TreeCounter.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <unistd.h>

using namespace algoscope;
using namespace algoscope::rashomon;

namespace {

struct Case {
    const char* name;
    const char* binarize;
};
const Case kCases[] = {{"monk1", "quantiles:4"},
                       {"monk2", "quantiles:4"},
                       {"monk3", "quantiles:4"},
                       {"iris", "quantiles:4"},
                       {"wine", "quantiles:2"}};

const BinaryData& data(int i) {
    static std::map<int, BinaryData> cache;
    auto it = cache.find(i);
    if (it == cache.end())
        it = cache
                 .emplace(i, binarize(bundledDataset(kCases[i].name),
                                      BinarizeSpec::parse(kCases[i].binarize)))
                 .first;
    return it->second;
}

void BM_TreeCount(benchmark::State& state) {
    const BinaryData& d = data(int(state.range(0)));
    const int depth = int(state.range(1));
    state.SetLabel(std::string(kCases[state.range(0)].name) + " p=" + std::to_string(d.cols()));
    double log10Ratio = 0;
    for (auto _ : state) {
        TreeCounter tc(d, TreeSpace::MaxDepth, depth);
        const int E = maxErrorsFor(tc.bestErrors(), 0.05, d.rows());
        const mpz_class exact = tc.exactSetSize(E);
        benchmark::DoNotOptimize(exact.get_mpz_t());
        log10Ratio = tc.log10Ratio(E);
        state.counters["states"] = double(tc.states());
    }
    state.counters["log10_ratio"] = log10Ratio;
}

void BM_TreeCountFloat(benchmark::State& state) {
    const BinaryData& d = data(int(state.range(0)));
    const int depth = int(state.range(1));
    state.SetLabel(std::string(kCases[state.range(0)].name));
    for (auto _ : state) {
        TreeCounter tc(d, TreeSpace::MaxDepth, depth);
        benchmark::DoNotOptimize(tc.bestErrors());
    }
}

// The script sits beside this file. __FILE__ is absolute, or relative to the build directory
// (Ninja), which is the parent of this executable's bin/.
std::string baselineScript() {
    std::string f = __FILE__;
    std::string dir = f.substr(0, f.find_last_of('/') + 1);
    if (!dir.empty() && dir[0] != '/') {
        char exe[4096];
        const ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (len > 0) {
            std::string e(exe, std::size_t(len));
            e = e.substr(0, e.find_last_of('/')); // bin
            e = e.substr(0, e.find_last_of('/')); // build directory
            dir = e + "/" + dir;
        }
    }
    return dir + "rashomon_baseline.py";
}

void BM_PythonBaseline(benchmark::State& state) {
    const Case& c = kCases[state.range(0)];
    const int depth = int(state.range(1));
    const std::string script = baselineScript();
    if (!std::ifstream(script)) {
        state.SkipWithError("bench/rashomon/rashomon_baseline.py not found");
        return;
    }
    state.SetLabel(std::string(c.name) + " (python3)");
    for (auto _ : state) {
        // Best of 3 counts in one Python process (its time.process_time), like the C++ side's
        // mean over many iterations: neither pays start-up or first-run costs.
        const std::string cmd = "python3 '" + script + "' --repeat 3 --binarize " +
                                std::string(c.binarize).substr(10) + " " + c.name + ":" +
                                std::to_string(depth) + " 2>/dev/null";
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) {
            state.SkipWithError("cannot run python3");
            return;
        }
        char buf[8192];
        std::string out;
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        if (pclose(p) != 0 || out.find("\"seconds\": ") == std::string::npos) {
            state.SkipWithError("python3 baseline failed");
            return;
        }
        const double seconds = std::stod(out.substr(out.find("\"seconds\": ") + 11));
        state.SetIterationTime(seconds);
    }
}

void BM_LinearCpu(benchmark::State& state) {
    const auto pts = augment(bundledDataset("breast_cancer"));
    const std::size_t count = 1 << 16;
    const auto dirs = randomDirections(pts.dim, count, 1, 0);
    std::vector<std::uint32_t> errors(count);
    for (auto _ : state) {
        evaluateErrors(pts, dirs.data(), count, errors.data(), int(state.range(0)));
        benchmark::DoNotOptimize(errors.data());
    }
    // items = hyperplane-point evaluations (each a dot product of length p + 1 = 31)
    state.SetItemsProcessed(state.iterations() * std::int64_t(count) * std::int64_t(pts.n));
}

void BM_LinearGpu(benchmark::State& state) {
    std::string why;
    auto ctx = gpu::HeadlessContext::create(&why);
    if (!ctx) {
        state.SkipWithError(("no OpenGL 4.3 context: " + why).c_str());
        return;
    }
    const auto pts = augment(bundledDataset("breast_cancer"));
    const std::size_t count = 1 << 14;
    const auto dirs = randomDirections(pts.dim, count, 1, 0);
    std::vector<std::uint32_t> errors(count);
    gpu::GpuRashomon kernel(pts);
    kernel.evaluate(dirs.data(), count, errors.data()); // warm-up: compile, allocate
    for (auto _ : state) {
        kernel.evaluate(dirs.data(), count, errors.data());
        benchmark::DoNotOptimize(errors.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(count) * std::int64_t(pts.n));
}

} // namespace

BENCHMARK(BM_TreeCount)
    ->ArgsProduct({{0, 1, 2}, {3, 5, 7}})
    ->Args({3, 5})
    ->Args({3, 7})
    ->Args({4, 5})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TreeCountFloat)->Args({0, 7})->Args({4, 5})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PythonBaseline)
    ->Args({0, 5})
    ->Args({0, 7})
    ->Args({1, 7})
    ->Args({2, 7})
    ->Args({3, 5})
    ->Args({3, 7})
    ->Args({4, 5})
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LinearCpu)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LinearGpu)->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
