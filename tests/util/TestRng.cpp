// Tests of util/Rng. Reference streams are published outputs of the authors' C code:
//  - xoshiro256** from state {1, 2, 3, 4}: rust-random/rngs,
//  rand_xoshiro/src/xoshiro256starstar.rs,
//    test `reference` ("produced with the reference implementation").
//  - xoshiro256** from the state below, plus after jump() and long_jump(): Apache Commons RNG,
//    commons-rng-core/src/test/java/org/apache/commons/rng/core/source64/XoShiRo256StarStarTest.java
//    ("Data from running the executable compiled from the author's C code").
//  - SplitMix64: Apache Commons RNG, .../source64/SplitMix64Test.java (seed 0x1a2b3c4d5e6f7531).
// Statistical checks use fixed seeds, so they are deterministic; their thresholds are quantiles
// from standard tables, quoted where used.
#include "TestHelpers.h"

#include "util/Rng.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <limits>

using namespace algoscope::util;

namespace {

constexpr std::array<std::uint64_t, 4> kCommonsSeed = {
    0x012de1babb3c4104ULL, 0xa5a818b8fc5aa503ULL, 0xb124ea2b701f4993ULL, 0x18e0374933d8c782ULL};

} // namespace

class TestRng : public QObject {
    Q_OBJECT

private slots:
    void xoshiroReferenceState1234();
    void xoshiroReferenceCommons();
    void jumpReference();
    void longJumpReference();
    void splitMix64Reference();
    void seedingIsSplitMix64();
    void zeroStateRejected();
    void uniform01();
    void uniformIntRange_data();
    void uniformIntRange();
    void uniformIntChiSquare();
    void belowHasNoModuloBias();
    void normalMoments();
    void portableLogMatchesLibm_data();
    void portableLogMatchesLibm();
    void portableLogSweep();
    void bernoulli();
    void streamRegression();
};

void TestRng::xoshiroReferenceState1234() {
    Rng r = Rng::fromState({1, 2, 3, 4});
    const std::uint64_t expected[] = {11520ULL,
                                      0ULL,
                                      1509978240ULL,
                                      1215971899390074240ULL,
                                      1216172134540287360ULL,
                                      607988272756665600ULL,
                                      16172922978634559625ULL,
                                      8476171486693032832ULL,
                                      10595114339597558777ULL,
                                      2904607092377533576ULL};
    for (std::uint64_t e : expected)
        QCOMPARE(r.nextU64(), e);
}

void TestRng::xoshiroReferenceCommons() {
    Rng r = Rng::fromState(kCommonsSeed);
    const std::uint64_t expected[] = {
        0x462c422df780c48eULL, 0xa82f1f6031c183e6ULL, 0x8a113820e8d2ca8dULL, 0x1ac7023a26534958ULL,
        0xac8e41d0101e109cULL, 0x46e34bc13edd63c4ULL, 0x3a26776adcd665c3ULL, 0x9ac6c9bea8fc518cULL,
        0x1cef0aa07cc738c4ULL, 0x5136a5f070244b1dULL, 0x12e2e12edee691ffULL, 0x28942b20799b71b4ULL};
    for (std::uint64_t e : expected)
        QCOMPARE(r(), e);
}

void TestRng::jumpReference() {
    // Commons' assertJumpEquals: jump from the seeded state, then the stream continues with these.
    Rng r = Rng::fromState(kCommonsSeed);
    r.jump();
    const std::uint64_t expected[] = {
        0xb416bd07926c6735ULL, 0x2f91faf5c6c9f79aULL, 0x538d25a148318bc1ULL, 0x79ffea0eb76500e6ULL,
        0x7b74b0513602a5e1ULL, 0xdc114ef0bb881ac5ULL, 0xa0845293613f458bULL, 0xb650a96e30f09819ULL};
    for (std::uint64_t e : expected)
        QCOMPARE(r.nextU64(), e);
}

