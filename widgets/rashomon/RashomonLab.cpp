// [SECTION] construction  [SECTION] computation  [SECTION] plots  [SECTION] state
#include "RashomonLab.h"

#include "PlotView.h"
#include "RashomonModel.h"
#include "RashomonPanels.h"
#include "TaskRunner.h"

#include "rashomon/Learner.h"
#include "util/Error.h"

#include <QTabWidget>
#include <qcustomplot.h>

#include <cmath>
#include <functional>

namespace algoscope::ui {

using namespace algoscope::rashomon;

// [SECTION] construction ---------------------------------------------------------------------

RashomonLab::RashomonLab() : m_model(new RashomonModel(this)) {
    auto last = std::make_shared<RashomonSettings>(m_model->settings());
    connect(m_model, &RashomonModel::settingsChanged, this, [this, last] {
        RashomonSettings a = m_model->settings(), b = *last;
        *last = a;
        a.theta = b.theta = 0;
        if (!(a == b)) {
            if (m_activated)
                recompute();
        } else {
            // theta only: everything follows from the kept counts.
            resampleTrees();
            replotTheta();
            replotAngle();
            replotData();
        }
    });
    connect(m_model, &RashomonModel::resultChanged, this, [this] {
        resampleTrees();
        replotAll();
    });
    connect(m_model, &RashomonModel::treesChanged, this, &RashomonLab::replotData);
    connect(taskRunner(), &TaskRunner::finished, this,
            [this](const QString& title, bool, bool, const QString& error) {
                if (!error.isEmpty())
                    Q_EMIT statusMessage(tr("%1: %2").arg(title, error), 10000);
            });
}

RashomonLab::~RashomonLab() {
    taskRunner()->stopAndWait();
}

QString RashomonLab::paperReference() const {
    return tr("L. Semenova, C. Rudin, R. Parr, \"On the Existence of Simpler Machine Learning "
              "Models\", FAccT 2022; R. Xin et al., \"Exploring the Whole Rashomon Set of Sparse "
              "Decision Trees\" (TreeFARMS), NeurIPS 2022.");
}

QWidget* RashomonLab::createCentralView(QWidget* parent) {
    m_tabs = new QTabWidget(parent);
    m_tabs->setObjectName(QStringLiteral("rashomon.central"));
    m_dataPlot = new PlotView(QStringLiteral("rashomon-data"), m_tabs);
    m_thetaPlot = new PlotView(QStringLiteral("rashomon-ratio-theta"), m_tabs);
    m_curvePlot = new PlotView(QStringLiteral("rashomon-curve"), m_tabs);
    m_anglePlot = new PlotView(QStringLiteral("rashomon-linear-angle"), m_tabs);
    m_tabs->addTab(m_dataPlot, tr("Data and set members"));
    m_tabs->addTab(m_thetaPlot, tr("Ratio vs theta"));
    m_tabs->addTab(m_curvePlot, tr("Rashomon curve"));
    m_tabs->addTab(m_anglePlot, tr("Linear weight space"));
    replotAll();
    return m_tabs;
}

QList<Panel*> RashomonLab::createPanels(QWidget* parent) {
    return {new RashomonSettingsPanel(this, parent), new RashomonLearnersPanel(this, parent),
            new RashomonTreesPanel(this, parent)};
}

Exportable* RashomonLab::defaultExportable() {
    if (m_tabs)
        if (auto* v = dynamic_cast<PlotView*>(m_tabs->currentWidget()))
            return v;
    return m_dataPlot;
}

void RashomonLab::activate() {
    if (m_activated)
        return;
    m_activated = true;
    recompute();
}

// [SECTION] computation ----------------------------------------------------------------------

namespace {

// The 2-D linear weight space: w = (cos a, sin a) acting on (z, 1), z the standardised x
// feature, predicts the last class when w . (z, 1) > 0 (the core's linear hypothesis space,
// LinearRashomon.h, for one feature: the sphere is a circle). 0-1 loss per degree.
void angleScan(const Dataset& d, int fx, RashomonResult& r) {
    const std::size_t n = d.rows();
    double mx = 0, sx = 0;
    for (std::size_t i = 0; i < n; ++i)
        mx += d.at(i, std::size_t(fx));
    mx /= double(n);
    for (std::size_t i = 0; i < n; ++i)
        sx += std::pow(d.at(i, std::size_t(fx)) - mx, 2);
    sx = std::sqrt(sx / double(n)) + 1e-12;
    const int positive = d.classes() - 1;
    r.angleBest = 1;
    for (int deg = 0; deg < 360; ++deg) {
        const double a = deg * M_PI / 180.0;
        int err = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double s = std::cos(a) * (d.at(i, std::size_t(fx)) - mx) / sx + std::sin(a);
            err += (s > 0) != (d.y[i] == positive);
        }
        r.angle.push_back(deg);
        r.angleErrors.push_back(double(err) / double(n));
        r.angleBest = std::min(r.angleBest, r.angleErrors.back());
    }
}

} // namespace

