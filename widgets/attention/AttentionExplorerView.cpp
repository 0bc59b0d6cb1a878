#include "AttentionExplorerView.h"

#include "AttentionModel.h"
#include "FigureExport.h"

#include <QMouseEvent>
#include <QPainter>
#include <qcustomplot.h>

#include <algorithm>
#include <unordered_set>

namespace algoscope::ui {

namespace {
constexpr double kTitleHeight = 44;
constexpr double kMargin = 10;
} // namespace

AttentionExplorerView::AttentionExplorerView(AttentionModel* model, QWidget* parent)
    : QWidget(parent), m_model(model) {
    setMouseTracking(true);
    setMinimumSize(320, 240);
    setObjectName(QStringLiteral("attention.explorer"));
    connect(m_model, &AttentionModel::settingsChanged, this, qOverload<>(&QWidget::update));
    connect(m_model, &AttentionModel::hoverChanged, this, qOverload<>(&QWidget::update));
}

AttentionExplorerView::Layout AttentionExplorerView::layoutFor(QSize size) const {
    const auto& s = m_model->settings();
    Layout l;
    l.rows = s.rank == 1 ? 1 : s.size[0];
    l.cols = s.size[1];
    const double w = size.width() - 2 * kMargin, h = size.height() - kTitleHeight - kMargin;
    l.cell = std::max(1.0, std::min(w / l.cols, h / l.rows));
    if (s.rank == 1)
        l.cell = std::min(l.cell, 48.0);
    l.x0 = (size.width() - l.cell * l.cols) / 2;
    l.y0 = kTitleHeight + (h - l.cell * l.rows) / 2;
    return l;
}

std::optional<std::array<int, 2>> AttentionExplorerView::cellAt(QPointF pos) const {
    const Layout l = layoutFor(size());
    const int c = int(std::floor((pos.x() - l.x0) / l.cell));
    const int r = int(std::floor((pos.y() - l.y0) / l.cell));
    if (c < 0 || c >= l.cols || r < 0 || r >= l.rows)
        return std::nullopt;
    return std::array<int, 2>{r, c};
}

QPointF AttentionExplorerView::cellCentre(int row, int column) const {
    const Layout l = layoutFor(size());
    return {l.x0 + (column + 0.5) * l.cell, l.y0 + (row + 0.5) * l.cell};
}

void AttentionExplorerView::paintFigure(QPainter& p, QSize size) const {
    const auto& s = m_model->settings();
    const Layout l = layoutFor(size);
    p.fillRect(QRect(QPoint(0, 0), size), palette().base());
    const QString why = m_model->invalidReason();
    const bool valid = why.isEmpty();
    const int dy = s.rank == 1 ? 1 : std::max(1, s.dilation[0]);
    const int dx = std::max(1, s.dilation[1]);
    const int groups = dy * dx;

    // The highlighted set: the focus query's neighbourhood or, inverted, who sees the focus key.
    std::unordered_set<std::int64_t> lit;
    const std::vector<int> focus = m_model->focus();
    if (valid) {
        const auto flat =
            s.inverse ? attention::inverseNeighbors(m_model->sizes(), m_model->params(), focus)
                      : attention::neighbors(m_model->sizes(), m_model->params(), focus);
        lit.insert(flat.begin(), flat.end());
    }
    const int fr = s.rank == 1 ? 0 : focus[0], fc = focus.back();
    const bool grid = l.cell >= 5;
    for (int r = 0; r < l.rows; ++r)
        for (int c = 0; c < l.cols; ++c) {
            const int g = (r % dy) * dx + (c % dx);
            const int hue = groups > 1 ? (g * 360 / groups + 200) % 360 : 210;
            QColor col;
            if (!valid)
                col = QColor(225, 225, 225);
            else if (lit.count(std::int64_t(r) * l.cols + c))
                col = QColor::fromHsv(hue, 190, s.inverse ? 235 : 200);
            else
                col = QColor::fromHsv(hue, groups > 1 ? 45 : 18, 248);
            const QRectF rect(l.x0 + c * l.cell, l.y0 + r * l.cell, l.cell, l.cell);
            p.fillRect(rect, col);
            if (grid) {
                p.setPen(QPen(QColor(255, 255, 255), 1));
                p.drawRect(rect);
            }
        }
    // The focus token.
    const QRectF f(l.x0 + fc * l.cell, l.y0 + fr * l.cell, l.cell, l.cell);
    p.setPen(QPen(valid ? QColor(20, 20, 20) : QColor(120, 120, 120), std::max(2.0, l.cell / 8)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(f.adjusted(1, 1, -1, -1));

    // Title: the setting and what is shown, or why it is invalid.
    QFont font = p.font();
    font.setPointSizeF(11);
    p.setFont(font);
    auto axis = [&](int a) {
        return QStringLiteral("k=%1 d=%2 s=%3%4")
            .arg(s.kernel[std::size_t(a)])
            .arg(s.dilation[std::size_t(a)])
            .arg(s.stride[std::size_t(a)])
            .arg(s.causal[std::size_t(a)] ? QStringLiteral(" causal") : QString());
    };
    QString title = s.rank == 1 ? QStringLiteral("1-D, L=%1, %2").arg(s.size[1]).arg(axis(1))
                                : QStringLiteral("2-D, %1 x %2, rows: %3; columns: %4")
                                      .arg(s.size[0])
                                      .arg(s.size[1])
                                      .arg(axis(0), axis(1));
    QString line2;
    if (!valid) {
        p.setPen(QColor(190, 30, 30));
        line2 = tr("Invalid (NATTEN rule): %1").arg(why);
    } else {
        p.setPen(palette().text().color());
        const QString pos =
            s.rank == 1 ? QString::number(fc) : QStringLiteral("(%1, %2)").arg(fr).arg(fc);
        line2 = s.inverse ? tr("%1 queries see key %2").arg(lit.size()).arg(pos)
                          : tr("query %1 sees %2 keys").arg(pos).arg(lit.size());
        if (groups > 1)
            line2 += tr("  ·  %1 dilation groups (colours)").arg(groups);
    }
    p.drawText(QRectF(kMargin, 2, size.width() - 2 * kMargin, 20), Qt::AlignLeft | Qt::AlignVCenter,
               title);
    p.drawText(QRectF(kMargin, 22, size.width() - 2 * kMargin, 20),
               Qt::AlignLeft | Qt::AlignVCenter, line2);
}

void AttentionExplorerView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintFigure(p, size());
}

void AttentionExplorerView::mouseMoveEvent(QMouseEvent* e) {
    m_model->setHover(cellAt(e->position()));
}

void AttentionExplorerView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    if (const auto c = cellAt(e->position()))
        Q_EMIT positionClicked((*c)[0], (*c)[1]);
}

void AttentionExplorerView::leaveEvent(QEvent*) {
    m_model->setHover(std::nullopt);
}

bool AttentionExplorerView::exportFigure(const QString& path, const ExportOptions& options,
                                         QString* error) {
    return exportPainted([this](QCPPainter& p, QSize s) { paintFigure(p, s); }, path, options,
                         error);
}

} // namespace algoscope::ui
