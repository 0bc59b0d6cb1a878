#pragma once
// A headless OpenGL 4.3+ core context made with EGL, with no window and no display server: used by
// the CLI, the tests and the benchmarks (the GUI uses Qt's context instead; core/gpu works on
// whichever context is current).
//
// Displays are tried in this order, the first that gives a 4.3 core context wins:
//   1. EGL_PLATFORM_SURFACELESS_MESA   (Mesa drivers, llvmpipe; needs no /dev/dri or X)
//   2. EGL_PLATFORM_DEVICE_EXT         (each device of eglQueryDevicesEXT: NVIDIA's headless path,
//                                       where the Mesa surfaceless platform does not exist)
//   3. eglGetDisplay(EGL_DEFAULT_DISPLAY)
// The context is made current with EGL_NO_SURFACE (EGL_KHR_surfaceless_context) or, where that
// extension is missing, with a 1x1 pbuffer.
//
// Threads: an OpenGL context is current on at most one thread at a time. create() leaves the new
// context current on the calling thread; to use it from another thread call doneCurrent() here
// and makeCurrent() there. The destructor releases the context only if it is current on the
// destroying thread, so destroy it on the thread that last used it.
//
// Testing without a GPU: set ALGOSCOPE_DISABLE_GPU=1 (any value but "" or "0") and create()
// returns null with that reason, exactly as on a machine without OpenGL 4.3.
// ALGOSCOPE_EGL_PLATFORM=surfaceless|device|default tries only that path (diagnostics), and
// ALGOSCOPE_GL_DEBUG=1 asks for a debug context (complete KHR_debug messages, see GlError.h).
#include <memory>
#include <string>

namespace algoscope::gpu {

class HeadlessContext {
public:
    /// A new context, current on the calling thread, or null with the reason in *whyNot (when
    /// whyNot is not null). Never throws for a missing or unusable EGL/OpenGL.
    static std::unique_ptr<HeadlessContext> create(std::string* whyNot = nullptr);

    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    /// Makes the context current on the calling thread; false if EGL refuses.
    bool makeCurrent();
    /// Releases the context from the calling thread (if it is current there).
    void doneCurrent();
    bool isCurrent() const;

    /// Which display path succeeded: "surfaceless", "device N" or "default".
    const std::string& platform() const { return m_platform; }
    /// True when the context is current with a 1x1 pbuffer instead of EGL_NO_SURFACE.
    bool usesPbuffer() const { return m_surface != nullptr; }

private:
    HeadlessContext() = default;

    // EGL handles kept as void* so this header needs no EGL include.
    void* m_display = nullptr;
    void* m_context = nullptr;
    void* m_surface = nullptr;
    std::string m_platform;
};

} // namespace algoscope::gpu