// Candidate prediction vectors the GUI's pattern count may examine (the CLI's --pattern-limit).
constexpr std::size_t kGuiPatternLimit = 5'000'000;

void RashomonLab::recompute() {
    const RashomonSettings s = m_model->settings();
    auto result = std::make_shared<RashomonResult>();
    auto pattern = std::make_shared<std::optional<double>>();
    taskRunner()->run(
        tr("Counting trees"),
        [s, result, pattern](const util::TaskContext& ctx) {
            CsvOptions opt;
            opt.classColumn = s.classColumn.toStdString();
            const Dataset all = loadDataset(s.dataset.toStdString(), opt);
            Split split = s.testFraction > 0
                              ? trainTestSplit(all, s.testFraction, std::uint64_t(s.seed))
                              : Split{all, all.subset({})};
            result->train = split.train;
            result->test = split.test;
            BinarizeSpec spec;
            spec.quantiles = s.quantiles;
            const auto features = learnBinaryFeatures(split.train, spec);
            const BinaryData train = applyBinaryFeatures(split.train, features);
            result->testBinary = applyBinaryFeatures(split.test, features);
            const TreeSpace space = s.fullDepth ? TreeSpace::FullDepth : TreeSpace::MaxDepth;
            ctx.report(0.05, "counting the tree space");
            result->counter = std::make_shared<TreeCounter>(train, space, s.depth, ctx);
            {
                // Exact distinct prediction vectors at any depth while they stay countable
                // here (a few seconds at most); beyond kGuiPatternLimit the panel says so.
                const int E = maxErrorsFor(result->counter->bestErrors(), s.theta, train.rows());
                ctx.report(0.2, "counting prediction patterns");
                const auto pc = result->counter->patternCounts(E, kGuiPatternLimit, ctx);
                if (pc.inSet && pc.inSpace)
                    *pattern = double(*pc.inSet) / double(*pc.inSpace);
            }
            // The Rashomon curve, depth 1..7, as far as the limits allow.
            ctx.report(0.3, "Rashomon curve");
            std::vector<double> x, y;
            util::Rng rng(std::uint64_t(s.seed));
            for (int d = 1; d <= 7; ++d) {
                ctx.checkCancelled();
                try {
                    TreeCounter tc(train, space, d, ctx);
                    CurvePoint p;
                    p.depth = d;
                    p.bestErrors = tc.bestErrors();
                    p.trainError = double(p.bestErrors) / double(train.rows());
                    const int E = maxErrorsFor(p.bestErrors, s.theta, train.rows());
                    p.log10Ratio = tc.log10Ratio(E);
                    p.testError =
                        result->testBinary.rows()
                            ? double(tc.sample(p.bestErrors, rng).errors(result->testBinary)) /
                                  double(result->testBinary.rows())
                            : std::nan("");
                    result->curve.points.push_back(p);
                    x.push_back(p.log10Ratio);
                    y.push_back(p.trainError);
                } catch (const util::LimitError& e) {
                    result->note = QString::fromStdString(e.what());
                    break;
                }
            }
            result->curve.elbow = elbowIndex(x, y);
            // Learners on the same split.
            ctx.report(0.7, "learners");
            for (const auto& name : learnerNames()) {
                ctx.checkCancelled();
                auto l = makeLearner(name, std::uint64_t(s.seed));
                l->fit(split.train);
                result->learners.push_back(
                    {QString::fromStdString(name), l->accuracy(split.train),
                     split.test.rows() ? l->accuracy(split.test) : std::nan("")});
            }
            // The 2-D views on the chosen pair of features.
            const int p = int(all.cols());
            const int fx = std::clamp(s.featureX, 0, p - 1), fy = std::clamp(s.featureY, 0, p - 1);
            Dataset two;
            two.name = all.name;
            two.classNames = split.train.classNames;
            two.featureNames = {split.train.featureNames[std::size_t(fx)],
                                split.train.featureNames[std::size_t(fy)]};
            two.y = split.train.y;
            for (std::size_t i = 0; i < split.train.rows(); ++i) {
                two.x.push_back(split.train.at(i, std::size_t(fx)));
                two.x.push_back(split.train.at(i, std::size_t(fy)));
            }
            BinarizeSpec fine;
            fine.quantiles = std::max(4, s.quantiles);
            result->features2d = learnBinaryFeatures(two, fine);
            result->counter2d = std::make_shared<TreeCounter>(
                applyBinaryFeatures(two, result->features2d), space, std::min(s.depth, 4), ctx);
            angleScan(two, 0, *result);
        },
        [this, result, pattern] {
            m_model->setPatternRatio(*pattern);
            m_model->setResult(result);
            if (!result->note.isEmpty())
                Q_EMIT statusMessage(tr("Rashomon curve stopped early: %1").arg(result->note),
                                     10000);
        });
}

