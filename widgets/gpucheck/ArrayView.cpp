#include "ArrayView.h"

#include "GlShaders.h"

#include <QOpenGLShaderProgram>
#include <imgui.h>

#include <cmath>

namespace algoscope::ui {

ArrayView::ArrayView(QWidget* parent) : GlView(QStringLiteral("gpu-output"), parent) {
    setObjectName(QStringLiteral("gpu.arrayView"));
}

ArrayView::~ArrayView() {
    releaseGlNow();
}

void ArrayView::setData(std::vector<float> values, const QString& label) {
    m_values = std::move(values);
    m_label = label;
    m_maxAbs = 0;
    for (float v : m_values)
        m_maxAbs = std::max(m_maxAbs, std::abs(v));
    if (m_maxAbs == 0 || !std::isfinite(m_maxAbs))
        m_maxAbs = 1;
    fit();
}

// World layout: x = index, y = -value / max|value| * m_worldHeight (y grows downwards on screen).
// The camera zooms uniformly, so the height in world units follows the view's aspect ratio: the
// whole curve then fills the view when fitted.
void ArrayView::fit() {
    const double n = double(std::max<size_t>(m_values.size(), 1));
    const double aspect = width() > 0 ? double(height()) / double(width()) : 0.5;
    m_worldHeight = std::max(1e-9, n * aspect * 0.85);
    m_dirty = true;
    fitToRect(QRectF(-0.02 * n, -1.05 * m_worldHeight, 1.04 * n, 1.1 * m_worldHeight));
    update();
}

void ArrayView::resizeEvent(QResizeEvent* event) {
    GlView::resizeEvent(event);
    if (!m_values.empty())
        fit(); // keep the whole curve in view as docks are resized
}

void ArrayView::initGl() {
    m_program =
        buildViewProgram(QStringLiteral("plot_line.vert"), QStringLiteral("plot_line.frag"));
    m_vao.create();
    m_vbo.create();
    m_dirty = true;
}

void ArrayView::releaseGl() {
    m_vbo.destroy();
    m_vao.destroy();
    m_program.reset();
    m_vertexCount = 0;
}

void ArrayView::upload() {
    // Two vertices for the axis, then the polyline.
    std::vector<float> xy;
    xy.reserve(2 * (m_values.size() + 2));
    const double h = m_worldHeight;
    xy.insert(xy.end(), {0.f, 0.f, float(m_values.size()), 0.f});
    for (size_t i = 0; i < m_values.size(); ++i) {
        xy.push_back(float(i));
        xy.push_back(float(-m_values[i] / m_maxAbs * h));
    }
    QOpenGLVertexArrayObject::Binder bind(&m_vao);
    m_vbo.bind();
    m_vbo.allocate(xy.data(), int(xy.size() * sizeof(float)));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    m_vbo.release();
    m_vertexCount = int(xy.size() / 2);
    m_dirty = false;
}

void ArrayView::paintScene(QSize pixelSize) {
    glClearColor(0.11f, 0.12f, 0.14f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!m_program)
        return;
    if (m_dirty)
        upload();
    if (m_vertexCount < 2)
        return;
    m_program->bind();
    m_program->setUniformValue("u_worldToClip", worldToClip(pixelSize));
    QOpenGLVertexArrayObject::Binder bind(&m_vao);
    m_program->setUniformValue("u_color", QVector4D(0.5f, 0.5f, 0.55f, 1.f));
    glDrawArrays(GL_LINES, 0, 2);
    if (m_vertexCount > 2) {
        m_program->setUniformValue("u_color", QVector4D(0.35f, 0.75f, 1.0f, 1.f));
        glDrawArrays(GL_LINE_STRIP, 2, m_vertexCount - 2);
    }
    m_program->release();
}

void ArrayView::buildOverlay() {
    ImGui::SetNextWindowPos(ImVec2(8, 8), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##arrayhud", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    ImGui::Text("%s: %zu values", m_label.isEmpty() ? "output" : qPrintable(m_label),
                m_values.size());
    const QPointF hover = hoverWorld();
    if (std::isfinite(hover.x()) && !m_values.empty()) {
        const long long i = std::llround(hover.x());
        if (i >= 0 && i < (long long)m_values.size())
            ImGui::Text("index %lld  value %.6g", i, double(m_values[size_t(i)]));
    }
    ImGui::TextDisabled("drag: pan   wheel: zoom");
    ImGui::End();
}

} // namespace algoscope::ui
