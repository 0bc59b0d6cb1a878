#include "gpu/GpuCheckRun.h"

#include "gpu/Buffer.h"
#include "gpu/GpuSaxpy.h"
#include "gpu/GpuScan.h"
#include "gpu/GpuTimer.h"
#include "gpucheck/CheckInputs.h"
#include "gpucheck/CpuSaxpy.h"
#include "gpucheck/CpuScan.h"
#include "util/Error.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>

namespace algoscope::gpu {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Each size gets its own stream, so adding a size to the list leaves the others' inputs as
// they were.
std::uint64_t inputSeed(std::uint64_t seed, std::size_t n) {
    return seed ^ (0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(n) + 1));
}

// Differences and preview of one repetition, folded into the size's result.
template <class T>
void compare(const std::vector<T>& cpu, const std::vector<T>& gpu, std::size_t preview,
             GpuCheckRun::SizeResult& r) {
    bool exact = cpu.size() == gpu.size() &&
                 std::memcmp(cpu.data(), gpu.data(), cpu.size() * sizeof(T)) == 0;
    double diff = 0;
    for (std::size_t i = 0; i < std::min(cpu.size(), gpu.size()); ++i)
        diff = std::max(diff, std::abs(static_cast<double>(cpu[i]) - static_cast<double>(gpu[i])));
    if (cpu.size() != gpu.size())
        diff = std::numeric_limits<double>::infinity();
    r.exactMatch = r.exactMatch && exact;
    r.maxAbsDiff = std::max(r.maxAbsDiff, diff);
    r.firstCpu.assign(cpu.begin(), cpu.begin() + std::min(preview, cpu.size()));
    r.firstGpu.assign(gpu.begin(), gpu.begin() + std::min(preview, gpu.size()));
}

nlohmann::json numbers(const std::vector<double>& v) {
    // Integral values print as integers (the lab's outputs are integers), others as doubles.
    nlohmann::json a = nlohmann::json::array();
    for (double x : v) {
        if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 9.0e15)
            a.push_back(static_cast<std::int64_t>(x));
        else
            a.push_back(x);
    }
    return a;
}

} // namespace

GpuCheckRun::Op GpuCheckRun::parseOp(std::string_view name) {
    if (name == "scan")
        return Op::Scan;
    if (name == "saxpy")
        return Op::Saxpy;
    throw util::Error("unknown GPU check operation '" + std::string(name) +
                      "' (choose scan or saxpy)");
}

std::string GpuCheckRun::opName(Op op) {
    return op == Op::Scan ? "scan" : "saxpy";
}

GpuCheckRun::GpuCheckRun(Options options) : m_options(std::move(options)) {
    if (m_options.sizes.empty())
        throw util::Error("GPU check: no sizes given");
    for (std::size_t n : m_options.sizes)
        if (n == 0)
            throw util::Error("GPU check: sizes must be at least 1");
    if (m_options.reps < 1)
        throw util::Error("GPU check: repetitions must be at least 1");
}

std::vector<GpuCheckRun::SizeResult> GpuCheckRun::run(const util::TaskContext& task) {
    const auto& o = m_options;
    std::optional<GpuScan> scan;
    std::optional<GpuSaxpy> saxpy;
    if (o.op == Op::Scan)
        scan.emplace();
    else
        saxpy.emplace();
    GpuTimer timer;
    m_timerUsedQuery = timer.usesQuery();

    std::vector<SizeResult> results;
    const double steps = static_cast<double>(o.sizes.size()) * o.reps;
    double done = 0;
    for (std::size_t n : o.sizes) {
        SizeResult r;
        r.size = n;
        r.exactMatch = true;
        std::vector<double> cpuMs, gpuMs, totalMs;
        const std::uint64_t seed = inputSeed(o.seed, n);
        if (o.op == Op::Scan) {
            const auto input = gpucheck::makeScanInput(n, seed);
            std::vector<std::uint32_t> cpuOut(n), gpuOut(n);
            Buffer data(n * sizeof(std::uint32_t));
            for (int rep = 0; rep < o.reps; ++rep) {
                task.checkCancelled();
                auto t0 = Clock::now();
                gpucheck::cpuInclusiveScan(input, cpuOut);
                cpuMs.push_back(msSince(t0));

                glFinish(); // nothing queued from before is charged to this repetition
                t0 = Clock::now();
                data.upload(std::span<const std::uint32_t>(input));
                timer.begin();
                scan->scanInPlace(data, n);
                timer.end();
                data.download(std::span<std::uint32_t>(gpuOut));
                totalMs.push_back(msSince(t0));
                gpuMs.push_back(timer.resultMilliseconds());
                compare(cpuOut, gpuOut, o.previewCount, r);
                task.report(++done / steps, "scan n=" + std::to_string(n));
            }
        } else {
            const auto input = gpucheck::makeSaxpyInput(n, seed);
            std::vector<float> cpuOut(n), gpuOut(n);
            Buffer x(n * sizeof(float)), y(n * sizeof(float));
            for (int rep = 0; rep < o.reps; ++rep) {
                task.checkCancelled();
                cpuOut = input.y; // the copy is not part of the timed work
                auto t0 = Clock::now();
                gpucheck::cpuSaxpyInPlace(input.a, input.x, cpuOut);
                cpuMs.push_back(msSince(t0));

                glFinish();
                t0 = Clock::now();
                x.upload(std::span<const float>(input.x));
                y.upload(std::span<const float>(input.y));
                timer.begin();
                saxpy->run(input.a, x, y, n);
                timer.end();
                y.download(std::span<float>(gpuOut));
                totalMs.push_back(msSince(t0));
                gpuMs.push_back(timer.resultMilliseconds());
                compare(cpuOut, gpuOut, o.previewCount, r);
                task.report(++done / steps, "saxpy n=" + std::to_string(n));
            }
        }
        r.cpuMs = median(cpuMs);
        r.gpuMs = median(gpuMs);
        r.gpuTotalMs = median(totalMs);
        results.push_back(std::move(r));
    }
    m_timerUsedQuery = timer.usesQuery(); // the timer may have dropped an implausible query
    return results;
}

nlohmann::json GpuCheckRun::toJson(const std::vector<SizeResult>& results) const {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : results)
        rows.push_back({{"size", r.size},
                        {"cpu_ms", r.cpuMs},
                        {"gpu_ms", r.gpuMs},
                        {"gpu_total_ms", r.gpuTotalMs},
                        {"max_abs_diff", r.maxAbsDiff},
                        {"exact_match", r.exactMatch},
                        {"first_cpu", numbers(r.firstCpu)},
                        {"first_gpu", numbers(r.firstGpu)}});
    return {{"op", opName(m_options.op)},
            {"reps", m_options.reps},
            {"seed", m_options.seed},
            {"gpu_timer", m_timerUsedQuery ? "query" : "cpu_finish"},
            {"results", rows}};
}

std::string GpuCheckRun::toCsv(const std::vector<SizeResult>& results) const {
    std::ostringstream s;
    s.precision(9);
    s << "op,size,cpu_ms,gpu_ms,gpu_total_ms,max_abs_diff,exact_match\n";
    for (const auto& r : results)
        s << opName(m_options.op) << ',' << r.size << ',' << r.cpuMs << ',' << r.gpuMs << ','
          << r.gpuTotalMs << ',' << r.maxAbsDiff << ',' << (r.exactMatch ? "true" : "false")
          << '\n';
    return s.str();
}

} // namespace algoscope::gpu
