// The Rashomon lab's teaching side: the actions its guided tour (resources/tours/rashomon.json)
// may use, each going through the same undoable settings command as a user edit, and the
// Rashomon figures of the gallery (`algoscope-cli figures --lab rashomon`): the Rashomon curve of
// MONK-1 with its elbow, and the Rashomon ratio against theta, both counted exactly with the
// tree dynamic programme (Semenova, Rudin & Parr, FAccT 2022; the exact count follows the
// dynamic programme over point subsets described for trees on binary features).
// [SECTION] tour actions  [SECTION] gallery
#include "RashomonCommands.h"
#include "RashomonLab.h"
#include "RashomonModel.h"
#include "tour/TourArgs.h"

#include "rashomon/Binarizer.h"
#include "rashomon/Dataset.h"
#include "rashomon/Learner.h"
#include "rashomon/RashomonCurve.h"
#include "rashomon/TreeCounter.h"
#include "util/Error.h"
#include "util/TaskContext.h"

#include <QJsonValue>
#include <QTabWidget>
#include <QUndoStack>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace algoscope::ui {

using namespace algoscope::rashomon;

// [SECTION] tour actions ---------------------------------------------------------------------

namespace {

using tourargs::fail;
using tourargs::numberArg;

const QStringList kViews = {QStringLiteral("data"), QStringLiteral("theta"),
                            QStringLiteral("curve"), QStringLiteral("linear")};

/// A feature given by name or by 0-based index, resolved against `names`.
bool featureArg(const QJsonObject& args, const char* key, const std::vector<std::string>& names,
                int* out, QString* error) {
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (v.isString()) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (QString::fromStdString(names[i]) == v.toString()) {
                *out = int(i);
                return true;
            }
        QStringList all;
        for (const auto& n : names)
            all << QString::fromStdString(n);
        return fail(error,
                    QStringLiteral("'%1': no feature '%2' in this data set (it has: %3)")
                        .arg(QLatin1String(key), v.toString(), all.join(QStringLiteral(", "))));
    }
    double d = -1;
    if (!v.isDouble() || !numberArg(args, key, 0, double(names.size()) - 1, true, &d, error))
        return fail(error, QStringLiteral("'%1' must be a feature name or an index in [0, %2]")
                               .arg(QLatin1String(key))
                               .arg(int(names.size()) - 1));
    *out = int(d);
    return true;
}

} // namespace

QList<TourActionSpec> RashomonLab::tourActions() const {
    return {
        {QStringLiteral("setDataset"),
         {QStringLiteral("name")},
         {QStringLiteral("testFraction")},
         tr("Rashomon set panel: choose the data set (and the test fraction); everything is "
            "recounted")},
        {QStringLiteral("setDepth"),
         {QStringLiteral("depth")},
         {QStringLiteral("space")},
         tr("Rashomon set panel: set the tree depth D (and the space: depth at most D, or "
            "complete trees of depth exactly D)")},
        {QStringLiteral("setTheta"),
         {QStringLiteral("theta")},
         {},
         tr("Rashomon set panel: drag the theta slider")},
        {QStringLiteral("setFeatures"),
         {},
         {QStringLiteral("x"), QStringLiteral("y")},
         tr("Rashomon set panel: choose the features of the 2-D views (x and y)")},
        {QStringLiteral("showView"),
         {QStringLiteral("view")},
         {},
         tr("Click the view's tab: data and set members, ratio vs theta, Rashomon curve or "
            "linear weight space")},
        {QStringLiteral("resample"), {}, {}, tr("Trees in the set panel: press Resample")},
    };
}

