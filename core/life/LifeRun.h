#pragma once
// Runs an engine for a number of generations, optionally stopping when the board becomes a still
// life or an oscillator (period detection, PeriodDetector.h), and measures the speed. Used by
// the CLI, the benchmarks and the GUI's worker.
#include "life/LifeEngine.h"

#include <cstdint>
#include <optional>

namespace algoscope::life {

struct RunOptions {
    std::uint64_t generations = 0;
    /// Check the board's hash every generation and stop at the first repeat within maxPeriod.
    /// Costs a hash per generation and steps one generation at a time.
    bool stopWhenStable = false;
    std::uint32_t maxPeriod = 1000;
};

struct RunResult {
    std::uint64_t generationsRun = 0;
    /// Set when stopWhenStable found a repeat: 1 for a still life, p for an oscillator.
    std::optional<std::uint32_t> period;
    double seconds = 0; ///< wall time of the stepping alone (hashing included when detecting)
    /// generationsRun * width * height / seconds (0 when no time was measured).
    double cellUpdatesPerSecond() const noexcept;
    std::uint64_t cellsPerGeneration = 0;
};

/// Throws util::Cancelled like LifeEngine::step.
RunResult runLife(LifeEngine& engine, const RunOptions& options, const util::TaskContext& ctx = {});

} // namespace algoscope::life
