// The bundled pattern library: every pattern the issue asks for is there, parses, names its
// discoverer, and behaves as its "#C period:" line (LifeWiki's figure) says.
#include "life/BitpackedEngine.h"
#include "life/LifeRun.h"
#include "life/PatternLibrary.h"
#include "util/Error.h"
#include "util/Resources.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::life;

class TestPatternLibrary : public QObject {
    Q_OBJECT

private slots:
    void hasTheRequiredPatterns_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("discoverer");
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("population");
        // Names, discoverers, years and cell counts as LifeWiki gives them.
        QTest::newRow("glider") << "glider"
                                << "Glider"
                                << "Richard K. Guy" << 1969 << 5;
        QTest::newRow("lwss") << "lwss"
                              << "Lightweight spaceship"
                              << "John Conway" << 1970 << 9;
        QTest::newRow("mwss") << "mwss"
                              << "Middleweight spaceship"
                              << "John Conway" << 1970 << 11;
        QTest::newRow("hwss") << "hwss"
                              << "Heavyweight spaceship"
                              << "John Conway" << 1970 << 13;
        QTest::newRow("copperhead") << "copperhead"
                                    << "Copperhead"
                                    << "zdr" << 2016 << 28;
        QTest::newRow("blinker") << "blinker"
                                 << "Blinker"
                                 << "John Conway" << 1969 << 3;
        QTest::newRow("toad") << "toad"
                              << "Toad"
                              << "Simon Norton" << 1970 << 6;
        QTest::newRow("beacon") << "beacon"
                                << "Beacon"
                                << "John Conway" << 1970 << 6;
        QTest::newRow("pulsar") << "pulsar"
                                << "Pulsar"
                                << "John Conway" << 1970 << 48;
        QTest::newRow("pentadecathlon") << "pentadecathlon"
                                        << "Pentadecathlon"
                                        << "John Conway" << 1970 << 12;
        QTest::newRow("gosper") << "gosper-glider-gun"
                                << "Gosper glider gun"
                                << "Bill Gosper" << 1970 << 36;
        QTest::newRow("simkin") << "simkin-glider-gun"
                                << "Simkin glider gun"
                                << "Michael Simkin" << 2015 << 36;
        QTest::newRow("r-pentomino") << "r-pentomino"
                                     << "R-pentomino"
                                     << "John Conway" << 1969 << 5;
        QTest::newRow("acorn") << "acorn"
                               << "Acorn"
                               << "Charles Corderman" << 1971 << 7;
        QTest::newRow("diehard") << "diehard"
                                 << "Diehard"
                                 << "unknown" << 0 << 7;
        QTest::newRow("block") << "block"
                               << "Block"
                               << "John Conway" << 1969 << 4;
        QTest::newRow("beehive") << "beehive"
                                 << "Beehive"
                                 << "John Conway" << 1969 << 6;
        QTest::newRow("loaf") << "loaf"
                              << "Loaf"
                              << "John Conway" << 1970 << 7;
        QTest::newRow("boat") << "boat"
                              << "Boat"
                              << "John Conway" << 1970 << 5;
    }
    void hasTheRequiredPatterns() {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QFETCH(QString, discoverer);
        QFETCH(int, year);
        QFETCH(int, population);
        const auto& lib = PatternLibrary::instance();
        const LibraryPattern* p = lib.find(id.toStdString());
        QVERIFY(p);
        QCOMPARE(QString::fromStdString(p->name), name);
        QCOMPARE(QString::fromStdString(p->discoverer), discoverer);
        QCOMPARE(p->year, year);
        QCOMPARE(int(p->pattern.cells.population()), population);
        QCOMPARE(QString::fromStdString(p->resource), "resources/patterns/" + id + ".rle");
        QVERIFY(!p->category.empty());
        QCOMPARE(lib.find(name.toUpper().toStdString()), p); // by name, any case
    }

    void lookupErrorsListIds() {
        QVERIFY(!PatternLibrary::instance().find("no such thing"));
        try {
            PatternLibrary::instance().get("no such thing");
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains("glider"), e.what());
        }
    }

    void periodsMatchSimulation() {
        // Oscillators return to their first state after exactly `period` generations, guns
        // and spaceships after one period are the same shape elsewhere or grown: here the
        // oscillators and still lifes, through the period detector.
        for (const auto& p : PatternLibrary::instance().patterns()) {
            if (p.category != "oscillator" && p.category != "still life")
                continue;
            Board b(p.width() + 10, p.height() + 10);
            b.paste(p.pattern.cells, 5, 5);
            BitpackedEngine e;
            e.setTopology(Topology::Plane);
            e.setBoard(b);
            RunOptions o;
            o.generations = 100;
            o.stopWhenStable = true;
            const auto r = runLife(e, o);
            QVERIFY2(r.period, p.id.c_str());
            QCOMPARE(int(*r.period), p.category == "still life" ? 1 : p.period);
        }
    }

    void everyBundledFileIsInTheLibrary() {
        std::size_t files = 0;
        for (const auto& name : util::listResources("resources/patterns/"))
            files += name.size() > 4 && name.substr(name.size() - 4) == ".rle";
        QCOMPARE(PatternLibrary::instance().patterns().size(), files);
        QVERIFY(files >= 19);
    }
};

QTEST_GUILESS_MAIN(TestPatternLibrary)
#include "TestPatternLibrary.moc"