bool RashomonLab::applyTourAction(const QString& name, const QJsonObject& args, QString* error) {
    RashomonSettings s = m_model->settings();
    auto push = [this, &s](const QString& what) {
        if (!(s == m_model->settings()))
            undoStack()->push(new SetRashomonSettingsCmd(m_model, s, tr("Tour: %1").arg(what)));
    };
    if (name == QLatin1String("setDataset")) {
        const QString data = args.value(QLatin1String("name")).toString();
        if (!isBundledDataset(data.toStdString())) {
            QStringList all;
            for (const auto& n : bundledDatasetNames())
                all << QString::fromStdString(n);
            return fail(
                error,
                tr("'name' must be a bundled data set: %1").arg(all.join(QStringLiteral(", "))));
        }
        double tf = s.testFraction;
        if (!numberArg(args, "testFraction", 0, 0.9, false, &tf, error))
            return false;
        if (s.dataset != data)
            s.classColumn.clear();
        s.dataset = data;
        s.testFraction = tf;
        push(tr("data set %1").arg(data));
        return true;
    }
    if (name == QLatin1String("setDepth")) {
        double depth = 0;
        if (!args.contains(QLatin1String("depth")))
            return fail(error, tr("'depth' is required"));
        if (!numberArg(args, "depth", 1, 7, true, &depth, error))
            return false;
        if (args.contains(QLatin1String("space"))) {
            const QString space = args.value(QLatin1String("space")).toString();
            if (space == QLatin1String("max-depth"))
                s.fullDepth = false;
            else if (space == QLatin1String("full-depth"))
                s.fullDepth = true;
            else
                return fail(error, tr("'space' is max-depth or full-depth"));
        }
        s.depth = int(depth);
        push(tr("depth %1").arg(s.depth));
        return true;
    }
    if (name == QLatin1String("setTheta")) {
        // The slider's range: theta from 0 to 0.3 in steps of 0.001.
        double theta = -1;
        if (!args.contains(QLatin1String("theta")))
            return fail(error, tr("'theta' is required"));
        if (!numberArg(args, "theta", 0, 0.3, false, &theta, error))
            return false;
        s.theta = std::round(theta * 1000) / 1000;
        push(tr("theta %1").arg(s.theta));
        return true;
    }
    if (name == QLatin1String("setFeatures")) {
        if (!args.contains(QLatin1String("x")) && !args.contains(QLatin1String("y")))
            return fail(error, tr("give 'x', 'y' or both"));
        std::vector<std::string> names;
        try {
            CsvOptions opt;
            opt.classColumn = s.classColumn.toStdString();
            names = loadDataset(s.dataset.toStdString(), opt).featureNames;
        } catch (const std::exception& e) {
            return fail(error, QString::fromUtf8(e.what()));
        }
        if (!featureArg(args, "x", names, &s.featureX, error) ||
            !featureArg(args, "y", names, &s.featureY, error))
            return false;
        push(tr("2-D view features"));
        return true;
    }
    if (name == QLatin1String("showView")) {
        const int index = kViews.indexOf(args.value(QLatin1String("view")).toString());
        if (index < 0)
            return fail(error, tr("'view' is one of: %1").arg(kViews.join(QStringLiteral(", "))));
        if (m_tabs)
            m_tabs->setCurrentIndex(index);
        return true;
    }
    if (name == QLatin1String("resample")) {
        resampleTrees();
        return true;
    }
    return Lab::applyTourAction(name, args, error);
}

// [SECTION] gallery --------------------------------------------------------------------------

namespace {

// MONK-1 (all 124 training rows), binarised with the lab's default quantiles:4, trees of depth
// at most D, theta = 0.05, 0-1 loss: the reference sheet's setting. Its values (best training
// error / ratio): depth 1: 0.266 / 2e-2, depth 3: 0.089 / 1e-5, depth 5: 0 / 7e-9; a clear
// elbow at depth 5.
struct ReferencePoint {
    int depth;
    double trainError, ratio;
};
constexpr ReferencePoint kMonk1Reference[] = {{1, 0.266, 2e-2}, {3, 0.089, 1e-5}, {5, 0.0, 7e-9}};
constexpr double kTheta = 0.05;

QByteArray num(double v, int precision = 6) {
    return std::isfinite(v) ? QByteArray::number(v, 'g', precision) : QByteArray();
}

void addReferenceMarkers(QCustomPlot& plot, const QString& name, const QVector<double>& x,
                         const QVector<double>& y) {
    QCPGraph* g = plot.addGraph();
    g->setName(name);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(seriesColor(6), 1.5), Qt::NoBrush, 13));
    g->setData(x, y);
}

