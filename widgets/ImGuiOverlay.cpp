#include "ImGuiOverlay.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace algoscope::ui {

namespace {
// KeysDown[] indices for the keys ImGui needs for navigation and text editing (1.86 KeyMap).
int keyIndex(int qtKey) {
    switch (qtKey) {
    case Qt::Key_Tab:
        return 1;
    case Qt::Key_Left:
        return 2;
    case Qt::Key_Right:
        return 3;
    case Qt::Key_Up:
        return 4;
    case Qt::Key_Down:
        return 5;
    case Qt::Key_PageUp:
        return 6;
    case Qt::Key_PageDown:
        return 7;
    case Qt::Key_Home:
        return 8;
    case Qt::Key_End:
        return 9;
    case Qt::Key_Insert:
        return 10;
    case Qt::Key_Delete:
        return 11;
    case Qt::Key_Backspace:
        return 12;
    case Qt::Key_Space:
        return 13;
    case Qt::Key_Return:
        return 14;
    case Qt::Key_Enter:
        return 14;
    case Qt::Key_Escape:
        return 15;
    case Qt::Key_A:
        return 16;
    case Qt::Key_C:
        return 17;
    case Qt::Key_V:
        return 18;
    case Qt::Key_X:
        return 19;
    case Qt::Key_Y:
        return 20;
    case Qt::Key_Z:
        return 21;
    default:
        return -1;
    }
}
} // namespace

ImGuiOverlay::ImGuiOverlay() {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    m_context = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini next to the user's files
    io.BackendPlatformName = "algoscope_qt";
    const ImGuiKey keys[] = {ImGuiKey_Tab,      ImGuiKey_LeftArrow, ImGuiKey_RightArrow,
                             ImGuiKey_UpArrow,  ImGuiKey_DownArrow, ImGuiKey_PageUp,
                             ImGuiKey_PageDown, ImGuiKey_Home,      ImGuiKey_End,
                             ImGuiKey_Insert,   ImGuiKey_Delete,    ImGuiKey_Backspace,
                             ImGuiKey_Space,    ImGuiKey_Enter,     ImGuiKey_Escape,
                             ImGuiKey_A,        ImGuiKey_C,         ImGuiKey_V,
                             ImGuiKey_X,        ImGuiKey_Y,         ImGuiKey_Z};
    for (int i = 0; i < int(std::size(keys)); ++i)
        io.KeyMap[keys[i]] = i + 1;
    ImGui::StyleColorsDark();
    ImGui::GetStyle().Alpha = 0.92f;
    ImGui::SetCurrentContext(previous);
}

ImGuiOverlay::~ImGuiOverlay() {
    // GL objects must already be released by GlView (it owns the context's lifetime).
    ImGui::DestroyContext(m_context);
}

void ImGuiOverlay::makeCurrent() const {
    ImGui::SetCurrentContext(m_context);
}

void ImGuiOverlay::initGl() {
    makeCurrent();
    if (m_glReady)
        ImGui_ImplOpenGL3_Shutdown();
    m_glReady = ImGui_ImplOpenGL3_Init("#version 330 core");
}

void ImGuiOverlay::releaseGl() {
    makeCurrent();
    if (m_glReady)
        ImGui_ImplOpenGL3_Shutdown();
    m_glReady = false;
}

void ImGuiOverlay::render(QSize logicalSize, double dpr, const std::function<void()>& build) {
    if (!m_glReady || logicalSize.isEmpty())
        return;
    makeCurrent();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(logicalSize.width()), float(logicalSize.height()));
    io.DisplayFramebufferScale = ImVec2(float(dpr), float(dpr));
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    io.DeltaTime = m_lastTime > 0 ? float(std::max(now - m_lastTime, 1e-4)) : 1.0f / 60.0f;
    m_lastTime = now;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    if (build)
        build();
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool ImGuiOverlay::mouseMove(QPointF pos) {
    makeCurrent();
    ImGui::GetIO().MousePos = ImVec2(float(pos.x()), float(pos.y()));
    return ImGui::GetIO().WantCaptureMouse;
}

bool ImGuiOverlay::mouseButton(QMouseEvent* event, bool down) {
    makeCurrent();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(float(event->position().x()), float(event->position().y()));
    int b = event->button() == Qt::LeftButton     ? 0
            : event->button() == Qt::RightButton  ? 1
            : event->button() == Qt::MiddleButton ? 2
                                                  : -1;
    if (b >= 0)
        io.MouseDown[b] = down;
    return io.WantCaptureMouse;
}

bool ImGuiOverlay::wheel(QWheelEvent* event) {
    makeCurrent();
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheel += float(event->angleDelta().y()) / 120.0f;
    io.MouseWheelH += float(event->angleDelta().x()) / 120.0f;
    return io.WantCaptureMouse;
}

bool ImGuiOverlay::key(QKeyEvent* event, bool down) {
    makeCurrent();
    ImGuiIO& io = ImGui::GetIO();
    const auto mods = event->modifiers();
    io.KeyCtrl = mods & Qt::ControlModifier;
    io.KeyShift = mods & Qt::ShiftModifier;
    io.KeyAlt = mods & Qt::AltModifier;
    if (int k = keyIndex(event->key()); k >= 0)
        io.KeysDown[k] = down;
    if (down && io.WantTextInput) {
        for (QChar c : event->text())
            if (c.isPrint())
                io.AddInputCharacter(c.unicode());
    }
    return io.WantCaptureKeyboard;
}

void ImGuiOverlay::leave() {
    makeCurrent();
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

bool ImGuiOverlay::wantsMouse() const {
    makeCurrent();
    return ImGui::GetIO().WantCaptureMouse;
}

bool ImGuiOverlay::wantsKeyboard() const {
    makeCurrent();
    return ImGui::GetIO().WantCaptureKeyboard;
}

} // namespace algoscope::ui
