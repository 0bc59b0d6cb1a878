#include "AttentionImageView.h"

#include "AttentionModel.h"
#include "FigureExport.h"

#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace algoscope::ui {

namespace {
constexpr double kTitleHeight = 46;
constexpr double kCaptionHeight = 20;
constexpr double kMargin = 10;

// Weight (0..1 of the map's largest) to an overlay colour: transparent blue to opaque yellow
// ("inferno"-like ramp), so the photo shows through where attention is low.
QColor heat(double t) {
    t = std::sqrt(std::clamp(t, 0.0, 1.0)); // small weights stay visible
    return QColor::fromHsvF(std::fmod(0.75 + 0.42 * t, 1.0), 0.9, 0.45 + 0.55 * t, 0.35 + 0.65 * t);
}
// Text that fits the rectangle (elided at the right), so a narrow dock stays readable.
void drawFitted(QPainter& p, const QRectF& r, int flags, const QString& text) {
    p.drawText(r, flags, p.fontMetrics().elidedText(text, Qt::ElideRight, int(r.width())));
}
} // namespace

AttentionImageView::AttentionImageView(AttentionModel* model, QWidget* parent)
    : QWidget(parent), m_model(model) {
    setMouseTracking(true);
    setMinimumSize(320, 200);
    setObjectName(QStringLiteral("attention.image"));
    connect(m_model, &AttentionModel::imageChanged, this, qOverload<>(&QWidget::update));
    connect(m_model, &AttentionModel::settingsChanged, this, qOverload<>(&QWidget::update));
}

AttentionImageView::Layout AttentionImageView::layoutFor(QSize size) const {
    Layout l;
    const auto a = m_model->imageAttention();
    l.rows = a ? a->height : 64;
    l.cols = a ? a->width : 96;
    // The two maps side by side or stacked, whichever shows larger pixels; each has a caption
    // line above it.
    const double w = size.width() - 2 * kMargin;
    const double h = size.height() - kTitleHeight - kMargin;
    const double sideBySide =
        std::min((w - kMargin) / (2.0 * l.cols), (h - kCaptionHeight) / double(l.rows));
    const double stacked =
        std::min(w / double(l.cols), (h - 2 * kCaptionHeight - kMargin) / (2.0 * l.rows));
    l.cell = std::max(0.5, std::max(sideBySide, stacked));
    if (sideBySide >= stacked) {
        const double total = 2 * l.cell * l.cols + kMargin;
        l.x0[0] = (size.width() - total) / 2;
        l.x0[1] = l.x0[0] + l.cell * l.cols + kMargin;
        l.y0[0] = l.y0[1] = kTitleHeight + kCaptionHeight;
    } else {
        l.x0[0] = l.x0[1] = (size.width() - l.cell * l.cols) / 2;
        l.y0[0] = kTitleHeight + kCaptionHeight;
        l.y0[1] = l.y0[0] + l.cell * l.rows + kMargin + kCaptionHeight;
    }
    return l;
}

std::optional<std::array<int, 2>> AttentionImageView::pixelAt(QPointF pos) const {
    const Layout l = layoutFor(size());
    for (int m = 0; m < 2; ++m) {
        const int c = int(std::floor((pos.x() - l.x0[m]) / l.cell));
        const int r = int(std::floor((pos.y() - l.y0[m]) / l.cell));
        if (c >= 0 && c < l.cols && r >= 0 && r < l.rows)
            return std::array<int, 2>{r, c};
    }
    return std::nullopt;
}

QPointF AttentionImageView::pixelCentre(int row, int column) const {
    const Layout l = layoutFor(size());
    return {l.x0[0] + (column + 0.5) * l.cell, l.y0[0] + (row + 0.5) * l.cell};
}

std::array<int, 2> AttentionImageView::shownQuery() const {
    const Layout l = layoutFor(size());
    const auto q = m_hover ? *m_hover : m_model->settings().imageQuery;
    return {std::clamp(q[0], 0, l.rows - 1), std::clamp(q[1], 0, l.cols - 1)};
}

