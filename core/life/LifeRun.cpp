#include "life/LifeRun.h"

#include "life/PeriodDetector.h"

#include <chrono>

namespace algoscope::life {

double RunResult::cellUpdatesPerSecond() const noexcept {
    if (seconds <= 0)
        return 0;
    return double(generationsRun) * double(cellsPerGeneration) / seconds;
}

RunResult runLife(LifeEngine& engine, const RunOptions& options, const util::TaskContext& ctx) {
    RunResult r;
    r.cellsPerGeneration = std::uint64_t(engine.width()) * engine.height();
    const auto t0 = std::chrono::steady_clock::now();
    const std::uint64_t start = engine.generation();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    try {
        if (!options.stopWhenStable) {
            engine.step(options.generations, ctx);
        } else {
            PeriodDetector detector(options.maxPeriod);
            detector.observe(engine.generation(), engine.hash());
            for (std::uint64_t g = 0; g < options.generations; ++g) {
                ctx.checkCancelled();
                if (g % 64 == 0)
                    ctx.report(double(g) / double(options.generations));
                // ctx is passed on for cancellation inside long generations (huge boards); the
                // engine's own progress reports then cover one generation each.
                engine.step(1, ctx);
                if (auto p = detector.observe(engine.generation(), engine.hash())) {
                    r.period = *p;
                    break;
                }
            }
            ctx.report(1.0);
        }
    } catch (...) {
        r.generationsRun = engine.generation() - start;
        throw;
    }
    r.seconds = elapsed();
    r.generationsRun = engine.generation() - start;
    return r;
}

} // namespace algoscope::life
