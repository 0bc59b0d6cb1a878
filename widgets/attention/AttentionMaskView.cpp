#include "AttentionMaskView.h"

#include "AttentionModel.h"
#include "FigureExport.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace algoscope::ui {

namespace {
constexpr double kTop = 24;
}

AttentionMaskView::AttentionMaskView(AttentionModel* model, QWidget* parent)
    : QWidget(parent), m_model(model) {
    setObjectName(QStringLiteral("attention.mask"));
    setMinimumSize(200, 200);
    connect(m_model, &AttentionModel::settingsChanged, this, &AttentionMaskView::rebuild);
    // Hover only moves the red overlay, drawn at paint time: the image is rebuilt on edits only.
    connect(m_model, &AttentionModel::hoverChanged, this, qOverload<>(&QWidget::update));
    rebuild();
}

void AttentionMaskView::rebuild() {
    const std::vector<int> sizes = m_model->sizes();
    std::int64_t n = 1;
    for (int s : sizes)
        n *= s;
    const QString why = m_model->invalidReason();
    const int oldSide = m_image.width();
    m_image = QImage();
    m_density = 0;
    if (!why.isEmpty()) {
        m_message = tr("Invalid: %1").arg(why);
    } else if (n > kMaxTokens) {
        m_message = tr("%1 tokens: the mask view shows at most %2 (a %2 x %2 image)")
                        .arg(n)
                        .arg(kMaxTokens);
    } else {
        const auto params = m_model->params();
        m_image = QImage(int(n), int(n), QImage::Format_RGB32);
        m_image.fill(QColor(250, 250, 250));
        const QRgb in = qRgb(35, 60, 150);
        std::int64_t count = 0;
        std::vector<int> coord(sizes.size());
        for (std::int64_t i = 0; i < n; ++i) {
            std::int64_t t = i;
            for (int a = int(sizes.size()) - 1; a >= 0; --a) {
                coord[std::size_t(a)] = int(t % sizes[std::size_t(a)]);
                t /= sizes[std::size_t(a)];
            }
            for (std::int64_t j : attention::neighbors(sizes, params, coord)) {
                m_image.setPixel(int(j), int(i), in);
                ++count;
            }
        }
        m_density = double(count) / double(n * n);
        m_message = tr("%1 x %1 mask: %2 of %3 entries (%4%)")
                        .arg(n)
                        .arg(count)
                        .arg(n * n)
                        .arg(100.0 * m_density, 0, 'f', 2);
    }
    if (!m_userZoomed || m_image.width() != oldSide)
        fit();
    update();
}

void AttentionMaskView::fit() {
    m_userZoomed = false;
    if (m_image.isNull())
        return;
    const double avail = std::min(width() - 8.0, height() - kTop - 8.0);
    m_zoom = std::max(0.05, avail / m_image.width());
    m_offset = QPointF((width() - m_zoom * m_image.width()) / 2,
                       kTop + (height() - kTop - m_zoom * m_image.height()) / 2);
}

void AttentionMaskView::resizeEvent(QResizeEvent*) {
    if (!m_userZoomed)
        fit();
}

void AttentionMaskView::paintEvent(QPaintEvent*) {
    if (!m_userZoomed)
        fit(); // the widget's size is only final once it is shown in its dock
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!m_image.isNull()) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        const double n = m_image.width();
        p.drawImage(QRectF(m_offset, QSizeF(n * m_zoom, n * m_zoom)), m_image);
        // The focus query's row (its window in red) or, inverted, the focus key's column.
        const std::vector<int> sizes = m_model->sizes();
        const std::vector<int> focus = m_model->focus();
        const std::int64_t f =
            focus.size() == 2 ? std::int64_t(focus[0]) * sizes[1] + focus[1] : focus[0];
        const bool inverse = m_model->settings().inverse;
        const QRectF band =
            inverse ? QRectF(m_offset.x() + f * m_zoom, m_offset.y(), m_zoom, n * m_zoom)
                    : QRectF(m_offset.x(), m_offset.y() + f * m_zoom, n * m_zoom, m_zoom);
        p.fillRect(
            band.adjusted(0, 0, std::max(0.0, 1 - band.width()), std::max(0.0, 1 - band.height())),
            QColor(255, 120, 120, 110));
        const auto hits = inverse ? attention::inverseNeighbors(sizes, m_model->params(), focus)
                                  : attention::neighbors(sizes, m_model->params(), focus);
        const double cell = std::max(1.0, m_zoom);
        for (std::int64_t j : hits) {
            const QPointF at = inverse ? QPointF(f, double(j)) : QPointF(double(j), f);
            p.fillRect(QRectF(m_offset + at * m_zoom, QSizeF(cell, cell)), QColor(210, 40, 40));
        }
    }
    p.setPen(m_model->isValid() ? palette().text().color() : QColor(190, 30, 30));
    p.drawText(QRectF(6, 2, width() - 12, kTop - 4), Qt::AlignLeft | Qt::AlignVCenter,
               m_message +
                   (m_image.isNull() ? QString() : tr("   (rows: queries, columns: keys)")));
}

void AttentionMaskView::wheelEvent(QWheelEvent* e) {
    if (m_image.isNull())
        return;
    const double factor = std::pow(1.0015, e->angleDelta().y());
    const QPointF at = e->position();
    m_offset = at - (at - m_offset) * factor;
    m_zoom *= factor;
    m_userZoomed = true;
    update();
}

void AttentionMaskView::mousePressEvent(QMouseEvent* e) {
    m_dragStart = e->position();
    m_offsetStart = m_offset;
}

void AttentionMaskView::mouseMoveEvent(QMouseEvent* e) {
    if (!(e->buttons() & Qt::LeftButton))
        return;
    m_offset = m_offsetStart + (e->position() - m_dragStart);
    m_userZoomed = true;
    update();
}

void AttentionMaskView::mouseDoubleClickEvent(QMouseEvent*) {
    fit();
    update();
}

bool AttentionMaskView::exportFigure(const QString& path, const ExportOptions& options,
                                     QString* error) {
    if (m_image.isNull()) {
        if (error)
            *error = m_message;
        return false;
    }
    // Nearest-neighbour scaling keeps every mask cell a crisp block.
    const int side = std::min(options.size.width(), options.size.height());
    return exportImage(m_image.scaled(side, side, Qt::KeepAspectRatio, Qt::FastTransformation),
                       path, options, error);
}

} // namespace algoscope::ui
