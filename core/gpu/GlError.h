#pragma once
// OpenGL errors as util::Error. glGetError is checked at a few coarse points (after building a
// program, allocating a buffer, a dispatch), which is cheap and names the operation that failed.
// For per-call detail, enable KHR_debug output (complete messages need a debug context:
// HeadlessContext makes one when ALGOSCOPE_GL_DEBUG=1).
//
// Public core/gpu headers do not include <epoxy/gl.h>: GUI code includes Qt's OpenGL headers,
// and epoxy refuses to come after them. GL enums and names are passed as plain unsigned ints.
#include "util/Error.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace algoscope::gpu {

class GlError : public util::Error {
public:
    GlError(std::uint32_t code, std::string_view context);

    std::uint32_t code() const noexcept { return m_code; }

    /// Throws GlError when glGetError reports an error; context says what was being done, e.g.
    /// "dispatch gpucheck_scan.comp". Drains all queued errors and names the first one.
    static void check(std::string_view context);
    /// Discards pending errors (before an operation whose errors should be attributed to it).
    static void clear();
    /// "GL_INVALID_OPERATION" etc.; "GL error 0x...." for unknown codes.
    static std::string name(std::uint32_t code);

private:
    std::uint32_t m_code;
};

/// Receives KHR_debug messages. Called on the thread that made the GL call (synchronous output).
using GlDebugCallback =
    std::function<void(std::uint32_t source, std::uint32_t type, std::uint32_t id,
                       std::uint32_t severity, std::string_view message)>;

/// Routes KHR_debug messages of the current context to callback (synchronously, so a breakpoint
/// in the callback shows the offending call). Returns false when the context lacks KHR_debug.
/// One callback per process: a later call replaces it.
bool enableGlDebugOutput(GlDebugCallback callback);
/// Stops debug output on the current context.
void disableGlDebugOutput();

} // namespace algoscope::gpu
