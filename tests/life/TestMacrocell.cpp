// Macrocell (.mc, .mc.gz) reading and writing (core/life/Macrocell.h):
//  - a file written by Golly itself (bgolly -o, see tests/life/data/hashlife/
//    make_hashlife_fixtures.sh): the rake breeder at generation 2^20, whose population bgolly
//    printed as 2,291,657,242 (also the reference file's figure);
//  - round trips through our writer (plain and gzip) keep cells, rule, generation, comments;
//  - malformed files: util::Error (ParseError) with the right line number;
//  - optionally, bgolly reads what we write (skipped when Golly is not installed).
#include "life/HashLife.h"
#include "life/Macrocell.h"
#include "life/ParseError.h"
#include "life/Soup.h"
#include "life/Unbounded.h"
#include "util/AtomicFile.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::life;

namespace {
const QString kDir = QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/life/data/hashlife/");

// Same cells in the bounding box of a (which must equal b's).
bool sameUniverse(const HashLife& a, const HashLife& b) {
    const auto ba = a.boundingBox(), bb = b.boundingBox();
    if (!ba || !bb)
        return !ba && !bb;
    if (ba->x != bb->x || ba->y != bb->y || ba->width != bb->width || ba->height != bb->height)
        return false;
    if (ba->width > 8192 || ba->height > 8192)         // too big to compare cell by cell: the trees
        return writeMacrocell(a) == writeMacrocell(b); // (canonical text = same quadtree)
    const auto x = ba->x.get_si(), y = ba->y.get_si();
    const auto w = std::uint32_t(ba->width.get_ui()), h = std::uint32_t(ba->height.get_ui());
    return a.extract(x, y, w, h) == b.extract(x, y, w, h);
}
} // namespace

class TestMacrocell : public QObject {
    Q_OBJECT

private slots:
    void readsGollysOwnFile() {
        HashLife hl;
        const auto f = readUniverseFile((kDir + "rake-breeder-2e20-golly.mc").toStdString(), hl);
        QCOMPARE(f.format, std::string("macrocell"));
        QCOMPARE(hl.generation().get_str(), std::string("1048576"));
        QCOMPARE(hl.population().get_str(), std::string("2291657242"));
        // And it is the same universe as our own run from the RLE.
        HashLife ours;
        readUniverseFile((kDir + "rake-breeder.rle").toStdString(), ours);
        ours.stepPow2(20);
        QCOMPARE(ours.population(), hl.population());
        QCOMPARE(ours.boundingBox()->width, hl.boundingBox()->width);
        QCOMPARE(ours.boundingBox()->height, hl.boundingBox()->height);
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("generations");
        QTest::addColumn<bool>("compressed");
        QTest::newRow("gun at 2^40") << "period-52-glider-gun.rle"
                                     << "2^40" << false;
        QTest::newRow("rake breeder at 2^20, gz") << "rake-breeder.rle"
                                                  << "2^20" << true;
        QTest::newRow("ruler.mc at 1000") << "ruler.mc"
                                          << "1000" << false;
        QTest::newRow("HighLife-free B3678/S34678 at 2^12") << "Day-and-Night-gun-and-antigun.rle"
                                                            << "2^12" << true;
        QTest::newRow("empty") << ""
                               << "0" << false;
    }
    void roundTrip() {
        QFETCH(QString, source);
        QFETCH(QString, generations);
        QFETCH(bool, compressed);
        HashLife a;
        if (!source.isEmpty())
            readUniverseFile((kDir + source).toStdString(), a);
        a.step(parseGenerationCount(generations.toStdString()));
        QTemporaryDir dir;
        const std::string path =
            (dir.path() + (compressed ? "/out.mc.gz" : "/out.mc")).toStdString();
        writeUniverseFile(path, a, {"a comment", "second\nline"}, "name");
        const std::string bytes = util::readFileBytes(path, 1 << 30);
        QCOMPARE(isGzip(bytes), compressed);
        HashLife b;
        const auto f = readUniverseFile(path, b);
        QCOMPARE(b.generation(), a.generation());
        QCOMPARE(b.population(), a.population());
        QCOMPARE(b.rule(), a.rule());
        QVERIFY(sameUniverse(a, b));
        QCOMPARE(f.comments.size(), std::size_t(3));
        QCOMPARE(f.comments.at(0), std::string("name"));
        QCOMPARE(f.comments.at(2), std::string("second line"));
        // Writing again gives the same text (canonical order: children first, depth-first).
        QCOMPARE(writeMacrocell(b, f.comments), writeMacrocell(a, f.comments));
        // And stepping both on agrees.
        a.step(777);
        b.step(777);
        QCOMPARE(b.population(), a.population());
    }

    void textFormat() {
        // A glider at the origin, written by hand in Golly's dialect.
        HashLife hl;
        readMacrocell("[M2] (golly 3.3)\n#R B3/S23\n#G 12\n.*$..*$***$\n4 1 0 0 0\n5 0 0 0 2\n",
                      hl);
        QCOMPARE(hl.population().get_ui(), 5ul);
        QCOMPARE(hl.generation().get_ui(), 12ul);
        // The level-5 root spans [-16, 16); its se child (level 4) starts at the origin and its
        // nw leaf holds the glider.
        QVERIFY(hl.cell(1, 0) && hl.cell(2, 1) && hl.cell(0, 2) && hl.cell(1, 2) && hl.cell(2, 2));
        const std::string out = writeMacrocell(hl);
        QVERIFY(out.rfind("[M2] (", 0) == 0);
        QVERIFY(out.find("#R B3/S23\n#G 12\n.*$..*$***$\n") != std::string::npos);
        hl.step(4); // a glider moves (1, 1) every 4 generations
        QVERIFY(hl.cell(2, 1) && hl.cell(3, 2) && hl.cell(1, 3) && hl.cell(2, 3) && hl.cell(3, 3));
        QCOMPARE(hl.generation().get_ui(), 16ul);
    }

