// Linear Rashomon sets: the Wilson interval against published values, the vectorised 0-1 loss
// against a plain double loop, the Monte Carlo ratio against a case solvable by hand, ridge
// regression's closed-form ellipsoid volume against Monte Carlo, the learners on Iris, and
// cancellation.
#include "rashomon/Dataset.h"
#include "rashomon/Learner.h"
#include "rashomon/LinearRashomon.h"
#include "util/Error.h"
#include "util/Rng.h"

#include "TestHelpers.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace algoscope;
using namespace algoscope::rashomon;

class TestLinear : public QObject {
    Q_OBJECT

private slots:
    void wilsonIntervalKnownValues() {
        // Newcombe, Statistics in Medicine 17 (1998), Table I, method 3 (Wilson score without
        // continuity correction): 81/263 -> 0.2553..0.3662; 0/10 -> 0..0.2775.
        auto a = wilson(81, 263);
        ALGOSCOPE_FUZZY_COMPARE(a.lo, 0.2553, 5e-4);
        ALGOSCOPE_FUZZY_COMPARE(a.hi, 0.3662, 5e-4);
        auto b = wilson(0, 10);
        QCOMPARE(b.lo, 0.0);
        ALGOSCOPE_FUZZY_COMPARE(b.hi, 0.2775, 5e-4);
        auto c = wilson(10, 10);
        QCOMPARE(c.hi, 1.0);
    }

    void vectorisedLossMatchesPlainLoop() {
        const Dataset d = bundledDataset("breast_cancer");
        const AugmentedPoints pts = augment(d);
        const std::size_t count = 1000;
        const auto dirs = randomDirections(pts.dim, count, 3, 0);
        std::vector<std::uint32_t> fast(count);
        evaluateErrors(pts, dirs.data(), count, fast.data(), 2);
        int mismatches = 0;
        for (std::size_t i = 0; i < count; ++i) {
            int e = 0, nearZero = 0;
            for (std::size_t r = 0; r < pts.n; ++r) {
                double s = 0;
                for (std::size_t k = 0; k < pts.dim; ++k)
                    s += double(pts.x[r * pts.dim + k]) * double(dirs[i * pts.dim + k]);
                e += (s > 0) != (pts.y[r] == 1);
                nearZero += std::abs(s) < 1e-4;
            }
            // float and double sums may differ only for points within rounding of the plane.
            if (int(fast[i]) != e) {
                ++mismatches;
                QVERIFY(std::abs(int(fast[i]) - e) <= nearZero);
            }
        }
        QVERIFY(mismatches <= 2);
    }

    void directionsAreUnitAndReproducible() {
        const auto a = randomDirections(5, 100, 9, 2), b = randomDirections(5, 100, 9, 2),
                   c = randomDirections(5, 100, 9, 3);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        for (std::size_t i = 0; i < 100; ++i) {
            double s = 0;
            for (std::size_t k = 0; k < 5; ++k)
                s += double(a[i * 5 + k]) * a[i * 5 + k];
            ALGOSCOPE_FUZZY_COMPARE(s, 1.0, 1e-6);
        }
    }

    void monteCarloMatchesHandComputedRatio() {
        // One feature, points z = -1 (class 0) and z = +1 (class 1) after standardisation.
        // A direction (cos a, sin a) classifies both right iff cos a >= sin a and
        // cos a > -sin a, i.e. a in (-45, 45] degrees: a quarter of the circle. theta = 0.
        const Dataset d = parseCsv("x,c\n0,0\n2,1\n");
        const auto est = estimateLinearRatio(d, 0.0, 200000, 11);
        QCOMPARE(est.bestErrors, 0);
        QVERIFY(est.trustworthy);
        QVERIFY2(
            est.interval.lo <= 0.25 && 0.25 <= est.interval.hi,
            qPrintable(
                QString("%1 [%2, %3]").arg(est.ratio).arg(est.interval.lo).arg(est.interval.hi)));
        // theta = 0.5 admits one error: three quarters of the circle (only both-wrong is out).
        const auto loose = estimateLinearRatio(d, 0.5, 200000, 12);
        QVERIFY(loose.interval.lo <= 0.75 && 0.75 <= loose.interval.hi);
    }

