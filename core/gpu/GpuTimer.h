#pragma once
// Times GPU work with a GL_TIME_ELAPSED query: the time the GPU spent on the commands between
// begin() and end(), without the CPU-side submission overhead. Where timer queries are missing
// it falls back to CPU wall time with glFinish at both ends (coarser; usesQuery() says which).
//
// GL_TIME_ELAPSED queries cannot nest or overlap: one running GpuTimer per context at a time.
// Some drivers answer queries with nonsense (Mesa llvmpipe reports ~0 ns for compute work, since
// it runs dispatches outside the query's clock): a result under 1 us for an interval that took
// over 20 us of wall time is replaced by the wall time and the timer switches to the fallback.
// On llvmpipe/softpipe, and with ALGOSCOPE_GPU_TIMER=finish, the fallback is used from the start.
#include <cstdint>

namespace algoscope::gpu {

class GpuTimer {
public:
    /// Needs a current context; creates the query object when timer queries are supported.
    GpuTimer();
    ~GpuTimer();
    GpuTimer(const GpuTimer&) = delete;
    GpuTimer& operator=(const GpuTimer&) = delete;

    void begin();
    void end();
    /// Nanoseconds between begin() and end(); waits for the GPU to finish that work.
    /// Throws std::logic_error when begin()/end() were not both called.
    std::uint64_t resultNanoseconds();
    double resultMilliseconds() { return static_cast<double>(resultNanoseconds()) * 1e-6; }

    bool usesQuery() const { return m_query != 0; }

private:
    std::uint32_t m_query = 0;
    bool m_begun = false, m_ended = false;
    std::int64_t m_cpuBegin = 0, m_cpuEnd = 0; // steady_clock ns, fallback only
};

} // namespace algoscope::gpu
