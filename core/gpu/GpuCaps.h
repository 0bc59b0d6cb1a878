#pragma once
// What the current OpenGL context offers for compute: version strings and the limits that size
// our dispatches and buffers. Probed once per context; cheap (a few glGet calls).
#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace algoscope::gpu {

class GpuCaps {
public:
    /// Reads the limits of the context current on this thread. Needs a current context.
    static GpuCaps probe();

    /// OpenGL 4.3 or later: compute shaders and shader storage buffers are core.
    bool hasCompute43() const { return m_major * 10 + m_minor >= 43; }
    /// {"gl_version", "renderer", "vendor", "glsl_version", "limits": {...}}.
    nlohmann::json toJson() const;

    const std::string& glVersion() const { return m_glVersion; }
    const std::string& renderer() const { return m_renderer; }
    const std::string& vendor() const { return m_vendor; }
    const std::string& glslVersion() const { return m_glslVersion; }
    int major() const { return m_major; }
    int minor() const { return m_minor; }
    const std::array<std::int64_t, 3>& maxWorkGroupCount() const { return m_maxWorkGroupCount; }
    const std::array<std::int64_t, 3>& maxWorkGroupSize() const { return m_maxWorkGroupSize; }
    std::int64_t maxWorkGroupInvocations() const { return m_maxWorkGroupInvocations; }
    std::int64_t maxSharedMemoryBytes() const { return m_maxSharedMemoryBytes; }
    std::int64_t maxSsboBytes() const { return m_maxSsboBytes; }
    std::int64_t maxSsboBindings() const { return m_maxSsboBindings; }
    /// GL_TIME_ELAPSED queries with a non-zero counter width.
    bool hasTimerQuery() const { return m_hasTimerQuery; }

private:
    std::string m_glVersion, m_renderer, m_vendor, m_glslVersion;
    int m_major = 0, m_minor = 0;
    std::array<std::int64_t, 3> m_maxWorkGroupCount{};
    std::array<std::int64_t, 3> m_maxWorkGroupSize{};
    std::int64_t m_maxWorkGroupInvocations = 0;
    std::int64_t m_maxSharedMemoryBytes = 0;
    std::int64_t m_maxSsboBytes = 0;
    std::int64_t m_maxSsboBindings = 0;
    bool m_hasTimerQuery = false;
};

} // namespace algoscope::gpu