void RashomonLab::resampleTrees() {
    if (!m_model->hasResult() || !m_model->result().counter)
        return;
    const TreeCounter& tc = *m_model->result().counter;
    const int E = m_model->maxErrors();
    // The whole set when it has at most 200 trees, else 60 uniform draws. Both are
    // milliseconds (the tables exist), so this runs on the GUI thread.
    std::vector<Tree> trees;
    bool whole = false;
    if (tc.log10SetSize(E) <= std::log10(200.0) + 1e-9) {
        try {
            trees = tc.enumerate(E, 200);
            whole = true;
        } catch (const util::Error&) {
        }
    }
    if (!whole) {
        util::Rng rng(m_sampleSeed++);
        for (int i = 0; i < 60; ++i)
            trees.push_back(tc.sample(E, rng));
    }
    m_model->setTrees(std::move(trees), whole);
}

// [SECTION] plots ----------------------------------------------------------------------------

void RashomonLab::replotAll() {
    replotData();
    replotTheta();
    replotCurve();
    replotAngle();
}

namespace {
const QColor kClassColors[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                               QColor(148, 103, 189), QColor(255, 127, 14)};
QColor classColor(int k) {
    return kClassColors[k % 5];
}
} // namespace

void RashomonLab::replotData() {
    if (!m_dataPlot)
        return;
    QCustomPlot* plot = m_dataPlot->plot();
    plot->clearGraphs();
    plot->clearItems();
    plot->clearPlottables();
    if (!m_model->hasResult()) {
        plot->replot();
        return;
    }
    const RashomonResult& r = m_model->result();
    const RashomonSettings& s = m_model->settings();
    const int p = int(r.train.cols());
    const int fx = std::clamp(s.featureX, 0, p - 1), fy = std::clamp(s.featureY, 0, p - 1);
    plot->xAxis->setLabel(QString::fromStdString(r.train.featureNames[std::size_t(fx)]));
    plot->yAxis->setLabel(QString::fromStdString(r.train.featureNames[std::size_t(fy)]));
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (int k = 0; k < r.train.classes(); ++k) {
        QCPGraph* g = plot->addGraph();
        g->setName(QString::fromStdString(r.train.classNames[std::size_t(k)]));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, classColor(k), 6));
        for (std::size_t i = 0; i < r.train.rows(); ++i)
            if (r.train.y[i] == k) {
                const double a = r.train.at(i, std::size_t(fx)), b = r.train.at(i, std::size_t(fy));
                g->addData(a, b);
                x0 = std::min(x0, a);
                x1 = std::max(x1, a);
                y0 = std::min(y0, b);
                y1 = std::max(y1, b);
            }
    }
    const double px = 0.05 * (x1 - x0 + 1e-9), py = 0.05 * (y1 - y0 + 1e-9);
    x0 -= px;
    x1 += px;
    y0 -= py;
    y1 += py;
    // Decision boundaries of trees sampled from the 2-D tree space's Rashomon set: each split
    // is a line inside the box its ancestors leave, drawn semi-transparent so that where many
    // set members agree the lines pile up.
    if (r.counter2d) {
        const TreeCounter& tc = *r.counter2d;
        const int E = maxErrorsFor(tc.bestErrors(), s.theta, tc.data().rows());
        util::Rng rng(7);
        const int trees = 30;
        for (int t = 0; t < trees; ++t) {
            const Tree tree = tc.sample(E, rng);
            std::function<void(int, double, double, double, double)> draw =
                [&](int i, double ax, double bx, double ay, double by) {
                    const Tree::Node& nd = tree.nodes[std::size_t(i)];
                    if (nd.feature < 0) {
                        // The leaf's region in its class colour: faint, so colour builds up
                        // where the sampled trees agree and mixes where they do not.
                        auto* rect = new QCPItemRect(plot);
                        rect->setLayer(QStringLiteral("grid"));
                        rect->setPen(Qt::NoPen);
                        QColor c = classColor(nd.label);
                        c.setAlpha(9);
                        rect->setBrush(c);
                        rect->topLeft->setCoords(ax, by);
                        rect->bottomRight->setCoords(bx, ay);
                        return;
                    }
                    const BinaryFeature& f = r.features2d[std::size_t(nd.feature)];
                    auto* line = new QCPItemLine(plot);
                    line->setPen(QPen(QColor(0, 0, 0, 22), 1));
                    const double thr = f.threshold;
                    // "yes" is x <= t, except for a 0/1 column where it is x = 1 (above 0.5).
                    const int low = f.isIndicator ? nd.no : nd.yes;
                    const int high = f.isIndicator ? nd.yes : nd.no;
                    if (f.column == 0) {
                        const double tcl = std::clamp(thr, ax, bx);
                        line->start->setCoords(tcl, ay);
                        line->end->setCoords(tcl, by);
                        draw(low, ax, tcl, ay, by);
                        draw(high, tcl, bx, ay, by);
                    } else {
                        const double tcl = std::clamp(thr, ay, by);
                        line->start->setCoords(ax, tcl);
                        line->end->setCoords(bx, tcl);
                        draw(low, ax, bx, ay, tcl);
                        draw(high, ax, bx, tcl, by);
                    }
                };
            draw(0, x0, x1, y0, y1);
        }
        auto* text = new QCPItemText(plot);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.01, 0.01);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        text->setText(tr("%1 trees drawn uniformly from R(theta = %2)\nof the depth-%3 trees on "
                         "these two features\n(%4 training errors or fewer): splits as lines,\n"
                         "leaves shaded in their class colour")
                          .arg(trees)
                          .arg(s.theta)
                          .arg(std::min(s.depth, 4))
                          .arg(E));
    }
    plot->xAxis->setRange(x0, x1);
    plot->yAxis->setRange(y0, y1);
    plot->legend->setVisible(true);
    plot->replot();
}

