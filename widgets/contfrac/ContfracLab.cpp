// [SECTION] construction  [SECTION] computations  [SECTION] plots  [SECTION] state
#include "ContfracLab.h"

#include "ContfracCommands.h"
#include "ContfracDeltaPanel.h"
#include "ContfracEsmaPanel.h"
#include "ContfracFormulaView.h"
#include "ContfracModel.h"
#include "ContfracPcfPanel.h"
#include "ContfracTermsPanel.h"
#include "PlotView.h"
#include "TaskRunner.h"

#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/EsmaExport.h"
#include "contfrac/LimitGuess.h"
#include "contfrac/Pcf.h"
#include "contfrac/Polynomial.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

#include <QFileInfo>
#include <QPointer>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>
#include <memory>

namespace algoscope::ui {

using namespace algoscope::contfrac;

// [SECTION] construction ---------------------------------------------------------------------

ContfracLab::ContfracLab() : m_model(new ContfracModel(this)), m_recomputeTimer(new QTimer(this)) {
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(0);
    connect(m_recomputeTimer, &QTimer::timeout, this, &ContfracLab::recompute);
    // Settings that change the expansion or the PCF recompute them; ESMA runs on request only.
    auto last = std::make_shared<ContfracSettings>(m_model->settings());
    connect(m_model, &ContfracModel::settingsChanged, this, [this, last] {
        const ContfracSettings& s = m_model->settings();
        const bool affects = s.constant != last->constant || s.signs != last->signs ||
                             s.terms != last->terms || s.digits != last->digits ||
                             s.pcfA != last->pcfA || s.pcfB != last->pcfB ||
                             s.pcfDepth != last->pcfDepth || s.pcfRt != last->pcfRt;
        *last = s;
        if (affects && m_activated)
            scheduleRecompute();
    });
    connect(m_model, &ContfracModel::seriesChanged, this, &ContfracLab::replot);
    connect(m_model, &ContfracModel::formulaChanged, this, [this] {
        if (m_formula)
            m_formula->setFormula(m_model->formula());
    });
    connect(m_model, &ContfracModel::selectionChanged, this, &ContfracLab::showConjecture);
    connect(taskRunner(), &TaskRunner::finished, this,
            [this](const QString& title, bool, bool, const QString& error) {
                if (!error.isEmpty())
                    Q_EMIT statusMessage(tr("%1: %2").arg(title, error), 10000);
            });
}

ContfracLab::~ContfracLab() {
    // Running tasks post into the model: stop them before it goes.
    taskRunner()->stopAndWait();
}

QString ContfracLab::paperReference() const {
    return tr("G. Raayoni et al., \"Generating conjectures on fundamental constants with the "
              "Ramanujan Machine\", Nature 590 (2021), and the ESMA reference code (Ramanujan "
              "Machine project); A. Hurwitz (1896); J. L. Massey (1969); R. Apery (1979).");
}

QStringList ContfracLab::presetConstants() {
    return {QStringLiteral("pi"),          QStringLiteral("e"),       QStringLiteral("e^2"),
            QStringLiteral("tan(1)"),      QStringLiteral("cot(1)"),  QStringLiteral("tanh(1)"),
            QStringLiteral("I1(2)/I0(2)"), QStringLiteral("zeta(2)"), QStringLiteral("zeta(3)"),
            QStringLiteral("phi"),         QStringLiteral("sqrt(2)"), QStringLiteral("log(2)"),
            QStringLiteral("catalan"),     QStringLiteral("e-1"),     QStringLiteral("e/(e-1)"),
            QStringLiteral("1/(2tan(1))")};
}

namespace {

void setupPlot(PlotView* view, const QString& y) {
    QCustomPlot* plot = view->plot();
    plot->xAxis->setLabel(QObject::tr("n (terms)"));
    plot->yAxis->setLabel(y);
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
}

} // namespace

QWidget* ContfracLab::createCentralView(QWidget* parent) {
    auto* splitter = new QSplitter(Qt::Vertical, parent);
    splitter->setObjectName(QStringLiteral("contfrac.central"));
    m_formula = new ContfracFormulaView(splitter);
    m_formula->setFormula(m_model->formula());
    m_plot = new PlotView(QStringLiteral("contfrac-convergence"), splitter);
    setupPlot(m_plot, tr("correct digits  -log10|x - p_n/q_n|"));
    splitter->addWidget(m_formula);
    splitter->addWidget(m_plot);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({260, 700});
    replot();
    return splitter;
}

QList<Panel*> ContfracLab::createPanels(QWidget* parent) {
    m_deltaPlot = new PlotView(QStringLiteral("contfrac-delta"));
    setupPlot(m_deltaPlot, tr("delta_n"));
    replot();
    return {new ContfracTermsPanel(this, parent), new ContfracEsmaPanel(this, parent),
            new ContfracPcfPanel(this, parent), new ContfracDeltaPanel(m_deltaPlot, parent)};
}

Exportable* ContfracLab::defaultExportable() {
    return m_plot;
}

void ContfracLab::activate() {
    if (m_activated)
        return;
    m_activated = true;
    recompute();
    // The first time, also run the default ESMA search (e, degree 1, coefficients +-2, sign
    // periods 1..2: about a second) once the expansion is shown; "latest wins" would otherwise
    // cancel one of them.
    m_autoEsmaPending = true;
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(taskRunner(), &TaskRunner::finished, this,
                    [this, conn](const QString&, bool ok, bool, const QString&) {
                        disconnect(*conn);
                        if (!ok || !m_model->conjectures().empty()) {
                            m_autoEsmaPending = false;
                            return;
                        }
                        QTimer::singleShot(0, this, [this] {
                            runEsma();
                            m_autoEsmaPending = false;
                        });
                    });
}

bool ContfracLab::isIdle() const {
    return Lab::isIdle() && !m_autoEsmaPending;
}

void ContfracLab::scheduleRecompute() {
    m_recomputeTimer->start();
}

// [SECTION] computations ---------------------------------------------------------------------

namespace {

QString shorten(const std::string& s, int max = 48) {
    QString q = QString::fromStdString(s);
    if (q.size() > max)
        q = q.left(max / 2 - 1) + QChar(0x2026) + q.right(max / 2 - 1);
    return q;
}

// Digits of each convergent p_n/q_n of a (signed) CF against x, and delta_n.
void convergenceCurves(const std::vector<mpz_class>& terms, const std::vector<int>& signs,
                       const Interval& x, ContfracSeries& digits, ContfracSeries* delta,
                       std::vector<mpz_class>* pOut = nullptr,
                       std::vector<mpz_class>* qOut = nullptr) {
    std::vector<mpz_class> p, q;
    signedConvergents(terms, signs, p, q);
    const double ln10 = std::log(10.0);
    for (std::size_t n = 0; n < p.size(); ++n) {
        const double d = digitsOfAgreement(x, p[n], q[n]);
        if (!std::isfinite(d))
            continue;
        digits.n.push_back(double(n));
        digits.y.push_back(d);
        if (delta && n >= 1) {
            mpz_class g;
            mpz_gcd(g.get_mpz_t(), p[n].get_mpz_t(), q[n].get_mpz_t());
            const mpz_class qr = q[n] / g;
            long e = 0;
            const double m = mpz_get_d_2exp(&e, qr.get_mpz_t());
            const double lnQ = std::log(std::fabs(m)) + double(e) * std::log(2.0);
            if (lnQ > 0) {
                delta->n.push_back(double(n));
                delta->y.push_back(-1.0 + d * ln10 / lnQ);
            }
        }
    }
    if (!digits.n.isEmpty() && digits.n.back() > 0)
        digits.slope = digits.y.back() / digits.n.back();
    if (pOut)
        *pOut = std::move(p);
    if (qOut)
        *qOut = std::move(q);
}

// MPFR keeps per-thread caches; the task runner's worker thread ends after the task, so free
// them there (else LeakSanitizer reports them).
struct MpfrThreadCacheGuard {
    ~MpfrThreadCacheGuard() { mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); }
};

Interval precise(const ConstantExpr& e, const std::vector<mpz_class>& q, long digitsUsed) {
    // Errors of p_n/q_n go down to about 1/q_n^2: twice the digits of the last q, plus margin.
    double qd = 0;
    if (!q.empty() && q.back() != 0)
        qd = double(mpz_sizeinbase(q.back().get_mpz_t(), 10));
    const double digits = std::max(2.0 * qd, double(digitsUsed)) + 60;
    return e.evaluate(static_cast<mpfr_prec_t>(digits * 3.33));
}

ContfracFormula formulaOf(const QString& lhs, const std::vector<mpz_class>& terms,
                          const std::vector<int>& signs) {
    ContfracFormula f;
    f.lhs = lhs;
    for (std::size_t i = 0; i < terms.size() && i < 12; ++i) {
        f.a << QString::fromStdString(terms[i].get_str());
        f.b << (signAt(signs, i) > 0 ? QStringLiteral("1") : QStringLiteral("-1"));
    }
    return f;
}

} // namespace

