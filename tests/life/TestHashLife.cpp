// HashLife (core/life/HashLife.h) and the unbounded plane (Unbounded.h) against outside
// references:
//  - Golly's bgolly 3.3 HashLife: populations of Golly's shipped guns, breeders, methuselahs and
//    Life-like-rule patterns at generations 2^10, 2^20, 2^40 (and 10^6, 2^100), committed in
//    tests/life/data/hashlife (make_hashlife_fixtures.sh there made them; Golly is not needed);
//  - the bit-packed engine on a bounded plane wide enough that nothing reaches the border
//    (signals travel one cell per generation): the same cells, not only the population, on
//    random soups for thousands of generations, with power-of-two and odd step sizes;
//  - brute force for the level-of-detail renderer, the bounding box and single cells.
// Also: the reference file's figures (gun to 2^40: 105,722,272,794; rake breeder to 2^20:
// 2,291,657,242; LWSS breeder at 2^40: 414,015,691,858,581,233,637), memory-limit behaviour,
// B0 refusal, cancellation within 100 ms.
#include "life/BitpackedEngine.h"
#include "life/HashLife.h"
#include "life/Soup.h"
#include "life/Unbounded.h"

#include <QFile>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace algoscope;
using namespace algoscope::life;

namespace {

const QString kDir = QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/life/data/hashlife/");

struct Expected {
    QString file;
    QString generation;
    QString population;
};

std::vector<Expected> readPopulations() {
    QFile f(kDir + "populations.txt");
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open populations.txt");
    std::vector<Expected> out;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const auto parts = line.split(' ');
        out.push_back({QString::fromLatin1(parts.at(0)), QString::fromLatin1(parts.at(1)),
                       QString::fromLatin1(parts.at(2))});
    }
    return out;
}

// The soup on a bounded plane with `margin` dead cells on each side, as a reference universe.
struct PlaneReference {
    BitpackedEngine engine;
    std::int64_t x0 = 0, y0 = 0;
    PlaneReference(const Board& soup, const Rule& rule, std::uint32_t margin, std::int64_t sx,
                   std::int64_t sy) {
        Board big(soup.width() + 2 * margin, soup.height() + 2 * margin);
        big.paste(soup, margin, margin);
        x0 = sx - margin;
        y0 = sy - margin;
        engine.setRule(rule);
        engine.setTopology(Topology::Plane);
        engine.setThreads(1);
        engine.setBoard(big);
    }
};

} // namespace

class TestHashLife : public QObject {
    Q_OBJECT

private slots:
    void referenceFigures() {
        // The reference file's bgolly figures, read here through the committed copies.
        HashLife hl;
        readUniverseFile((kDir + "period-52-glider-gun.rle").toStdString(), hl);
        hl.stepPow2(40);
        QCOMPARE(hl.generation().get_str(), std::string("1099511627776"));
        QCOMPARE(hl.population().get_str(), std::string("105722272794"));
        readUniverseFile((kDir + "rake-breeder.rle").toStdString(), hl);
        hl.stepPow2(20);
        QCOMPARE(hl.population().get_str(), std::string("2291657242"));
    }

