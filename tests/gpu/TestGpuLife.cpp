// The gpu Life engine (gpu::GpuLife, shaders/life_step.comp and life_popcount.comp) against its
// CPU twins, bit for bit: random boards for several rules (B0 ones included), both topologies
// and awkward sizes; the bgolly population fixtures of tests/life/data; multi-generation batches;
// the GPU population count; cancellation. Skipped (QSKIP) without an OpenGL 4.3 context.
#include "gpu/GpuLife.h"
#include "gpu/HeadlessContext.h"
#include "life/BitpackedEngine.h"
#include "life/NaiveEngine.h"
#include "life/PatternFile.h"
#include "life/PatternLibrary.h"
#include "life/Soup.h"
#include "util/Error.h"

#include <QFile>
#include <QtTest>

#include <chrono>
#include <memory>
#include <thread>

using namespace algoscope;
using namespace algoscope::life;

class TestGpuLife : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        std::string why;
        m_ctx = gpu::HeadlessContext::create(&why);
        if (!m_ctx)
            QSKIP(qPrintable("no OpenGL 4.3 context: " + QString::fromStdString(why)));
    }
    void cleanupTestCase() {
        m_gpu.reset(); // GL objects go before their context
        m_ctx.reset();
    }

    void matchesCpu_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("torus");
        QTest::addColumn<QString>("rule");
        const QList<QPair<int, int>> sizes = {{1, 1},  {2, 2},   {31, 5}, {33, 2},  {63, 65},
                                              {65, 1}, {130, 3}, {1, 70}, {64, 64}, {300, 47}};
        const QStringList rules = {"B3/S23",       "B36/S23", "B2/S",
                                   "B3678/S34678", "B0/S8",   "B013/S125"};
        for (auto [w, h] : sizes)
            for (bool torus : {true, false})
                for (const QString& r : rules)
                    QTest::addRow("%dx%d %s %s", w, h, torus ? "torus" : "plane", qPrintable(r))
                        << w << h << torus << r;
    }
    void matchesCpu() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, torus);
        QFETCH(QString, rule);
        const Board start = randomSoup(width, height, 0.45, std::uint64_t(width) * 7 + height);
        gpu::GpuLife& g = gpuEngine();
        NaiveEngine cpu;
        for (LifeEngine* e : {static_cast<LifeEngine*>(&g), static_cast<LifeEngine*>(&cpu)}) {
            e->setRule(Rule::parse(rule.toStdString()));
            e->setTopology(torus ? Topology::Torus : Topology::Plane);
            e->setBoard(start);
            e->setGeneration(0);
        }
        for (int steps : {1, 2, 5, 17}) {
            g.step(std::uint64_t(steps));
            cpu.step(std::uint64_t(steps));
            const Board want = cpu.board();
            QVERIFY2(g.board() == want,
                     qPrintable(QStringLiteral("generation %1").arg(cpu.generation())));
            QCOMPARE(g.population(), want.population());
            QCOMPARE(g.generation(), cpu.generation());
            QCOMPARE(g.hash(), want.hash());
        }
    }

    void largeBoardAgainstBitpacked() {
        const Board start = randomSoup(1500, 1100, 0.5, 3);
        gpu::GpuLife& g = gpuEngine();
        BitpackedEngine cpu;
        for (LifeEngine* e : {static_cast<LifeEngine*>(&g), static_cast<LifeEngine*>(&cpu)}) {
            e->setRule(Rule());
            e->setTopology(Topology::Torus);
            e->setBoard(start);
        }
        g.step(60);
        cpu.step(60);
        QVERIFY(g.board() == cpu.board());
        QCOMPARE(g.population(), cpu.population());
    }

    void bgollyFixtures_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"life-torus-64x64", "life-plane-64x48", "life-torus-63x65",
                              "highlife-torus-70x33", "daynight-torus-64x64"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void bgollyFixtures() {
        // Final populations printed by bgolly 3.3 (see tests/life/data/make_fixtures.sh).
        QFETCH(QString, name);
        const QString dir = QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/life/data/");
        const Pattern p = readPatternFile((dir + name + ".rle").toStdString());
        QFile f(dir + name + ".pop");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        const QList<QByteArray> last = lines.last().split(' ');
        gpu::GpuLife& g = gpuEngine();
        g.setRule(p.rule.rule);
        g.setTopology(p.rule.grid->topology);
        g.setBoard(p.cells);
        g.setGeneration(0);
        g.step(last[0].toULongLong());
        QCOMPARE(g.population(), std::uint64_t(last[1].toULongLong()));
    }

    void rPentominoOnGpu() {
        // LifeWiki: population 116 at generation 1103 (unbounded; 1024x1024 is large enough).
        Board b(1024, 1024);
        b.paste(PatternLibrary::instance().get("r-pentomino").pattern.cells, 510, 510);
        gpu::GpuLife& g = gpuEngine();
        g.setRule(Rule());
        g.setTopology(Topology::Plane);
        g.setBoard(b);
        g.step(1103);
        QCOMPARE(g.population(), std::uint64_t(116));
    }

    void cancelsBetweenBatches() {
        gpu::GpuLife& g = gpuEngine();
        g.setRule(Rule());
        g.setTopology(Topology::Torus);
        const Board start = randomSoup(2048, 2048, 0.5, 5);
        g.setBoard(start);
        g.setGeneration(0);
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        using Clock = std::chrono::steady_clock;
        Clock::time_point cancelledAt;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancelledAt = Clock::now();
            token.cancel();
        });
        bool threw = false;
        try {
            g.step(1'000'000'000, ctx);
        } catch (const util::Cancelled&) {
            threw = true;
        }
        const auto stoppedAt = Clock::now();
        canceller.join();
        QVERIFY(threw);
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(stoppedAt - cancelledAt).count();
        // A batch is sized to take ~4 ms; allow for a slow software rasteriser on a busy machine.
        QVERIFY2(ms < 100, qPrintable(QStringLiteral("stopped %1 ms after cancel").arg(ms)));
        BitpackedEngine check;
        check.setBoard(start);
        check.step(g.generation());
        QVERIFY(g.board() == check.board());
    }

    void cellBufferLayout() {
        gpu::GpuLife& g = gpuEngine();
        Board b(40, 2);
        b.set(33, 1, true);
        g.setBoard(b);
        QCOMPARE(g.wordsPerRow32(), 2u);
        const auto words = g.cellBuffer().download<std::uint32_t>(4);
        QCOMPARE(words[3], std::uint32_t(1) << 1); // row 1, word 1, bit 33 % 32
    }

private:
    gpu::GpuLife& gpuEngine() {
        if (!m_gpu)
            m_gpu = std::make_unique<gpu::GpuLife>();
        return *m_gpu;
    }

    std::unique_ptr<gpu::HeadlessContext> m_ctx;
    std::unique_ptr<gpu::GpuLife> m_gpu;
};

QTEST_GUILESS_MAIN(TestGpuLife)
#include "TestGpuLife.moc"