void TestRng::longJumpReference() {
    Rng r = Rng::fromState(kCommonsSeed);
    r.longJump();
    const std::uint64_t expected[] = {
        0x01aeb600840f594fULL, 0xb658457c13139b18ULL, 0x45de59065e34c7a1ULL, 0xee4e2dc3272cbdddULL,
        0xab76ae6ad7b58827ULL, 0x1125e963c7de503dULL, 0x262a3e31960c225cULL, 0x6959383a6ca6db93ULL};
    for (std::uint64_t e : expected)
        QCOMPARE(r.nextU64(), e);
}

void TestRng::splitMix64Reference() {
    std::uint64_t state = 0x1a2b3c4d5e6f7531ULL;
    const std::uint64_t expected[] = {
        0x4141302768c9e9d0ULL, 0x64df48c4eab51b1aULL, 0x4e723b53dbd901b3ULL, 0xead8394409dd6454ULL,
        0x3ef60e485b412a0aULL, 0xb2a23aee63aecf38ULL, 0x6cc3b8933c4fa332ULL, 0x9c9e75e031e6fccbULL,
        0x0fddffb161c9f30fULL, 0x2d1d75d4e75c12a3ULL};
    for (std::uint64_t e : expected)
        QCOMPARE(splitMix64(state), e);
    // constexpr-usable, so compile-time seeds are possible.
    static_assert([] {
        std::uint64_t s = 0x1a2b3c4d5e6f7531ULL;
        return splitMix64(s);
    }() == 0x4141302768c9e9d0ULL);
}

void TestRng::seedingIsSplitMix64() {
    // The state is the first four SplitMix64 outputs of the seed (values from SplitMix64Test).
    const Rng r(0x1a2b3c4d5e6f7531ULL);
    const std::array<std::uint64_t, 4> expected = {0x4141302768c9e9d0ULL, 0x64df48c4eab51b1aULL,
                                                   0x4e723b53dbd901b3ULL, 0xead8394409dd6454ULL};
    QVERIFY(r.state() == expected);
    QVERIFY(Rng(0).state() != (std::array<std::uint64_t, 4>{}));
    static_assert(std::uniform_random_bit_generator<Rng>);
    QCOMPARE(Rng::min(), std::uint64_t{0});
    QCOMPARE(Rng::max(), std::numeric_limits<std::uint64_t>::max());
}

void TestRng::zeroStateRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Rng::fromState({0, 0, 0, 0}));
    Rng r;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.uniformInt(3, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.below(0));
}

void TestRng::uniform01() {
    // uniform01 = (next >> 11) * 2^-53 on the reference stream: 11520 >> 11 = 5, 0 >> 11 = 0,
    // 1509978240 >> 11 = 737294.
    Rng r = Rng::fromState({1, 2, 3, 4});
    QCOMPARE(r.uniform01(), 5.0 * 0x1.0p-53);
    QCOMPARE(r.uniform01(), 0.0);
    QCOMPARE(r.uniform01(), 737294.0 * 0x1.0p-53);
    Rng s(1);
    double lo = 1, hi = 0;
    for (int i = 0; i < 100000; ++i) {
        const double u = s.uniform01();
        QVERIFY(u >= 0.0 && u < 1.0);
        lo = std::min(lo, u);
        hi = std::max(hi, u);
    }
    QVERIFY(lo < 1e-4 && hi > 1 - 1e-4);
    const double v = s.uniform(-3.0, 5.0);
    QVERIFY(v >= -3.0 && v < 5.0);
}

void TestRng::uniformIntRange_data() {
    QTest::addColumn<qint64>("lo");
    QTest::addColumn<qint64>("hi");
    QTest::addColumn<bool>("allValuesSeen"); // small ranges: every value must appear
    constexpr qint64 kMin = std::numeric_limits<qint64>::min();
    constexpr qint64 kMax = std::numeric_limits<qint64>::max();
    QTest::newRow("0..9") << qint64(0) << qint64(9) << true;
    QTest::newRow("-3..3") << qint64(-3) << qint64(3) << true;
    QTest::newRow("5..5") << qint64(5) << qint64(5) << true;
    QTest::newRow("0..1") << qint64(0) << qint64(1) << true;
    QTest::newRow("max-1..max") << kMax - 1 << kMax << true;
    QTest::newRow("min..min+2") << kMin << kMin + 2 << true;
    QTest::newRow("full int64") << kMin << kMax << false;
    QTest::newRow("-2^62..2^62") << -(qint64(1) << 62) << (qint64(1) << 62) << false;
}