void RashomonLab::replotTheta() {
    if (!m_thetaPlot)
        return;
    QCustomPlot* plot = m_thetaPlot->plot();
    plot->clearGraphs();
    plot->clearItems();
    plot->xAxis->setLabel(tr("theta (extra training error allowed)"));
    plot->yAxis->setLabel(tr("Rashomon ratio |R(theta)| / |F|  (log scale)"));
    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    if (!m_model->hasResult() || !m_model->result().counter) {
        plot->replot();
        return;
    }
    const TreeCounter& tc = *m_model->result().counter;
    const std::size_t n = tc.data().rows();
    QCPGraph* g = plot->addGraph();
    g->setName(tr("Rashomon ratio (trees)"));
    g->setPen(QPen(QColor(31, 119, 180), 2));
    double lo = 1;
    for (int k = 0; k <= int(n) / 2; ++k) {
        const double theta = double(k) / double(n);
        const double l = tc.log10Ratio(maxErrorsFor(tc.bestErrors(), theta, n));
        const double v = std::pow(10.0, std::max(l, -300.0));
        g->addData(theta, v);
        lo = std::min(lo, v);
    }
    // The current theta.
    const double cur = std::pow(10.0, std::max(m_model->log10Ratio(), -300.0));
    QCPGraph* m = plot->addGraph();
    m->setName(tr("current theta"));
    m->setLineStyle(QCPGraph::lsNone);
    m->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(214, 39, 40), 10));
    m->addData(m_model->settings().theta, cur);
    if (auto pr = m_model->patternRatio()) {
        QCPGraph* pg = plot->addGraph();
        pg->setName(tr("pattern ratio (at current theta)"));
        pg->setLineStyle(QCPGraph::lsNone);
        pg->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(44, 160, 44), 10));
        pg->addData(m_model->settings().theta, *pr);
    }
    plot->xAxis->setRange(0, 0.5);
    plot->yAxis->setRange(lo / 10, 1.5);
    plot->legend->setVisible(true);
    plot->replot();
}

