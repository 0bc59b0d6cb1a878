// [SECTION] construction and GL  [SECTION] texture of the visible cells  [SECTION] overlay
// [SECTION] mouse, keyboard, drops
#include "LifeCanvas.h"

#include "GlShaders.h"
#include "LifeModel.h"

#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QOpenGLShaderProgram>
#include <imgui.h>

#include <cmath>

namespace algoscope::ui {

// [SECTION] construction and GL -----------------------------------------------------------

LifeCanvas::LifeCanvas(const LifeModel* model, QWidget* parent)
    : GlView(QStringLiteral("life-canvas"), parent), m_model(model) {
    setObjectName(QStringLiteral("life.canvas"));
    setAcceptDrops(true);
    connect(model, &LifeModel::boardChanged, this, [this](const QRect& dirty) {
        if (!dirty.isNull())
            m_preRegion.reset(); // an edit: a picture built before it is stale
        m_textureDirty = true;
        update();
    });
    connect(model, &LifeModel::settingsChanged, this, [this] {
        m_textureDirty = true;
        update();
    });
    connect(model, &LifeModel::selectionChanged, this, qOverload<>(&QWidget::update));
    connect(this, &GlView::cameraChanged, this, [this] { m_textureDirty = true; });
}

LifeCanvas::~LifeCanvas() {
    releaseGlNow();
}

void LifeCanvas::initGl() {
    m_program =
        buildViewProgram(QStringLiteral("life_view.vert"), QStringLiteral("life_view.frag"));
    m_vao.create();
    m_vbo.create();
    glGenTextures(1, &m_texture);
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    m_textureSize = QSize();
    m_textureDirty = true;
}

void LifeCanvas::releaseGl() {
    if (m_texture)
        glDeleteTextures(1, &m_texture);
    m_texture = 0;
    m_vbo.destroy();
    m_vao.destroy();
    m_program.reset();
}

void LifeCanvas::fitBoard() {
    const life::Board& b = m_model->board();
    if (!b.isEmpty())
        fitToRect(QRectF(0, 0, b.width(), b.height()));
}

QPoint LifeCanvas::cellAt(QPointF widgetPos) const {
    const QPointF w = screenToWorld(widgetPos);
    return QPoint(int(std::floor(w.x())), int(std::floor(w.y())));
}

void LifeCanvas::setTool(Tool t) {
    m_tool = t;
    setCursor(t == Tool::Pan      ? Qt::OpenHandCursor
              : t == Tool::Select ? Qt::CrossCursor
                                  : Qt::PointingHandCursor);
}

void LifeCanvas::setPlacement(const life::Board& pattern) {
    m_placement = pattern;
    setFocus();
    update();
}

void LifeCanvas::cancelPlacement() {
    m_placement = life::Board();
    update();
}

void LifeCanvas::paintScene(QSize pixelSize) {
    glClearColor(0.16f, 0.17f, 0.2f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    const life::Board& b = m_model->board();
    if (!m_program || b.isEmpty())
        return;
    updateTexture(pixelSize);
    const float w = float(b.width()), h = float(b.height());
    const float quad[] = {0, 0, w, 0, 0, h, w, h};
    QOpenGLVertexArrayObject::Binder bind(&m_vao);
    m_vbo.bind();
    m_vbo.allocate(quad, sizeof(quad));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    m_program->bind();
    m_program->setUniformValue("u_worldToClip", worldToClip(pixelSize));
    m_program->setUniformValue("u_texRect", QVector4D(float(m_texRect.x()), float(m_texRect.y()),
                                                      float(std::max(1e-6, m_texRect.width())),
                                                      float(std::max(1e-6, m_texRect.height()))));
    const double pixelsPerCell = zoom() * pixelSize.width() / std::max(1.0, double(width()));
    m_program->setUniformValue("u_pixelsPerCell", float(pixelsPerCell));
    m_program->setUniformValue("u_showGrid", m_model->settings().showGrid ? 1 : 0);
    m_program->setUniformValue("u_ages",
                               (m_model->settings().showAges && !m_model->ages().empty()) ? 1 : 0);
    m_program->setUniformValue("u_cells", 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    m_program->release();
    m_vbo.release();

    // fps of real redraws (not of generations)
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    ++m_framesDrawn;
    ++m_fpsFrames;
    if (m_fpsWindowStart == 0)
        m_fpsWindowStart = now;
    if (now - m_fpsWindowStart >= 500) {
        m_fps = 1000.0 * m_fpsFrames / double(now - m_fpsWindowStart);
        m_fpsFrames = 0;
        m_fpsWindowStart = now;
    }
}

// [SECTION] texture of the visible cells -------------------------------------------------------

life::RasterRegion LifeCanvas::regionFor(QSize pixelSize) const {
    const life::Board& b = m_model->board();
    const QRectF vis = visibleWorldRect();
    const QRect board(0, 0, int(b.width()), int(b.height()));
    const QRect cells =
        QRect(QPoint(int(std::floor(vis.left())) - 1, int(std::floor(vis.top())) - 1),
              QPoint(int(std::ceil(vis.right())) + 1, int(std::ceil(vis.bottom())) + 1))
            .intersected(board);
    const double pixelsPerCell = zoom() * pixelSize.width() / std::max(1.0, double(width()));
    life::RasterRegion r;
    r.block = pixelsPerCell >= 1.0 ? 1 : std::uint32_t(std::ceil(1.0 / pixelsPerCell));
    if (cells.isEmpty())
        return r;
    r.x = std::uint32_t(cells.x());
    r.y = std::uint32_t(cells.y());
    r.width = std::uint32_t(cells.width());
    r.height = std::uint32_t(cells.height());
    return r;
}

std::optional<life::RasterRegion> LifeCanvas::viewRegion() const {
    if (m_model->settings().showAges || m_model->board().isEmpty())
        return std::nullopt;
    return regionFor(size() * devicePixelRatioF());
}

void LifeCanvas::setPrerendered(std::uint64_t generation, const life::RasterRegion& region,
                                std::vector<std::uint8_t> texels) {
    m_preRegion = region;
    m_preGeneration = generation;
    m_preTexels = std::move(texels);
}

void LifeCanvas::updateTexture(QSize pixelSize) {
    const life::Board& b = m_model->board();
    const life::RasterRegion region = regionFor(pixelSize);
    if (!m_textureDirty && region.width == std::uint32_t(m_texCells.width()) &&
        region.height == std::uint32_t(m_texCells.height()) &&
        region.x == std::uint32_t(m_texCells.x()) && region.y == std::uint32_t(m_texCells.y()) &&
        int(region.block) == m_texBlock)
        return;
    m_textureDirty = false;
    m_texCells = QRect(int(region.x), int(region.y), int(region.width), int(region.height));
    m_texBlock = int(region.block);
    if (region.width == 0 || region.height == 0) {
        m_texRect = QRectF();
        return;
    }
    const bool ages = m_model->settings().showAges && m_model->ages().size() == b.cellCount();
    if (!ages && m_preRegion && *m_preRegion == region &&
        m_preGeneration == m_model->generation() &&
        m_preTexels.size() == std::size_t(region.texelsWide()) * region.texelsHigh()) {
        m_texels.swap(m_preTexels); // built by the simulation thread
        ++m_prerenderedFrames;
    } else {
        life::rasterize(b, region, ages ? m_model->ages().data() : nullptr, m_texels);
    }
    m_preRegion.reset();
    const int tw = int(region.texelsWide()), th = int(region.texelsHigh());
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (m_textureSize != QSize(tw, th)) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, tw, th, 0, GL_RED, GL_UNSIGNED_BYTE, m_texels.data());
        m_textureSize = QSize(tw, th);
    } else {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, tw, th, GL_RED, GL_UNSIGNED_BYTE, m_texels.data());
    }
    m_texRect = QRectF(region.x, region.y, double(tw) * region.block, double(th) * region.block);
}

