// Certified simple and signed continued-fraction expansion (core/contfrac/CertifiedCf.h) and the
// constant-expression parser. Expected terms and convergents are the test vectors of the
// reference facts for this lab (OEIS A001203 pi, A003417 e, A001204 e^2, A280136 e with all signs
// -1; tan(1) = [1; 1, 1, 3, 1, 5, ...], I1(2)/I0(2) = [0; 1, 2, 3, ...]) and classical closed forms
// (tanh(1) = [0; 1, 3, 5, 7, ...], sqrt(2) = [1; 2, 2, ...], golden ratio = [1; 1, 1, ...]).
#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "util/Error.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace algoscope;
using namespace algoscope::contfrac;

Q_DECLARE_METATYPE(std::vector<long>)
Q_DECLARE_METATYPE(std::vector<int>)

namespace {

std::vector<long> asLongs(const std::vector<mpz_class>& v) {
    std::vector<long> out;
    for (const auto& z : v)
        out.push_back(z.get_si());
    return out;
}

QString show(const std::vector<long>& v) {
    QStringList s;
    for (long x : v)
        s << QString::number(x);
    return s.join(',');
}

// Closed-form term sequences (indices from 0).
std::vector<long> eTerms(std::size_t n) { // [2; 1, 2, 1, 1, 4, 1, 1, 6, ...]
    std::vector<long> t{2};
    for (std::size_t k = 1; t.size() < n; ++k)
        for (long v : {1L, long(2 * k), 1L})
            if (t.size() < n)
                t.push_back(v);
    return t;
}
std::vector<long> tanhTerms(std::size_t n) { // [0; 1, 3, 5, ...]
    std::vector<long> t{0};
    for (long k = 1; t.size() < n; ++k)
        t.push_back(2 * k - 1);
    return t;
}

} // namespace

class TestCertifiedCf : public QObject {
    Q_OBJECT
private slots:
    void referenceVectors_data() {
        QTest::addColumn<QString>("constant");
        QTest::addColumn<std::vector<int>>("signs");
        QTest::addColumn<std::vector<long>>("expected");
        const std::vector<int> simple;
        QTest::newRow("pi A001203")
            << "pi" << simple << std::vector<long>{3, 7, 15, 1, 292, 1, 1, 1,  2, 1, 3, 1,  14, 2,
                                                   1, 1, 2,  2, 2,   2, 1, 84, 2, 1, 1, 15, 3,  13};
        QTest::newRow("e A003417") << "e" << simple << std::vector<long>{2, 1, 2, 1, 1, 4, 1, 1, 6};
        QTest::newRow("e^2 A001204")
            << "e^2" << simple << std::vector<long>{7, 2, 1, 1, 3, 18, 5, 1, 1, 6, 30};
        QTest::newRow("e2 name") << "e2" << simple << std::vector<long>{7, 2, 1, 1, 3, 18, 5};
        QTest::newRow("tan(1)") << "tan(1)" << simple << std::vector<long>{1, 1, 1, 3, 1, 5, 1, 7};
        QTest::newRow("I1(2)/I0(2)")
            << "I1(2)/I0(2)" << simple << std::vector<long>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QTest::newRow("bessel") << "bessel" << simple << std::vector<long>{0, 1, 2, 3, 4, 5};
        QTest::newRow("sqrt(2)") << "sqrt(2)" << simple << std::vector<long>(1, 1);
        QTest::newRow("golden") << "phi" << simple << std::vector<long>(12, 1);
        QTest::newRow("e all minus A280136")
            << "e" << std::vector<int>{-1} << std::vector<long>{3, 4, 3, 2, 2, 2, 3, 8, 3};
        QTest::newRow("e-1 signed -+")
            << "e-1" << std::vector<int>{-1, 1} << std::vector<long>{2, 3, 2, 5, 2, 7, 2, 9};
        QTest::newRow("e signed -+")
            << "e" << std::vector<int>{-1, 1} << std::vector<long>{3, 3, 2, 5, 2, 7};
        QTest::newRow("e/(e-1) signed +-")
            << "e/(e-1)" << std::vector<int>{1, -1} << std::vector<long>{1, 2, 3, 2, 5, 2};
        QTest::newRow("cot(1) Lambert")
            << "cot(1)" << std::vector<int>{-1} << std::vector<long>{1, 3, 5, 7, 9, 11};
    }
    void referenceVectors() {
        QFETCH(QString, constant);
        QFETCH(std::vector<int>, signs);
        QFETCH(std::vector<long>, expected);
        ExpandOptions o;
        o.terms = expected.size() == 1 ? 40 : expected.size();
        o.signs = signs;
        const CfExpansion r = expandCertified(ConstantExpr::parse(constant.toStdString()), o);
        QVERIFY(r.complete);
        std::vector<long> got = asLongs(r.terms);
        if (expected.size() == 1) { // sqrt(2): [1; 2, 2, ...]
            expected = std::vector<long>(40, 2);
            expected[0] = 1;
        }
        QCOMPARE(show(got), show(expected));
    }

