#include "LifeGptBoardsView.h"

#include "FigureExport.h"

#include <QMouseEvent>
#include <QPainter>
#include <qcustomplot.h>

#include <algorithm>

namespace algoscope::ui {

namespace {
const QColor kDead(38, 34, 30), kAlive(250, 210, 90), kGrid(70, 64, 58), kWrong(230, 40, 60);
const char* kTitles[] = {"Input (generation t)", "Life: t + 1 (engine)", "LifeGPT: t + 1",
                         "Confidence of each predicted cell"};
} // namespace

LifeGptBoardsView::LifeGptBoardsView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(480, 320);
    setFocusPolicy(Qt::ClickFocus);
    setObjectName(QStringLiteral("LifeGptBoardsView"));
}

void LifeGptBoardsView::setBoards(const life::Board& input, const std::optional<life::Board>& truth,
                                  const std::optional<life::Board>& predicted,
                                  const std::vector<float>& confidence) {
    m_input = input;
    m_truth = truth;
    m_predicted = predicted;
    m_confidence = confidence;
    if (!predicted) {
        m_attention.clear();
        m_attentionCell = -1;
    }
    update();
}

void LifeGptBoardsView::setAttention(int outputCell, const std::vector<float>& weights) {
    m_attentionCell = outputCell;
    m_attention = weights;
    update();
}

void LifeGptBoardsView::setCaption(const QString& caption) {
    m_caption = caption;
    update();
}

int LifeGptBoardsView::wrongCells() const {
    if (!m_truth || !m_predicted)
        return -1;
    int wrong = 0;
    for (std::uint32_t y = 0; y < m_truth->height(); ++y)
        for (std::uint32_t x = 0; x < m_truth->width(); ++x)
            wrong += m_truth->get(x, y) != m_predicted->get(x, y);
    return wrong;
}

QRectF LifeGptBoardsView::panelRect(int i, QSize size) const {
    // Two rows of two square panels, titles above each, caption line at the bottom.
    const double margin = 12, title = 22, captionH = 28;
    const double w = (size.width() - 3 * margin) / 2.0;
    const double h = (size.height() - captionH - 2 * margin - 2 * title - margin) / 2.0;
    const double side = std::max(10.0, std::min(w, h));
    const double x0 = margin + (w - side) / 2 + (i % 2) * (w + margin);
    const double y0 = margin + title + (i / 2) * (h + title + margin) + (h - side) / 2;
    return {x0, y0, side, side};
}

std::optional<QPoint> LifeGptBoardsView::cellAt(int panel, QPointF pos) const {
    if (m_input.width() == 0)
        return std::nullopt;
    const QRectF r = panelRect(panel, size());
    if (!r.contains(pos))
        return std::nullopt;
    const double cell = r.width() / double(m_input.width());
    const int x = std::clamp(int((pos.x() - r.left()) / cell), 0, int(m_input.width()) - 1);
    const int y = std::clamp(int((pos.y() - r.top()) / cell), 0, int(m_input.height()) - 1);
    return QPoint(x, y);
}