void ContfracLab::recompute() {
    const ContfracSettings s = m_model->settings();
    struct Result {
        QVector<ContfracTermRow> rows;
        int digitsUsed = 0;
        QString message;
        ContfracSeries simple, simpleDelta, signedSeries;
        bool hasSigned = false;
        ContfracFormula formula;
        QString expansionError;
        ContfracPcfResult pcf;
        ContfracSeries pcfSeries, pcfDelta;
        QString pcfError;
    };
    auto result = std::make_shared<Result>();
    taskRunner()->run(
        tr("Continued fraction"),
        [s, result](const util::TaskContext& ctx) {
            const MpfrThreadCacheGuard guard;
            Result& r = *result;
            // Expansion
            try {
                const ConstantExpr x = ConstantExpr::parse(s.constant.toStdString());
                ExpandOptions o;
                o.terms = std::size_t(std::clamp(s.terms, 1, 100000));
                if (!s.signs.trimmed().isEmpty())
                    o.signs = parseSignPattern(s.signs.toStdString());
                if (s.digits > 0) {
                    o.digits = s.digits;
                    o.autoRaise = false;
                }
                const CfExpansion e = expandCertified(x, o, ctx);
                r.digitsUsed = int(e.digitsUsed);
                r.message = QString::fromStdString(e.message);
                std::vector<mpz_class> p, q;
                signedConvergents(e.terms, o.signs, p, q);
                const Interval v = precise(x, q, e.digitsUsed);
                ContfracSeries digits;
                convergenceCurves(e.terms, o.signs, v, digits,
                                  o.signs.empty() ? &r.simpleDelta : nullptr);
                for (std::size_t n = 0; n < e.terms.size(); ++n) {
                    ContfracTermRow row;
                    row.term = QString::fromStdString(e.terms[n].get_str());
                    row.convergent = shorten(p[n].get_str() + "/" + q[n].get_str());
                    row.digits = digitsOfAgreement(v, p[n], q[n]);
                    r.rows.push_back(row);
                }
                r.formula = formulaOf(s.constant, e.terms, o.signs);
                if (o.signs.empty()) {
                    r.simple = digits;
                } else {
                    r.signedSeries = digits;
                    r.hasSigned = true;
                    ExpandOptions so;
                    so.terms = e.terms.size();
                    const CfExpansion se = expandCertified(x, so, ctx);
                    convergenceCurves(se.terms, {}, v, r.simple, &r.simpleDelta);
                }
            } catch (const util::Cancelled&) {
                throw;
            } catch (const util::Error& ex) {
                r.expansionError = QString::fromUtf8(ex.what());
            }
            // PCF, blind, then against the best guess of its limit.
            try {
                const Polynomial a = Polynomial::parse(s.pcfA.toStdString());
                const Polynomial b = Polynomial::parse(s.pcfB.toStdString());
                const TermSource src = pcfSource(
                    a, b, s.pcfRt ? PcfConvention::RamanujanTools : PcfConvention::Shifted);
                const std::size_t depth = std::size_t(std::clamp(s.pcfDepth, 1, 20000));
                PcfAnalysis an = analyzePcf(src, depth, 40, std::optional<Interval>(), ctx, 1000);
                r.pcf.a = QString::fromStdString(a.toString());
                r.pcf.b = QString::fromStdString(b.toString());
                const Convergent c = deepConvergent(src, depth, ctx);
                if (c.q != 0 && std::isfinite(an.correctDigits)) {
                    Interval v(static_cast<mpfr_prec_t>((an.correctDigits + 40) * 3.33) + 64);
                    mpfr_set_z(v.lo(), c.p.get_mpz_t(), MPFR_RNDD);
                    mpfr_div_z(v.lo(), v.lo(), c.q.get_mpz_t(), MPFR_RNDD);
                    mpfr_set_z(v.hi(), c.p.get_mpz_t(), MPFR_RNDU);
                    mpfr_div_z(v.hi(), v.hi(), c.q.get_mpz_t(), MPFR_RNDU);
                    if (mpfr_greater_p(v.lo(), v.hi()))
                        mpfr_swap(v.lo(), v.hi());
                    for (const auto& g : guessLimit(v, an.correctDigits))
                        r.pcf.guesses << QStringLiteral("%1  (%2 digits)")
                                             .arg(QString::fromStdString(g.expression))
                                             .arg(g.agreeDigits, 0, 'f', 1);
                    const auto best = guessLimit(v, an.correctDigits, 6, 1);
                    if (!best.empty()) {
                        r.pcf.limit = QString::fromStdString(best.front().expression);
                        an = analyzePcf(src, depth, 40, best.front().expression, ctx, 1000);
                        r.pcf.blind = false;
                    }
                }
                r.pcf.value = QString::fromStdString(an.value);
                r.pcf.digits = an.correctDigits;
                r.pcf.digitsPerTerm = an.digitsPerTerm;
                r.pcf.delta = an.delta;
                for (const auto& row : an.rows) {
                    if (std::isfinite(row.digits)) {
                        r.pcfSeries.n.push_back(double(row.n));
                        r.pcfSeries.y.push_back(row.digits);
                    }
                    if (std::isfinite(row.delta)) {
                        r.pcfDelta.n.push_back(double(row.n));
                        r.pcfDelta.y.push_back(row.delta);
                    }
                }
                r.pcfSeries.slope = an.digitsPerTerm;
            } catch (const util::Cancelled&) {
                throw;
            } catch (const util::Error& ex) {
                r.pcfError = QString::fromUtf8(ex.what());
            }
        },
        [this, s, result] {
            Result& r = *result;
            if (!r.expansionError.isEmpty()) {
                Q_EMIT statusMessage(tr("Expansion: %1").arg(r.expansionError), 10000);
            } else {
                m_model->setExpansion(r.rows, r.digitsUsed, r.message);
                r.simple.name = tr("%1, simple CF").arg(s.constant);
                m_model->setConvergence(QStringLiteral("simple"), r.simple);
                r.simpleDelta.name = tr("%1, simple CF").arg(s.constant);
                m_model->setDelta(QStringLiteral("simple"), r.simpleDelta);
                if (r.hasSigned) {
                    r.signedSeries.name = tr("%1, signs (%2)").arg(s.constant, s.signs);
                    m_model->setConvergence(QStringLiteral("signed"), r.signedSeries);
                } else {
                    m_model->removeSeries(QStringLiteral("signed"));
                }
                if (m_model->selectedConjecture() < 0)
                    m_model->setFormula(r.formula);
            }
            if (!r.pcfError.isEmpty()) {
                Q_EMIT statusMessage(tr("PCF: %1").arg(r.pcfError), 10000);
                m_model->setPcf({});
            } else {
                m_model->setPcf(r.pcf);
                const QString pcfName = tr("PCF a = %1, b = %2").arg(s.pcfA, s.pcfB);
                r.pcfSeries.name =
                    pcfName +
                    (r.pcf.limit.isEmpty() ? tr(" (blind)") : tr(" -> %1").arg(r.pcf.limit));
                m_model->setConvergence(QStringLiteral("pcf"), r.pcfSeries);
                r.pcfDelta.name = pcfName;
                m_model->setDelta(QStringLiteral("pcf"), r.pcfDelta);
            }
        });
}

