// GPU kernels of the GPU check lab against their CPU twins, bit for bit; the CPU scan twin itself
// against brute-force sums computed here (O(n^2), independent of the code under test); and
// GpuCheckRun's reporting, progress and cancellation.
#include "gpu/Buffer.h"
#include "gpu/GpuCheckRun.h"
#include "gpu/GpuSaxpy.h"
#include "gpu/GpuScan.h"
#include "gpu/HeadlessContext.h"
#include "gpucheck/CheckInputs.h"
#include "gpucheck/CpuSaxpy.h"
#include "gpucheck/CpuScan.h"
#include "util/Error.h"
#include "util/TaskContext.h"

#include <QtTest>

#include <memory>

using namespace algoscope;
using namespace algoscope::gpu;

namespace {

// Index and values of the first mismatch, for a readable failure.
template <class T> QString firstMismatch(const std::vector<T>& got, const std::vector<T>& want) {
    if (got.size() != want.size())
        return QStringLiteral("size %1 != %2").arg(got.size()).arg(want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        if (!(got[i] == want[i]))
            return QStringLiteral("element %1: gpu %2, cpu %3")
                .arg(i)
                .arg(double(got[i]))
                .arg(double(want[i]));
    return {};
}

void addSizes() {
    QTest::addColumn<qulonglong>("n");
    // One element; less than a workgroup; around the 256-invocation workgroup (each invocation
    // owns two of a block's 512 elements); two levels (1000, 65539 = 128 blocks + 3 elements ->
    // 129 sums); three levels (2^20 = 2048 blocks -> 4 sums -> 1).
    for (qulonglong n : {1ULL, 7ULL, 255ULL, 256ULL, 257ULL, 1000ULL, 65536ULL + 3, 1ULL << 20})
        QTest::addRow("n=%llu", n) << n;
}

} // namespace

class TestGpuScan : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cpuScanMatchesBruteForce_data();
    void cpuScanMatchesBruteForce();
    void gpuScanMatchesCpu_data();
    void gpuScanMatchesCpu();
    void gpuScanWrapsLikeCpu();
    void gpuScanChunked_data();
    void gpuScanChunked();
    void gpuScanReusesScratch();
    void gpuSaxpyMatchesCpu_data();
    void gpuSaxpyMatchesCpu();
    void gpuSaxpyChunked();
    void checkRunReports_data();
    void checkRunReports();
    void checkRunProgressAndCancel();
    void checkRunRejectsBadOptions();

private:
    std::unique_ptr<HeadlessContext> m_ctx;
    QString m_whyNot;
};

#define REQUIRE_CONTEXT()                                                                          \
    do {                                                                                           \
        if (!m_ctx)                                                                                \
            QSKIP(qPrintable("no OpenGL 4.3 context: " + m_whyNot));                               \
    } while (0)

void TestGpuScan::initTestCase() {
    // No QSKIP here: the CPU-only cases below run on every machine.
    std::string why;
    m_ctx = HeadlessContext::create(&why);
    m_whyNot = QString::fromStdString(why);
}

