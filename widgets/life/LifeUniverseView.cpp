#include "LifeUniverseView.h"

#include "FigureExport.h"

#include "LifeUniverse.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <vector>

namespace algoscope::ui {

namespace {
constexpr int kMinZoom = -4; // 16 pixels per cell
constexpr int kMaxZoom = 60;
// Coordinates are kept within +-2^61 so that view arithmetic never overflows.
constexpr std::int64_t kMaxCoord = std::int64_t(1) << 61;
} // namespace

LifeUniverseView::LifeUniverseView(LifeUniverse* universe, QWidget* parent)
    : QWidget(parent), m_universe(universe) {
    setObjectName(QStringLiteral("life.universeView"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 150);
    setCursor(Qt::OpenHandCursor);
    connect(universe, &LifeUniverse::changed, this, [this] {
        m_dirty = true;
        update();
    });
}

void LifeUniverseView::setZoom(int z) {
    z = std::clamp(z, kMinZoom, kMaxZoom);
    if (z == m_zoom)
        return;
    m_zoom = z;
    m_dirty = true;
    update();
    Q_EMIT viewChanged();
}

void LifeUniverseView::setCentre(std::int64_t x, std::int64_t y) {
    m_cx = std::clamp(x, -kMaxCoord, kMaxCoord);
    m_cy = std::clamp(y, -kMaxCoord, kMaxCoord);
    m_dirty = true;
    update();
    Q_EMIT viewChanged();
}

void LifeUniverseView::fitPattern() {
    if (m_universe->busy())
        return;
    const auto bb = m_universe->hashLife().boundingBox();
    if (!bb) {
        setCentre(0, 0);
        return;
    }
    const mpz_class cx = bb->x + bb->width / 2, cy = bb->y + bb->height / 2;
    auto clampBig = [](const mpz_class& v) {
        if (v > kMaxCoord)
            return kMaxCoord;
        if (v < -kMaxCoord)
            return -kMaxCoord;
        return std::int64_t(v.get_si());
    };
    // Smallest zoom at which the box fits the widget (with a small margin).
    const double w = std::max(1, width() - 16), h = std::max(1, height() - 16);
    const double need = std::max(bb->width.get_d() / w, bb->height.get_d() / h);
    int z = need <= 1 ? -int(std::floor(std::log2(1 / need))) : int(std::ceil(std::log2(need)));
    m_zoom = std::clamp(z, kMinZoom, kMaxZoom);
    setCentre(clampBig(cx), clampBig(cy));
}

void LifeUniverseView::rerender() {
    const int pixelsPerCell = m_zoom < 0 ? 1 << -m_zoom : 1;
    const unsigned shift = unsigned(std::max(0, m_zoom));
    const int w = (width() + pixelsPerCell - 1) / pixelsPerCell + 1;
    const int h = (height() + pixelsPerCell - 1) / pixelsPerCell + 1;
    // Top-left of the view in cells, aligned to the pixel grid so that each subtree smaller
    // than a pixel falls in exactly one pixel.
    std::int64_t x0 = m_cx - (std::int64_t(w / 2) << shift);
    std::int64_t y0 = m_cy - (std::int64_t(h / 2) << shift);
    const std::int64_t align = std::int64_t(1) << shift;
    x0 = x0 >= 0 ? x0 / align * align : -((-x0 + align - 1) / align * align);
    y0 = y0 >= 0 ? y0 / align * align : -((-y0 + align - 1) / align * align);
    std::vector<float> density(std::size_t(w) * std::size_t(h));
    m_universe->hashLife().render(x0, y0, shift, std::uint32_t(w), std::uint32_t(h), density);
    QImage cells(w, h, QImage::Format_RGB32);
    const QRgb background = qRgb(16, 18, 24);
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(cells.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const float d = density[std::size_t(y) * w + x];
            if (d <= 0) {
                row[x] = background;
            } else {
                // Sparse regions stay visible: brightness grows with the square root.
                const int v = 130 + int(125 * std::sqrt(std::min(1.0f, d)));
                row[x] = qRgb(v * 9 / 10, v, std::min(255, v * 11 / 10));
            }
        }
    }
    // Where the centre cell lands, so zoomed-in views keep it in the middle.
    const int ox = width() / 2 - int((m_cx - x0) >> shift) * pixelsPerCell;
    const int oy = height() / 2 - int((m_cy - y0) >> shift) * pixelsPerCell;
    m_image = QImage(size(), QImage::Format_RGB32);
    m_image.fill(background);
    QPainter p(&m_image);
    p.drawImage(QRect(ox, oy, w * pixelsPerCell, h * pixelsPerCell), cells);
    if (pixelsPerCell >= 8) { // a faint grid when cells are large
        p.setPen(QColor(40, 44, 56));
        for (int x = ox % pixelsPerCell; x < width(); x += pixelsPerCell)
            p.drawLine(x, 0, x, height());
        for (int y = oy % pixelsPerCell; y < height(); y += pixelsPerCell)
            p.drawLine(0, y, width(), y);
    }
    m_dirty = false;
}

QImage LifeUniverseView::renderToImage() {
    if (!m_universe->busy())
        rerender();
    return m_image;
}

bool LifeUniverseView::exportFigure(const QString& path, const ExportOptions& options,
                                    QString* error) {
    return exportImage(renderToImage(), path, options, error);
}

void LifeUniverseView::paintEvent(QPaintEvent*) {
    if ((m_dirty || m_image.size() != size()) && !m_universe->busy())
        rerender();
    QPainter p(this);
    p.fillRect(rect(), QColor(16, 18, 24));
    if (!m_image.isNull())
        p.drawImage(0, 0, m_image);
    // Read-out: generation, population, scale (only when idle: the universe is the worker's
    // while a step runs).
    QString text;
    if (!m_universe->busy()) {
        const auto& hl = m_universe->hashLife();
        text = tr("generation %1   population %2")
                   .arg(withSeparators(hl.generation()), withSeparators(hl.population()));
    } else {
        text = tr("computing…");
    }
    text += m_zoom >= 0 ? tr("   scale 1:%1").arg(withSeparators(mpz_class(1) << unsigned(m_zoom)))
                        : tr("   scale %1:1").arg(1 << -m_zoom);
    p.setPen(QColor(230, 230, 230));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.1);
    p.setFont(f);
    const QRect box = p.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3);
    p.fillRect(box.translated(10 - box.left(), 10 - box.top()), QColor(0, 0, 0, 160));
    p.drawText(QPoint(16, 10 - box.top()), text);
}