void ContfracLab::runEsma() {
    const ContfracSettings s = m_model->settings();
    EsmaOptions o;
    o.constant = s.esmaConstant.toStdString();
    o.degree = s.esmaDegree;
    o.coeffLimit = s.esmaCoeff;
    o.minPeriod = s.esmaMinPeriod;
    o.maxPeriod = std::max(s.esmaMinPeriod, s.esmaMaxPeriod);
    o.depth = std::size_t(s.esmaDepth);
    o.verifyDigits = s.esmaVerifyDigits;
    o.approveTerms = std::max<std::size_t>(1000, o.depth);
    const int run = m_model->beginEsmaRun();
    m_model->removeSeries(QStringLiteral("esma"));
    m_model->removeSeries(QStringLiteral("esma-simple"));
    auto stats = std::make_shared<EsmaStats>();
    QPointer<ContfracModel> model(m_model);
    taskRunner()->run(
        tr("ESMA search"),
        [o, run, stats, model](const util::TaskContext& ctx) {
            const MpfrThreadCacheGuard guard;
            // Conjectures stream in: their curves are computed here, in the worker threads, and
            // posted to the model on the GUI thread.
            auto onFound = [model, run](const Conjecture& c) {
                ContfracConjecture cc;
                cc.conjecture = c;
                try {
                    const ConstantExpr x = ConstantExpr::parse(c.lhs);
                    const Interval v =
                        x.evaluate(static_cast<mpfr_prec_t>((c.verifiedDigits + 200) * 3.33 + 64));
                    convergenceCurves(c.terms, c.signs, v, cc.signedSeries, nullptr);
                    const std::vector<mpz_class> simple = certifiedTerms(v, {}, c.terms.size());
                    convergenceCurves(simple, {}, v, cc.simpleSeries, nullptr);
                } catch (const util::Error&) {
                }
                QMetaObject::invokeMethod(
                    model.data(),
                    [model, run, cc = std::move(cc)]() mutable {
                        if (model)
                            model->addConjecture(run, std::move(cc));
                    },
                    Qt::QueuedConnection);
            };
            *stats = contfrac::runEsma(o, ctx, onFound).stats;
        },
        [this, stats, o] {
            m_model->setEsmaStats(*stats, o);
            // Show the fastest-converging conjecture against its simple CF.
            int best = -1;
            const auto& list = m_model->conjectures();
            for (std::size_t i = 0; i < list.size(); ++i)
                if (best < 0 ||
                    list[i].conjecture.rateRatio() > list[std::size_t(best)].conjecture.rateRatio())
                    best = int(i);
            if (best >= 0)
                m_model->selectConjecture(best);
        });
}