void TestGpuScan::cpuScanMatchesBruteForce_data() {
    QTest::addColumn<QList<uint>>("input");
    QTest::newRow("empty") << QList<uint>{};
    QTest::newRow("single") << QList<uint>{5};
    QTest::newRow("zeros") << QList<uint>{0, 0, 0};
    QTest::newRow("mixed") << QList<uint>{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    // uint32 wraps: 0xFFFFFFFF + 2 = 1 (mod 2^32).
    QTest::newRow("wraps") << QList<uint>{0xFFFFFFFFu, 2u, 0x80000000u, 0x80000000u, 7u};
}

void TestGpuScan::cpuScanMatchesBruteForce() {
    QFETCH(QList<uint>, input);
    const std::vector<std::uint32_t> in(input.begin(), input.end());
    const auto out = gpucheck::cpuInclusiveScan(in);
    QCOMPARE(out.size(), in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        std::uint64_t sum = 0; // brute force: sum the prefix anew for every i, then reduce
        for (std::size_t j = 0; j <= i; ++j)
            sum += in[j];
        QCOMPARE(out[i], static_cast<std::uint32_t>(sum % (std::uint64_t(1) << 32)));
    }
}

void TestGpuScan::gpuScanMatchesCpu_data() {
    addSizes();
}

void TestGpuScan::gpuScanMatchesCpu() {
    REQUIRE_CONTEXT();
    QFETCH(qulonglong, n);
    const auto in = gpucheck::makeScanInput(n, 2024);
    GpuScan scan;
    const auto gpu = scan.inclusiveScan(in);
    const auto cpu = gpucheck::cpuInclusiveScan(in);
    const QString mismatch = firstMismatch(gpu, cpu);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestGpuScan::gpuScanWrapsLikeCpu() {
    REQUIRE_CONTEXT();
    // Large values make the running sum wrap modulo 2^32 many times, across blocks and levels.
    std::vector<std::uint32_t> in(70000);
    for (std::size_t i = 0; i < in.size(); ++i)
        in[i] = 0xF0000000u + static_cast<std::uint32_t>(i * 2654435761u);
    GpuScan scan;
    const QString mismatch = firstMismatch(scan.inclusiveScan(in), gpucheck::cpuInclusiveScan(in));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestGpuScan::gpuScanChunked_data() {
    QTest::addColumn<qulonglong>("n");
    QTest::addColumn<qulonglong>("chunk");
    // Chunks of 1024 elements (2 blocks) force the multi-binding path that arrays beyond
    // GL_MAX_SHADER_STORAGE_BLOCK_SIZE take, at sizes a test can afford.
    QTest::newRow("one chunk") << 1024ULL << 1024ULL;
    QTest::newRow("chunk + 1") << 1025ULL << 1024ULL;
    QTest::newRow("many chunks") << 5000ULL << 1024ULL;
    QTest::newRow("many chunks, 3 levels") << 300001ULL << 2048ULL;
}

void TestGpuScan::gpuScanChunked() {
    REQUIRE_CONTEXT();
    QFETCH(qulonglong, n);
    QFETCH(qulonglong, chunk);
    const auto in = gpucheck::makeScanInput(n, 77);
    GpuScan scan(chunk);
    const QString mismatch = firstMismatch(scan.inclusiveScan(in), gpucheck::cpuInclusiveScan(in));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GpuScan(1000)); // not whole blocks
}

void TestGpuScan::gpuScanReusesScratch() {
    REQUIRE_CONTEXT();
    GpuScan scan; // one instance: scratch sized by the first call must not confuse later ones
    for (std::size_t n : {300000u, 3u, 70000u, 300000u}) {
        const auto in = gpucheck::makeScanInput(n, n);
        Buffer data = Buffer::fromSpan(std::span<const std::uint32_t>(in));
        scan.scanInPlace(data, n);
        const QString mismatch =
            firstMismatch(data.download<std::uint32_t>(), gpucheck::cpuInclusiveScan(in));
        QVERIFY2(mismatch.isEmpty(), qPrintable(QStringLiteral("n=%1: ").arg(n) + mismatch));
    }
    Buffer small(4 * sizeof(std::uint32_t));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, scan.scanInPlace(small, 5));
}

void TestGpuScan::gpuSaxpyMatchesCpu_data() {
    addSizes();
}

void TestGpuScan::gpuSaxpyMatchesCpu() {
    REQUIRE_CONTEXT();
    QFETCH(qulonglong, n);
    const auto in = gpucheck::makeSaxpyInput(n, 99);
    GpuSaxpy saxpy;
    const auto gpu = saxpy.run(in.a, in.x, in.y);
    const auto cpu = gpucheck::cpuSaxpy(in.a, in.x, in.y);
    const QString mismatch = firstMismatch(gpu, cpu);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
}

void TestGpuScan::gpuSaxpyChunked() {
    REQUIRE_CONTEXT();
    const auto in = gpucheck::makeSaxpyInput(10000, 5);
    GpuSaxpy saxpy(1024);
    const QString mismatch =
        firstMismatch(saxpy.run(in.a, in.x, in.y), gpucheck::cpuSaxpy(in.a, in.x, in.y));
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    std::vector<float> shorter(9999);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saxpy.run(1.0f, in.x, shorter));
}

