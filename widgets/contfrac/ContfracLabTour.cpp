// The continued-fractions lab's teaching side: the actions its guided tour
// (resources/tours/contfrac.json) may use, each going through the same undoable settings command
// (SetContfracSettingsCmd) and the same computations (recompute(), runEsma()) as a user edit, and
// the lab's figures of the gallery (`algoscope-cli figures --lab contfrac`): signed against
// simple continued fractions of e - 1 and e/(e - 1) (the ESMA paper's point: the signed ones
// converge faster), and the irrationality measure delta_n of Apery's PCF for 6/zeta(3).
#include "ContfracCommands.h"
#include "ContfracLab.h"
#include "ContfracModel.h"
#include "tour/TourArgs.h"

#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/Pcf.h"
#include "contfrac/Polynomial.h"
#include "util/Error.h"
#include "util/TaskContext.h"

#include <QJsonValue>
#include <QTimer>
#include <QUndoStack>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace algoscope::ui {

using namespace algoscope::contfrac;

namespace {

using tourargs::fail;
using tourargs::intArg;
using tourargs::stringArg;

bool checkConstant(const QString& text, const char* key, QString* error) {
    if (text.isEmpty())
        return fail(error, QStringLiteral("'%1' is empty").arg(QLatin1String(key)));
    try {
        // Parse and evaluate at low precision: catches syntax and domain errors (1/0, log(-1))
        // here, where the tour can report them, rather than in the worker's status message.
        (void)ConstantExpr::parse(text.toStdString()).evaluate(128);
    } catch (const std::exception& e) {
        return fail(
            error, QStringLiteral("'%1': %2").arg(QLatin1String(key), QString::fromUtf8(e.what())));
    }
    return true;
}

QString withoutSpaces(QString s) {
    s.remove(QLatin1Char(' '));
    return s;
}

} // namespace

// [SECTION] tour actions ---------------------------------------------------------------------

QList<TourActionSpec> ContfracLab::tourActions() const {
    return {
        {QStringLiteral("setConstant"),
         {QStringLiteral("constant")},
         {QStringLiteral("terms"), QStringLiteral("signs"), QStringLiteral("digits")},
         tr("Terms panel: type the constant, the sign pattern (empty: simple CF) and the number "
            "of terms")},
        {QStringLiteral("setPcf"),
         {QStringLiteral("a"), QStringLiteral("b")},
         {QStringLiteral("depth"), QStringLiteral("convention")},
         tr("Polynomial CF panel: type a(n), b(n) and the depth")},
        {QStringLiteral("runEsma"),
         {},
         {QStringLiteral("constant"), QStringLiteral("degree"), QStringLiteral("coeff"),
          QStringLiteral("minPeriod"), QStringLiteral("maxPeriod"), QStringLiteral("depth"),
          QStringLiteral("verifyDigits")},
         tr("ESMA search panel: set the constant, degree, coefficients, sign periods and depth, "
            "then press Search")},
        {QStringLiteral("showConjecture"),
         {},
         {QStringLiteral("index"), QStringLiteral("lhs")},
         tr("ESMA search panel: click a row of the results table (sorted by speed-up)")},
    };
}

