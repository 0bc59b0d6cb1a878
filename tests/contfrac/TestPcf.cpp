// Polynomial continued fractions (core/contfrac/Pcf.h, Polynomial.h). Expected values: the
// reference facts of this lab (4/pi, Apery's 6/zeta(3) = 5 - 1/(117 - 64/(535 - 729/(1463 - ...))),
// 5/zeta(2), e = 3 - 1/(4 - 2/(5 - ...)), ramanujantools' PCF(n, n) -> 1/(e-1) with 2645 digits at
// depth 1025 and PCF(1, 1) -> golden ratio with 427 digits, Apery's delta 0.0793 at n = 200), and
// a brute-force bottom-up evaluation with exact rationals for the convergents.
#include "contfrac/ConstantExpr.h"
#include "contfrac/LimitGuess.h"
#include "contfrac/Pcf.h"
#include "contfrac/Polynomial.h"
#include "util/Error.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace algoscope;
using namespace algoscope::contfrac;

namespace {

// x_N = a_0 + b_1/(a_1 + b_2/(... + b_N/a_N)), evaluated from the bottom with mpq.
mpq_class bottomUp(const TermSource& s, std::size_t depth) {
    mpz_class a, b;
    s(depth, a, b);
    mpq_class x(a);
    for (std::size_t n = depth; n-- > 0;) {
        mpz_class an, bn, aNext, bNext;
        s(n, an, bn);
        s(n + 1, aNext, bNext);
        x = mpq_class(an) + mpq_class(bNext) / x;
    }
    return x;
}

} // namespace

