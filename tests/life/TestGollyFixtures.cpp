// The CPU engines against Golly: population sequences that bgolly 3.3 (QuickLife) printed for
// random soups on bounded grids, stored with the soups in tests/life/data (make_fixtures.sh
// there has the exact commands; Golly is not needed to run this test).
//
// B0 rules: Golly emulates them by storing the complement of the board (a rule with B0 and S8
// keeps the complement from generation 1 on; one with B0 and without S8 alternates, storing the
// complement at odd generations), and bgolly prints the population of what it stores. There the
// true population is width * height minus Golly's figure; the test converts accordingly.
#include "life/BitpackedEngine.h"
#include "life/NaiveEngine.h"
#include "life/PatternFile.h"

#include <QFile>
#include <QtTest>

#include <map>

using namespace algoscope;
using namespace algoscope::life;

namespace {

const QString kDataDir = QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/life/data/");

// "gen pop" lines of a .pop file.
std::map<std::uint64_t, std::uint64_t> readPopulations(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    std::map<std::uint64_t, std::uint64_t> out;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const auto parts = line.split(' ');
        out[parts.at(0).toULongLong()] = parts.at(1).toULongLong();
    }
    return out;
}

// The population Golly's emulation stores for a true population `pop` at generation g.
std::uint64_t gollyStored(const Rule& rule, std::uint64_t g, std::uint64_t pop,
                          std::uint64_t cells) {
    if (!rule.hasB0() || g == 0)
        return pop;
    const bool complemented = rule.survival(8) ? true : (g % 2 == 1);
    return complemented ? cells - pop : pop;
}

} // namespace

class TestGollyFixtures : public QObject {
    Q_OBJECT

private slots:
    void matchesBgolly_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"life-torus-64x64", "life-plane-64x48", "life-torus-63x65",
                              "life-torus-130x3", "highlife-torus-70x33", "seeds-torus-100x100",
                              "daynight-torus-64x64", "b0s8-torus-65x33", "b013s125-torus-31x70"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void matchesBgolly() {
        QFETCH(QString, name);
        const Pattern p = readPatternFile((kDataDir + name + ".rle").toStdString());
        QVERIFY(p.rule.grid); // the soup's rule names its bounded grid
        QCOMPARE(p.cells.width(), p.rule.grid->width);
        const auto expected = readPopulations(kDataDir + name + ".pop");
        QVERIFY(expected.size() > 10);
        const std::uint64_t cells = p.cells.cellCount();
        const std::uint64_t last = expected.rbegin()->first;

        NaiveEngine naive;
        BitpackedEngine fast;
        for (LifeEngine* e : {static_cast<LifeEngine*>(&naive), static_cast<LifeEngine*>(&fast)}) {
            e->setRule(p.rule.rule);
            e->setTopology(p.rule.grid->topology);
            e->setBoard(p.cells);
            for (std::uint64_t g = 0; g <= last; ++g) {
                if (g > 0)
                    e->step(1);
                const std::uint64_t stored = gollyStored(p.rule.rule, g, e->population(), cells);
                QVERIFY2(stored == expected.at(g),
                         qPrintable(QStringLiteral("%1, generation %2: %3 vs bgolly %4")
                                        .arg(QString::fromLatin1(e->name().data()))
                                        .arg(g)
                                        .arg(stored)
                                        .arg(expected.at(g))));
            }
        }
        // All generations in one call (the bitpacked engine's multi-generation passes).
        BitpackedEngine once;
        once.setRule(p.rule.rule);
        once.setTopology(p.rule.grid->topology);
        once.setBoard(p.cells);
        once.step(last);
        QCOMPARE(gollyStored(p.rule.rule, last, once.population(), cells), expected.at(last));
        QVERIFY(once.board() == naive.board());
    }
};

QTEST_GUILESS_MAIN(TestGollyFixtures)
#include "TestGollyFixtures.moc"
