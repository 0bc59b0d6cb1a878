// The CPU engines: they agree with each other (bitpacked in every instruction set this CPU
// runs, 1 and 2 threads, against the byte-per-cell reference) on random boards for several rules
// including B0 ones, both topologies and awkward sizes; and they reproduce known facts of Life
// from LifeWiki (https://conwaylife.com/wiki/): oscillator periods, spaceship speeds, the
// R-pentomino's 116 cells at generation 1103, the acorn's 633 at 5206, diehard vanishing at 130,
// and glider-gun output counted by Golly (bgolly 3.3, commands quoted where used).
#include "life/BitpackedEngine.h"
#include "life/LifeRun.h"
#include "life/NaiveEngine.h"
#include "life/PatternLibrary.h"
#include "life/PeriodDetector.h"
#include "life/Soup.h"
#include "util/Error.h"
#include "util/TaskContext.h"

#include <QtTest>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

using namespace algoscope;
using namespace algoscope::life;

namespace {

struct EngineMaker {
    QString name;
    std::function<std::unique_ptr<LifeEngine>()> make;
};

// Every CPU engine variant this machine can run.
std::vector<EngineMaker> engineVariants() {
    std::vector<EngineMaker> v;
    v.push_back({"naive", [] { return std::make_unique<NaiveEngine>(); }});
    using Isa = BitpackedEngine::Isa;
    for (auto entry : {std::pair{Isa::Scalar, "scalar"}, std::pair{Isa::Avx2, "avx2"},
                       std::pair{Isa::Avx512, "avx512"}}) {
        // Plain variables, not a structured binding: clang 14 cannot capture bindings in lambdas.
        const Isa isa = entry.first;
        const char* name = entry.second;
        if (!BitpackedEngine::isaSupported(isa))
            continue;
        for (int threads : {1, 2})
            v.push_back({QStringLiteral("bitpacked-%1-%2t").arg(name).arg(threads), [isa, threads] {
                             auto e = std::make_unique<BitpackedEngine>(isa);
                             e->setThreads(threads);
                             return e;
                         }});
    }
    return v;
}

std::unique_ptr<LifeEngine> makeEngine(const Board& b, const Rule& rule, Topology t,
                                       const EngineMaker& maker) {
    auto e = maker.make();
    e->setRule(rule);
    e->setTopology(t);
    e->setBoard(b);
    return e;
}

const Board& libraryCells(const char* id) {
    return PatternLibrary::instance().get(id).pattern.cells;
}

// `pattern` placed at (x, y) on a w x h board.
Board placed(const Board& pattern, std::uint32_t w, std::uint32_t h, std::int64_t x,
             std::int64_t y) {
    Board b(w, h);
    b.paste(pattern, x, y);
    return b;
}

} // namespace

class TestEngines : public QObject {
    Q_OBJECT

private slots:
    void engineAndIsaNames() {
        QCOMPARE(QString::fromLatin1(makeCpuEngine("naive")->name().data()),
                 QStringLiteral("naive"));
        QCOMPARE(QString::fromLatin1(makeCpuEngine("bitpacked")->name().data()),
                 QStringLiteral("bitpacked"));
        QVERIFY_THROWS_EXCEPTION(util::Error, makeCpuEngine("hashlife"));
        BitpackedEngine scalar(BitpackedEngine::Isa::Scalar);
        QCOMPARE(QString::fromLatin1(scalar.isaName().data()), QStringLiteral("scalar"));
        qInfo("bitpacked engine picks %s on this CPU", BitpackedEngine().isaName().data());
    }