void TestRng::uniformIntRange() {
    QFETCH(qint64, lo);
    QFETCH(qint64, hi);
    QFETCH(bool, allValuesSeen);
    Rng r(123);
    QSet<qint64> seen;
    bool negative = false, positive = false;
    for (int i = 0; i < 20000; ++i) {
        const qint64 v = r.uniformInt(lo, hi);
        QVERIFY2(v >= lo && v <= hi, qPrintable(QString::number(v)));
        negative |= v < 0;
        positive |= v > 0;
        if (allValuesSeen)
            seen.insert(v);
    }
    if (allValuesSeen)
        QCOMPARE(qint64(seen.size()), hi - lo + 1);
    else
        QVERIFY(negative && positive);
}

void TestRng::uniformIntChiSquare() {
    // 100000 draws in 10 bins; the chi-square statistic with 9 degrees of freedom exceeds 27.877
    // with probability 0.001 (NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.4).
    Rng r(20240601);
    constexpr int kBins = 10, kDraws = 100000;
    std::array<int, kBins> counts{};
    for (int i = 0; i < kDraws; ++i)
        ++counts[std::size_t(r.uniformInt(0, kBins - 1))];
    const double expected = double(kDraws) / kBins;
    double chi2 = 0;
    for (int c : counts)
        chi2 += (c - expected) * (c - expected) / expected;
    QVERIFY2(chi2 < 27.877, qPrintable(QString::number(chi2)));
    // And not suspiciously perfect either (lower 0.001 quantile: 1.152).
    QVERIFY2(chi2 > 1.152, qPrintable(QString::number(chi2)));
}

void TestRng::belowHasNoModuloBias() {
    // n = 3 * 2^62: with a plain x % n, values below 2^62 would come up with probability 1/2
    // instead of 1/3 (x in [0, 2^62) and [3*2^62, 2^64) both land there). Binomial standard
    // deviation for 100000 draws: sqrt(1/3 * 2/3 / 1e5) = 0.0015, so +-0.01 is over 6 sigma.
    Rng r(5);
    const std::uint64_t n = 3ULL << 62;
    int low = 0;
    constexpr int kDraws = 100000;
    for (int i = 0; i < kDraws; ++i) {
        const std::uint64_t v = r.below(n);
        QVERIFY(v < n);
        low += v < (1ULL << 62);
    }
    ALGOSCOPE_FUZZY_COMPARE(double(low) / kDraws, 1.0 / 3.0, 0.03);
}

void TestRng::normalMoments() {
    // 200000 N(0,1) draws. Standard errors: mean 1/sqrt(N) = 0.0022, variance sqrt(2/N) = 0.0032,
    // P(|x| < 1) = 0.682689 (standard normal table) with sqrt(p(1-p)/N) = 0.0010. Tolerances
    // are about 6 standard errors.
    Rng r(77);
    constexpr int kN = 200000;
    double sum = 0, sumSq = 0, sum4 = 0;
    int inside = 0;
    for (int i = 0; i < kN; ++i) {
        const double x = r.normal();
        QVERIFY(std::isfinite(x));
        sum += x;
        sumSq += x * x;
        sum4 += x * x * x * x;
        inside += std::abs(x) < 1.0;
    }
    const double mean = sum / kN;
    const double variance = sumSq / kN - mean * mean;
    QVERIFY2(std::abs(mean) < 0.013, qPrintable(QString::number(mean)));
    QVERIFY2(std::abs(variance - 1.0) < 0.02, qPrintable(QString::number(variance)));
    QVERIFY2(std::abs(double(inside) / kN - 0.682689) < 0.006,
             qPrintable(QString::number(double(inside) / kN)));
    // Kurtosis of a normal is 3 (standard error sqrt(96/N) = 0.022).
    QVERIFY2(std::abs(sum4 / kN - 3.0) < 0.13, qPrintable(QString::number(sum4 / kN)));
    Rng s(1);
    const double y = s.normal(10.0, 0.5);
    QVERIFY(y > 5.0 && y < 15.0);
}

