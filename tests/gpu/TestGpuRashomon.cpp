// The linear Rashomon lab's GPU kernel against its CPU twin (rashomon::evaluateErrors) on the
// same directions, and the whole estimate through both paths. Skipped (QSKIP) without an
// OpenGL 4.3 context. On llvmpipe this checks correctness only, not speed.
#include "gpu/GpuRashomon.h"
#include "gpu/HeadlessContext.h"
#include "rashomon/Dataset.h"
#include "rashomon/LinearRashomon.h"

#include <QtTest>

#include <memory>

using namespace algoscope;

class TestGpuRashomon : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        std::string why;
        m_ctx = gpu::HeadlessContext::create(&why);
        if (!m_ctx)
            QSKIP(qPrintable("no OpenGL 4.3 context: " + QString::fromStdString(why)));
    }
    void cleanupTestCase() { m_ctx.reset(); }

    void errorsMatchCpuTwin_data() {
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("count");
        QTest::newRow("breast cancer, 3000") << "breast_cancer" << 3000;
        QTest::newRow("monk1, 4097 (partial group)") << "monk1" << 4097;
        QTest::newRow("monk2, 1") << "monk2" << 1;
    }
    void errorsMatchCpuTwin() {
        QFETCH(QString, data);
        QFETCH(int, count);
        const auto d = rashomon::bundledDataset(data.toStdString());
        const auto pts = rashomon::augment(d);
        const auto dirs = rashomon::randomDirections(pts.dim, std::size_t(count), 5, 0);
        const std::size_t n = static_cast<std::size_t>(count);
        std::vector<std::uint32_t> cpu(n), gpu(n);
        rashomon::evaluateErrors(pts, dirs.data(), std::size_t(count), cpu.data(), 2);
        gpu::GpuRashomon kernel(pts);
        kernel.evaluate(dirs.data(), std::size_t(count), gpu.data());
        // Both sum float products in the same order without fusing; a difference could only
        // come from a point lying within rounding of a plane, so allow a handful, each by one.
        int differ = 0;
        for (int i = 0; i < count; ++i) {
            if (cpu[std::size_t(i)] != gpu[std::size_t(i)]) {
                ++differ;
                QVERIFY(std::abs(int(cpu[std::size_t(i)]) - int(gpu[std::size_t(i)])) <= 1);
            }
        }
        QVERIFY2(differ <= count / 1000, qPrintable(QString("%1 differ").arg(differ)));
    }

    void estimateMatchesCpu() {
        const auto d = rashomon::bundledDataset("breast_cancer");
        gpu::GpuRashomon kernel(rashomon::augment(d));
        auto gpuEval = [&](const float* dirs, std::size_t c, std::uint32_t* e) {
            kernel.evaluate(dirs, c, e);
        };
        const auto a = rashomon::estimateLinearRatio(d, 0.05, 20000, 9, {}, gpuEval, 0, 16384);
        const auto b = rashomon::estimateLinearRatio(d, 0.05, 20000, 9, {}, {}, 2, 4096);
        // Same directions (the stream does not depend on the block size), same estimate.
        QVERIFY(std::abs(double(a.hits) - double(b.hits)) <= 2);
        QCOMPARE(a.bestErrors, b.bestErrors);
    }

private:
    std::unique_ptr<gpu::HeadlessContext> m_ctx;
};

QTEST_GUILESS_MAIN(TestGpuRashomon)
#include "TestGpuRashomon.moc"