// [SECTION] overlay ----------------------------------------------------------------------------

void LifeCanvas::buildOverlay() {
    const life::Board& b = m_model->board();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    // Selection rectangle.
    const QRect sel = m_model->selection();
    if (!sel.isEmpty()) {
        const QPointF a = worldToScreen(QPointF(sel.left(), sel.top()));
        const QPointF c = worldToScreen(QPointF(sel.right() + 1, sel.bottom() + 1));
        draw->AddRectFilled(ImVec2(float(a.x()), float(a.y())), ImVec2(float(c.x()), float(c.y())),
                            IM_COL32(80, 160, 255, 40));
        draw->AddRect(ImVec2(float(a.x()), float(a.y())), ImVec2(float(c.x()), float(c.y())),
                      IM_COL32(80, 160, 255, 220), 0, 0, 1.5f);
    }
    // Pattern being placed: a ghost under the cursor (cells drawn individually; patterns from the
    // library and the clipboard are small; very large ones show their outline only).
    if (!m_placement.isEmpty() && m_hoverCell.x() > -1000000) {
        const QPointF a = worldToScreen(QPointF(m_hoverCell));
        const QPointF c = worldToScreen(
            QPointF(m_hoverCell + QPoint(int(m_placement.width()), int(m_placement.height()))));
        draw->AddRect(ImVec2(float(a.x()), float(a.y())), ImVec2(float(c.x()), float(c.y())),
                      IM_COL32(120, 255, 160, 200));
        if (m_placement.cellCount() <= 200000) {
            const double z = zoom();
            for (std::uint32_t y = 0; y < m_placement.height(); ++y)
                for (std::uint32_t x = 0; x < m_placement.width(); ++x)
                    if (m_placement.get(x, y)) {
                        const QPointF p = worldToScreen(
                            QPointF(m_hoverCell.x() + double(x), m_hoverCell.y() + double(y)));
                        draw->AddRectFilled(ImVec2(float(p.x()), float(p.y())),
                                            ImVec2(float(p.x() + std::max(1.0, z)),
                                                   float(p.y() + std::max(1.0, z))),
                                            IM_COL32(120, 255, 160, 150));
                    }
        }
    }
    ImGui::SetNextWindowPos(ImVec2(8, 8), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##lifehud", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    ImGui::Text("generation %llu   population %llu", (unsigned long long)m_model->generation(),
                (unsigned long long)m_model->population());
    if (m_hoverCell.x() >= 0 && m_hoverCell.y() >= 0 &&
        std::uint32_t(m_hoverCell.x()) < b.width() && std::uint32_t(m_hoverCell.y()) < b.height())
        ImGui::Text("cell (%d, %d) %s", m_hoverCell.x(), m_hoverCell.y(),
                    b.get(std::uint32_t(m_hoverCell.x()), std::uint32_t(m_hoverCell.y())) ? "alive"
                                                                                          : "dead");
    else
        ImGui::TextDisabled("cell -");
    if (m_fps > 0)
        ImGui::Text("%.0f redraws/s   %.3g px/cell", m_fps, zoom());
    else
        ImGui::Text("%.3g px/cell", zoom());
    ImGui::End();
}