    void malformed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("no header") << "4 0 0 0 0\n" << 1;
        QTest::newRow("empty") << "" << 1;
        QTest::newRow("bad leaf char") << "[M2]\n.*x$\n" << 2;
        QTest::newRow("leaf too wide") << "[M2]\n.........*$\n" << 2;
        QTest::newRow("leaf too tall") << "[M2]\n$$$$$$$$*$\n" << 2;
        QTest::newRow("forward reference") << "[M2]\n*$\n4 1 2 0 0\n" << 3;
        QTest::newRow("wrong child level") << "[M2]\n*$\n4 1 0 0 0\n4 2 0 0 0\n" << 4;
        QTest::newRow("level 3 node") << "[M2]\n3 0 0 0 0\n" << 2;
        QTest::newRow("too few numbers") << "[M2]\n*$\n4 1 0 0\n" << 3;
        QTest::newRow("trailing junk") << "[M2]\n*$\n4 1 0 0 0 7\n" << 3;
        QTest::newRow("huge level") << "[M2]\n99999 0 0 0 0\n" << 2;
        QTest::newRow("bad rule") << "[M2]\n#R Wireworld\n*$\n" << 2;
        QTest::newRow("B0 rule") << "[M2]\n#R B0/S8\n*$\n" << 2;
        QTest::newRow("bad generation") << "[M2]\n#G -5\n" << 2;
        QTest::newRow("garbage line") << "[M2]\n*$\nhello\n" << 3;
        QTest::newRow("huge reference") << "[M2]\n*$\n4 99999999999999 0 0 0\n" << 3;
    }
    void malformed() {
        QFETCH(QString, text);
        QFETCH(int, line);
        HashLife hl;
        const std::string t = text.toStdString();
        try {
            readMacrocell(t, hl);
            QFAIL("no error");
        } catch (const ParseError& e) {
            QCOMPARE(int(e.line()), line);
        } catch (const util::Error& e) {
            // B0: refused by HashLife::setRule after parsing; the message names B0.
            QVERIFY2(QString(e.what()).contains("B0"), e.what());
        }
    }

    void corruptGzip() {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/bad.mc.gz").toStdString();
        std::string z = gzip("[M2]\n*$\n4 1 0 0 0\n");
        z.resize(z.size() / 2);
        util::writeFileAtomically(path, z);
        HashLife hl;
        QVERIFY_THROWS_EXCEPTION(util::Error, readUniverseFile(path, hl));
        QCOMPARE(gunzip(gzip("hello"), 100), std::string("hello"));
        QVERIFY_THROWS_EXCEPTION(util::LimitError, gunzip(gzip(std::string(1000, 'a')), 100));
    }

    void wideRleGoesStraightIntoTheQuadtree() {
        // Golly's switch-engine-ping-pong is 210,515 cells wide: more than a Board holds.
        HashLife hl;
        const auto f = readUniverseFile((kDir + "switch-engine-ping-pong.rle").toStdString(), hl);
        QCOMPARE(f.format, std::string("rle"));
        const auto bb = hl.boundingBox();
        QVERIFY(bb);
        QVERIFY(bb->width > 200000);
        // Malformed wide RLE: line and column.
        bool threw = false;
        try {
            readRleBlocks("x = 300000, y = 1\n3o5q!\n");
        } catch (const ParseError& e) {
            threw = true;
            QCOMPARE(int(e.line()), 2);
            QCOMPARE(int(e.column()), 4);
        }
        QVERIFY(threw);
        const auto blocks = readRleBlocks("#N t\nx = 9, y = 2\n2bo6bo$o!\n");
        QCOMPARE(blocks.name, std::string("t"));
        std::uint64_t cells = 0;
        for (const auto& b : blocks.blocks)
            cells += std::uint64_t(std::popcount(b.bits));
        QCOMPARE(cells, std::uint64_t(3));
    }

    void rleOutputOfAnUnboundedPattern() {
        HashLife a;
        readUniverseFile((kDir + "period-52-glider-gun.rle").toStdString(), a);
        a.step(5000);
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/out.rle").toStdString();
        writeUniverseFile(path, a);
        HashLife b;
        readUniverseFile(path, b); // the #P origin puts it back in place
        QVERIFY(sameUniverse(a, b));
    }

    void bgollyReadsWhatWeWrite() {
        if (!QFile::exists("/usr/bin/bgolly"))
            QSKIP("Golly's bgolly is not installed (optional peer check)");
        HashLife a;
        readUniverseFile((kDir + "rake-breeder.rle").toStdString(), a);
        a.stepPow2(10);
        QTemporaryDir dir;
        const QString path = dir.path() + "/ours.mc";
        writeUniverseFile(path.toStdString(), a);
        QProcess p;
        p.start("/usr/bin/bgolly", {"-a", "HashLife", "-m", "2048", "-i", "1024", path});
        QVERIFY(p.waitForFinished(20000));
        const QString out = QString::fromLatin1(p.readAllStandardOutput()).trimmed();
        a.stepPow2(10);
        // bgolly prints "2,048: population" last.
        const QString last = out.split('\n').last();
        QCOMPARE(last, QStringLiteral("2,048: ") +
                           QString::fromStdString(withThousandsSeparators(a.population())));
    }
};

QTEST_GUILESS_MAIN(TestMacrocell)
#include "TestMacrocell.moc"
