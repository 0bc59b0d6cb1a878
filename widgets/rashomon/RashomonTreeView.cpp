#include "RashomonTreeView.h"

#include "FigureExport.h"

#include <qcustomplot.h>

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <functional>

namespace algoscope::ui {

namespace {
// The same class colours as the lab's scatter plot (RashomonLab.cpp).
const QColor kClassColors[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                               QColor(148, 103, 189), QColor(255, 127, 14)};
QColor classColor(int k) {
    return kClassColors[std::size_t(k) % (sizeof kClassColors / sizeof kClassColors[0])];
}
} // namespace

RashomonTreeView::RashomonTreeView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("rashomon.treeDiagram"));
    setFocusPolicy(Qt::ClickFocus); // so File > Export figure picks this view
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::WindowText, Qt::black);
    setPalette(pal);
}

void RashomonTreeView::setTree(const rashomon::Tree& tree, const rashomon::BinaryData& data) {
    m_tree = tree;
    m_stats = tree.nodeStats(data);
    m_featureNames.clear();
    for (const auto& f : data.features)
        m_featureNames << QString::fromStdString(f.name);
    m_classNames.clear();
    for (const auto& c : data.classNames)
        m_classNames << QString::fromStdString(c);
    update();
}

void RashomonTreeView::clear() {
    m_tree = {};
    m_stats.clear();
    update();
}

QString RashomonTreeView::nodeText(int i) const {
    const auto& nd = m_tree.nodes[std::size_t(i)];
    const auto st =
        std::size_t(i) < m_stats.size() ? m_stats[std::size_t(i)] : rashomon::Tree::NodeStats{};
    if (nd.feature >= 0) // "petal length <= 2.45" on two lines, so that wide trees stay legible
        return m_featureNames.value(nd.feature, QStringLiteral("f%1").arg(nd.feature))
                   .replace(QStringLiteral(" <= "), QStringLiteral("\n<= ")) +
               "?";
    const QString cls = m_classNames.value(nd.label, QString::number(nd.label));
    return tr("class %1\n%2 pts, %3 wrong").arg(cls).arg(st.points).arg(st.wrong);
}

// Layout: leaves take equal columns in left-to-right (yes before no) order, a split sits above
// the middle of its children, and each depth level is one row.
QList<QRectF> RashomonTreeView::nodeRects(QSizeF area) const {
    QList<QRectF> rects;
    const int n = int(m_tree.nodes.size());
    if (n == 0)
        return rects;
    std::vector<double> col(std::size_t(n), 0);
    std::vector<int> level(std::size_t(n), 0);
    int leaves = 0;
    std::function<void(int, int)> place = [&](int i, int d) {
        const auto& nd = m_tree.nodes[std::size_t(i)];
        level[std::size_t(i)] = d;
        if (nd.feature < 0) {
            col[std::size_t(i)] = leaves++;
            return;
        }
        place(nd.yes, d + 1);
        place(nd.no, d + 1);
        col[std::size_t(i)] = (col[std::size_t(nd.yes)] + col[std::size_t(nd.no)]) / 2;
    };
    place(0, 0);
    const int rows = m_tree.depth() + 1;
    const double cellW = area.width() / std::max(1, leaves);
    const double cellH = area.height() / rows;
    const double w = std::max(8.0, cellW * 0.94), h = std::max(8.0, std::min(64.0, cellH * 0.6));
    for (int i = 0; i < n; ++i) {
        const double cx = (col[std::size_t(i)] + 0.5) * cellW;
        const double cy = (level[std::size_t(i)] + 0.5) * cellH;
        rects << QRectF(cx - w / 2, cy - h / 2, w, h);
    }
    return rects;
}

void RashomonTreeView::render(QPainter& p, const QRectF& area) const {
    p.fillRect(area, Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_tree.nodes.empty()) {
        p.setPen(Qt::gray);
        p.drawText(area, Qt::AlignCenter, tr("Select a tree to draw it"));
        return;
    }
    const double margin = 8;
    const QRectF inner = area.adjusted(margin, margin, -margin, -margin);
    QList<QRectF> rects = nodeRects(inner.size());
    for (QRectF& r : rects)
        r.translate(inner.topLeft());
    // Font: as large as fits the widest label in its box, within 7..12 points of the area.
    QFont f = p.font();
    double pt = std::clamp(rects[0].height() / 3.0, 5.0, 12.0);
    f.setPointSizeF(pt);
    for (int iter = 0; iter < 10; ++iter) {
        const QFontMetricsF fm(f, p.device());
        bool fits = true;
        for (int i = 0; i < rects.size() && fits; ++i) {
            const QStringList lines = nodeText(i).split('\n');
            fits = fm.height() * lines.size() <= rects[i].height() - 2;
            for (const QString& line : lines)
                fits = fits && fm.horizontalAdvance(line) <= rects[i].width() - 4;
        }
        if (fits || pt <= 5.0)
            break;
        pt = std::max(5.0, pt * 0.88);
        f.setPointSizeF(pt);
    }
    p.setFont(f);
    // Edges first, labelled yes / no at their middle.
    QFont small = f;
    small.setPointSizeF(std::max(5.0, pt * 0.85));
    for (int i = 0; i < rects.size(); ++i) {
        const auto& nd = m_tree.nodes[std::size_t(i)];
        if (nd.feature < 0)
            continue;
        for (const auto& [child, label] : {std::pair{nd.yes, tr("yes")}, {nd.no, tr("no")}}) {
            const QPointF a(rects[i].center().x(), rects[i].bottom());
            const QPointF b(rects[child].center().x(), rects[child].top());
            p.setPen(QPen(QColor(90, 90, 90), 1.2));
            p.drawLine(a, b);
            p.setFont(small);
            p.setPen(QColor(60, 60, 60));
            const QPointF mid = (a + b) / 2;
            const QFontMetricsF fm(small, p.device());
            const QRectF box(mid.x() - fm.horizontalAdvance(label) / 2 - 2,
                             mid.y() - fm.height() / 2, fm.horizontalAdvance(label) + 4,
                             fm.height());
            p.fillRect(box, Qt::white);
            p.drawText(box, Qt::AlignCenter, label);
            p.setFont(f);
        }
    }
    for (int i = 0; i < rects.size(); ++i) {
        const auto& nd = m_tree.nodes[std::size_t(i)];
        QPainterPath path;
        path.addRoundedRect(rects[i], 5, 5);
        if (nd.feature >= 0) {
            p.fillPath(path, QColor(245, 245, 245));
            p.setPen(QPen(QColor(70, 70, 70), 1.2));
            p.drawPath(path);
            p.setPen(Qt::black);
        } else {
            const QColor c = classColor(nd.label);
            p.fillPath(path, c.lighter(170));
            p.setPen(QPen(c.darker(120), 1.6));
            p.drawPath(path);
            p.setPen(Qt::black);
        }
        p.drawText(rects[i], Qt::AlignCenter, nodeText(i));
    }
}

void RashomonTreeView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    render(p, QRectF(rect()));
}

bool RashomonTreeView::exportFigure(const QString& path, const ExportOptions& options,
                                    QString* error) {
    if (m_tree.nodes.empty()) {
        if (error)
            *error = tr("no tree to export: select one in the list first");
        return false;
    }
    ExportOptions o = options;
    if (!o.size.isValid())
        o.size = QSize(1200, 800);
    return exportPainted(
        [this](QCPPainter& p, QSize size) { render(p, QRectF(QPointF(0, 0), QSizeF(size))); }, path,
        o, error);
}

} // namespace algoscope::ui