void RashomonLab::replotCurve() {
    if (!m_curvePlot)
        return;
    QCustomPlot* plot = m_curvePlot->plot();
    plot->clearGraphs();
    plot->clearItems();
    plot->xAxis->setLabel(tr("log10 Rashomon ratio (trees of depth 1..7, theta as set)"));
    plot->yAxis->setLabel(tr("0-1 error"));
    if (!m_model->hasResult()) {
        plot->replot();
        return;
    }
    const RashomonCurve& c = m_model->result().curve;
    QCPGraph* train = plot->addGraph();
    train->setName(tr("training error (best tree)"));
    train->setPen(QPen(QColor(31, 119, 180), 2));
    train->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    QCPGraph* test = plot->addGraph();
    test->setName(tr("test error (a sampled optimal tree)"));
    test->setPen(QPen(QColor(255, 127, 14), 2, Qt::DashLine));
    test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 7));
    double xmin = 0, xmax = 0, ymax = 0;
    for (const auto& p : c.points) {
        train->addData(p.log10Ratio, p.trainError);
        if (std::isfinite(p.testError))
            test->addData(p.log10Ratio, p.testError);
        xmin = std::min(xmin, p.log10Ratio);
        ymax = std::max({ymax, p.trainError, std::isfinite(p.testError) ? p.testError : 0.0});
        auto* label = new QCPItemText(plot);
        label->position->setCoords(p.log10Ratio, p.trainError);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(QStringLiteral(" d=%1").arg(p.depth));
    }
    if (c.elbow >= 0) {
        const auto& e = c.points[std::size_t(c.elbow)];
        QCPGraph* g = plot->addGraph();
        g->setName(tr("elbow (depth %1)").arg(e.depth));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(214, 39, 40), 3),
                                           Qt::NoBrush, 18));
        g->addData(e.log10Ratio, e.trainError);
    }
    plot->xAxis->setRange(xmin - 0.5, xmax + 0.5);
    plot->xAxis->setRangeReversed(true); // the space grows to the right
    plot->yAxis->setRange(-0.02, ymax * 1.15 + 0.02);
    plot->legend->setVisible(true);
    plot->replot();
}

void RashomonLab::replotAngle() {
    if (!m_anglePlot)
        return;
    QCustomPlot* plot = m_anglePlot->plot();
    plot->clearGraphs();
    plot->clearItems();
    plot->clearPlottables();
    plot->xAxis->setLabel(tr("angle a of w = (cos a, sin a) on (z, 1), z = the standardised x "
                             "feature (degrees)"));
    plot->yAxis->setLabel(tr("0-1 training loss"));
    if (!m_model->hasResult() || m_model->result().angle.isEmpty()) {
        plot->replot();
        return;
    }
    const RashomonResult& r = m_model->result();
    const double threshold = r.angleBest + m_model->settings().theta;
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(tr("Rashomon set (loss <= best + theta)"));
    bars->setWidth(1.0);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(44, 160, 44, 70));
    int inSet = 0;
    for (int i = 0; i < r.angle.size(); ++i)
        if (r.angleErrors[i] <= threshold + 1e-12) {
            bars->addData(r.angle[i], 1.0);
            ++inSet;
        }
    QCPGraph* g = plot->addGraph();
    g->setName(tr("loss"));
    g->setPen(QPen(QColor(31, 119, 180), 2));
    g->setData(r.angle, r.angleErrors);
    QCPGraph* t = plot->addGraph();
    t->setName(tr("best + theta"));
    t->setPen(QPen(QColor(214, 39, 40), 1.5, Qt::DashLine));
    t->addData(0, threshold);
    t->addData(359, threshold);
    auto* text = new QCPItemText(plot);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.01, 0.98);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    text->setText(tr("Rashomon ratio on the circle: %1 of 360 degrees = %2\n(class \"%3\" "
                     "against the rest, feature %4 and a bias)")
                      .arg(inSet)
                      .arg(double(inSet) / 360.0, 0, 'g', 3)
                      .arg(QString::fromStdString(r.train.classNames.back()))
                      .arg(QString::fromStdString(r.train.featureNames[std::size_t(
                          std::clamp(m_model->settings().featureX, 0, int(r.train.cols()) - 1))])));
    plot->xAxis->setRange(0, 360);
    plot->yAxis->setRange(0, 1.05);
    plot->legend->setVisible(true);
    plot->replot();
}

// [SECTION] state ----------------------------------------------------------------------------

QJsonObject RashomonLab::saveState() const {
    return m_model->settings().toJson();
}

void RashomonLab::restoreState(const QJsonObject& state) {
    m_model->setSettings(RashomonSettings::fromJson(state));
}

} // namespace algoscope::ui