GalleryFigure curveFigure() {
    GalleryFigure fig;
    fig.id = QStringLiteral("rashomon-curve");
    fig.title = QStringLiteral("The Rashomon curve of MONK-1: error against log10 Rashomon ratio");
    fig.caption = QStringLiteral(
        "Semenova, Rudin & Parr's Rashomon curve: as the hypothesis space grows (decision trees "
        "of depth at most 1..7 on MONK-1, features binarised with 4 quantiles, 0-1 loss) the "
        "best training error falls while the Rashomon ratio |R(theta)| / |F| at theta = 0.05 "
        "falls too. Every ratio is counted exactly by the dynamic programme over the point sets "
        "reaching each node (|F| of depth 7 is about 1e172), not sampled. The curve turns at "
        "its elbow, the proposed model-selection point; the reference values (depth 1: error "
        "0.266, ratio 2e-2; depth 3: 0.089, 1e-5; depth 5: 0, 7e-9; elbow at depth 5) are drawn "
        "as squares. The dashed line repeats the count on a 75/25 split (seed 1) and shows the "
        "held-out error of a uniformly sampled optimal tree of each depth.");
    fig.make = [](const util::TaskContext& ctx) {
        const Dataset all = bundledDataset("monk1");
        const BinarizeSpec spec; // quantiles:4
        const BinaryData full = binarize(all, spec);
        const RashomonCurve cFull =
            rashomonCurve(full, BinaryData{}, TreeSpace::MaxDepth, 7, kTheta, 1, ctx);
        const Split split = trainTestSplit(all, 0.25, 1);
        const auto features = learnBinaryFeatures(split.train, spec);
        const RashomonCurve cSplit = rashomonCurve(applyBinaryFeatures(split.train, features),
                                                   applyBinaryFeatures(split.test, features),
                                                   TreeSpace::MaxDepth, 7, kTheta, 1, ctx);

        FigureDrawing drawing;
        drawing.csv = "series,depth,best_errors,train_error,test_error,log10_ratio,"
                      "log10_set_size,log10_space_size\n";
        auto rows = [&drawing](const char* series, const RashomonCurve& c) {
            for (const CurvePoint& p : c.points)
                drawing.csv += QByteArray(series) + ',' + QByteArray::number(p.depth) + ',' +
                               QByteArray::number(p.bestErrors) + ',' + num(p.trainError) + ',' +
                               num(p.testError) + ',' + num(p.log10Ratio) + ',' +
                               num(p.log10SetSize) + ',' + num(p.log10SpaceSize) + '\n';
        };
        rows("all-124", cFull);
        rows("split-93-31", cSplit);
        QStringList facts;
        for (const CurvePoint& p : cFull.points)
            facts << QStringLiteral("depth %1: error %2, ratio %3")
                         .arg(p.depth)
                         .arg(p.trainError, 0, 'f', 3)
                         .arg(std::pow(10.0, p.log10Ratio), 0, 'g', 2);
        const int elbow = cFull.elbow >= 0 ? cFull.points[std::size_t(cFull.elbow)].depth : -1;
        const int elbowSplit =
            cSplit.elbow >= 0 ? cSplit.points[std::size_t(cSplit.elbow)].depth : -1;
        drawing.details =
            QStringLiteral("Measured (all 124 points, theta 0.05): %1; elbow at depth %2; "
                           "log10 |F| at depth 7 = %3. Split run: elbow at depth %4, held-out "
                           "error at the elbow %5.")
                .arg(facts.join(QStringLiteral("; ")))
                .arg(elbow)
                .arg(cFull.points.back().log10SpaceSize, 0, 'f', 1)
                .arg(elbowSplit)
                .arg(elbowSplit > 0 ? cSplit.points[std::size_t(cSplit.elbow)].testError
                                    : std::nan(""),
                     0, 'f', 3);
        drawing.paint = paintPlot([cFull, cSplit](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            QCPGraph* train = plot.addGraph();
            train->setName(QStringLiteral("training error of the best tree (all 124 points)"));
            train->setPen(QPen(seriesColor(0), 2.4));
            train->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 9));
            QCPGraph* test = plot.addGraph();
            test->setName(QStringLiteral("held-out error, 75/25 split (at that split's ratio)"));
            test->setPen(QPen(seriesColor(1), 2, Qt::DashLine));
            test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, 9));
            double xmin = 0, ymax = 0;
            for (const CurvePoint& p : cFull.points) {
                train->addData(p.log10Ratio, p.trainError);
                xmin = std::min(xmin, p.log10Ratio);
                ymax = std::max(ymax, p.trainError);
                auto* label = new QCPItemText(&plot);
                label->position->setCoords(p.log10Ratio, p.trainError);
                label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
                QFont f = plot.font();
                f.setPointSizeF(11);
                label->setFont(f);
                label->setText(QStringLiteral("D=%1 ").arg(p.depth));
            }
            for (const CurvePoint& p : cSplit.points)
                if (std::isfinite(p.testError)) {
                    test->addData(p.log10Ratio, p.testError);
                    xmin = std::min(xmin, p.log10Ratio);
                    ymax = std::max(ymax, p.testError);
                }
            QVector<double> rx, ry;
            for (const ReferencePoint& r : kMonk1Reference) {
                rx << std::log10(r.ratio);
                ry << r.trainError;
            }
            addReferenceMarkers(plot, QStringLiteral("reference values (depth 1, 3, 5)"), rx, ry);
            if (cFull.elbow >= 0) {
                const CurvePoint& e = cFull.points[std::size_t(cFull.elbow)];
                QCPGraph* g = plot.addGraph();
                g->setName(QStringLiteral("elbow (depth %1)").arg(e.depth));
                g->setLineStyle(QCPGraph::lsNone);
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                                   QPen(seriesColor(2), 3), Qt::NoBrush, 26));
                g->addData(e.log10Ratio, e.trainError);
            }
            plot.xAxis->setLabel(
                QStringLiteral("log10 Rashomon ratio at theta = 0.05 (trees of depth <= D; the "
                               "space grows to the right)"));
            plot.yAxis->setLabel(QStringLiteral("0-1 error"));
            plot.xAxis->setRange(xmin - 0.7, 0.3);
            plot.xAxis->setRangeReversed(true);
            plot.yAxis->setRange(-0.02, ymax * 1.12 + 0.02);
        });
        return drawing;
    };
    return fig;
}

