// CPU twins of the GPU check lab (core/gpucheck) against closed forms. Reference values:
//   - scan of 1, 2, ..., n: element i (0-based) is the triangular number (i+1)(i+2)/2 (Gauss),
//     reduced modulo 2^32 because the scan is uint32 arithmetic, exactly like the GPU kernel;
//   - scan of all ones: element i is i + 1;
//   - saxpy with x_i = i, y_i = 1, a = 2: element i is 2i + 1 (exact in float below 2^23).
// Sizes straddle the OpenMP threshold (2^16) so both the sequential and the parallel path run.
#include "TestHelpers.h"

#include "gpucheck/CheckInputs.h"
#include "gpucheck/CpuSaxpy.h"
#include "gpucheck/CpuScan.h"

#include <QtTest>

#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace algoscope::gpucheck;

class TestCpuTwins : public QObject {
    Q_OBJECT

private slots:
    void scanOfOneToN_data();
    void scanOfOneToN();
    void scanOfOnes();
    void scanInPlace();
    void scanRejectsSizeMismatch();
    void saxpyClosedForm_data();
    void saxpyClosedForm();
    void saxpyRejectsSizeMismatch();
    void inputsAreDeterministicAndInRange();
};

void TestCpuTwins::scanOfOneToN_data() {
    QTest::addColumn<qulonglong>("n");
    for (qulonglong n :
         {1ULL, 2ULL, 10ULL, 1000ULL, 65535ULL, 65536ULL, 65537ULL, 92681ULL, 200000ULL})
        QTest::addRow("n=%llu", n) << n;
}

void TestCpuTwins::scanOfOneToN() {
    QFETCH(qulonglong, n);
    std::vector<std::uint32_t> in(n);
    std::iota(in.begin(), in.end(), 1u);
    const auto out = cpuInclusiveScan(in);
    QCOMPARE(out.size(), std::size_t(n));
    for (std::uint64_t i = 0; i < n; ++i) {
        // 92681 is the largest n with n(n+1)/2 < 2^32; beyond it the closed form wraps.
        const auto expected = static_cast<std::uint32_t>((i + 1) * (i + 2) / 2);
        if (out[i] != expected)
            QFAIL(qPrintable(
                QStringLiteral("element %1: %2 != %3").arg(i).arg(out[i]).arg(expected)));
    }
}

void TestCpuTwins::scanOfOnes() {
    const std::size_t n = 300001;
    const std::vector<std::uint32_t> in(n, 1u);
    const auto out = cpuInclusiveScan(in);
    for (std::size_t i = 0; i < n; i += 997)
        QCOMPARE(out[i], std::uint32_t(i + 1));
    QCOMPARE(out.back(), std::uint32_t(n));
}

void TestCpuTwins::scanInPlace() {
    std::vector<std::uint32_t> v(100000, 2u);
    cpuInclusiveScan(v, v);
    QCOMPARE(v.front(), 2u);
    QCOMPARE(v[49999], 100000u);
    QCOMPARE(v.back(), 200000u);
}

void TestCpuTwins::scanRejectsSizeMismatch() {
    std::vector<std::uint32_t> in(3), out(2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cpuInclusiveScan(in, out));
}

void TestCpuTwins::saxpyClosedForm_data() {
    QTest::addColumn<qulonglong>("n");
    for (qulonglong n : {1ULL, 7ULL, 1000ULL, 1ULL << 17})
        QTest::addRow("n=%llu", n) << n;
}

void TestCpuTwins::saxpyClosedForm() {
    QFETCH(qulonglong, n);
    std::vector<float> x(n), y(n, 1.0f);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = static_cast<float>(i);
    const auto out = cpuSaxpy(2.0f, x, y);
    QCOMPARE(y.front(), 1.0f); // the returning overload leaves y alone
    for (std::size_t i = 0; i < n; ++i)
        if (out[i] != static_cast<float>(2 * i + 1))
            QFAIL(qPrintable(QStringLiteral("element %1: %2").arg(i).arg(double(out[i]))));
    cpuSaxpyInPlace(2.0f, x, y);
    QCOMPARE(y.back(), static_cast<float>(2 * (n - 1) + 1));
}

void TestCpuTwins::saxpyRejectsSizeMismatch() {
    std::vector<float> x(3), y(4);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cpuSaxpyInPlace(1.0f, x, y));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cpuSaxpy(1.0f, x, y));
}

void TestCpuTwins::inputsAreDeterministicAndInRange() {
    const auto a = makeScanInput(5000, 42), b = makeScanInput(5000, 42),
               c = makeScanInput(5000, 43);
    QVERIFY(a == b);
    QVERIFY(a != c);
    for (auto v : a)
        QVERIFY(v < 16u);
    const auto s = makeSaxpyInput(5000, 7), t = makeSaxpyInput(5000, 7);
    QVERIFY(s.a == t.a && s.x == t.x && s.y == t.y);
    QVERIFY(s.a != 0.0f && std::abs(s.a) <= 4.0f && s.a == std::floor(s.a));
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        QVERIFY(std::abs(s.x[i]) <= 1024.0f && s.x[i] == std::floor(s.x[i]));
        QVERIFY(std::abs(s.y[i]) <= 1024.0f && s.y[i] == std::floor(s.y[i]));
    }
}

QTEST_GUILESS_MAIN(TestCpuTwins)
#include "TestCpuTwins.moc"