void TestRng::portableLogMatchesLibm_data() {
    QTest::addColumn<double>("x");
    for (double x : {1.0, 2.0, 0.5, 0.1, 0.7071067811865476, 0.7071067811865475, 1.4142135623730951,
                     1e-300, 4.9406564584124654e-324, 1e300, 1.7976931348623157e308, 0.9999999999,
                     1.0000000001, 3.0, 10.0, 0.367879441171442})
        QTest::addRow("%.17g", x) << x;
}

void TestRng::portableLogMatchesLibm() {
    QFETCH(double, x);
    // The platform's log (glibc: < 1 ulp) is the reference; ours is allowed 4e-16 relative.
    ALGOSCOPE_FUZZY_COMPARE(detail::portableLog(x), std::log(x), 4e-16);
    QCOMPARE(detail::portableLog(1.0), 0.0);
    QVERIFY(std::isinf(detail::portableLog(0.0)) && detail::portableLog(0.0) < 0);
    QVERIFY(std::isnan(detail::portableLog(-1.0)));
}

void TestRng::portableLogSweep() {
    // The polar method calls log on s in (0, 1): sweep that range and a wider one.
    Rng r(3);
    double worst = 0;
    for (int i = 0; i < 200000; ++i) {
        const double x =
            i % 2 ? r.uniform01() : std::ldexp(r.uniform01() + 0.5, int(r.below(200)) - 100);
        if (x == 0.0 || x == 1.0)
            continue;
        const double ref = std::log(x);
        worst = std::max(worst, std::abs(detail::portableLog(x) - ref) / std::abs(ref));
    }
    QVERIFY2(worst < 4e-16, qPrintable(QString::number(worst, 'g', 3)));
}

void TestRng::bernoulli() {
    Rng r(11);
    int hits = 0;
    for (int i = 0; i < 100000; ++i)
        hits += r.bernoulli(0.3);
    // Standard error sqrt(0.3 * 0.7 / 1e5) = 0.00145.
    QVERIFY2(std::abs(hits / 100000.0 - 0.3) < 0.009, qPrintable(QString::number(hits)));
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(!r.bernoulli(0.0));
        QVERIFY(r.bernoulli(1.0));
        QVERIFY(!r.bernoulli(std::numeric_limits<double>::quiet_NaN()));
    }
    // Exactly one draw per call, whatever p is, so later draws do not depend on p.
    Rng a(8), b(8);
    a.bernoulli(0.0);
    a.bernoulli(1.0);
    b.nextU64();
    b.nextU64();
    QCOMPARE(a.nextU64(), b.nextU64());
}

void TestRng::streamRegression() {
    // Seed 42 through uniformInt and normal, recorded when the generator was written and checked
    // then against an independent Python transcription of SplitMix64, xoshiro256**, Lemire's
    // method and the polar method (with math.log); they agreed to the last printed digit. They pin
    // the derived streams that users rely on to reproduce saved seeds: if this test fails, the
    // stream changed, which needs a very good reason and a changelog note, not new numbers here.
    Rng r(42);
    const std::int64_t ints[] = {-833, -242, 360, 850, 984, 540, 439, 700};
    for (std::int64_t e : ints)
        QCOMPARE(r.uniformInt(-1000, 1000), e);
    const double normals[] = {1.4762494610184149,  0.47075911993601033, 1.0078198992420604,
                              -1.1562389645934583, 1.0272109607595328,  -0.60941236049245817};
    for (double e : normals)
        QCOMPARE(r.normal(), e);
}

QTEST_GUILESS_MAIN(TestRng)
#include "TestRng.moc"