    void rareSetsAreFlagged() {
        const Dataset d = bundledDataset("breast_cancer");
        const auto est = estimateLinearRatio(d, 0.0, 2000, 1);
        QVERIFY(!est.trustworthy);
        QVERIFY(QString::fromStdString(est.note).contains("not trustworthy"));
        QVERIFY(est.interval.hi > est.ratio);
    }

    void multiclassIsRefused() {
        QVERIFY_THROWS_EXCEPTION(util::Error,
                                 estimateLinearRatio(bundledDataset("iris"), 0.05, 10, 1));
        QVERIFY_THROWS_EXCEPTION(util::LimitError,
                                 estimateLinearRatio(bundledDataset("monk1"), 0.05, 0, 1));
    }

    void ridgeClosedFormMatchesMonteCarlo_data() {
        QTest::addColumn<int>("p");
        QTest::addColumn<double>("C");
        QTest::addColumn<double>("theta");
        QTest::newRow("p2") << 2 << 0.5 << 1.0;
        QTest::newRow("p3") << 3 << 0.1 << 2.0;
        QTest::newRow("p4") << 4 << 1.0 << 0.5;
    }
    void ridgeClosedFormMatchesMonteCarlo() {
        QFETCH(int, p);
        QFETCH(double, C);
        QFETCH(double, theta);
        const std::size_t n = 30;
        util::Rng rng(42 + std::uint64_t(p));
        std::vector<double> x(n * std::size_t(p)), y(n);
        for (auto& v : x)
            v = rng.normal();
        for (auto& v : y)
            v = rng.normal();
        const double closed = ridgeRashomonLogVolume(x, n, std::size_t(p), C, theta);
        const auto mc = ridgeRashomonMonteCarlo(x, y, n, std::size_t(p), C, theta, 1.1, 400000, 5);
        QVERIFY(mc.hits > 1000);
        QVERIFY2(mc.logVolumeLo <= closed && closed <= mc.logVolumeHi,
                 qPrintable(QString("closed %1, MC %2 [%3, %4]")
                                .arg(closed)
                                .arg(mc.logVolume)
                                .arg(mc.logVolumeLo)
                                .arg(mc.logVolumeHi)));
    }

    void learnersAreAccurateOnIris_data() {
        QTest::addColumn<QString>("name");
        for (const auto& n : learnerNames())
            QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }
    void learnersAreAccurateOnIris() {
        // Iris is the textbook easy case: every standard learner exceeds 90 % held out.
        QFETCH(QString, name);
        const Split s = trainTestSplit(bundledDataset("iris"), 0.3, 1);
        auto l = makeLearner(name.toStdString(), 1);
        l->fit(s.train);
        QVERIFY2(l->accuracy(s.test) > 0.9, qPrintable(QString::number(l->accuracy(s.test))));
        QVERIFY(l->accuracy(s.train) > 0.9);
    }

    void cancellationStopsPromptly() {
        const Dataset d = bundledDataset("breast_cancer");
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        std::chrono::steady_clock::time_point cancelledAt;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            cancelledAt = std::chrono::steady_clock::now();
            token.cancel();
        });
        bool threw = false;
        try {
            estimateLinearRatio(d, 0.05, 2'000'000'000ull, 1, ctx, {}, 2);
        } catch (const util::Cancelled&) {
            threw = true;
        }
        const auto stopped = std::chrono::steady_clock::now();
        canceller.join();
        QVERIFY(threw);
        const double ms = std::chrono::duration<double, std::milli>(stopped - cancelledAt).count();
        QVERIFY2(ms < 100, qPrintable(QString("stopped %1 ms after cancel").arg(ms)));
    }
};

QTEST_GUILESS_MAIN(TestLinear)
#include "TestLinear.moc"