bool ContfracLab::applyTourAction(const QString& name, const QJsonObject& args, QString* error) {
    ContfracSettings s = m_model->settings();
    // A settings edit that changes the expansion or the PCF schedules a recompute on the next
    // event loop turn; start it now, so the tour sees the lab busy right after the action.
    auto pushAndRecompute = [this, &s](const QString& what) {
        if (!(s == m_model->settings()))
            undoStack()->push(new SetContfracSettingsCmd(m_model, s, what));
        m_recomputeTimer->stop();
        recompute();
    };
    if (name == QLatin1String("setConstant")) {
        QString constant, signs = QString();
        if (!args.value(QLatin1String("constant")).isString())
            return fail(error, tr("'constant' must be a string such as \"e\" or \"(2e+1)/(e-1)\""));
        if (!stringArg(args, "constant", &constant, error) ||
            !checkConstant(constant, "constant", error) ||
            !stringArg(args, "signs", &signs, error) ||
            !intArg(args, "terms", 1, 20000, &s.terms, error) ||
            !intArg(args, "digits", 0, 200000, &s.digits, error))
            return false;
        if (!signs.isEmpty()) {
            try {
                (void)parseSignPattern(signs.toStdString());
            } catch (const std::exception& e) {
                return fail(error, tr("'signs': %1").arg(QString::fromUtf8(e.what())));
            }
        }
        s.constant = constant;
        s.signs = signs;
        // The formula view shows the expansion again, not a selected ESMA conjecture.
        m_model->selectConjecture(-1);
        pushAndRecompute(tr("Tour: %1").arg(constant));
        return true;
    }
    if (name == QLatin1String("setPcf")) {
        QString a, b, convention;
        if (!args.value(QLatin1String("a")).isString() ||
            !args.value(QLatin1String("b")).isString())
            return fail(error, tr("'a' and 'b' must be polynomials in n, e.g. \"2n+1\""));
        if (!stringArg(args, "a", &a, error) || !stringArg(args, "b", &b, error) ||
            !stringArg(args, "convention", &convention, error) ||
            !intArg(args, "depth", 1, 20000, &s.pcfDepth, error))
            return false;
        try {
            (void)Polynomial::parse(a.toStdString());
        } catch (const std::exception& e) {
            return fail(error, tr("'a': %1").arg(QString::fromUtf8(e.what())));
        }
        try {
            (void)Polynomial::parse(b.toStdString());
        } catch (const std::exception& e) {
            return fail(error, tr("'b': %1").arg(QString::fromUtf8(e.what())));
        }
        if (convention == QLatin1String("ramanujantools"))
            s.pcfRt = true;
        else if (convention == QLatin1String("shifted"))
            s.pcfRt = false;
        else if (!convention.isEmpty())
            return fail(error, tr("'convention' is shifted or ramanujantools"));
        s.pcfA = a;
        s.pcfB = b;
        pushAndRecompute(tr("Tour: PCF a = %1, b = %2").arg(a, b));
        return true;
    }
    if (name == QLatin1String("runEsma")) {
        QString constant = s.esmaConstant;
        if (!stringArg(args, "constant", &constant, error) ||
            !checkConstant(constant, "constant", error) ||
            !intArg(args, "degree", 0, 3, &s.esmaDegree, error) ||
            !intArg(args, "coeff", 1, 20, &s.esmaCoeff, error) ||
            !intArg(args, "minPeriod", 1, 8, &s.esmaMinPeriod, error) ||
            !intArg(args, "maxPeriod", 1, 8, &s.esmaMaxPeriod, error) ||
            !intArg(args, "depth", 8, 2000, &s.esmaDepth, error) ||
            !intArg(args, "verifyDigits", 5, 10000, &s.esmaVerifyDigits, error))
            return false;
        if (s.esmaMinPeriod > s.esmaMaxPeriod)
            return fail(error, tr("'minPeriod' (%1) must not exceed 'maxPeriod' (%2)")
                                   .arg(s.esmaMinPeriod)
                                   .arg(s.esmaMaxPeriod));
        s.esmaConstant = constant;
        if (!(s == m_model->settings()))
            undoStack()->push(new SetContfracSettingsCmd(m_model, s, tr("Tour: ESMA settings")));
        runEsma();
        return true;
    }
    if (name == QLatin1String("showConjecture")) {
        const auto& list = m_model->conjectures();
        if (list.empty())
            return fail(error, tr("no ESMA results yet: run the search first (runEsma)"));
        const bool hasIndex = args.contains(QLatin1String("index"));
        const bool hasLhs = args.contains(QLatin1String("lhs"));
        if (hasIndex == hasLhs)
            return fail(error, tr("showConjecture takes either 'index' (0 = fastest) or 'lhs'"));
        // The results table's order: fastest (largest speed-up over the simple CF) first, ties
        // in enumeration order, so an index names the same row whatever order results came in.
        std::vector<int> order(list.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&list](int x, int y) {
            const Conjecture& a = list[std::size_t(x)].conjecture;
            const Conjecture& b = list[std::size_t(y)].conjecture;
            if (a.rateRatio() != b.rateRatio())
                return a.rateRatio() > b.rateRatio();
            return a.lhsIndex < b.lhsIndex;
        });
        int chosen = -1;
        if (hasIndex) {
            int index = 0;
            if (!intArg(args, "index", 0, int(list.size()) - 1, &index, error))
                return false;
            chosen = order[std::size_t(index)];
        } else {
            QString lhs;
            if (!args.value(QLatin1String("lhs")).isString() ||
                !stringArg(args, "lhs", &lhs, error))
                return fail(error, tr("'lhs' must be a string such as \"e/(e - 1)\""));
            QStringList known;
            for (int i : order) {
                const QString text = QString::fromStdString(list[std::size_t(i)].conjecture.lhs);
                if (withoutSpaces(text) == withoutSpaces(lhs)) {
                    chosen = i;
                    break;
                }
                known << text;
            }
            if (chosen < 0)
                return fail(error, tr("no ESMA result for '%1' (found: %2)")
                                       .arg(lhs, known.mid(0, 12).join(QStringLiteral(", "))));
        }
        m_model->selectConjecture(chosen);
        return true;
    }
    return Lab::applyTourAction(name, args, error);
}

