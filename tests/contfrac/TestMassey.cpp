// Berlekamp-Massey modulo 2^61 - 1 with exact integer confirmation (core/contfrac/Massey.h).
// Expected recurrences: the reference facts of this lab (e^2's SCF A001204 satisfies
// 1 - 2x^5 + x^10 with L = 11; a sequence of period N whose pieces are polynomials of degree d
// satisfies (1 - x^N)^(d+1)), Fibonacci (1 - x - x^2), and hand-made recurrences with large
// coefficients; random sequences must not get a short recurrence (L ~ N/2 for random data).
#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/Massey.h"
#include "util/Error.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::contfrac;

namespace {

std::vector<mpz_class> eTerms(std::size_t n) { // [2; 1, 2, 1, 1, 4, 1, 1, 6, ...]
    std::vector<mpz_class> t{2};
    for (long k = 1; t.size() < n; ++k)
        for (long v : {1L, 2 * k, 1L})
            if (t.size() < n)
                t.emplace_back(v);
    return t;
}

std::vector<long> coeffs(const Recurrence& r) {
    std::vector<long> c;
    for (const auto& z : r.c)
        c.push_back(z.get_si());
    return c;
}

} // namespace

class TestMassey : public QObject {
    Q_OBJECT
private slots:
    void fibonacci() {
        std::vector<mpz_class> f{1, 1};
        while (f.size() < 60)
            f.push_back(f[f.size() - 1] + f[f.size() - 2]);
        const Recurrence r = findRecurrence(f);
        QCOMPARE(r.length, std::size_t(2));
        QCOMPARE(coeffs(r), (std::vector<long>{1, -1, -1}));
        QVERIFY(r.confirmed);
        QCOMPARE(QString::fromStdString(r.polynomialString()), QStringLiteral("1 - x - x^2"));
    }

    // e's SCF has an irregular leading term: the regular part a_{3k+j} follows
    // (1 - x^3)^2 = 1 - 2x^3 + x^6, and BM's L = 7 > deg C = 6 keeps a_0 as an initial term.
    // The reference code regenerated from deg C terms and lost it; we must not.
    void irregularLeadingTermsKept() {
        const std::vector<mpz_class> e = eTerms(100);
        const Recurrence r = findRecurrence(e);
        QVERIFY(r.confirmed);
        QCOMPARE(r.length, std::size_t(7));
        QCOMPARE(coeffs(r), (std::vector<long>{1, 0, 0, -2, 0, 0, 1, 0}));
        const std::vector<mpz_class> regen = r.generate(1000);
        const std::vector<mpz_class> truth = eTerms(1000);
        for (std::size_t i = 0; i < 1000; ++i)
            QVERIFY(regen[i] == truth[i]);
    }

    // e^2 (reference facts): recurrence 1 - 2x^5 + x^10, L = 11, from certified terms.
    void eSquared() {
        ExpandOptions o;
        o.terms = 120;
        const CfExpansion x = expandCertified(ConstantExpr::parse("e^2"), o);
        const Recurrence r = findRecurrence(x.terms);
        QVERIFY(r.confirmed);
        QCOMPARE(r.length, std::size_t(11));
        QCOMPARE(QString::fromStdString(r.polynomialString()), QStringLiteral("1 - 2x^5 + x^10"));
    }

    // Coefficients above 99 are recovered modulo 2^61 - 1, not modulo 199 (the reference defect).
    void largeCoefficients() {
        std::vector<mpz_class> s{3, 5};
        while (s.size() < 40)
            s.push_back(150 * s[s.size() - 1] - 7001 * s[s.size() - 2]);
        const Recurrence r = findRecurrence(s);
        QVERIFY(r.confirmed);
        QCOMPARE(coeffs(r), (std::vector<long>{1, -150, 7001}));
        const Recurrence small = berlekampMasseyModP(s, 199);
        QVERIFY(coeffs(small) != coeffs(r)); // what the reference code would have seen
    }

    // Random sequences: no false short recurrence (linear complexity ~ N/2).
    void randomHasNoShortRecurrence() {
        gmp_randclass gr(gmp_randinit_default);
        gr.seed(2024);
        for (int trial = 0; trial < 30; ++trial) {
            const std::size_t n = 40 + std::size_t(trial) * 7;
            std::vector<mpz_class> s;
            for (std::size_t i = 0; i < n; ++i)
                s.push_back(gr.get_z_range(trial % 2 ? 1000 : 3) + 1);
            const Recurrence r = findRecurrence(s);
            QVERIFY2(r.length + 2 >= n / 2,
                     qPrintable(QString("L = %1 for N = %2").arg(r.length).arg(n)));
        }
        // pi's SCF (A001203): no short recurrence either.
        ExpandOptions o;
        o.terms = 100;
        const Recurrence r = findRecurrence(expandCertified(ConstantExpr::parse("pi"), o).terms);
        QVERIFY(r.length >= 45);
    }

    void sequenceParser_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("letter") << "1, 2, x"
                                << "position 7";
        QTest::newRow("glued") << "1, 2a"
                               << "position 5";
        QTest::newRow("bracket") << "[1, 2"
                                 << "missing ']'";
        QTest::newRow("after bracket") << "[1] 2"
                                       << "position 5";
        QTest::newRow("empty") << " , "
                               << "no integers";
        QTest::newRow("lone sign") << "1, -"
                                   << "position 4";
    }
    void sequenceParser() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        try {
            parseIntegerSequence(text.toStdString());
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
        }
        const auto ok = parseIntegerSequence("[1, -2 ,+3; 40000000000000000000000]");
        QCOMPARE(ok.size(), std::size_t(4));
        QVERIFY(ok[1] == -2 && ok[2] == 3);
        QVERIFY(ok[3] == mpz_class("40000000000000000000000"));
        // Leading zeros are decimal (found by fuzzing: "0922" made GMP throw).
        const auto z = parseIntegerSequence("010, 0922");
        QVERIFY(z[0] == 10 && z[1] == 922);
    }
};

QTEST_GUILESS_MAIN(TestMassey)
#include "TestMassey.moc"