void LifeGptBoardsView::paintAll(QPainter& p, QSize size) const {
    p.fillRect(QRect(QPoint(0, 0), size), palette().window());
    p.setRenderHint(QPainter::Antialiasing, false);
    const int n = int(m_input.width());
    QFont titleFont = font();
    titleFont.setBold(true);
    for (int i = 0; i < 4; ++i) {
        const QRectF r = panelRect(i, size);
        p.setFont(titleFont);
        p.setPen(palette().windowText().color());
        QString title = QString::fromLatin1(kTitles[i]);
        if (i == 2 && wrongCells() >= 0)
            title += wrongCells() == 0 ? QStringLiteral(": exact")
                                       : QStringLiteral(": %1 wrong").arg(wrongCells());
        p.drawText(QRectF(r.left(), r.top() - 22, r.width(), 20), Qt::AlignLeft | Qt::AlignBottom,
                   title);
        if (n == 0)
            continue;
        const double cell = r.width() / n;
        const life::Board* board = i == 0   ? &m_input
                                   : i == 1 ? (m_truth ? &*m_truth : nullptr)
                                   : i == 2 ? (m_predicted ? &*m_predicted : nullptr)
                                            : nullptr;
        float maxAttention = 0;
        if (i == 0)
            for (float a : m_attention)
                maxAttention = std::max(maxAttention, a);
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x) {
                const QRectF c(r.left() + x * cell, r.top() + y * cell, cell, cell);
                QColor color = kDead;
                if (i == 3) {
                    const std::size_t k = std::size_t(y * n + x);
                    if (k < m_confidence.size()) {
                        // White (certain) to red (a coin flip): confidence in [0.5, 1].
                        const double t =
                            std::clamp((1.0 - double(m_confidence[k])) * 2.0, 0.0, 1.0);
                        color = QColor::fromRgbF(1.0f, float(1.0 - 0.8 * t), float(1.0 - 0.8 * t));
                    } else {
                        color = QColor(200, 200, 200);
                    }
                } else if (board) {
                    color = board->get(std::uint32_t(x), std::uint32_t(y)) ? kAlive : kDead;
                } else {
                    color = QColor(90, 90, 90);
                }
                p.fillRect(c, color);
                if (i == 0 && maxAttention > 0) {
                    const float a = m_attention[std::size_t(y * n + x)] / maxAttention;
                    p.fillRect(c, QColor(40, 160, 255, int(200 * a)));
                }
                if (i == 2 && m_truth && m_predicted &&
                    m_truth->get(std::uint32_t(x), std::uint32_t(y)) !=
                        m_predicted->get(std::uint32_t(x), std::uint32_t(y))) {
                    p.setPen(QPen(kWrong, std::max(2.0, cell / 6)));
                    p.drawRect(c.adjusted(cell / 8, cell / 8, -cell / 8, -cell / 8));
                    p.drawLine(c.topLeft() + QPointF(cell / 4, cell / 4),
                               c.bottomRight() - QPointF(cell / 4, cell / 4));
                }
            }
        if (cell >= 6) {
            p.setPen(QPen(kGrid, 1));
            for (int k = 0; k <= n; ++k) {
                p.drawLine(QPointF(r.left() + k * cell, r.top()),
                           QPointF(r.left() + k * cell, r.bottom()));
                p.drawLine(QPointF(r.left(), r.top() + k * cell),
                           QPointF(r.right(), r.top() + k * cell));
            }
        }
        if (i == 2 && m_attentionCell >= 0) {
            p.setPen(QPen(QColor(40, 160, 255), 3));
            p.drawRect(QRectF(r.left() + (m_attentionCell % n) * cell,
                              r.top() + (m_attentionCell / n) * cell, cell, cell));
        }
    }
    p.setFont(font());
    p.setPen(palette().windowText().color());
    p.drawText(QRectF(12, size.height() - 30, size.width() - 24, 28),
               Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, m_caption);
}

void LifeGptBoardsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintAll(p, size());
}

void LifeGptBoardsView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    if (auto c = cellAt(0, event->position()))
        Q_EMIT cellToggled(c->x(), c->y());
}

void LifeGptBoardsView::mouseMoveEvent(QMouseEvent* event) {
    const auto c = cellAt(2, event->position());
    const int index = c && m_predicted ? c->y() * int(m_input.width()) + c->x() : -1;
    if (index != m_attentionCell)
        Q_EMIT outputCellHovered(index);
}

void LifeGptBoardsView::leaveEvent(QEvent*) {
    if (m_attentionCell >= 0)
        Q_EMIT outputCellHovered(-1);
}

bool LifeGptBoardsView::exportFigure(const QString& path, const ExportOptions& options,
                                     QString* error) {
    return exportPainted([this](QCPPainter& painter, QSize size) { paintAll(painter, size); }, path,
                         options, error);
}

} // namespace algoscope::ui
