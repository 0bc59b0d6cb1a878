// GPU check lab: CPU twin vs GPU kernel for the inclusive scan, at several sizes in one process.
//   BM_CpuScan            gpucheck::cpuInclusiveScan (OpenMP above 2^16 elements)
//   BM_GpuScan            GpuScan::scanInPlace on a resident buffer, wall time to glFinish
//   BM_GpuScanRoundTrip   upload + scan + download, what a caller holding CPU data pays
// GPU benchmarks run on a headless EGL context and are skipped (SkipWithError, with the reason)
// where no OpenGL 4.3 context can be made. Wall time rather than GL timer queries drives the
// iteration count because some drivers (Mesa llvmpipe) answer those queries with ~0 ns; the
// query's figure is reported as the counter gpu_query_ms for drivers where it is meaningful.
#include "gpu/Buffer.h"
#include "gpu/GpuScan.h"
#include "gpu/GpuTimer.h"
#include "gpu/HeadlessContext.h"
#include "gpucheck/CheckInputs.h"
#include "gpucheck/CpuScan.h"

#include <benchmark/benchmark.h>
#include <epoxy/gl.h>

#include <memory>
#include <string>

using namespace algoscope;

namespace {

// One context for the whole program, made on first use (benchmarks run on the main thread).
gpu::HeadlessContext* sharedContext(std::string& whyNot) {
    static std::string reason;
    static std::unique_ptr<gpu::HeadlessContext> ctx = gpu::HeadlessContext::create(&reason);
    whyNot = reason;
    if (ctx && !ctx->makeCurrent()) {
        whyNot = "cannot make the headless context current";
        return nullptr;
    }
    return ctx.get();
}

bool requireGpu(benchmark::State& state) {
    std::string why;
    if (sharedContext(why))
        return true;
    state.SkipWithError(("no OpenGL 4.3 context: " + why).c_str());
    return false;
}

void setThroughput(benchmark::State& state, std::size_t n) {
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
    // One read and one write of every element.
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(2 * n * 4));
}

void BM_CpuScan(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto input = gpucheck::makeScanInput(n, 1);
    std::vector<std::uint32_t> out(n);
    for (auto _ : state) {
        gpucheck::cpuInclusiveScan(input, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    setThroughput(state, n);
}

void BM_GpuScan(benchmark::State& state) {
    if (!requireGpu(state))
        return;
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto input = gpucheck::makeScanInput(n, 1);
    gpu::GpuScan scan;
    gpu::Buffer data = gpu::Buffer::fromSpan(std::span<const std::uint32_t>(input));
    gpu::GpuTimer timer;
    double queryMs = 0;
    scan.scanInPlace(data, n); // warm-up: allocates the block-sum buffers
    glFinish();
    for (auto _ : state) {
        // Scanning the previous result again is the same work (the values just wrap), so the
        // buffer needs no re-upload between iterations.
        timer.begin();
        scan.scanInPlace(data, n);
        timer.end();
        glFinish();
        queryMs += timer.resultMilliseconds();
    }
    state.counters["gpu_query_ms"] =
        benchmark::Counter(queryMs, benchmark::Counter::kAvgIterations);
    setThroughput(state, n);
}

void BM_GpuScanRoundTrip(benchmark::State& state) {
    if (!requireGpu(state))
        return;
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto input = gpucheck::makeScanInput(n, 1);
    std::vector<std::uint32_t> out(n);
    gpu::GpuScan scan;
    gpu::Buffer data(n * sizeof(std::uint32_t));
    for (auto _ : state) {
        data.upload(std::span<const std::uint32_t>(input));
        scan.scanInPlace(data, n);
        data.download(std::span<std::uint32_t>(out));
        benchmark::DoNotOptimize(out.data());
    }
    setThroughput(state, n);
}

// 2^10 (launch overhead dominates) to 2^24 (bandwidth dominates), in steps of 16.
BENCHMARK(BM_CpuScan)->RangeMultiplier(16)->Range(1 << 10, 1 << 24)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GpuScan)
    ->RangeMultiplier(16)
    ->Range(1 << 10, 1 << 24)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_GpuScanRoundTrip)
    ->RangeMultiplier(16)
    ->Range(1 << 10, 1 << 24)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
