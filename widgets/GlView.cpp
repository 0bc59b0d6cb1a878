#include "GlView.h"

#include "FigureExport.h"
#include "ImGuiOverlay.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFramebufferObject>
#include <QWheelEvent>

#include <cmath>
#include <limits>

namespace algoscope::ui {

GlView::GlView(const QString& exportName, QWidget* parent)
    : QOpenGLWidget(parent), m_overlay(std::make_unique<ImGuiOverlay>()), m_exportName(exportName) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(64, 64);
    m_hoverWorld = QPointF(std::numeric_limits<double>::quiet_NaN(), 0);
}

GlView::~GlView() {
    // By now the subclass is destroyed, so releaseGl() cannot be called; a subclass that forgot
    // releaseGlNow() leaks its GL objects until the context dies, which is harmless but flagged.
    if (m_glReady)
        qWarning("GlView %s: subclass destructor did not call releaseGlNow()",
                 qPrintable(objectName()));
    if (context())
        disconnect(context(), nullptr, this, nullptr);
    if (m_glReady) {
        makeCurrent();
        m_overlay->releaseGl();
        doneCurrent();
    }
}

void GlView::initializeGL() {
    initializeOpenGLFunctions();
    // The context is replaced when the widget is re-parented into a floating window; free
    // everything while the old context still exists.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &GlView::cleanupGl,
            Qt::UniqueConnection);
    initGl();
    m_overlay->initGl();
    m_glReady = true;
    ++m_glInitCount;
    Q_EMIT glReinitialised();
}

void GlView::cleanupGl() {
    if (!m_glReady)
        return;
    makeCurrent();
    releaseGl();
    m_overlay->releaseGl();
    m_glReady = false;
    ++m_glReleaseCount;
    doneCurrent();
}

void GlView::resizeGL(int, int) {}

void GlView::paintGL() {
    const QSize pixels = size() * devicePixelRatioF();
    glViewport(0, 0, pixels.width(), pixels.height());
    paintScene(pixels);
    if (m_overlayEnabled)
        m_overlay->render(size(), devicePixelRatioF(), [this] { buildOverlay(); });
}

bool GlView::overlayWantsMouse() const {
    return m_overlayEnabled && m_overlay->wantsMouse();
}

void GlView::setOverlayEnabled(bool on) {
    m_overlayEnabled = on;
    update();
}

void GlView::setCamera(QPointF center, double zoom) {
    if (!std::isfinite(center.x()) || !std::isfinite(center.y()) || !std::isfinite(zoom))
        return;
    m_center = center;
    m_zoom = std::clamp(zoom, 1e-6, 1e6);
    Q_EMIT cameraChanged();
    update();
}

void GlView::fitToRect(const QRectF& world) {
    if (world.isEmpty())
        return;
    const double margin = 0.95;
    const double z = std::min(width() / world.width(), height() / world.height()) * margin;
    setCamera(world.center(), z > 0 ? z : 1.0);
}

QPointF GlView::screenToWorld(QPointF s) const {
    return m_center + (s - QPointF(width() / 2.0, height() / 2.0)) / m_zoom;
}

QPointF GlView::worldToScreen(QPointF w) const {
    return (w - m_center) * m_zoom + QPointF(width() / 2.0, height() / 2.0);
}

QRectF GlView::visibleWorldRect() const {
    return QRectF(screenToWorld(QPointF(0, 0)), screenToWorld(QPointF(width(), height())));
}

QMatrix4x4 GlView::worldToClip(QSize pixelSize) const {
    // Everything visible on screen stays visible in the target: scale by the smaller of the two
    // size ratios (an export of another aspect ratio adds margin on one axis, never crops).
    const double dpr = devicePixelRatioF();
    const double sx = pixelSize.width() / std::max(1.0, width() * dpr);
    const double sy = pixelSize.height() / std::max(1.0, height() * dpr);
    const double zoom = m_zoom * dpr * std::min(sx, sy);
    const QSizeF half(pixelSize.width() / (2 * zoom), pixelSize.height() / (2 * zoom));
    const QRectF r(m_center - QPointF(half.width(), half.height()), 2 * half);
    QMatrix4x4 m;
    m.ortho(float(r.left()), float(r.right()), float(r.bottom()), float(r.top()), -1.f, 1.f);
    return m;
}

void GlView::mousePressEvent(QMouseEvent* event) {
    if (m_overlay->mouseButton(event, true)) {
        update();
        return;
    }
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        m_dragging = true;
        m_dragStart = event->position();
        m_dragCenter = m_center;
    }
}

void GlView::mouseReleaseEvent(QMouseEvent* event) {
    m_overlay->mouseButton(event, false);
    m_dragging = false;
    update();
}

void GlView::mouseMoveEvent(QMouseEvent* event) {
    const bool imgui = m_overlay->mouseMove(event->position());
    m_hoverWorld = screenToWorld(event->position());
    if (m_dragging && !imgui)
        setCamera(m_dragCenter - (event->position() - m_dragStart) / m_zoom, m_zoom);
    update();
}

void GlView::wheelEvent(QWheelEvent* event) {
    if (m_overlay->wheel(event)) {
        update();
        return;
    }
    // Zoom about the cursor: the world point under it stays under it.
    const QPointF anchor = event->position();
    const QPointF before = screenToWorld(anchor);
    const double factor = std::pow(1.0015, event->angleDelta().y());
    m_zoom = std::clamp(m_zoom * factor, 1e-6, 1e6);
    const QPointF after = screenToWorld(anchor);
    setCamera(m_center + (before - after), m_zoom);
}

void GlView::keyPressEvent(QKeyEvent* event) {
    if (!m_overlay->key(event, true))
        QOpenGLWidget::keyPressEvent(event);
    update();
}

void GlView::keyReleaseEvent(QKeyEvent* event) {
    if (!m_overlay->key(event, false))
        QOpenGLWidget::keyReleaseEvent(event);
    update();
}

void GlView::leaveEvent(QEvent* event) {
    m_overlay->leave();
    m_hoverWorld = QPointF(std::numeric_limits<double>::quiet_NaN(), 0);
    QOpenGLWidget::leaveEvent(event);
    update();
}

QImage GlView::renderToImage(QSize size) {
    if (!m_glReady || size.isEmpty())
        return {};
    makeCurrent();
    QOpenGLFramebufferObjectFormat format;
    format.setAttachment(QOpenGLFramebufferObject::CombinedDepthStencil);
    format.setSamples(0);
    QOpenGLFramebufferObject fbo(size, format);
    QImage image;
    if (fbo.isValid() && fbo.bind()) {
        glViewport(0, 0, size.width(), size.height());
        paintScene(size);
        image = fbo.toImage();
        fbo.bindDefault();
    }
    doneCurrent();
    return image;
}

bool GlView::exportFigure(const QString& path, const ExportOptions& options, QString* error) {
    if (!m_glReady) {
        if (error)
            *error = QStringLiteral("the view has no OpenGL context yet (is it visible?)");
        return false;
    }
    const QImage image = renderToImage(options.size);
    if (image.isNull()) {
        if (error)
            *error = QStringLiteral("could not render the view offscreen at %1x%2")
                         .arg(options.size.width())
                         .arg(options.size.height());
        return false;
    }
    return exportImage(image, path, options, error);
}

} // namespace algoscope::ui