GalleryFigure thetaFigure() {
    GalleryFigure fig;
    fig.id = QStringLiteral("rashomon-ratio-vs-theta");
    fig.title = QStringLiteral("MONK-1: the Rashomon ratio against theta");
    fig.caption = QStringLiteral(
        "The Rashomon set R(theta) holds every tree whose training error is at most the best "
        "error plus theta; its ratio |R(theta)| / |F| (log scale) grows with theta from the "
        "optimal trees alone (theta = 0) towards 1. Trees of depth at most 1, 3 and 5 on MONK-1 "
        "(all 124 training rows, 4 quantiles per feature, 0-1 loss), theta in steps of 1/124, "
        "counted exactly. The squares are the reference values at theta = 0.05: depth 1: 2e-2, "
        "depth 3: 1e-5, depth 5: 7e-9. Deeper spaces fit better but their Rashomon ratio is "
        "orders of magnitude smaller at every theta.");
    fig.make = [](const util::TaskContext& ctx) {
        const Dataset all = bundledDataset("monk1");
        const BinaryData data = binarize(all, BinarizeSpec{});
        const std::size_t n = data.rows();
        const int depths[] = {1, 3, 5};
        struct Series {
            int depth = 0, best = 0;
            double log10Space = 0;
            QVector<double> theta, ratio, log10Ratio;
        };
        std::vector<Series> series;
        FigureDrawing drawing;
        drawing.csv = "depth,theta,max_errors,log10_ratio,ratio\n";
        QStringList facts;
        for (int i = 0; i < 3; ++i) {
            ctx.report(i / 3.0, "depth " + std::to_string(depths[i]));
            const TreeCounter tc(data, TreeSpace::MaxDepth, depths[i], ctx);
            Series s;
            s.depth = depths[i];
            s.best = tc.bestErrors();
            s.log10Space = tc.log10SpaceSize();
            for (std::size_t k = 0; k <= n / 2; ++k) {
                const double theta = double(k) / double(n);
                const int E = maxErrorsFor(s.best, theta, n);
                const double l = tc.log10Ratio(E);
                s.theta << theta;
                s.log10Ratio << l;
                s.ratio << std::pow(10.0, std::max(l, -300.0));
                drawing.csv += QByteArray::number(s.depth) + ',' + num(theta) + ',' +
                               QByteArray::number(E) + ',' + num(l, 8) + ',' +
                               num(std::pow(10.0, l), 6) + '\n';
            }
            const double at = tc.log10Ratio(maxErrorsFor(s.best, kTheta, n));
            facts << QStringLiteral("depth %1: best error %2/%3, ratio at theta 0.05 = %4, at "
                                    "theta 0 = %5, log10 |F| = %6")
                         .arg(s.depth)
                         .arg(s.best)
                         .arg(n)
                         .arg(std::pow(10.0, at), 0, 'g', 2)
                         .arg(std::pow(10.0, s.log10Ratio.front()), 0, 'g', 2)
                         .arg(s.log10Space, 0, 'f', 2);
            series.push_back(std::move(s));
        }
        drawing.details =
            QStringLiteral("Measured: ") + facts.join(QStringLiteral("; ")) + QStringLiteral(".");
        drawing.paint = paintPlot([series](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            double lo = 1;
            int i = 0;
            for (const Series& s : series) {
                QCPGraph* g = plot.addGraph();
                g->setName(QStringLiteral("trees of depth <= %1").arg(s.depth));
                g->setPen(QPen(seriesColor(i++), 2.4));
                g->setLineStyle(QCPGraph::lsStepLeft);
                g->setData(s.theta, s.ratio, true);
                for (double r : s.ratio)
                    lo = std::min(lo, r);
            }
            QVector<double> rx, ry;
            for (const ReferencePoint& r : kMonk1Reference) {
                rx << kTheta;
                ry << r.ratio;
            }
            addReferenceMarkers(plot, QStringLiteral("reference values at theta = 0.05"), rx, ry);
            auto* line = new QCPItemStraightLine(&plot);
            line->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
            line->point1->setCoords(kTheta, 1);
            line->point2->setCoords(kTheta, 2);
            plot.xAxis->setLabel(QStringLiteral("theta (training error allowed above the best)"));
            plot.yAxis->setLabel(QStringLiteral("Rashomon ratio |R(theta)| / |F| (log scale)"));
            plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
            plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
            plot.yAxis->setNumberFormat(QStringLiteral("eb"));
            plot.yAxis->setNumberPrecision(0);
            plot.xAxis->setRange(0, 0.5);
            plot.yAxis->setRange(lo / 10, 3);
            plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
        });
        return drawing;
    };
    return fig;
}

