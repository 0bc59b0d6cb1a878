// The cube lab's gallery figure: the Q* paper's comparison of Q* and batch weighted A* with the
// same deep Q-network as the action space grows from 12 to 156 to 1,884 actions, on the same
// uniformly random 2x2x2 states, with the networks shipped in resources/models (trained here by
// `algoscope-cli cube train`; model cards in docs/models/).
#include "CubeLab.h"

#include "Gallery.h"
#include "cube/Compare.h"
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"

#include <qcustomplot.h>

#include <cmath>

namespace algoscope::ui {

namespace {

constexpr int kFigureStates = 10; // A* with 1,884 actions: about 20 s per state here
constexpr std::uint64_t kFigureSeed = 2024;
constexpr int kFigureBatch = 100;
constexpr double kFigureLambda = 0.6;

struct ComparisonPoint {
    int actions = 0;
    cube::MethodSummary qstar, astar;
};

void addSeries(QCustomPlot& plot, QCPAxisRect* rect, const QString& name, int colour,
               QCPScatterStyle::ScatterShape shape, const QVector<double>& x,
               const QVector<double>& y) {
    QCPGraph* g = plot.addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setName(name);
    g->setPen(QPen(seriesColor(colour), 2.5));
    g->setScatterStyle(QCPScatterStyle(shape, seriesColor(colour), 9));
    g->setData(x, y);
}

void logAxes(QCPAxisRect* rect, const QString& yLabel) {
    for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    }
    rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("actions |A|"));
    rect->axis(QCPAxis::atBottom)->setRange(8, 3000);
    rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
}

} // namespace