// [SECTION] gallery --------------------------------------------------------------------------

namespace {

struct CfCurve {
    QString name;
    QVector<double> n, digits;
    double digitsAt60 = 0;
    double slope = 0; // digits per term at the last n
    QString head;     // the first terms, for the caption
};

/// -log10|x - p_n/q_n| for n = 0..terms-1 of the certified (signed) CF of `expr`.
CfCurve cfCurve(const char* expr, const char* signs, std::size_t terms,
                const util::TaskContext& ctx) {
    const ConstantExpr x = ConstantExpr::parse(expr);
    ExpandOptions o;
    o.terms = terms;
    if (signs[0] != '\0')
        o.signs = parseSignPattern(signs);
    const CfExpansion e = expandCertified(x, o, ctx);
    std::vector<mpz_class> p, q;
    signedConvergents(e.terms, o.signs, p, q);
    // |x - p_n/q_n| goes down to about 1/q_n^2: evaluate x to twice q's digits plus a margin.
    const double qDigits = double(mpz_sizeinbase(q.back().get_mpz_t(), 10));
    const Interval v = x.evaluate(static_cast<mpfr_prec_t>((2 * qDigits + 60) * 3.33));
    CfCurve c;
    c.name = QString::fromLatin1(expr) +
             (o.signs.empty() ? QStringLiteral(", simple CF")
                              : QStringLiteral(", signs (%1)").arg(QLatin1String(signs)));
    QStringList head;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double d = digitsOfAgreement(v, p[i], q[i]);
        if (i < 7)
            head << QString::fromStdString(e.terms[i].get_str());
        if (!std::isfinite(d))
            continue;
        c.n << double(i);
        c.digits << d;
        if (i == 60)
            c.digitsAt60 = d;
    }
    if (!c.n.isEmpty() && c.n.back() > 0)
        c.slope = c.digits.back() / c.n.back();
    c.head =
        QStringLiteral("[%1; %2, ...]").arg(head.front(), head.mid(1).join(QStringLiteral(", ")));
    return c;
}

