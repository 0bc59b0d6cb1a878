#include "gpu/GpuTimer.h"

#include <epoxy/gl.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace algoscope::gpu {

namespace {

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

GpuTimer::GpuTimer() {
    // Core since OpenGL 3.3, but a zero-bit counter means the driver cannot actually time.
    GLint bits = 0;
    glGetQueryiv(GL_TIME_ELAPSED, GL_QUERY_COUNTER_BITS, &bits);
    const char* mode = std::getenv("ALGOSCOPE_GPU_TIMER");
    // Mesa's software rasterizers run compute dispatches outside the query's clock and answer
    // ~0 ns: time them by wall clock from the start.
    const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const bool softwareGl =
        renderer && (std::string_view(renderer).find("llvmpipe") != std::string_view::npos ||
                     std::string_view(renderer).find("softpipe") != std::string_view::npos);
    const bool forceFinish = (mode && std::string_view(mode) == "finish") || softwareGl;
    if (bits > 0 && !forceFinish)
        glGenQueries(1, &m_query);
    while (glGetError() != GL_NO_ERROR) {
    }
}

GpuTimer::~GpuTimer() {
    if (m_query)
        glDeleteQueries(1, &m_query);
}

void GpuTimer::begin() {
    m_begun = true;
    m_ended = false;
    if (m_query) {
        m_cpuBegin = nowNs(); // for the plausibility check in resultNanoseconds()
        glBeginQuery(GL_TIME_ELAPSED, m_query);
    } else {
        glFinish(); // so earlier work is not charged to this interval
        m_cpuBegin = nowNs();
    }
}

void GpuTimer::end() {
    if (!m_begun)
        throw std::logic_error("GpuTimer::end without begin");
    m_ended = true;
    if (m_query) {
        glEndQuery(GL_TIME_ELAPSED);
    } else {
        glFinish();
        m_cpuEnd = nowNs();
    }
}

std::uint64_t GpuTimer::resultNanoseconds() {
    if (!m_begun || !m_ended)
        throw std::logic_error("GpuTimer::resultNanoseconds before begin() and end()");
    if (!m_query)
        return static_cast<std::uint64_t>(m_cpuEnd - m_cpuBegin);
    GLuint64 ns = 0;
    glGetQueryObjectui64v(m_query, GL_QUERY_RESULT, &ns); // blocks until available
    // Plausibility: a query that claims under 1 us for work that took over 20 us of wall time
    // (begin to result, which includes the work) comes from a driver whose clock does not see
    // the dispatch (llvmpipe). Use the wall time then, and drop the query for later intervals.
    const std::int64_t wall = nowNs() - m_cpuBegin;
    if (ns < 1000 && wall > 20000) {
        glDeleteQueries(1, &m_query);
        m_query = 0;
        return static_cast<std::uint64_t>(wall);
    }
    return ns;
}

} // namespace algoscope::gpu