void LifeUniverseView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        m_dragging = true;
        m_dragLast = event->position().toPoint();
        m_dragRemainder = QPoint();
        setCursor(Qt::ClosedHandCursor);
    }
}

void LifeUniverseView::mouseMoveEvent(QMouseEvent* event) {
    if (!m_dragging)
        return;
    const QPoint d = event->position().toPoint() - m_dragLast;
    m_dragLast = event->position().toPoint();
    if (m_zoom >= 0) {
        setCentre(m_cx - (std::int64_t(d.x()) << m_zoom), m_cy - (std::int64_t(d.y()) << m_zoom));
    } else {
        const int ppc = 1 << -m_zoom;
        m_dragRemainder += d;
        const int cx = m_dragRemainder.x() / ppc, cy = m_dragRemainder.y() / ppc;
        m_dragRemainder -= QPoint(cx * ppc, cy * ppc);
        if (cx || cy)
            setCentre(m_cx - cx, m_cy - cy);
    }
}

void LifeUniverseView::mouseReleaseEvent(QMouseEvent*) {
    m_dragging = false;
    setCursor(Qt::OpenHandCursor);
}

void LifeUniverseView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0)
        return;
    // Zoom about the cell under the mouse.
    const QPointF off = event->position() - QPointF(width() / 2.0, height() / 2.0);
    auto cellsPer = [](int z) { return std::ldexp(1.0, z); };
    const double before = cellsPer(m_zoom);
    const int z = std::clamp(m_zoom - steps, kMinZoom, kMaxZoom);
    const double after = cellsPer(z);
    const double dx = off.x() * (before - after), dy = off.y() * (before - after);
    m_zoom = z;
    setCentre(m_cx + std::int64_t(std::llround(dx)), m_cy + std::int64_t(std::llround(dy)));
}

void LifeUniverseView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_F) {
        fitPattern();
        return;
    }
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        setZoom(m_zoom - 1);
        return;
    }
    if (event->key() == Qt::Key_Minus) {
        setZoom(m_zoom + 1);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace algoscope::ui
