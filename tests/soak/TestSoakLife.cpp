// Soak (label `soak`, not in the default run: `ctest --test-dir build/release -L soak`):
// a million Life generations on the CPU and on the GPU engine with flat memory. Memory is the
// resident set from /proc/self/statm, sampled every 100,000 generations after a warm-up; it may
// not grow by more than 4 MiB (allocator noise), whatever the number of generations.
#include "gpu/GpuLife.h"
#include "gpu/HeadlessContext.h"
#include "life/BitpackedEngine.h"
#include "life/Soup.h"

#include <QtTest>

#include "TestHelpers.h"

using namespace algoscope;

namespace {

void soak(life::LifeEngine& engine) {
    engine.setBoard(life::randomSoup(256, 256, 0.4, 7));
    engine.setGeneration(0);
    engine.step(10000); // warm-up: caches, GL buffers, allocator pools
    const double start = algoscope::test::residentMiB();
    double worst = start;
    for (int chunk = 0; chunk < 10; ++chunk) {
        engine.step(100000);
        (void)engine.population();
        worst = std::max(worst, algoscope::test::residentMiB());
    }
    QCOMPARE(engine.generation(), std::uint64_t(1010000));
    qInfo("%s: resident %.1f MiB after warm-up, at most %.1f MiB over 1e6 generations",
          std::string(engine.name()).c_str(), start, worst);
    QVERIFY2(worst - start < 4.0, "memory grew while stepping");
}
} // namespace

class TestSoakLife : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void millionGenerationsCpu() {
        life::BitpackedEngine engine;
        soak(engine);
    }
    void millionGenerationsGpu() {
        std::string why;
        auto context = gpu::HeadlessContext::create(&why);
        if (!context)
            QSKIP(qPrintable(
                QStringLiteral("no OpenGL 4.3 context: %1").arg(QString::fromStdString(why))));
        gpu::GpuLife engine;
        soak(engine);
    }
};

QTEST_GUILESS_MAIN(TestSoakLife)
#include "TestSoakLife.moc"
