#include "gpu/HeadlessContext.h"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string_view>
#include <vector>

namespace algoscope::gpu {

namespace {

constexpr int kWantMajor = 4;
constexpr int kWantMinor = 3;

bool envSet(const char* name) {
    const char* v = std::getenv(name);
    return v && *v && std::string(v) != "0";
}

std::string eglErrorText() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "EGL error 0x%04x", static_cast<unsigned>(eglGetError()));
    return buf;
}

// EGL displays are per process and eglTerminate is not reference counted (without
// EGL_KHR_display_reference): terminating a display kills every context on it. Two
// HeadlessContexts on the same display (tests make several) therefore share one count here.
std::mutex& displayMutex() {
    static std::mutex m;
    return m;
}
std::map<EGLDisplay, int>& displayRefs() {
    static std::map<EGLDisplay, int> refs;
    return refs;
}

bool retainDisplay(EGLDisplay dpy) {
    std::lock_guard lock(displayMutex());
    int& refs = displayRefs()[dpy];
    if (refs == 0) {
        EGLint major = 0, minor = 0;
        if (!eglInitialize(dpy, &major, &minor)) {
            displayRefs().erase(dpy);
            return false;
        }
    }
    ++refs;
    return true;
}

void releaseDisplay(EGLDisplay dpy) {
    std::lock_guard lock(displayMutex());
    auto it = displayRefs().find(dpy);
    if (it == displayRefs().end())
        return;
    if (--it->second == 0) {
        eglTerminate(dpy);
        displayRefs().erase(it);
    }
}

EGLDisplay platformDisplay(EGLenum platform, void* nativeDisplay) {
    if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_platform_base"))
        return eglGetPlatformDisplayEXT(platform, nativeDisplay, nullptr);
    if (epoxy_egl_version(EGL_NO_DISPLAY) >= 15)
        return eglGetPlatformDisplay(platform, nativeDisplay, nullptr);
    return EGL_NO_DISPLAY;
}

EGLConfig chooseConfig(EGLDisplay dpy, EGLint surfaceType) {
    const EGLint attribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, surfaceType,
                              EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (!eglChooseConfig(dpy, attribs, &config, 1, &count) || count < 1)
        return nullptr;
    return config;
}

// One attempt on one display; on success fills the members and leaves the context current.
struct Attempt {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
    EGLSurface surface = EGL_NO_SURFACE;

    bool run(EGLDisplay dpy, std::string& why) {
        if (dpy == EGL_NO_DISPLAY) {
            why = "no display";
            return false;
        }
        if (!retainDisplay(dpy)) {
            why = "eglInitialize failed (" + eglErrorText() + ")";
            return false;
        }
        display = dpy;
        if (!eglBindAPI(EGL_OPENGL_API)) {
            why = "desktop OpenGL API not supported (" + eglErrorText() + ")";
            return fail();
        }
        const bool surfaceless = epoxy_has_egl_extension(dpy, "EGL_KHR_surfaceless_context");
        EGLConfig pbufferConfig = chooseConfig(dpy, EGL_PBUFFER_BIT);
        EGLConfig config = pbufferConfig ? pbufferConfig : chooseConfig(dpy, EGL_DONT_CARE);
        // EGL_NO_CONFIG_KHR is a null config: fine for a context that never gets a surface.
        const bool configless =
            surfaceless && epoxy_has_egl_extension(dpy, "EGL_KHR_no_config_context");
        if (!config && !configless) {
            why = "no EGL config with OpenGL support";
            return fail();
        }
        if (!config)
            config = EGL_NO_CONFIG_KHR;
        std::vector<EGLint> attribs = {
            EGL_CONTEXT_MAJOR_VERSION,       kWantMajor,
            EGL_CONTEXT_MINOR_VERSION,       kWantMinor,
            EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT};
        // A debug context makes KHR_debug messages complete (see GlError.h); off by default
        // because drivers may run slower with it.
        if (envSet("ALGOSCOPE_GL_DEBUG")) {
            attribs.push_back(EGL_CONTEXT_OPENGL_DEBUG);
            attribs.push_back(EGL_TRUE);
        }
        attribs.push_back(EGL_NONE);
        context = eglCreateContext(dpy, config, EGL_NO_CONTEXT, attribs.data());
        if (context == EGL_NO_CONTEXT) {
            why = "no OpenGL " + std::to_string(kWantMajor) + "." + std::to_string(kWantMinor) +
                  " core context (" + eglErrorText() + ")";
            return fail();
        }
        bool current = surfaceless && eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, context);
        if (!current && pbufferConfig) {
            const EGLint pbufferAttribs[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
            surface = eglCreatePbufferSurface(dpy, pbufferConfig, pbufferAttribs);
            current = surface != EGL_NO_SURFACE && eglMakeCurrent(dpy, surface, surface, context);
        }
        if (!current) {
            why = "cannot make the context current (" + eglErrorText() + ")";
            return fail();
        }
        // Drivers may hand out a lower version than asked for; check what we really got.
        GLint major = 0, minor = 0;
        glGetIntegerv(GL_MAJOR_VERSION, &major);
        glGetIntegerv(GL_MINOR_VERSION, &minor);
        if (major * 10 + minor < kWantMajor * 10 + kWantMinor) {
            why = "context is OpenGL " + std::to_string(major) + "." + std::to_string(minor) +
                  ", need 4.3";
            return fail();
        }
        return true;
    }