GalleryFigure signedVsSimpleFigure() {
    GalleryFigure f;
    f.id = QStringLiteral("contfrac-e-signed-vs-simple");
    f.title = QStringLiteral("Signed continued fractions of e - 1 and e/(e - 1) converge faster");
    f.caption = QStringLiteral(
        "Correct digits -log10|x - p_n/q_n| of the convergents p_n/q_n against n, for the simple "
        "continued fractions of e - 1 (= e's own, shifted by one) and e/(e - 1) and for the "
        "signed continued fractions the ESMA search finds (Elimelech et al., \"Algorithm-assisted "
        "discovery of an intrinsic order among mathematical constants\"): e - 1 = 2 - 1/(3 + 1/(2 "
        "- 1/(5 + ...))) with signs (-, +) and e/(e - 1) = 1 + 1/(2 - 1/(3 + 1/(2 - ...))) with "
        "signs (+, -). Terms certified by interval arithmetic, 201 convergents (n = 0..200). "
        "Reference values: after 60 terms 104.5 digits (signed) against 62.2 (simple) for e - 1 "
        "and 102.9 against 62.6 for e/(e - 1); at n = 200 e's simple CF has 271.6 correct "
        "digits (1.358 per term; independent check with mpmath). Each -1 absorbs a \"1, 1\" pair "
        "of the simple CF "
        "(a - 1/x = (a - 1) + 1/(1 + 1/(x - 1))), so the signed convergents are a subset of the "
        "simple ones. The legend gives the slope (digits per term) at n = 200.");
    f.make = [](const util::TaskContext& ctx) {
        const std::size_t terms = 201;
        struct Spec {
            const char* expr;
            const char* signs;
        };
        const Spec specs[] = {{"e-1", ""}, {"e-1", "-,+"}, {"e/(e-1)", ""}, {"e/(e-1)", "+,-"}};
        std::vector<CfCurve> curves;
        for (std::size_t i = 0; i < std::size(specs); ++i) {
            curves.push_back(cfCurve(specs[i].expr, specs[i].signs, terms, ctx));
            ctx.report(double(i + 1) / double(std::size(specs)));
        }
        FigureDrawing d;
        d.csv = "series,n,digits\n";
        QStringList facts;
        for (const CfCurve& c : curves) {
            for (qsizetype i = 0; i < c.n.size(); ++i)
                d.csv += '"' + c.name.toUtf8() + "\"," + QByteArray::number(int(c.n[i])) + ',' +
                         QByteArray::number(c.digits[i], 'f', 4) + '\n';
            facts << QStringLiteral("%1 %2: %3 digits at n = 60, %4 digits/term at n = %5")
                         .arg(c.name, c.head)
                         .arg(c.digitsAt60, 0, 'f', 1)
                         .arg(c.slope, 0, 'f', 3)
                         .arg(int(c.n.back()));
        }
        d.details =
            QStringLiteral("Measured: ") + facts.join(QStringLiteral("; ")) + QStringLiteral(".");
        d.paint = paintPlot([curves](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            for (std::size_t i = 0; i < curves.size(); ++i) {
                const CfCurve& c = curves[i];
                QCPGraph* g = plot.addGraph();
                g->setName(
                    QStringLiteral("%1: %2 digits/term").arg(c.name).arg(c.slope, 0, 'f', 2));
                // One colour per constant; signed solid, simple dashed.
                const bool isSigned = c.name.contains(QStringLiteral("signs"));
                g->setPen(QPen(seriesColor(int(i / 2)), isSigned ? 2.4 : 2.0,
                               isSigned ? Qt::SolidLine : Qt::DashLine));
                g->setData(c.n, c.digits, true);
            }
            plot.xAxis->setLabel(QStringLiteral("n (convergent p_n/q_n)"));
            plot.yAxis->setLabel(QStringLiteral("correct digits  -log10|x - p_n/q_n|"));
            plot.rescaleAxes();
            plot.xAxis->setRange(0, plot.xAxis->range().upper);
            plot.yAxis->setRange(0, plot.yAxis->range().upper * 1.05);
            plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
        });
        return d;
    };
    return f;
}