void AttentionImageView::paintFigure(QPainter& p, QSize size) const {
    const Layout l = layoutFor(size);
    p.fillRect(QRect(QPoint(0, 0), size), palette().base());
    QFont font = p.font();
    font.setPointSizeF(10);
    p.setFont(font);
    const auto a = m_model->imageAttention();
    const QRectF titleRect(kMargin, 2, size.width() - 2 * kMargin, 20);
    const QRectF line2Rect(kMargin, 22, size.width() - 2 * kMargin, 20);
    if (!a) {
        const QString why = m_model->imageError();
        p.setPen(why.isEmpty() ? palette().text().color() : QColor(190, 30, 30));
        drawFitted(p, titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                   tr("Attention over a real image"));
        drawFitted(p, line2Rect, Qt::AlignLeft | Qt::AlignVCenter,
                   why.isEmpty() ? tr("computing...") : tr("Invalid for the image: %1").arg(why));
        return;
    }
    const auto q = shownQuery();
    const std::vector<float> maps[2] = {attention::neighborhoodWeights(*a, q[0], q[1]),
                                        attention::fullAttentionWeights(*a, q[0], q[1])};
    // Share of full attention's weight inside the window.
    double inside = 0;
    for (std::size_t i = 0; i < maps[0].size(); ++i)
        if (maps[0][i] > 0.0f)
            inside += maps[1][i];
    const QString captions[2] = {tr("neighbourhood"), tr("full")};
    for (int m = 0; m < 2; ++m) {
        const float mx = *std::max_element(maps[m].begin(), maps[m].end());
        // One image pixel per token: the photo dimmed, the heat blended over it by its alpha;
        // drawn scaled without smoothing so every token stays a sharp square.
        QImage composite(l.cols, l.rows, QImage::Format_RGB32);
        for (int r = 0; r < l.rows; ++r)
            for (int c = 0; c < l.cols; ++c) {
                const std::size_t i = std::size_t(r) * std::size_t(l.cols) + std::size_t(c);
                const float* rgb = a->image.rgb.data() + i * 3;
                double out[3] = {0.45 * rgb[0], 0.45 * rgb[1], 0.45 * rgb[2]};
                if (maps[m][i] > 0.0f) {
                    const QColor h = heat(mx > 0 ? maps[m][i] / mx : 0.0);
                    const double al = h.alphaF();
                    const double hc[3] = {h.redF(), h.greenF(), h.blueF()};
                    for (int k = 0; k < 3; ++k)
                        out[k] = (1 - al) * out[k] + al * hc[k];
                }
                composite.setPixel(c, r,
                                   qRgb(int(255 * out[0]), int(255 * out[1]), int(255 * out[2])));
            }
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(QRectF(l.x0[m], l.y0[m], l.cell * l.cols, l.cell * l.rows), composite);
        // The window's extent (keys j * d + g for start <= j < end on each axis), on both maps.
        const auto& ax = a->params.axes;
        const attention::AxisWindow wy = attention::axisWindow(a->height, ax[0], q[0]);
        const attention::AxisWindow wx = attention::axisWindow(a->width, ax[1], q[1]);
        const int top = wy.start * ax[0].dilation + wy.group;
        const int bottom = (wy.end - 1) * ax[0].dilation + wy.group;
        const int left = wx.start * ax[1].dilation + wx.group;
        const int right = (wx.end - 1) * ax[1].dilation + wx.group;
        p.setPen(QPen(QColor(255, 255, 255, 200), 1, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(l.x0[m] + left * l.cell, l.y0[m] + top * l.cell,
                          (right - left + 1) * l.cell, (bottom - top + 1) * l.cell));
        const QRectF qr(l.x0[m] + q[1] * l.cell, l.y0[m] + q[0] * l.cell, l.cell, l.cell);
        p.setPen(QPen(QColor(255, 255, 255), std::max(1.5, l.cell / 5)));
        p.setBrush(Qt::NoBrush);
        p.drawRect(qr.adjusted(-1, -1, 1, 1));
        p.setPen(palette().text().color());
        drawFitted(p, QRectF(l.x0[m], l.y0[m] - kCaptionHeight, l.cell * l.cols, kCaptionHeight),
                   Qt::AlignHCenter | Qt::AlignVCenter,
                   tr("%1, max %2").arg(captions[m]).arg(double(mx), 0, 'g', 2));
    }
    const auto& ax = a->params.axes;
    p.setPen(palette().text().color());
    drawFitted(p, titleRect, Qt::AlignLeft | Qt::AlignVCenter,
               tr("%1 x %2 photo, q = k = colour + position; k=%3,%4 d=%5,%6%7")
                   .arg(a->width)
                   .arg(a->height)
                   .arg(ax[0].kernel)
                   .arg(ax[1].kernel)
                   .arg(ax[0].dilation)
                   .arg(ax[1].dilation)
                   .arg(a->params.anyCausal() ? tr(" causal") : QString()));
    drawFitted(p, line2Rect, Qt::AlignLeft | Qt::AlignVCenter,
               tr("query (%1, %2): %3% of full attention's weight is in its window")
                   .arg(q[0])
                   .arg(q[1])
                   .arg(100.0 * inside, 0, 'f', 1));
}

void AttentionImageView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintFigure(p, size());
}

void AttentionImageView::mouseMoveEvent(QMouseEvent* e) {
    const auto px = pixelAt(e->position());
    if (px != m_hover) {
        m_hover = px;
        update();
    }
}

void AttentionImageView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    if (const auto px = pixelAt(e->position()))
        Q_EMIT pixelClicked((*px)[0], (*px)[1]);
}

void AttentionImageView::leaveEvent(QEvent*) {
    m_hover.reset();
    update();
}

bool AttentionImageView::exportFigure(const QString& path, const ExportOptions& options,
                                      QString* error) {
    return exportPainted([this](QCPPainter& p, QSize s) { paintFigure(p, s); }, path, options,
                         error);
}

} // namespace algoscope::ui