class TestPcf : public QObject {
    Q_OBJECT
private slots:
    void polynomialParse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<long>("at3");
        QTest::newRow("linear") << "2n+1"
                                << "2n + 1" << 7L;
        QTest::newRow("square") << "(n+1)^2"
                                << "n^2 + 2n + 1" << 16L;
        QTest::newRow("apery a") << "(2n+1)(17n^2+17n+5)"
                                 << "34n^3 + 51n^2 + 27n + 5" << 7L * (17 * 9 + 17 * 3 + 5);
        QTest::newRow("apery b") << "-(n+1)^6"
                                 << "-n^6 - 6n^5 - 15n^4 - 20n^3 - 15n^2 - 6n - 1" << -4096L;
        QTest::newRow("implicit") << "n(n+1) * 2"
                                  << "2n^2 + 2n" << 24L;
        QTest::newRow("constant") << " 7 "
                                  << "7" << 7L;
        QTest::newRow("zero") << "n - n"
                              << "0" << 0L;
        // Decimal even with leading zeros (GMP's base 0 would read 010 as octal 8; fuzzing found
        // "08" throwing from inside GMP).
        QTest::newRow("leading zeros") << "010n+08"
                                       << "10n + 8" << 38L;
    }
    void polynomialParse() {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(long, at3);
        const Polynomial p = Polynomial::parse(text.toStdString());
        QCOMPARE(QString::fromStdString(p.toString()), canonical);
        QCOMPARE(p.at(3).get_si(), at3);
        // The canonical text parses back to the same polynomial.
        QVERIFY(Polynomial::parse(p.toString()) == p);
    }

    void polynomialErrorsNamePosition_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unclosed") << "(n+1"
                                  << "position 5";
        QTest::newRow("division") << "n/2"
                                  << "position 2";
        QTest::newRow("other variable") << "2x+1"
                                        << "position 2";
        QTest::newRow("negative exponent") << "n^-1"
                                           << "position 3";
        QTest::newRow("dangling") << "2n+"
                                  << "position 4";
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("bad char") << "n # 1"
                                  << "position 3";
    }
    void polynomialErrorsNamePosition() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        try {
            Polynomial::parse(text.toStdString());
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::LimitError, Polynomial::parse("n^300"));
        QVERIFY_THROWS_EXCEPTION(util::LimitError, Polynomial::parse("((9^256)^256)^256"));
    }

    // Apery's first terms, in the shifted convention, from the reference facts.
    void aperyTerms() {
        const TermSource s = pcfSource(Polynomial::parse("(2n+1)(17n^2+17n+5)"),
                                       Polynomial::parse("-(n+1)^6"), PcfConvention::Shifted);
        const long a[] = {5, 117, 535, 1463};
        const long b[] = {0, -1, -64, -729};
        for (std::size_t n = 0; n < 4; ++n) {
            mpz_class an, bn;
            s(n, an, bn);
            QCOMPARE(an.get_si(), a[n]);
            if (n > 0)
                QCOMPARE(bn.get_si(), b[n]);
        }
    }

    // The matrix product, the sequential recurrence and a bottom-up exact evaluation agree.
    void convergentsExact() {
        const TermSource s = pcfSource(Polynomial::parse("2n+1"), Polynomial::parse("(n+1)^2"),
                                       PcfConvention::Shifted);
        std::vector<mpq_class> walked;
        walkConvergents(s, 60, [&](const Convergent& c) { walked.emplace_back(c.p, c.q); });
        QCOMPARE(walked.size(), std::size_t(61));
        for (std::size_t n : {0, 1, 2, 5, 17, 33, 60}) {
            const Convergent d = deepConvergent(s, n);
            mpq_class deep(d.p, d.q);
            deep.canonicalize();
            QVERIFY(deep == bottomUp(s, n));
            mpq_class w = walked[n];
            w.canonicalize();
            mpq_class bu = bottomUp(s, n);
            QVERIFY(w == bu);
        }
        // 4/pi: 1, 1 + 1/3 = 4/3, 1 + 1/(3 + 4/5) = 24/19.
        QVERIFY(bottomUp(s, 1) == mpq_class(4, 3));
        QVERIFY(bottomUp(s, 2) == mpq_class(24, 19));
    }

    void knownLimits_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("rt");
        QTest::addColumn<int>("depth");
        QTest::addColumn<QString>("limit");
        QTest::addColumn<double>("minDigits");
        QTest::addColumn<double>("maxDigits");
        QTest::newRow("4/pi") << "2n+1"
                              << "(n+1)^2" << false << 100 << "4/pi" << 70.0 << 85.0;
        QTest::newRow("apery") << "(2n+1)(17n^2+17n+5)"
                               << "-(n+1)^6" << false << 100 << "6/zeta(3)" << 290.0 << 320.0;
        QTest::newRow("5/zeta(2)") << "11n^2+11n+3"
                                   << "(n+1)^4" << false << 100 << "5/zeta(2)" << 190.0 << 230.0;
        QTest::newRow("e") << "n+3"
                           << "-(n+1)" << false << 100 << "e" << 150.0 << 180.0;
        // ramanujantools: PCF(n, n) to depth 1025 gives 2645 digits of 1/(e-1), PCF(1, 1) 427 of
        // the golden ratio (their depth may count one matrix differently: +-4 digits).
        QTest::newRow("1/(e-1)") << "n"
                                 << "n" << true << 1025 << "1/(e-1)" << 2641.0 << 2650.0;
        QTest::newRow("golden") << "1"
                                << "1" << true << 1025 << "phi" << 426.0 << 429.5;
    }
    void knownLimits() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, rt);
        QFETCH(int, depth);
        QFETCH(QString, limit);
        QFETCH(double, minDigits);
        QFETCH(double, maxDigits);
        const TermSource s =
            pcfSource(Polynomial::parse(a.toStdString()), Polynomial::parse(b.toStdString()),
                      rt ? PcfConvention::RamanujanTools : PcfConvention::Shifted);
        const PcfAnalysis r = analyzePcf(s, std::size_t(depth), 30, limit.toStdString());
        QVERIFY(r.hasLimit);
        QVERIFY2(r.correctDigits >= minDigits && r.correctDigits <= maxDigits,
                 qPrintable(QString::number(r.correctDigits)));
        QCOMPARE(r.rows.size(), std::size_t(depth));
        // Correct digits grow with n (eventually): the last row beats the one at depth/2.
        QVERIFY(r.rows.back().digits > r.rows[r.rows.size() / 2].digits);
        // Blind mode (against the convergent at 2*depth) agrees with the known limit.
        const PcfAnalysis blind = analyzePcf(s, std::size_t(depth), 30, std::string());
        QVERIFY(!blind.hasLimit);
        QCOMPARE(blind.referenceDepth, std::size_t(2 * depth));
        QVERIFY2(std::abs(blind.correctDigits - r.correctDigits) < 2.0 + 0.02 * r.correctDigits,
                 qPrintable(QString::number(blind.correctDigits)));
    }

    // Apery's irrationality measure: delta_200 = 0.0793 (reference facts; it tends to 0.0805).
    void aperyDelta() {
        const TermSource s = pcfSource(Polynomial::parse("(2n+1)(17n^2+17n+5)"),
                                       Polynomial::parse("-(n+1)^6"), PcfConvention::Shifted);
        const PcfAnalysis r = analyzePcf(s, 200, 30, "6/zeta(3)");
        QVERIFY2(std::abs(r.delta - 0.0793) < 0.0005, qPrintable(QString::number(r.delta)));
    }

    // The limit guess recognises the reference PCFs' limits from their values alone.
    void limitGuess_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<QString>("expected");
        QTest::newRow("apery") << "(2n+1)(17n^2+17n+5)"
                               << "-(n+1)^6"
                               << "6/zeta3";
        QTest::newRow("4/pi") << "2n+1"
                              << "(n+1)^2"
                              << "4/pi";
        QTest::newRow("5/zeta(2)") << "11n^2+11n+3"
                                   << "(n+1)^4"
                                   << "5/zeta2";
        QTest::newRow("e") << "n+3"
                           << "-(n+1)"
                           << "e";
    }
    void limitGuess() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(QString, expected);
        const TermSource s = pcfSource(Polynomial::parse(a.toStdString()),
                                       Polynomial::parse(b.toStdString()), PcfConvention::Shifted);
        const Convergent c = deepConvergent(s, 100);
        Interval x(400);
        mpfr_set_z(x.lo(), c.p.get_mpz_t(), MPFR_RNDD);
        mpfr_div_z(x.lo(), x.lo(), c.q.get_mpz_t(), MPFR_RNDD);
        mpfr_set(x.hi(), x.lo(), MPFR_RNDU);
        const auto guesses = guessLimit(x, 60);
        QVERIFY(!guesses.empty());
        QCOMPARE(QString::fromStdString(guesses.front().expression), expected);
        // pi + 1/1000 is nothing simple.
        const Interval y = ConstantExpr::parse("pi + 1/1000").evaluate(400);
        QVERIFY(guessLimit(y, 60).empty());
    }

    void cancellation() {
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        bool cancelled = false;
        std::chrono::steady_clock::time_point stoppedAt;
        std::thread worker([&] {
            const TermSource s = pcfSource(Polynomial::parse("n"), Polynomial::parse("n"),
                                           PcfConvention::RamanujanTools);
            try {
                analyzePcf(s, 60000, 30, std::string(), ctx);
            } catch (const util::Cancelled&) {
                cancelled = true;
            }
            stoppedAt = std::chrono::steady_clock::now();
            mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); // this thread's MPFR caches (LSan)
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const auto t0 = std::chrono::steady_clock::now();
        token.cancel();
        worker.join();
        QVERIFY(cancelled);
        const double ms = std::chrono::duration<double, std::milli>(stoppedAt - t0).count();
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms) + " ms"));
    }

    void limits() {
        const TermSource s = pcfSource(Polynomial::parse("1"), Polynomial::parse("1"),
                                       PcfConvention::RamanujanTools);
        QVERIFY_THROWS_EXCEPTION(util::LimitError, deepConvergent(s, kMaxPcfDepth + 1));
        QVERIFY_THROWS_EXCEPTION(util::Error, analyzePcf(s, 0, 30, std::string()));
    }
};

QTEST_GUILESS_MAIN(TestPcf)
#include "TestPcf.moc"
