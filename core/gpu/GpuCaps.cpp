#include "gpu/GpuCaps.h"

#include "gpu/GlError.h"

#include <epoxy/gl.h>

namespace algoscope::gpu {

namespace {

std::string glString(GLenum name) {
    const GLubyte* s = glGetString(name);
    return s ? reinterpret_cast<const char*>(s) : "";
}

std::int64_t glInt64(GLenum name) {
    GLint64 v = 0;
    glGetInteger64v(name, &v);
    return v;
}

std::int64_t glIndexedInt(GLenum name, GLuint index) {
    GLint v = 0;
    glGetIntegeri_v(name, index, &v);
    return v;
}

} // namespace

GpuCaps GpuCaps::probe() {
    GpuCaps c;
    GlError::clear();
    c.m_glVersion = glString(GL_VERSION);
    c.m_renderer = glString(GL_RENDERER);
    c.m_vendor = glString(GL_VENDOR);
    c.m_glslVersion = glString(GL_SHADING_LANGUAGE_VERSION);
    glGetIntegerv(GL_MAJOR_VERSION, &c.m_major);
    glGetIntegerv(GL_MINOR_VERSION, &c.m_minor);
    if (!c.hasCompute43())
        return c; // the compute enums below would only raise GL_INVALID_ENUM
    for (GLuint i = 0; i < 3; ++i) {
        c.m_maxWorkGroupCount[i] = glIndexedInt(GL_MAX_COMPUTE_WORK_GROUP_COUNT, i);
        c.m_maxWorkGroupSize[i] = glIndexedInt(GL_MAX_COMPUTE_WORK_GROUP_SIZE, i);
    }
    c.m_maxWorkGroupInvocations = glInt64(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS);
    c.m_maxSharedMemoryBytes = glInt64(GL_MAX_COMPUTE_SHARED_MEMORY_SIZE);
    c.m_maxSsboBytes = glInt64(GL_MAX_SHADER_STORAGE_BLOCK_SIZE);
    c.m_maxSsboBindings = glInt64(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS);
    GLint timerBits = 0;
    glGetQueryiv(GL_TIME_ELAPSED, GL_QUERY_COUNTER_BITS, &timerBits);
    c.m_hasTimerQuery = timerBits > 0;
    GlError::check("probing OpenGL limits");
    return c;
}

nlohmann::json GpuCaps::toJson() const {
    return {
        {"gl_version", m_glVersion},
        {"gl_major", m_major},
        {"gl_minor", m_minor},
        {"renderer", m_renderer},
        {"vendor", m_vendor},
        {"glsl_version", m_glslVersion},
        {"compute_43", hasCompute43()},
        {"limits",
         {
             {"max_compute_work_group_count", m_maxWorkGroupCount},
             {"max_compute_work_group_size", m_maxWorkGroupSize},
             {"max_compute_work_group_invocations", m_maxWorkGroupInvocations},
             {"max_compute_shared_memory_bytes", m_maxSharedMemoryBytes},
             {"max_shader_storage_block_bytes", m_maxSsboBytes},
             {"max_shader_storage_buffer_bindings", m_maxSsboBindings},
             {"timer_query", m_hasTimerQuery},
         }},
    };
}

} // namespace algoscope::gpu