    // Convergents from the reference facts.
    void convergents_data() {
        QTest::addColumn<QString>("constant");
        QTest::addColumn<std::vector<int>>("signs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("e") << "e" << std::vector<int>{}
                           << "2/1 3/1 8/3 11/4 19/7 87/32 106/39 193/71 1264/465 1457/536";
        QTest::newRow("e^2") << "e^2" << std::vector<int>{} << "7/1 15/2 22/3 37/5 133/18 2431/329";
        QTest::newRow("tan(1)") << "tan(1)" << std::vector<int>{}
                                << "1/1 2/1 3/2 11/7 14/9 81/52 95/61 746/479";
        // Signed convergents are a subset of the simple ones (e: 3, 8/3, 19/7, 87/32, ...).
        QTest::newRow("e signed -+")
            << "e" << std::vector<int>{-1, 1} << "3/1 8/3 19/7 87/32 193/71 1264/465";
    }
    void convergents() {
        QFETCH(QString, constant);
        QFETCH(std::vector<int>, signs);
        QFETCH(QString, expected);
        ExpandOptions o;
        o.terms = std::size_t(expected.count(' ') + 1);
        o.signs = signs;
        const CfExpansion r = expandCertified(ConstantExpr::parse(constant.toStdString()), o);
        std::vector<mpz_class> p, q;
        signedConvergents(r.terms, signs, p, q);
        QStringList got;
        for (std::size_t i = 0; i < p.size(); ++i)
            got << QString::fromStdString(p[i].get_str() + "/" + q[i].get_str());
        QCOMPARE(got.join(' '), expected);
    }

    // The reference facts: at 800 digits, 200 terms of tanh(1) come out wrong with an uncertified
    // expansion. Ours emits only what 800 digits prove, every one of them right.
    void refusesUncertifiedTerms() {
        ExpandOptions o;
        o.terms = 200;
        o.digits = 800;
        o.autoRaise = false;
        const CfExpansion r = expandCertified(ConstantExpr::parse("tanh(1)"), o);
        QVERIFY(!r.complete);
        QVERIFY(r.terms.size() < 200);
        QVERIFY(r.terms.size() > 150);
        QVERIFY(!r.message.empty());
        QCOMPARE(show(asLongs(r.terms)), show(tanhTerms(r.terms.size())));
        // With the automatic raise all 200 come out, all right (reference: 863 digits needed).
        o.autoRaise = true;
        o.digits = 0;
        const CfExpansion full = expandCertified(ConstantExpr::parse("tanh(1)"), o);
        QVERIFY(full.complete);
        QCOMPARE(show(asLongs(full.terms)), show(tanhTerms(200)));
        QVERIFY(full.digitsUsed >= 863);
    }

    // Soundness at every precision: whatever the interval width, no emitted term is wrong.
    void neverAWrongTerm() {
        const ConstantExpr e = ConstantExpr::parse("e");
        const std::vector<long> truth = eTerms(400);
        for (mpfr_prec_t bits = 40; bits <= 1200; bits += 37) {
            const Interval x = e.evaluate(bits);
            const std::vector<mpz_class> t = certifiedTerms(x, {}, 400);
            QVERIFY(!t.empty());
            for (std::size_t i = 0; i < t.size(); ++i)
                QCOMPARE(t[i].get_si(), truth[i]);
            // Signed pattern: compare with a much more precise expansion.
            const std::vector<mpz_class> s = certifiedTerms(x, {-1, 1}, 400);
            const std::vector<mpz_class> ref = certifiedTerms(e.evaluate(8000), {-1, 1}, 400);
            QCOMPARE(ref.size(), std::size_t(400));
            for (std::size_t i = 0; i < s.size(); ++i)
                QVERIFY(s[i] == ref[i]);
        }
    }

    // Lehmer's method against one exact division per term, on random rationals of many sizes.
    void lehmerMatchesNaive() {
        gmp_randclass gr(gmp_randinit_default);
        gr.seed(12345);
        for (int trial = 0; trial < 300; ++trial) {
            const unsigned long bits = 1 + static_cast<unsigned long>(trial * 37 % 3000);
            mpz_class num = gr.get_z_bits(bits), den = gr.get_z_bits(1 + (trial * 53 % 3000));
            if (den == 0)
                den = 1;
            if (trial % 3 == 0)
                num = -num;
            const auto fast = rationalSimpleCf(num, den, 100000);
            const auto slow = rationalSignedCfNaive(num, den, {}, 100000);
            QCOMPARE(fast.size(), slow.size());
            for (std::size_t i = 0; i < fast.size(); ++i)
                QVERIFY(fast[i] == slow[i]);
        }
        // A huge partial quotient (u/v with v tiny) and a Fibonacci ratio (all ones, the most
        // quotients per Lehmer step).
        mpz_class big;
        mpz_ui_pow_ui(big.get_mpz_t(), 10, 500);
        QCOMPARE(rationalSimpleCf(big + 1, 3, 10).size(),
                 rationalSignedCfNaive(big + 1, 3, {}, 10).size());
        mpz_class f1, f2;
        mpz_fib2_ui(f1.get_mpz_t(), f2.get_mpz_t(), 3000);
        const auto ones = rationalSimpleCf(f1, f2, 5000);
        QVERIFY(ones.size() > 2990);
        for (std::size_t i = 1; i + 1 < ones.size(); ++i)
            QCOMPARE(ones[i].get_si(), 1L);
    }

    // Digits per term of the reference notes (at 200 terms: e 1.52, e - 1 signed 2.45, e^2 2.66,
    // tan 1 2.15, cot 1 signed 4.89, I1(2)/I0(2) 4.30, pi 1.03, sqrt 2 0.758, golden 0.414). They
    // match the growth of the digits between 100 and 200 terms (the reference's "digits needed"
    // table: e 115 -> 267, pi 103 -> 206), so that is what is compared, within 3%.
    void digitsPerTerm_data() {
        QTest::addColumn<QString>("constant");
        QTest::addColumn<std::vector<int>>("signs");
        QTest::addColumn<double>("expected");
        const std::vector<int> simple;
        QTest::newRow("e") << "e" << simple << 1.52;
        QTest::newRow("e-1 signed") << "e-1" << std::vector<int>{-1, 1} << 2.45;
        QTest::newRow("e^2") << "e^2" << simple << 2.66;
        QTest::newRow("tan(1)") << "tan(1)" << simple << 2.15;
        QTest::newRow("cot(1) signed") << "cot(1)" << std::vector<int>{-1} << 4.89;
        QTest::newRow("I1(2)/I0(2)") << "bessel" << simple << 4.30;
        QTest::newRow("pi") << "pi" << simple << 1.03;
        QTest::newRow("sqrt(2)") << "sqrt(2)" << simple << 0.758;
        QTest::newRow("golden") << "phi" << simple << 0.414;
    }
    void digitsPerTerm() {
        QFETCH(QString, constant);
        QFETCH(std::vector<int>, signs);
        QFETCH(double, expected);
        const ConstantExpr x = ConstantExpr::parse(constant.toStdString());
        ExpandOptions o;
        o.terms = 201;
        o.signs = signs;
        const CfExpansion r = expandCertified(x, o);
        std::vector<mpz_class> p, q;
        signedConvergents(r.terms, signs, p, q);
        const Interval v = x.evaluate(4000);
        auto digits = [&](std::size_t n) {
            mpfr_t d, t;
            mpfr_inits2(4000, d, t, (mpfr_ptr) nullptr);
            mpfr_set_z(d, p[n].get_mpz_t(), MPFR_RNDN);
            mpfr_div_z(d, d, q[n].get_mpz_t(), MPFR_RNDN);
            mpfr_sub(d, d, v.lo(), MPFR_RNDN);
            mpfr_abs(d, d, MPFR_RNDN);
            mpfr_log10(t, d, MPFR_RNDN);
            const double out = -mpfr_get_d(t, MPFR_RNDN);
            mpfr_clears(d, t, (mpfr_ptr) nullptr);
            return out;
        };
        const double slope = (digits(200) - digits(100)) / 100.0;
        QVERIFY2(std::abs(slope - expected) <= 0.03 * expected, qPrintable(QString::number(slope)));
    }

    void rationalIsExact() {
        ExpandOptions o;
        o.terms = 10;
        const CfExpansion r = expandCertified(ConstantExpr::parse("355/113"), o);
        QVERIFY(r.complete);
        QCOMPARE(show(asLongs(r.terms)), QStringLiteral("3,7,16"));
        QVERIFY(!r.message.empty());
        // Leading zeros are decimal: 010/4 = 5/2 = [2; 2] (fuzzing found "09" throwing).
        const CfExpansion z = expandCertified(ConstantExpr::parse("010/04"), o);
        QCOMPARE(show(asLongs(z.terms)), QStringLiteral("2,2"));
    }

    void valueNeverCertifiedStops() {
        // pi - pi is 0 but its enclosure always straddles 0: no term, a clear message, no hang.
        ExpandOptions o;
        o.terms = 3;
        o.maxDigits = 400;
        const CfExpansion r = expandCertified(ConstantExpr::parse("pi-pi"), o);
        QVERIFY(!r.complete);
        QVERIFY(r.terms.empty());
        QVERIFY(r.message.find("certified") != std::string::npos);
    }

    void malformedExpressionsNamePosition_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unclosed") << "2*(pi+1"
                                  << "position 8";
        QTest::newRow("dangling op") << "2*(pi+"
                                     << "position 7";
        QTest::newRow("unknown name") << "pi + foo"
                                      << "unknown name 'foo' at position 6";
        QTest::newRow("bad char") << "pi $ 2"
                                  << "position 4";
        QTest::newRow("decimal") << "3.14"
                                 << "position 2";
        QTest::newRow("empty") << "   "
                               << "empty";
        QTest::newRow("zeta arg") << "zeta(pi)"
                                  << "position 1";
        QTest::newRow("func no parens") << "2 + sqrt"
                                        << "position 5";
        QTest::newRow("trailing paren") << "e)"
                                        << "position 2";
        QTest::newRow("division by zero") << "1/(2-2)"
                                          << "division by zero";
    }
    void malformedExpressionsNamePosition() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        try {
            ExpandOptions o;
            o.terms = 3;
            expandCertified(ConstantExpr::parse(text.toStdString()), o);
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
        }
    }