    void agreeOnRandomBoards_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("torus");
        QTest::addColumn<QString>("rule");
        // Sizes: a single cell (on a torus all eight neighbours are the cell itself), widths
        // around one and two 64-bit words and 512-bit vectors, single rows and columns.
        const QList<QPair<int, int>> sizes = {{1, 1},   {2, 2},  {63, 65},  {65, 1},  {130, 3},
                                              {64, 64}, {1, 70}, {200, 17}, {512, 9}, {577, 40}};
        // Rules: Life, HighLife, Seeds, Day & Night (compiled-in fast paths), B0 rules on both
        // topologies, and rules that take the generic truth-table path.
        const QStringList rules = {"B3/S23",       "B36/S23",     "B2/S",      "B3678/S34678",
                                   "B0/S8",        "B01/S3",      "B013/S125", "B1357/S02468",
                                   "B/S012345678", "B45678/S2345"};
        for (auto [w, h] : sizes)
            for (bool torus : {true, false})
                for (const QString& r : rules)
                    QTest::addRow("%dx%d %s %s", w, h, torus ? "torus" : "plane", qPrintable(r))
                        << w << h << torus << r;
    }
    void agreeOnRandomBoards() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, torus);
        QFETCH(QString, rule);
        const Rule r = Rule::parse(rule.toStdString());
        const Topology t = torus ? Topology::Torus : Topology::Plane;
        const Board start = randomSoup(width, height, 0.45, std::uint64_t(width) * 1000 + height);
        const auto variants = engineVariants();
        // Step sizes 1, 1, 3, 7, 20: single generations and multi-generation passes (the
        // bitpacked engine advances bands several generations at a time).
        NaiveEngine reference;
        reference.setRule(r);
        reference.setTopology(t);
        reference.setBoard(start);
        std::vector<std::unique_ptr<LifeEngine>> engines;
        for (const auto& v : variants)
            engines.push_back(makeEngine(start, r, t, v));
        for (int steps : {1, 1, 3, 7, 20}) {
            reference.step(std::uint64_t(steps));
            const Board want = reference.board();
            for (std::size_t i = 0; i < engines.size(); ++i) {
                engines[i]->step(std::uint64_t(steps));
                const Board got = engines[i]->board();
                QVERIFY2(got == want, qPrintable(variants[i].name + " differs at generation " +
                                                 QString::number(reference.generation())));
                QCOMPARE(engines[i]->generation(), reference.generation());
                QCOMPARE(engines[i]->population(), want.population());
                QCOMPARE(engines[i]->hash(), want.hash());
                QCOMPARE(engines[i]->boundingBox(), want.boundingBox());
            }
        }
    }

    void agreeOnLargerBoards_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("torus");
        // Wide enough for several bands per thread and (with 1000 columns) rows that do not fill
        // the last 512-bit vector.
        QTest::newRow("1000x700 torus") << 1000 << 700 << true;
        QTest::newRow("1000x700 plane") << 1000 << 700 << false;
        QTest::newRow("4096x40 torus") << 4096 << 40 << true;
        QTest::newRow("20000x20 plane") << 20000 << 20 << false;
        // Over 2^20 cells: the default thread count uses both cores here.
        QTest::newRow("1500x1400 torus") << 1500 << 1400 << true;
    }
    void agreeOnLargerBoards() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, torus);
        const Topology t = torus ? Topology::Torus : Topology::Plane;
        const Board start = randomSoup(width, height, 0.5, 99);
        const auto variants = engineVariants();
        const Rule life;
        auto reference = makeEngine(start, life, t, variants.front());
        reference->step(40);
        const Board want = reference->board();
        for (std::size_t i = 1; i < variants.size(); ++i) {
            auto e = makeEngine(start, life, t, variants[i]);
            e->step(40);
            QVERIFY2(e->board() == want, qPrintable(variants[i].name));
            QCOMPARE(e->population(), want.population());
        }
    }

    void ruleAndTopologyChangesApplyNextStep() {
        const Board start = randomSoup(90, 70, 0.5, 5);
        for (const auto& v : engineVariants()) {
            NaiveEngine ref;
            auto e = v.make();
            for (LifeEngine* x : {static_cast<LifeEngine*>(&ref), e.get()}) {
                x->setBoard(start);
                x->step(5);
                x->setTopology(Topology::Plane);
                x->setRule(Rule::parse("B36/S23"));
                x->step(6);
                x->setTopology(Topology::Torus);
                x->step(3);
            }
            QVERIFY2(e->board() == ref.board(), qPrintable(v.name));
            QCOMPARE(e->generation(), std::uint64_t(14));
        }
    }

    // LifeWiki: blinker, toad, beacon p2; pulsar p3; pentadecathlon p15; still lifes p1.
    void oscillatorPeriods_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("period");
        QTest::newRow("blinker") << "blinker" << 2;
        QTest::newRow("toad") << "toad" << 2;
        QTest::newRow("beacon") << "beacon" << 2;
        QTest::newRow("pulsar") << "pulsar" << 3;
        QTest::newRow("pentadecathlon") << "pentadecathlon" << 15;
        QTest::newRow("block") << "block" << 1;
        QTest::newRow("beehive") << "beehive" << 1;
        QTest::newRow("loaf") << "loaf" << 1;
        QTest::newRow("boat") << "boat" << 1;
    }
    void oscillatorPeriods() {
        QFETCH(QString, id);
        QFETCH(int, period);
        const Board& cells = libraryCells(qPrintable(id));
        const Board start = placed(cells, cells.width() + 20, cells.height() + 20, 10, 10);
        for (const auto& v : engineVariants()) {
            auto e = makeEngine(start, Rule(), Topology::Plane, v);
            for (int g = 1; g <= period; ++g) {
                e->step(1);
                QCOMPARE(e->board() == start, g == period); // back exactly at the period
            }
            // The same through the period detector.
            e->setBoard(start);
            e->setGeneration(0);
            RunOptions o;
            o.generations = 100;
            o.stopWhenStable = true;
            const RunResult r = runLife(*e, o);
            QCOMPARE(r.period, std::optional<std::uint32_t>(std::uint32_t(period)));
            QCOMPARE(r.generationsRun, std::uint64_t(period));
        }
    }

    // LifeWiki: the glider moves one cell diagonally every 4 generations (c/4), the three
    // standard spaceships two cells orthogonally every 4 (c/2), the copperhead one cell every 10
    // (c/10). Directions are those of the library's orientation.
    void spaceshipDisplacements_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("period");
        QTest::addColumn<int>("dx");
        QTest::addColumn<int>("dy");
        QTest::newRow("glider") << "glider" << 4 << 1 << 1;
        QTest::newRow("lwss") << "lwss" << 4 << -2 << 0;
        QTest::newRow("mwss") << "mwss" << 4 << -2 << 0;
        QTest::newRow("hwss") << "hwss" << 4 << -2 << 0;
        QTest::newRow("copperhead") << "copperhead" << 10 << 0 << -1;
    }
    void spaceshipDisplacements() {
        QFETCH(QString, id);
        QFETCH(int, period);
        QFETCH(int, dx);
        QFETCH(int, dy);
        const Board start = placed(libraryCells(qPrintable(id)), 40, 40, 15, 15);
        for (const auto& v : engineVariants()) {
            auto e = makeEngine(start, Rule(), Topology::Torus, v);
            e->step(std::uint64_t(period));
            QVERIFY2(e->board() == start.shiftedWrapped(dx, dy), qPrintable(v.name));
            // Ten periods later it has travelled ten times as far (across the torus seam).
            e->step(std::uint64_t(9 * period));
            QVERIFY2(e->board() == start.shiftedWrapped(10 * dx, 10 * dy), qPrintable(v.name));
        }
    }

    void gliderOnSmallTorusHasPeriod32() {
        // On an 8x8 torus a glider is back where it started after 8 diagonal steps of 4
        // generations: the whole board has period 32.
        const Board start = placed(libraryCells("glider"), 8, 8, 0, 0);
        BitpackedEngine e;
        e.setBoard(start);
        RunOptions o;
        o.generations = 200;
        o.stopWhenStable = true;
        QCOMPARE(runLife(e, o).period, std::optional<std::uint32_t>(32));
    }

    void rPentomino() {
        // LifeWiki: the R-pentomino stabilises at generation 1103 with population 116 (six
        // gliders escape) on the unbounded plane. Centred on a 1024x1024 plane its debris and
        // gliders never reach the dead border by then (checked every generation), so the
        // bounded run must agree.
        const Board& r = libraryCells("r-pentomino");
        const Board start = placed(r, 1024, 1024, 510, 510);
        BitpackedEngine e;
        e.setTopology(Topology::Plane);
        e.setBoard(start);
        for (int g = 0; g < 1103; ++g) {
            e.step(1);
            const auto box = e.boundingBox();
            QVERIFY(box);
            QVERIFY2(box->x > 0 && box->y > 0 && box->x + box->width < 1024 &&
                         box->y + box->height < 1024,
                     qPrintable(QStringLiteral("touches the border at generation %1").arg(g + 1)));
        }
        QCOMPARE(e.population(), std::uint64_t(116));
        // The naive reference agrees (on a smaller board, for time: by generation 1103 the
        // gliders have travelled about 260 cells from the centre).
        NaiveEngine n;
        n.setTopology(Topology::Plane);
        n.setBoard(placed(r, 640, 640, 318, 318));
        n.step(1103);
        QCOMPARE(n.population(), std::uint64_t(116));
    }

    void acorn() {
        // LifeWiki: the acorn stabilises at generation 5206 with population 633; its gliders
        // travel about 1300 cells by then, so a centred 4096x4096 plane is unbounded enough.
        BitpackedEngine e;
        e.setTopology(Topology::Plane);
        e.setBoard(placed(libraryCells("acorn"), 4096, 4096, 2045, 2046));
        e.step(5206);
        QCOMPARE(e.population(), std::uint64_t(633));
        const auto box = e.boundingBox();
        QVERIFY(box && box->x > 0 && box->y > 0 && box->x + box->width < 4096 &&
                box->y + box->height < 4096);
    }

    void diehardVanishesAt130() {
        // LifeWiki: diehard disappears after 130 generations.
        for (const auto& v : engineVariants()) {
            auto e = makeEngine(placed(libraryCells("diehard"), 60, 60, 26, 28), Rule(),
                                Topology::Plane, v);
            e->step(129);
            QVERIFY(e->population() > 0);
            e->step(1);
            QCOMPARE(e->population(), std::uint64_t(0));
        }
    }

    void gliderGuns() {
        // bgolly -m 120 -i 30 gosper-glider-gun.rle: 36, 41, 46, 51, 56 (one glider of 5 cells
        // per 30 generations); bgolly -m 240 -i 120 simkin-glider-gun.rle: 36, 41, 46.
        BitpackedEngine e;
        e.setTopology(Topology::Plane);
        e.setBoard(placed(libraryCells("gosper-glider-gun"), 200, 200, 20, 20));
        for (std::uint64_t want : {41, 46, 51, 56}) {
            e.step(30);
            QCOMPARE(e.population(), want);
        }
        e.setBoard(placed(libraryCells("simkin-glider-gun"), 300, 300, 100, 100));
        for (std::uint64_t want : {41, 46}) {
            e.step(120);
            QCOMPARE(e.population(), want);
        }
    }

    void periodDetector() {
        PeriodDetector d(3);
        QVERIFY(!d.observe(0, 10));
        QVERIFY(!d.observe(1, 20));
        QCOMPARE(d.observe(2, 10), std::optional<std::uint32_t>(2));
        QVERIFY(!d.observe(3, 30));
        QVERIFY(!d.observe(4, 40));
        QVERIFY(!d.observe(5, 50));
        QVERIFY(!d.observe(6, 20)); // seen at 1: 5 generations ago, beyond maxPeriod 3
        QCOMPARE(d.observe(7, 40), std::optional<std::uint32_t>(3));
        QVERIFY(!d.observe(9, 40)); // a gap starts over
        QCOMPARE(d.observe(10, 40), std::optional<std::uint32_t>(1));
    }

    void stepCancelsWithin100ms_data() {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<int>("threads");
        QTest::newRow("bitpacked 1 thread") << "bitpacked" << 1;
        QTest::newRow("bitpacked 2 threads") << "bitpacked" << 2;
        QTest::newRow("naive") << "naive" << 1;
    }
    void stepCancelsWithin100ms() {
        QFETCH(QString, engine);
        QFETCH(int, threads);
        // Big enough that one generation of the naive engine takes ~100 ms, so only polling
        // inside a generation meets the deadline.
        const Board start = randomSoup(4096, 4096, 0.5, 11);
        auto e = makeCpuEngine(engine.toStdString());
        e->setThreads(threads);
        e->setBoard(start);
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        using Clock = std::chrono::steady_clock;
        Clock::time_point cancelledAt;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            cancelledAt = Clock::now();
            token.cancel();
        });
        bool threw = false;
        try {
            e->step(1'000'000'000, ctx);
        } catch (const util::Cancelled&) {
            threw = true;
        }
        const auto stoppedAt = Clock::now();
        canceller.join();
        QVERIFY(threw);
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(stoppedAt - cancelledAt).count();
        QVERIFY2(ms < 100, qPrintable(QStringLiteral("stopped %1 ms after cancel").arg(ms)));
        // The engine holds a complete generation: the same as a fresh run to that generation.
        const std::uint64_t g = e->generation();
        BitpackedEngine check;
        check.setBoard(start);
        check.step(g);
        QVERIFY(e->board() == check.board());
        QCOMPARE(e->population(), check.population());
    }
};

QTEST_GUILESS_MAIN(TestEngines)
#include "TestEngines.moc"