GalleryFigure aperyDeltaFigure() {
    GalleryFigure f;
    f.id = QStringLiteral("contfrac-apery-delta");
    f.title = QStringLiteral("Apery's continued fraction for 6/zeta(3): irrationality measure");
    f.caption = QStringLiteral(
        "Apery's polynomial continued fraction 6/zeta(3) = 5 - 1/(117 - 64/(535 - 729/(1463 - "
        "...))), a_n = (2n+1)(17n^2+17n+5), b_n = -(n+1)^6 (the shifted convention: x = a(0) + "
        "b(0)/(a(1) + b(1)/(a(2) + ...)), the lab's default PCF), evaluated exactly to depth "
        "2000. Plotted: the irrationality measure delta_n = -1 - ln|x - p_n/q_n| / ln(q_n / "
        "gcd(p_n, q_n)) against n, with x = 6/zeta(3). delta > 0 in the limit proves x "
        "irrational (Apery 1979); the reference limit is delta = 0.080529 (ramanujantools: 0.0793 "
        "at n = 200, 0.0866 at n = 2000), i.e. an irrationality exponent 1 + 1/delta = 13.42. The "
        "convergence is about 3.06 digits per term (8 log10(1 + sqrt 2)). The y axis is cut at "
        "0.3 (delta_n is larger for the first few n).");
    f.make = [](const util::TaskContext& ctx) {
        const std::size_t depth = 2000;
        const TermSource src = pcfSource(Polynomial::parse("(2n+1)(17n^2+17n+5)"),
                                         Polynomial::parse("-(n+1)^6"), PcfConvention::Shifted);
        const PcfAnalysis an = analyzePcf(src, depth, 40, std::string("6/zeta(3)"), ctx, depth);
        QVector<double> n, delta;
        double at200 = std::nan(""), at1000 = std::nan("");
        for (const ConvergenceRow& r : an.rows) {
            if (!std::isfinite(r.delta))
                continue;
            n << double(r.n);
            delta << r.delta;
            if (r.n == 200)
                at200 = r.delta;
            if (r.n == 1000)
                at1000 = r.delta;
        }
        FigureDrawing d;
        d.csv = "n,digits,delta\n";
        for (const ConvergenceRow& r : an.rows)
            d.csv += QByteArray::number(qulonglong(r.n)) + ',' +
                     QByteArray::number(r.digits, 'f', 4) + ',' +
                     QByteArray::number(r.delta, 'f', 6) + '\n';
        d.details = QStringLiteral("Measured: delta_200 = %1, delta_1000 = %2, delta_2000 = %3; "
                                   "%4 correct digits at depth 2000 (%5 digits/term); value "
                                   "%6.")
                        .arg(at200, 0, 'f', 4)
                        .arg(at1000, 0, 'f', 4)
                        .arg(an.delta, 0, 'f', 4)
                        .arg(an.correctDigits, 0, 'f', 1)
                        .arg(an.digitsPerTerm, 0, 'f', 4)
                        .arg(QString::fromStdString(an.value).left(24));
        d.paint = paintPlot([n, delta](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            QCPGraph* g = plot.addGraph();
            g->setName(QStringLiteral("delta_n, Apery's PCF for 6/zeta(3)"));
            g->setPen(QPen(seriesColor(0), 2.2));
            g->setData(n, delta, true);
            QCPGraph* ref = plot.addGraph();
            ref->setName(QStringLiteral("limit 0.080529"));
            ref->setPen(QPen(seriesColor(1), 1.6, Qt::DashLine));
            ref->setData(QVector<double>{0, n.isEmpty() ? 1.0 : n.back()},
                         QVector<double>{0.080529, 0.080529});
            plot.xAxis->setLabel(QStringLiteral("n (depth)"));
            plot.yAxis->setLabel(QStringLiteral("delta_n"));
            plot.rescaleAxes();
            plot.xAxis->setRange(0, plot.xAxis->range().upper);
            // delta_n is large for the first few n; the axis shows the approach to the limit.
            plot.yAxis->setRange(0, 0.3);
        });
        return d;
    };
    return f;
}

} // namespace

QList<GalleryFigure> ContfracLab::galleryFigures() const {
    return {signedVsSimpleFigure(), aperyDeltaFigure()};
}

} // namespace algoscope::ui