QList<GalleryFigure> CubeLab::galleryFigures() const {
    // Only the shipped networks count: an untrained network would draw a meaningless figure.
    for (int a : {12, 156, 1884})
        if (!cube::QNetwork::ships(2, a))
            return {};
    GalleryFigure fig;
    fig.id = QStringLiteral("cube-qstar-vs-astar");
    fig.title = QStringLiteral("Q* against A*: nodes generated and time as the action space grows");
    fig.caption =
        QStringLiteral(
            "Batch weighted Q* and batch weighted A* (DeepCubeA's search) with the same deep "
            "Q-network, on the same %1 uniformly random 2x2x2 states (seed %2), batch %3, lambda "
            "%4, for the networks shipped for RC(12), RC(156) and RC(1884) (trained here, see "
            "docs/models/). As in the Q* paper's table, A* generates and evaluates every child "
            "of every node it expands, so its cost grows with the number of actions, while Q* "
            "generates a child only when it pops that (state, action) pair. The paper reports "
            "1,288x fewer nodes for Q* at 1,884 actions with networks trained for days; the "
            "measured ratios below are for small networks trained here on one CPU core in 32 to 86 "
            "minutes each.")
            .arg(kFigureStates)
            .arg(kFigureSeed)
            .arg(kFigureBatch)
            .arg(kFigureLambda);
    fig.make = [](const util::TaskContext& ctx) {
        const std::vector<cube::Cube> states =
            cube::comparisonStates(2, kFigureStates, 0, true, kFigureSeed);
        const cube::PocketTable table = cube::PocketTable::build(cube::Metric::Quarter, ctx);
        cube::SearchLimits lim;
        lim.batch = kFigureBatch;
        lim.lambda = kFigureLambda;
        lim.maxNodes = 50'000'000;
        lim.maxSeconds = 120;
        std::vector<ComparisonPoint> points;
        for (int a : {12, 156, 1884}) {
            const cube::QNetwork net = *cube::QNetwork::shipped(2, a);
            ComparisonPoint p;
            p.actions = a;
            auto rows = cube::compareSearches(net, states, lim, &table, ctx);
            p.qstar = std::move(rows[0]);
            p.astar = std::move(rows[1]);
            points.push_back(std::move(p));
        }
        FigureDrawing d;
        d.size = QSize(1400, 650);
        d.csv = "actions,method,states,solved,mean_length_qtm,mean_optimal_qtm,fraction_optimal,"
                "mean_nodes_generated,mean_seconds\n";
        QStringList ratios;
        for (const ComparisonPoint& p : points) {
            for (const cube::MethodSummary* s : {&p.qstar, &p.astar})
                d.csv += QByteArray::number(p.actions) + ',' +
                         QByteArray::fromStdString(s->method) + ',' +
                         QByteArray::number(s->scrambles) + ',' + QByteArray::number(s->solved) +
                         ',' + QByteArray::number(s->meanLengthQtm, 'g', 6) + ',' +
                         QByteArray::number(s->meanOptimalQtm.value_or(0), 'g', 6) + ',' +
                         QByteArray::number(s->fractionOptimal.value_or(0), 'g', 4) + ',' +
                         QByteArray::number(s->meanNodesGenerated, 'g', 8) + ',' +
                         QByteArray::number(s->meanSeconds, 'g', 6) + '\n';
            ratios << QStringLiteral("%1 actions: A* generates %2x the nodes of Q* and takes %3x "
                                     "its time (solved %4 and %5 of %6)")
                          .arg(p.actions)
                          .arg(p.astar.meanNodesGenerated /
                                   std::max(1.0, p.qstar.meanNodesGenerated),
                               0, 'f', 1)
                          .arg(p.astar.meanSeconds / std::max(1e-9, p.qstar.meanSeconds), 0, 'f', 1)
                          .arg(p.qstar.solved)
                          .arg(p.astar.solved)
                          .arg(p.qstar.scrambles);
        }
        d.details =
            QStringLiteral("Measured: ") + ratios.join(QStringLiteral("; ")) + QStringLiteral(".");
        d.paint = paintPlot([points](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            plot.plotLayout()->clear();
            auto* nodesRect = new QCPAxisRect(&plot);
            auto* timeRect = new QCPAxisRect(&plot);
            plot.plotLayout()->addElement(0, 0, nodesRect);
            plot.plotLayout()->addElement(0, 1, timeRect);
            QVector<double> x, qn, an, qt, at;
            for (const ComparisonPoint& p : points) {
                x << p.actions;
                qn << p.qstar.meanNodesGenerated;
                an << p.astar.meanNodesGenerated;
                qt << p.qstar.meanSeconds;
                at << p.astar.meanSeconds;
            }
            addSeries(plot, nodesRect, QStringLiteral("Q*"), 0, QCPScatterStyle::ssCircle, x, qn);
            addSeries(plot, nodesRect, QStringLiteral("A*"), 1, QCPScatterStyle::ssSquare, x, an);
            addSeries(plot, timeRect, QStringLiteral("Q*"), 0, QCPScatterStyle::ssCircle, x, qt);
            addSeries(plot, timeRect, QStringLiteral("A*"), 1, QCPScatterStyle::ssSquare, x, at);
            logAxes(nodesRect, QStringLiteral("mean nodes generated per state"));
            logAxes(timeRect, QStringLiteral("mean seconds per state"));
            for (QCPAxisRect* rect : {nodesRect, timeRect}) {
                double lo = 1e300, hi = 0;
                for (QCPGraph* g : rect->graphs())
                    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                        if (it->value > 0) {
                            lo = std::min(lo, it->value);
                            hi = std::max(hi, it->value);
                        }
                if (hi > 0)
                    rect->axis(QCPAxis::atLeft)->setRange(lo / 3, hi * 3);
            }
            auto* legend = new QCPLegend;
            nodesRect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignLeft);
            legend->setLayer(QStringLiteral("legend"));
            legend->setFont(plot.legend->font());
            for (QCPGraph* g : nodesRect->graphs())
                legend->addItem(new QCPPlottableLegendItem(legend, g));
        });
        return d;
    };
    return {fig};
}

} // namespace algoscope::ui
