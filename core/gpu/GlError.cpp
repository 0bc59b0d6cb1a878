#include "gpu/GlError.h"

#include <epoxy/gl.h>

#include <cstdio>
#include <memory>

namespace algoscope::gpu {

namespace {

std::string describe(GLenum code, std::string_view context) {
    return "OpenGL error " + GlError::name(code) + " during " + std::string(context);
}

GlDebugCallback& debugCallback() {
    static GlDebugCallback cb;
    return cb;
}

void GLAPIENTRY forwardDebugMessage(GLenum source, GLenum type, GLuint id, GLenum severity,
                                    GLsizei length, const GLchar* message, const void*) {
    if (auto& cb = debugCallback())
        cb(source, type, id, severity,
           length >= 0 ? std::string_view(message, static_cast<std::size_t>(length))
                       : std::string_view(message));
}

} // namespace

GlError::GlError(std::uint32_t code, std::string_view context)
    : util::Error(describe(code, context)), m_code(code) {}

void GlError::check(std::string_view context) {
    GLenum first = glGetError();
    if (first == GL_NO_ERROR)
        return;
    // Errors queue up (one flag per kind); drain them so the next check starts clean. Bounded
    // because a lost context may report GL_CONTEXT_LOST forever.
    for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; ++i) {
    }
    throw GlError(first, context);
}

void GlError::clear() {
    for (int i = 0; i < 16 && glGetError() != GL_NO_ERROR; ++i) {
    }
}

std::string GlError::name(std::uint32_t code) {
    switch (code) {
    case GL_NO_ERROR:
        return "GL_NO_ERROR";
    case GL_INVALID_ENUM:
        return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE:
        return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION:
        return "GL_INVALID_OPERATION";
    case GL_INVALID_FRAMEBUFFER_OPERATION:
        return "GL_INVALID_FRAMEBUFFER_OPERATION";
    case GL_OUT_OF_MEMORY:
        return "GL_OUT_OF_MEMORY";
    case GL_STACK_UNDERFLOW:
        return "GL_STACK_UNDERFLOW";
    case GL_STACK_OVERFLOW:
        return "GL_STACK_OVERFLOW";
    case GL_CONTEXT_LOST:
        return "GL_CONTEXT_LOST";
    default: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "GL error 0x%04x", static_cast<unsigned>(code));
        return buf;
    }
    }
}

bool enableGlDebugOutput(GlDebugCallback callback) {
    if (epoxy_gl_version() < 43 && !epoxy_has_gl_extension("GL_KHR_debug"))
        return false;
    debugCallback() = std::move(callback);
    glEnable(GL_DEBUG_OUTPUT);
    glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
    glDebugMessageCallback(forwardDebugMessage, nullptr);
    glDebugMessageControl(GL_DONT_CARE, GL_DONT_CARE, GL_DONT_CARE, 0, nullptr, GL_TRUE);
    return true;
}

void disableGlDebugOutput() {
    glDebugMessageCallback(nullptr, nullptr);
    glDisable(GL_DEBUG_OUTPUT);
    debugCallback() = nullptr;
}

} // namespace algoscope::gpu