    void matchesBgolly_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("generation");
        QTest::addColumn<QString>("population");
        const auto all = readPopulations();
        QVERIFY(all.size() >= 50);
        // A few rows take seconds (chaotic Macrocell patterns): they are benchmark material
        // (bench/hashlife_vs_bgolly.sh), not unit tests.
        const QStringList slow = {"wedge-grow.mc 1099511627776", "totalperiodic.mc 1048576",
                                  "ruler.mc 1099511627776"};
        for (const auto& e : all)
            if (!slow.contains(e.file + " " + e.generation))
                QTest::newRow(qPrintable(e.file + " @ " + e.generation))
                    << e.file << e.generation << e.population;
    }
    void matchesBgolly() {
        QFETCH(QString, file);
        QFETCH(QString, generation);
        QFETCH(QString, population);
        HashLife hl;
        readUniverseFile((kDir + file).toStdString(), hl);
        const mpz_class start = hl.generation(); // Macrocell files may start later than 0
        // bgolly -m N runs to generation N (counting from the file's #G).
        hl.step(mpz_class(generation.toStdString()) - start);
        QCOMPARE(hl.generation().get_str(), generation.toStdString());
        QCOMPARE(hl.population().get_str(), population.toStdString());
    }

    void soupsMatchBitpacked_data() {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("side");
        QTest::addColumn<double>("density");
        QTest::addColumn<int>("generations");
        QTest::addColumn<std::uint64_t>("seed");
        QTest::newRow("Life 48^2 to 2000") << "B3/S23" << 48 << 0.4 << 2000 << std::uint64_t(1);
        QTest::newRow("Life 37x37 to 3000") << "B3/S23" << 37 << 0.5 << 3000 << std::uint64_t(2);
        QTest::newRow("HighLife to 1000") << "B36/S23" << 40 << 0.35 << 1000 << std::uint64_t(3);
        QTest::newRow("Day & Night to 600")
            << "B3678/S34678" << 40 << 0.5 << 600 << std::uint64_t(4);
        QTest::newRow("2x2 to 600") << "B36/S125" << 32 << 0.3 << 600 << std::uint64_t(5);
        QTest::newRow("Seeds to 120") << "B2/S" << 24 << 0.1 << 120 << std::uint64_t(6);
    }
    void soupsMatchBitpacked() {
        QFETCH(QString, rule);
        QFETCH(int, side);
        QFETCH(double, density);
        QFETCH(int, generations);
        QFETCH(std::uint64_t, seed);
        const Rule r = Rule::parse(rule.toStdString());
        const Board soup = randomSoup(side, side, density, seed);
        // Off-centre and across the origin, so every quadrant of the root is exercised.
        const std::int64_t sx = -side / 3, sy = -side + 5;
        HashLife hl(r);
        hl.loadBoard(soup, sx, sy);
        HashLife grown(r); // the bitpacked engine on a growing board
        grown.loadBoard(soup, sx, sy);
        // Light speed bounds the spread; a plane this wide never feels its border.
        const std::uint32_t margin = std::uint32_t(generations) + 8;
        PlaneReference ref(soup, r, margin, sx, sy);
        const int steps[] = {1, 1, 2, 3, 4, 7, 8, 16, 29, 32, 64, 100, 128, 256, 487, 512};
        int g = 0;
        for (int i = 0; g < generations; ++i) {
            const int s = std::min(steps[i % std::size(steps)], generations - g);
            ref.engine.step(std::uint64_t(s));
            hl.step(s);
            stepBitpackedUnbounded(grown, s, 1);
            g += s;
            const Board expected = ref.engine.board();
            const Board got = hl.extract(ref.x0, ref.y0, expected.width(), expected.height());
            QVERIFY2(got == expected,
                     qPrintable(QStringLiteral("hashlife differs at generation %1").arg(g)));
            QCOMPARE(hl.population().get_ui(), expected.population());
            if (g % 500 < s || g == generations) {
                const Board got2 =
                    grown.extract(ref.x0, ref.y0, expected.width(), expected.height());
                QVERIFY2(got2 == expected, qPrintable(QStringLiteral("bitpacked unbounded "
                                                                     "differs at generation %1")
                                                          .arg(g)));
            }
        }
        QCOMPARE(hl.generation().get_si(), long(generations));
        QCOMPARE(grown.generation().get_si(), long(generations));
    }

    void oneBigJumpEqualsManySmallOnes() {
        // 2^12 in one jump vs. 4096 single generations vs. decimal decomposition 4095 + 1.
        const Board soup = randomSoup(32, 32, 0.45, 11);
        HashLife a, b, c;
        a.loadBoard(soup, -16, -16);
        b.loadBoard(soup, -16, -16);
        c.loadBoard(soup, -16, -16);
        a.stepPow2(12);
        for (int i = 0; i < 4096; ++i)
            b.step(1);
        c.step(4095);
        c.step(1);
        QCOMPARE(a.population(), b.population());
        QCOMPARE(a.population(), c.population());
        const auto bb = a.boundingBox();
        QVERIFY(bb);
        QCOMPARE(b.boundingBox()->x, bb->x);
        QCOMPARE(c.boundingBox()->height, bb->height);
        const Board pa =
            a.extract(bb->x.get_si(), bb->y.get_si(), bb->width.get_ui(), bb->height.get_ui());
        QVERIFY(pa ==
                b.extract(bb->x.get_si(), bb->y.get_si(), bb->width.get_ui(), bb->height.get_ui()));
        QVERIFY(pa ==
                c.extract(bb->x.get_si(), bb->y.get_si(), bb->width.get_ui(), bb->height.get_ui()));
    }

    void bigGenerationCounts() {
        // Past 2^64: generation and population are exact big integers (bgolly: 2^100 in
        // populations.txt; here the glider count of a p52 gun grows by one per 52 generations,
        // so two huge jumps must differ by exactly 5 cells per glider).
        HashLife hl;
        readUniverseFile((kDir + "period-52-glider-gun.rle").toStdString(), hl);
        hl.stepPow2(100);
        const mpz_class p100 = hl.population();
        const mpz_class jump = mpz_class(52) * (mpz_class(1) << 70);
        hl.step(jump);
        QCOMPARE(hl.generation(), (mpz_class(1) << 100) + jump);
        QCOMPARE(hl.population() - p100, 5 * (mpz_class(1) << 70));
        const auto bb = hl.boundingBox();
        QVERIFY(bb);
        QVERIFY(bb->width > (mpz_class(1) << 90)); // gliders fly c/4: about 2^98 cells away
    }

    void boundingBoxAndCells() {
        HashLife hl;
        QVERIFY(hl.isEmpty());
        QVERIFY(!hl.boundingBox());
        hl.setCell(-1000, 7, true);
        hl.setCell(5, -3000, true);
        hl.setCell(123456789, 42, true);
        QVERIFY(hl.cell(-1000, 7));
        QVERIFY(hl.cell(123456789, 42));
        QVERIFY(!hl.cell(-999, 7));
        QCOMPARE(hl.population().get_ui(), 3ul);
        const auto bb = hl.boundingBox();
        QVERIFY(bb);
        QCOMPARE(bb->x.get_si(), -1000l);
        QCOMPARE(bb->y.get_si(), -3000l);
        QCOMPARE(bb->width.get_si(), 123456789l + 1000 + 1);
        QCOMPARE(bb->height.get_si(), 42l + 3000 + 1);
        hl.setCell(5, -3000, false);
        QCOMPARE(hl.boundingBox()->y.get_si(), 7l);
        // Isolated cells die.
        hl.step(1);
        QVERIFY(hl.isEmpty());
        QCOMPARE(hl.generation().get_ui(), 1ul);
    }

    void renderLevelOfDetail_data() {
        QTest::addColumn<int>("shift");
        for (int s : {0, 1, 2, 3, 4, 6})
            QTest::newRow(qPrintable(QString::number(s))) << s;
    }
    void renderLevelOfDetail() {
        // Brute force: each pixel's density counted from the extracted cells.
        QFETCH(int, shift);
        const Board soup = randomSoup(100, 70, 0.3, 9);
        HashLife hl;
        hl.loadBoard(soup, -37, -21);
        hl.step(30);
        // A view aligned to the pixel grid: a subtree smaller than a pixel lies in one pixel
        // (unaligned views put it in the pixel of its top-left corner).
        const std::int64_t x0 = -64, y0 = -64;
        const std::uint32_t w = 200 >> shift, h = 150 >> shift;
        std::vector<float> img(std::size_t(w) * h, -1.f);
        hl.render(x0, y0, unsigned(shift), w, h, img);
        const Board cells = hl.extract(x0, y0, w << shift, h << shift);
        const int side = 1 << shift;
        for (std::uint32_t py = 0; py < h; ++py)
            for (std::uint32_t px = 0; px < w; ++px) {
                int n = 0;
                for (int dy = 0; dy < side; ++dy)
                    for (int dx = 0; dx < side; ++dx)
                        n += cells.get(px * side + dx, py * side + dy);
                QCOMPARE(img[py * w + px], float(n) / float(side * side));
            }
        // Whole-pattern view far zoomed out: the total density is conserved.
        std::vector<float> one(1);
        hl.render(-(std::int64_t(1) << 20), -(std::int64_t(1) << 20), 21, 1, 1, one);
        QCOMPARE(one[0], float(hl.population().get_d() / std::ldexp(1.0, 42)));
    }

    void b0RulesRefused() {
        bool threw = false;
        try {
            HashLife hl(Rule::parse("B0/S8"));
        } catch (const util::Error& e) {
            threw = true;
            QVERIFY(QString(e.what()).contains("B0"));
        }
        QVERIFY(threw);
        HashLife hl;
        QVERIFY_THROWS_EXCEPTION(util::Error, hl.setRule(Rule::parse("B013/S125")));
        QCOMPARE(hl.rule(), Rule::life()); // unchanged
    }

    void memoryLimitCollectsGarbage() {
        // A methuselah to 2^16 needs far more than 4 MiB of nodes over its whole history; with
        // garbage collection it still gets bgolly's answer.
        HashLife small(Rule::life(), HashLife::kMinMemoryLimit);
        readUniverseFile((kDir + "rabbits-relation-17423.rle").toStdString(), small);
        small.setMemoryLimit(HashLife::kMinMemoryLimit);
        for (int i = 0; i < 64; ++i)
            small.step(1024);
        QVERIFY(small.stats().gcRuns > 0);
        HashLife big;
        readUniverseFile((kDir + "rabbits-relation-17423.rle").toStdString(), big);
        big.stepPow2(16);
        QCOMPARE(small.population(), big.population());
        QCOMPARE(big.stats().gcRuns, std::uint64_t(0));
    }

    void memoryLimitTooSmall() {
        // A big random soup cannot even hold its own nodes in 4 MiB: a clear LimitError, and
        // the universe keeps its last complete state.
        HashLife hl(Rule::life(), HashLife::kMinMemoryLimit);
        hl.loadBoard(randomSoup(4096, 4096, 0.5, 3));
        const mpz_class before = hl.population();
        bool threw = false;
        try {
            hl.stepPow2(8);
        } catch (const util::LimitError& e) {
            threw = true;
            QVERIFY2(QString(e.what()).contains("memory limit"), e.what());
        }
        QVERIFY(threw);
        QCOMPARE(hl.generation().get_ui(), 0ul);
        QCOMPARE(hl.population(), before);
        QVERIFY_THROWS_EXCEPTION(util::LimitError, hl.setMemoryLimit(1 << 20));
    }

    void cancellationStopsPromptly() {
        // A 512^2 soup to 2^30 takes many seconds; cancel after 50 ms.
        HashLife hl;
        hl.loadBoard(randomSoup(512, 512, 0.5, 4));
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        std::atomic<bool> cancelledAt{false};
        std::chrono::steady_clock::time_point t;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            t = std::chrono::steady_clock::now();
            token.cancel();
            cancelledAt = true;
        });
        bool cancelled = false;
        try {
            hl.stepPow2(30, ctx);
        } catch (const util::Cancelled&) {
            cancelled = true;
        }
        const auto done = std::chrono::steady_clock::now();
        canceller.join();
        QVERIFY(cancelled);
        QVERIFY(cancelledAt);
        QVERIFY2(done - t < std::chrono::milliseconds(100), "cancel took more than 100 ms");
        // The universe is still usable: the jump never happened.
        QCOMPARE(hl.generation().get_ui(), 0ul);
        hl.step(1);
        QCOMPARE(hl.generation().get_ui(), 1ul);
    }

    void bitpackedCancellationKeepsCompleteGenerations() {
        HashLife hl;
        hl.loadBoard(randomSoup(2048, 2048, 0.5, 5));
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            token.cancel();
        });
        bool cancelled = false;
        try {
            stepBitpackedUnbounded(hl, 100000, 1, ctx);
        } catch (const util::Cancelled&) {
            cancelled = true;
        }
        canceller.join();
        QVERIFY(cancelled);
        QVERIFY(hl.generation() < 100000);
        QVERIFY(!hl.isEmpty());
    }

    void engineChoice() {
        HashLife hl;
        hl.loadBoard(randomSoup(64, 64, 0.5, 1));
        QCOMPARE(chooseUnboundedEngine(hl, 1000), UnboundedEngine::Bitpacked);
        QCOMPARE(chooseUnboundedEngine(hl, mpz_class(1) << 20), UnboundedEngine::HashLife);
        QCOMPARE(parseUnboundedEngine("hashlife"), std::optional(UnboundedEngine::HashLife));
        QVERIFY(!parseUnboundedEngine("quicklife"));
    }

    void generationCountsParse() {
        QCOMPARE(parseGenerationCount("2^40"), mpz_class(1) << 40);
        QCOMPARE(parseGenerationCount("123456789012345678901234567890"),
                 mpz_class("123456789012345678901234567890"));
        QCOMPARE(parseGenerationCount("0"), mpz_class(0));
        for (const char* bad : {"", "-5", "2^", "2^x", "1e6", "12 3", "3^4"})
            QVERIFY_THROWS_EXCEPTION(util::Error, parseGenerationCount(bad));
        QVERIFY_THROWS_EXCEPTION(util::LimitError, parseGenerationCount("2^100001"));
        QCOMPARE(withThousandsSeparators(mpz_class("105722272794")),
                 std::string("105,722,272,794"));
        QCOMPARE(withThousandsSeparators(mpz_class(999)), std::string("999"));
        QCOMPARE(withThousandsSeparators(mpz_class(-1000)), std::string("-1,000"));
    }
};

QTEST_GUILESS_MAIN(TestHashLife)
#include "TestHashLife.moc"