void TestGpuScan::checkRunReports_data() {
    QTest::addColumn<QString>("op");
    QTest::newRow("scan") << "scan";
    QTest::newRow("saxpy") << "saxpy";
}

void TestGpuScan::checkRunReports() {
    REQUIRE_CONTEXT();
    QFETCH(QString, op);
    GpuCheckRun run({GpuCheckRun::parseOp(op.toStdString()), {1, 1000, 65539}, 3, 11, 5});
    const auto results = run.run();
    QCOMPARE(results.size(), std::size_t(3));
    for (const auto& r : results) {
        QVERIFY(r.exactMatch);
        QCOMPARE(r.maxAbsDiff, 0.0);
        QVERIFY(r.cpuMs >= 0 && r.gpuMs >= 0 && r.gpuTotalMs > 0);
        QCOMPARE(r.firstGpu, r.firstCpu);
        QCOMPARE(r.firstCpu.size(), std::min<std::size_t>(5, r.size));
    }
    const auto j = run.toJson(results);
    QCOMPARE(j["op"].get<std::string>(), op.toStdString());
    QCOMPARE(j["results"].size(), std::size_t(3));
    for (const char* key : {"size", "cpu_ms", "gpu_ms", "gpu_total_ms", "max_abs_diff",
                            "exact_match", "first_cpu", "first_gpu"})
        QVERIFY2(j["results"][0].contains(key), key);
    const QStringList csv = QString::fromStdString(run.toCsv(results)).trimmed().split('\n');
    QCOMPARE(csv.size(), 4);
    QCOMPARE(csv[0], QStringLiteral("op,size,cpu_ms,gpu_ms,gpu_total_ms,max_abs_diff,exact_match"));
    QVERIFY(csv[2].startsWith(op + ",1000,") && csv[2].endsWith(",true"));
}

void TestGpuScan::checkRunProgressAndCancel() {
    REQUIRE_CONTEXT();
    QList<double> fractions;
    util::TaskContext task([&](double f, const std::string&) { fractions << f; });
    GpuCheckRun run({GpuCheckRun::Op::Scan, {10, 20}, 2, 1, 8});
    run.run(task);
    QCOMPARE(fractions.size(), 4); // one report per repetition
    QCOMPARE(fractions.back(), 1.0);
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));

    util::CancellationToken token;
    int reports = 0;
    util::TaskContext cancelling(
        [&](double, const std::string&) {
            if (++reports == 2)
                token.cancel(); // cancel mid-run: the next repetition must not start
        },
        &token);
    QVERIFY_THROWS_EXCEPTION(util::Cancelled, run.run(cancelling));
    QCOMPARE(reports, 2);
}

void TestGpuScan::checkRunRejectsBadOptions() {
    // Option validation needs no GPU.
    QVERIFY_THROWS_EXCEPTION(util::Error, GpuCheckRun::parseOp("sort"));
    QCOMPARE(GpuCheckRun::opName(GpuCheckRun::parseOp("saxpy")), std::string("saxpy"));
    QVERIFY_THROWS_EXCEPTION(util::Error, GpuCheckRun({GpuCheckRun::Op::Scan, {}, 1, 1, 8}));
    QVERIFY_THROWS_EXCEPTION(util::Error, GpuCheckRun({GpuCheckRun::Op::Scan, {0}, 1, 1, 8}));
    QVERIFY_THROWS_EXCEPTION(util::Error, GpuCheckRun({GpuCheckRun::Op::Scan, {1}, 0, 1, 8}));
}

QTEST_GUILESS_MAIN(TestGpuScan)
#include "TestGpuScan.moc"