void ContfracLab::showConjecture(int index) {
    const auto& list = m_model->conjectures();
    if (index < 0 || index >= int(list.size())) {
        m_model->removeSeries(QStringLiteral("esma"));
        m_model->removeSeries(QStringLiteral("esma-simple"));
        return;
    }
    const ContfracConjecture& c = list[std::size_t(index)];
    QString signs;
    for (int v : c.conjecture.signs)
        signs += v > 0 ? QLatin1Char('+') : QLatin1Char('-');
    ContfracSeries a = c.signedSeries, b = c.simpleSeries;
    a.name = tr("%1, ESMA signs (%2)").arg(QString::fromStdString(c.conjecture.lhs), signs);
    b.name = tr("%1, simple CF").arg(QString::fromStdString(c.conjecture.lhs));
    m_model->setConvergence(QStringLiteral("esma"), a);
    m_model->setConvergence(QStringLiteral("esma-simple"), b);
    m_model->setFormula(formulaOf(QString::fromStdString(c.conjecture.lhs), c.conjecture.terms,
                                  c.conjecture.signs));
}

bool ContfracLab::exportConjectures(const QString& path, QString* error) const {
    std::vector<Conjecture> list;
    for (const auto& c : m_model->conjectures())
        list.push_back(c.conjecture);
    try {
        std::string text;
        if (QFileInfo(path).suffix().toLower() == QLatin1String("tex")) {
            text = conjecturesLatexDocument(list, m_model->esmaOptions().constant);
        } else {
            EsmaResult r;
            r.conjectures = list;
            r.stats = m_model->esmaStats();
            text = esmaResultJson(r, m_model->esmaOptions()).dump(2) + "\n";
        }
        util::writeFileAtomically(path.toStdString(), text);
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

// [SECTION] plots ----------------------------------------------------------------------------

void ContfracLab::replot() {
    struct Style {
        const char* role;
        QColor color;
        Qt::PenStyle pen;
    };
    const Style styles[] = {{"simple", QColor(90, 90, 90), Qt::SolidLine},
                            {"signed", QColor(30, 110, 220), Qt::SolidLine},
                            {"esma", QColor(230, 120, 20), Qt::SolidLine},
                            {"esma-simple", QColor(230, 120, 20), Qt::DashLine},
                            {"pcf", QColor(20, 150, 70), Qt::SolidLine}};
    auto fill = [&](PlotView* view, const QMap<QString, ContfracSeries>& series, bool slope) {
        if (!view)
            return;
        QCustomPlot* plot = view->plot();
        plot->clearGraphs();
        for (const Style& st : styles) {
            const auto it = series.find(QLatin1String(st.role));
            if (it == series.end() || it->n.isEmpty())
                continue;
            QCPGraph* g = plot->addGraph();
            g->setData(it->n, it->y, true);
            g->setPen(QPen(st.color, 2.0, st.pen));
            g->setName(slope ? tr("%1: %2 digits/term").arg(it->name).arg(it->slope, 0, 'f', 3)
                             : it->name);
        }
        plot->rescaleAxes();
        plot->replot();
    };
    fill(m_plot, m_model->convergence(), true);
    fill(m_deltaPlot, m_model->delta(), false);
}

// [SECTION] state ----------------------------------------------------------------------------

QJsonObject ContfracLab::saveState() const {
    return {{"settings", m_model->settings().toJson()}};
}

void ContfracLab::restoreState(const QJsonObject& state) {
    m_model->setSettings(ContfracSettings::fromJson(state.value("settings").toObject()));
}

} // namespace algoscope::ui