    bool fail() {
        if (display != EGL_NO_DISPLAY) {
            if (context != EGL_NO_CONTEXT) {
                if (eglGetCurrentContext() == context)
                    eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
                eglDestroyContext(display, context);
            }
            if (surface != EGL_NO_SURFACE)
                eglDestroySurface(display, surface);
            releaseDisplay(display);
        }
        *this = Attempt{};
        return false;
    }
};

} // namespace

std::unique_ptr<HeadlessContext> HeadlessContext::create(std::string* whyNot) {
    auto setWhy = [&](const std::string& s) {
        if (whyNot)
            *whyNot = s;
    };
    if (envSet("ALGOSCOPE_DISABLE_GPU")) {
        setWhy("OpenGL disabled by ALGOSCOPE_DISABLE_GPU");
        return nullptr;
    }
    if (!epoxy_has_egl()) {
        setWhy("libEGL could not be loaded");
        return nullptr;
    }

    std::string reasons;
    auto note = [&](const std::string& what, const std::string& why) {
        reasons += (reasons.empty() ? "" : "; ") + what + ": " + why;
    };
    auto finish = [&](Attempt& a, std::string platform) {
        std::unique_ptr<HeadlessContext> ctx(new HeadlessContext);
        ctx->m_display = a.display;
        ctx->m_context = a.context;
        ctx->m_surface = a.surface == EGL_NO_SURFACE ? nullptr : a.surface;
        ctx->m_platform = std::move(platform);
        return ctx;
    };

    // ALGOSCOPE_EGL_PLATFORM=surfaceless|device|default restricts the search to one path, to
    // diagnose a machine where the first path that works is not the wanted one.
    const char* only = std::getenv("ALGOSCOPE_EGL_PLATFORM");
    auto allowed = [&](const char* platform) {
        return !only || !*only || std::string_view(only) == platform;
    };
    std::string why;
    if (allowed("surfaceless") &&
        epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_MESA_platform_surfaceless")) {
        Attempt a;
        if (a.run(platformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY), why))
            return finish(a, "surfaceless");
        note("surfaceless", why);
    }
    if (allowed("device") && epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_platform_device") &&
        (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_device_enumeration") ||
         epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_device_base"))) {
        EGLint count = 0;
        std::vector<EGLDeviceEXT> devices(16);
        if (eglQueryDevicesEXT(static_cast<EGLint>(devices.size()), devices.data(), &count)) {
            for (EGLint i = 0; i < count; ++i) {
                Attempt a;
                if (a.run(platformDisplay(EGL_PLATFORM_DEVICE_EXT, devices[i]), why))
                    return finish(a, "device " + std::to_string(i));
                note("device " + std::to_string(i), why);
            }
        }
        if (count == 0)
            note("device", "no EGL devices");
    }
    if (allowed("default")) {
        Attempt a;
        if (a.run(eglGetDisplay(EGL_DEFAULT_DISPLAY), why))
            return finish(a, "default");
        note("default display", why);
    }
    if (reasons.empty())
        reasons = "no EGL platform tried; ALGOSCOPE_EGL_PLATFORM=" + std::string(only ? only : "");
    setWhy("no OpenGL 4.3 core context via EGL (" + reasons + ")");
    return nullptr;
}

HeadlessContext::~HeadlessContext() {
    if (isCurrent())
        doneCurrent();
    if (m_context)
        eglDestroyContext(m_display, m_context);
    if (m_surface)
        eglDestroySurface(m_display, m_surface);
    releaseDisplay(m_display);
}

bool HeadlessContext::makeCurrent() {
    // The API binding is per thread, so a context moved to a new thread needs it again.
    eglBindAPI(EGL_OPENGL_API);
    EGLSurface s = m_surface ? static_cast<EGLSurface>(m_surface) : EGL_NO_SURFACE;
    return eglMakeCurrent(m_display, s, s, m_context) == EGL_TRUE;
}

void HeadlessContext::doneCurrent() {
    if (isCurrent())
        eglMakeCurrent(m_display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
}

bool HeadlessContext::isCurrent() const {
    return m_context && eglGetCurrentContext() == m_context;
}

} // namespace algoscope::gpu
