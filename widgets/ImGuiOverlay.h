#pragma once
// Dear ImGui inside one QOpenGLWidget: its own ImGuiContext, Qt events translated to ImGui's
// input (1.86 API: io.MousePos / MouseDown / KeysDown + KeyMap), rendering with the prebuilt
// OpenGL 3 backend. GL objects are created and released with the view's GL context, so a
// floated dock (new context) re-initialises it (GlView drives that).
#include <QPointF>
#include <QSize>

#include <functional>

struct ImGuiContext;
class QKeyEvent;
class QMouseEvent;
class QWheelEvent;

namespace algoscope::ui {

class ImGuiOverlay {
public:
    ImGuiOverlay();
    ~ImGuiOverlay();
    ImGuiOverlay(const ImGuiOverlay&) = delete;
    ImGuiOverlay& operator=(const ImGuiOverlay&) = delete;

    /// With the view's context current.
    void initGl();
    void releaseGl();
    bool isGlReady() const { return m_glReady; }

    /// Draws one frame of overlay widgets built by `build` (ImGui:: calls) over the current
    /// framebuffer. logicalSize is in device-independent pixels.
    void render(QSize logicalSize, double devicePixelRatio, const std::function<void()>& build);

    // Input; each returns true when ImGui wants the event (the view must then ignore it).
    bool mouseMove(QPointF pos);
    bool mouseButton(QMouseEvent* event, bool down);
    bool wheel(QWheelEvent* event);
    bool key(QKeyEvent* event, bool down);
    void leave();

    bool wantsMouse() const;
    bool wantsKeyboard() const;

private:
    void makeCurrent() const;
    ImGuiContext* m_context = nullptr;
    bool m_glReady = false;
    double m_lastTime = 0;
};

} // namespace algoscope::ui