    void limits() {
        QVERIFY_THROWS_EXCEPTION(util::LimitError, ConstantExpr::parse(std::string(20000, '1')));
        QVERIFY_THROWS_EXCEPTION(util::LimitError, ConstantExpr::parse(std::string(500, '(') + "1" +
                                                                       std::string(500, ')')));
        ExpandOptions o;
        o.terms = kMaxCfTerms + 1;
        QVERIFY_THROWS_EXCEPTION(util::LimitError, expandCertified(ConstantExpr::parse("pi"), o));
        QVERIFY_THROWS_EXCEPTION(util::Error, parseSignPattern("+,x"));
        QCOMPARE(parseSignPattern("+,-").size(), std::size_t(2));
        QCOMPARE(parseSignPattern("-1, +1, 1"), (std::vector<int>{-1, 1, 1}));
    }

    // Cancellation: a long expansion stops promptly when its token is set.
    void cancellation() {
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        std::atomic<bool> finished{false};
        std::chrono::steady_clock::time_point stoppedAt;
        bool cancelled = false;
        std::thread worker([&] {
            ExpandOptions o;
            o.terms = 400000;
            o.signs = {1, -1}; // the per-term path checks the token every 64 terms
            try {
                expandCertified(ConstantExpr::parse("sqrt(3)"), o, ctx);
            } catch (const util::Cancelled&) {
                cancelled = true;
            }
            stoppedAt = std::chrono::steady_clock::now();
            mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE); // this thread's MPFR caches (LSan)
            finished = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        const auto t0 = std::chrono::steady_clock::now();
        token.cancel();
        worker.join();
        QVERIFY(finished);
        QVERIFY(cancelled);
        const double ms = std::chrono::duration<double, std::milli>(stoppedAt - t0).count();
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms) + " ms"));
    }
};

QTEST_GUILESS_MAIN(TestCertifiedCf)
#include "TestCertifiedCf.moc"