// [SECTION] mouse, keyboard, drops ------------------------------------------------------------

void LifeCanvas::mousePressEvent(QMouseEvent* event) {
    const bool pan = m_tool == Tool::Pan || event->button() == Qt::MiddleButton;
    if (pan || overlayWantsMouse()) {
        m_panning = pan;
        GlView::mousePressEvent(event);
        return;
    }
    const QPoint cell = cellAt(event->position());
    if (!m_placement.isEmpty()) {
        if (event->button() == Qt::LeftButton)
            Q_EMIT placeRequested(cell);
        else
            Q_EMIT placementCancelled();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    if (m_tool == Tool::Draw) {
        m_stroking = true;
        Q_EMIT strokeStarted(cell);
    } else if (m_tool == Tool::Select) {
        m_selecting = true;
        m_selectStart = cell;
        Q_EMIT selectionDragged(QRect(cell, QSize(1, 1)));
    }
}

void LifeCanvas::mouseMoveEvent(QMouseEvent* event) {
    GlView::mouseMoveEvent(event); // hover, ImGui, and the pan drag when one is active
    m_hoverCell = cellAt(event->position());
    if (m_stroking)
        Q_EMIT strokeMoved(m_hoverCell);
    if (m_selecting)
        Q_EMIT selectionDragged(QRect(m_selectStart, m_hoverCell).normalized());
    update();
}

void LifeCanvas::mouseReleaseEvent(QMouseEvent* event) {
    GlView::mouseReleaseEvent(event);
    if (m_stroking) {
        m_stroking = false;
        Q_EMIT strokeFinished();
    }
    m_selecting = false;
    m_panning = false;
}

void LifeCanvas::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && !m_placement.isEmpty()) {
        Q_EMIT placementCancelled();
        return;
    }
    if (event->key() == Qt::Key_Space) {
        Q_EMIT togglePlayRequested();
        return;
    }
    GlView::keyPressEvent(event);
}

void LifeCanvas::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void LifeCanvas::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        Q_EMIT fileDropped(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace algoscope::ui