GalleryFigure learnersFigure() {
    GalleryFigure fig;
    fig.id = QStringLiteral("rashomon-learners-agree");
    fig.title = QStringLiteral("Do learners agree? Held-out accuracy against the Rashomon ratio");
    fig.caption = QStringLiteral(
        "Semenova, Rudin & Parr's claim: when the Rashomon ratio is large, many different "
        "learners (logistic regression, CART, random forests, ...) reach similar accuracy and a "
        "simple model is likely to exist. For each bundled data set: the held-out accuracy of "
        "logistic regression, CART (depth 6), a random forest (100 trees) and 5-nearest "
        "neighbours on the same 75/25 split (seed 1), against log10 of the exact Rashomon ratio "
        "of trees of depth at most 3 on the training part (4 quantiles per feature, theta = "
        "0.05). The bar joins the worst and best learner. Ratios of different data sets are "
        "counted in different spaces (their binary features differ), so this is the paper's "
        "qualitative picture, not a law.");
    fig.make = [](const util::TaskContext& ctx) {
        struct Row {
            QString name;
            double log10Ratio = 0;
            std::vector<double> accuracy; // one per learner
        };
        std::vector<Row> rows;
        const std::vector<std::string> learners = learnerNames();
        const std::vector<std::string> names = bundledDatasetNames();
        FigureDrawing drawing;
        drawing.csv = "dataset,log10_ratio,learner,test_accuracy\n";
        QStringList facts;
        for (std::size_t i = 0; i < names.size(); ++i) {
            ctx.checkCancelled();
            ctx.report(double(i) / double(names.size()), names[i]);
            const Dataset all = bundledDataset(names[i]);
            const Split split = trainTestSplit(all, 0.25, 1);
            const auto features = learnBinaryFeatures(split.train, BinarizeSpec{});
            const BinaryData train = applyBinaryFeatures(split.train, features);
            Row row;
            row.name = QString::fromStdString(names[i]);
            try {
                const TreeCounter tc(train, TreeSpace::MaxDepth, 3, ctx);
                row.log10Ratio = tc.log10Ratio(maxErrorsFor(tc.bestErrors(), kTheta, train.rows()));
            } catch (const util::LimitError&) {
                continue; // a data set too large for the exact count is left out
            }
            for (const std::string& l : learners) {
                auto learner = makeLearner(l, 1);
                learner->fit(split.train);
                row.accuracy.push_back(learner->accuracy(split.test));
                drawing.csv += row.name.toUtf8() + ',' + num(row.log10Ratio) + ',' +
                               QByteArray::fromStdString(l) + ',' + num(row.accuracy.back()) + '\n';
            }
            const auto mm = std::minmax_element(row.accuracy.begin(), row.accuracy.end());
            facts << QStringLiteral("%1: log10 ratio %2, accuracy %3..%4 (spread %5)")
                         .arg(row.name)
                         .arg(row.log10Ratio, 0, 'f', 2)
                         .arg(*mm.first, 0, 'f', 3)
                         .arg(*mm.second, 0, 'f', 3)
                         .arg(*mm.second - *mm.first, 0, 'f', 3);
            rows.push_back(std::move(row));
        }
        drawing.details =
            QStringLiteral("Measured: ") + facts.join(QStringLiteral("; ")) + QStringLiteral(".");
        drawing.paint = paintPlot([rows, learners](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            double xmin = 0, xmax = -1e300, ymin = 1;
            for (const Row& r : rows) {
                const auto mm = std::minmax_element(r.accuracy.begin(), r.accuracy.end());
                auto* bar = new QCPItemLine(&plot);
                bar->setPen(QPen(QColor(150, 150, 150), 6));
                bar->start->setCoords(r.log10Ratio, *mm.first);
                bar->end->setCoords(r.log10Ratio, *mm.second);
                auto* label = new QCPItemText(&plot);
                label->position->setCoords(r.log10Ratio, *mm.first);
                label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
                QFont f = plot.font();
                f.setPointSizeF(11);
                label->setFont(f);
                label->setText(QStringLiteral("\n%1").arg(r.name));
                xmin = std::min(xmin, r.log10Ratio);
                xmax = std::max(xmax, r.log10Ratio);
                ymin = std::min(ymin, *mm.first);
            }
            const QCPScatterStyle::ScatterShape shapes[] = {
                QCPScatterStyle::ssDisc, QCPScatterStyle::ssSquare, QCPScatterStyle::ssDiamond,
                QCPScatterStyle::ssTriangle};
            for (std::size_t k = 0; k < learners.size(); ++k) {
                QCPGraph* g = plot.addGraph();
                g->setName(QString::fromStdString(learners[k]));
                g->setLineStyle(QCPGraph::lsNone);
                g->setScatterStyle(
                    QCPScatterStyle(shapes[k % 4], seriesColor(int(k)), seriesColor(int(k)), 11));
                for (const Row& r : rows)
                    g->addData(r.log10Ratio, r.accuracy[k]);
            }
            plot.xAxis->setLabel(QStringLiteral(
                "log10 Rashomon ratio of trees of depth <= 3 at theta = 0.05 (training part)"));
            plot.yAxis->setLabel(QStringLiteral("held-out accuracy"));
            plot.xAxis->setRange(std::floor(xmin) - 0.5, std::ceil(xmax) + 0.5);
            plot.yAxis->setRange(std::max(0.0, ymin - 0.12), 1.03);
            plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
        });
        return drawing;
    };
    return fig;
}

} // namespace

QList<GalleryFigure> RashomonLab::galleryFigures() const {
    return {curveFigure(), thetaFigure(), learnersFigure()};
}

} // namespace algoscope::ui
