#pragma once
// The GPU check lab's experiment: for one operation and a list of sizes, run the CPU twin and the
// GPU kernel on the same deterministic input, time both, and compare the outputs. Used by
// `algoscope-cli gpu bench` and the lab's GUI panel. Needs a current OpenGL 4.3 context.
#include "util/TaskContext.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::gpu {

class GpuCheckRun {
public:
    enum class Op { Scan, Saxpy };

    struct Options {
        Op op = Op::Scan;
        std::vector<std::size_t> sizes;
        int reps = 5;           // timed repetitions per size (>= 1)
        std::uint64_t seed = 1; // input for size n comes from seed and n
        std::size_t previewCount = 8;
    };

    struct SizeResult {
        std::size_t size = 0;
        double cpuMs = 0;        // median CPU twin time
        double gpuMs = 0;        // median GPU kernel time (GpuTimer: query, or glFinish fallback)
        double gpuTotalMs = 0;   // median wall time of upload + kernel + download
        double maxAbsDiff = 0;   // over all repetitions
        bool exactMatch = false; // bit-for-bit equal in every repetition
        std::vector<double> firstCpu, firstGpu; // the first previewCount outputs
    };

    /// "scan" or "saxpy"; anything else throws util::Error listing the choices.
    static Op parseOp(std::string_view name);
    static std::string opName(Op op);

    /// Throws util::Error for no sizes, a size of 0 or reps < 1.
    explicit GpuCheckRun(Options options);

    /// Runs every size; reports progress after each repetition and checks for cancellation
    /// between repetitions (throws util::Cancelled). Throws util::LimitError for sizes beyond
    /// the driver's storage-buffer limit.
    std::vector<SizeResult> run(const util::TaskContext& task = {});

    /// Whether the GPU times of the last run() came from timer queries.
    bool gpuTimerUsedQuery() const { return m_timerUsedQuery; }

    /// {"op", "reps", "seed", "gpu_timer", "results": [{"size", "cpu_ms", "gpu_ms",
    /// "gpu_total_ms", "max_abs_diff", "exact_match", "first_cpu", "first_gpu"}...]}
    nlohmann::json toJson(const std::vector<SizeResult>& results) const;
    /// Header "op,size,cpu_ms,gpu_ms,gpu_total_ms,max_abs_diff,exact_match" and one row per size.
    std::string toCsv(const std::vector<SizeResult>& results) const;

    const Options& options() const { return m_options; }

private:
    Options m_options;
    bool m_timerUsedQuery = false;
};

} // namespace algoscope::gpu
