// Extended RLE: reading what Golly and LifeWiki write (comments, header with the bounded-grid
// suffix, runs, wrapping), writing it back, and every way a file can be malformed, each error
// with its line and column. Reference texts: LifeWiki's "Run Length Encoded" page and a file
// written by bgolly 3.3 (tests/life/data/gosper-gun-gen100-golly.rle, see make_fixtures.sh).
#include "life/Cells.h"
#include "life/ParseError.h"
#include "life/PatternFile.h"
#include "life/PatternLibrary.h"
#include "life/Rle.h"
#include "life/Soup.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::life;

class TestRle : public QObject {
    Q_OBJECT

private slots:
    void readsLifeWikiExample() {
        // The glider as LifeWiki's RLE page shows it, with every kind of comment line.
        const Pattern p = readRle("#N Glider\n"
                                  "#O Richard K. Guy\n"
                                  "#C The smallest, most common, and first discovered spaceship.\n"
                                  "#c lower-case comment\n"
                                  "#P -1 -2\n"
                                  "x = 3, y = 3, rule = B3/S23\n"
                                  "bob$2bo$3o!\n");
        QCOMPARE(QString::fromStdString(p.name), QStringLiteral("Glider"));
        QCOMPARE(QString::fromStdString(p.author), QStringLiteral("Richard K. Guy"));
        QCOMPARE(p.comments.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(p.comments[1]), QStringLiteral("lower-case comment"));
        QVERIFY(p.origin && p.origin->first == -1 && p.origin->second == -2);
        QCOMPARE(QString::fromStdString(p.cells.toText()), QStringLiteral(".O.\n..O\nOOO\n"));
        QCOMPARE(p.rule, RuleSpec{});
    }

    void readsHeaderVariants_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cells");
        QTest::addColumn<QString>("rule");
        QTest::newRow("no rule") << "x=3,y=1\n3o!"
                                 << "OOO\n"
                                 << "B3/S23";
        QTest::newRow("spaces") << "x = 3 ,  y = 1 , rule = b36/s23\n3o!"
                                << "OOO\n"
                                << "B36/S23";
        QTest::newRow("torus suffix") << "x = 2, y = 2, rule = B3/S23:T10,8\n2o$2o!"
                                      << "OO\nOO\n"
                                      << "B3/S23:T10,8";
        QTest::newRow("plane suffix") << "x = 1, y = 1, rule = B3/S23:P5,5\no!"
                                      << "O\n"
                                      << "B3/S23:P5,5";
        QTest::newRow("old #r line") << "#r 34/3\nx = 1, y = 1\no!"
                                     << "O\n"
                                     << "B3/S34";
        QTest::newRow("header rule beats #r") << "#r 34/3\nx = 1, y = 1, rule = B2/S\no!"
                                              << "O\n"
                                              << "B2/S";
        QTest::newRow("CRLF") << "#C x\r\nx = 2, y = 2\r\nbo$\r\nob!\r\n"
                              << ".O\nO.\n"
                              << "B3/S23";
        QTest::newRow("dots and blanks") << "x = 4, y = 1\n o . 2o !"
                                         << "O.OO\n"
                                         << "B3/S23";
        QTest::newRow("runs split by line breaks") << "x = 12, y = 1\n1\n2o\n!"
                                                   << "OOOOOOOOOOOO\n"
                                                   << "B3/S23";
        QTest::newRow("row skip") << "x = 1, y = 4\no3$o!"
                                  << "O\n.\n.\nO\n"
                                  << "B3/S23";
        QTest::newRow("trailing text ignored") << "x = 1, y = 1\no! trailing $$$ 3x"
                                               << "O\n"
                                               << "B3/S23";
        QTest::newRow("short rows") << "x = 5, y = 2\no$4bo!"
                                    << "O....\n....O\n"
                                    << "B3/S23";
    }
    void readsHeaderVariants() {
        QFETCH(QString, text);
        QFETCH(QString, cells);
        QFETCH(QString, rule);
        const Pattern p = readRle(text.toStdString());
        QCOMPARE(QString::fromStdString(p.cells.toText()), cells);
        QCOMPARE(QString::fromStdString(p.rule.toString()), rule);
    }

    void emptyPattern() {
        const Pattern p = readRle("x = 0, y = 0, rule = B3/S23\n!");
        QVERIFY(p.cells.isEmpty());
        QCOMPARE(QString::fromStdString(writeRle(p)),
                 QStringLiteral("x = 0, y = 0, rule = B3/S23\n!\n"));
    }

    void readsGollyOutput() {
        // bgolly -a QuickLife -m 100 -o ... gosper-glider-gun.rle printed "100: 63".
        const Pattern p =
            readPatternFile(ALGOSCOPE_SOURCE_DIR "/tests/life/data/gosper-gun-gen100-golly.rle");
        QCOMPARE(p.cells.width(), 43u);
        QCOMPARE(p.cells.height(), 30u);
        QCOMPARE(p.cells.population(), std::uint64_t(63));
    }

    void errorsCarryLineAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no header") << "#C hi\nbo$2bo!" << 2 << 1 << "missing RLE header";
        QTest::newRow("empty file") << "" << 1 << 1 << "no RLE header";
        QTest::newRow("only comments") << "#N x\n#C y\n" << 2 << 1 << "no RLE header";
        QTest::newRow("header without y") << "x = 3\n3o!" << 1 << 1 << "both x and y";
        QTest::newRow("bad x") << "x = a, y = 1\no!" << 1 << 5 << "non-negative integer";
        QTest::newRow("missing =") << "x 3, y = 1\no!" << 1 << 3 << "expected '='";
        QTest::newRow("unknown field")
            << "x = 3, y = 1, colour = red\n3o!" << 1 << 15 << "unknown header field 'colour'";
        QTest::newRow("bad separator") << "x = 3; y = 1\n3o!" << 1 << 6 << "expected ','";
        QTest::newRow("bad rule") << "x = 3, y = 1, rule = B9/S23\n3o!" << 1 << 22 << "impossible";
        QTest::newRow("unsupported grid")
            << "x = 3, y = 1, rule = B3/S23:K30*,20\n3o!" << 1 << 22 << "Klein bottle";
        QTest::newRow("row too long")
            << "x = 3, y = 2\nbo$\n2b2o!" << 3 << 3 << "longer than the header's x = 3";
        QTest::newRow("dead run too long") << "x = 3, y = 1\n4b!" << 2 << 1 << "longer than";
        QTest::newRow("too many rows") << "x = 3, y = 2\no$o$o!" << 2 << 5 << "more rows";
        QTest::newRow("too many rows by count") << "x = 3, y = 2\no3$o!" << 2 << 2 << "more rows";
        QTest::newRow("multi-state")
            << "x = 3, y = 1, rule = B3/S23\n2A.!" << 2 << 2 << "multi-state cell 'A'";
        QTest::newRow("multi-state prefix")
            << "x = 3, y = 1\npA!" << 2 << 1 << "multi-state cell 'p'";
        QTest::newRow("junk") << "x = 3, y = 1\no?o!" << 2 << 2 << "unexpected '?'";
        QTest::newRow("control byte") << "x = 3, y = 1\no\x01o!" << 2 << 2 << "0x01";
        QTest::newRow("missing !") << "x = 3, y = 1\n3o\n" << 2 << 3 << "missing '!'";
        QTest::newRow("count at end") << "x = 3, y = 1\n2o$12" << 2 << 4 << "run count at the end";
        QTest::newRow("count 0") << "x = 3, y = 1\n0o!" << 2 << 1 << "run count 0";
        QTest::newRow("count before !") << "x = 3, y = 1\no3!" << 2 << 2 << "before '!'";
        QTest::newRow("huge count")
            << "x = 3, y = 1\n99999999999999999999999o!" << 2 << 1 << "longer than";
        QTest::newRow("#P not numbers") << "#P a b\nx = 1, y = 1\no!" << 1 << 4 << "two integers";
        QTest::newRow("#r bad rule") << "#r 2/3/4\nx = 1, y = 1\no!" << 1 << 3 << "'/'";
        QTest::newRow("x without y") << "x = 3, y = 0\n!" << 1 << 1 << "both be 0";
    }
    void errorsCarryLineAndColumn() {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, mentions);
        try {
            readRle(text.toStdString());
            QFAIL("no error");
        } catch (const ParseError& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
            QCOMPARE(int(e.line()), line);
            QCOMPARE(int(e.column()), column);
            QVERIFY(QString(e.what()).startsWith(
                QStringLiteral("line %1, column %2: ").arg(line).arg(column)));
        }
    }

    void sizeLimitsBeforeAllocating() {
        // Over the side limit: LimitError naming it, with the place in the file.
        try {
            readRle("x = 70000, y = 2\no!");
            QFAIL("no error");
        } catch (const util::LimitError& e) {
            QVERIFY2(QString(e.what()).contains("65536"), e.what());
            QVERIFY2(QString(e.what()).contains("line 1, column 5"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::LimitError,
                                 readRle("x = 99999999999999999999999999, y = 1\no!"));
        // A reader limit below the side limit (fuzzers and previews use one).
        ReadLimits small;
        small.maxCells = 1000;
        QVERIFY_THROWS_EXCEPTION(util::LimitError, readRle("x = 100, y = 11\no!", small));
        QCOMPARE(readRle("x = 100, y = 10\no!", small).cells.population(), std::uint64_t(1));
    }

    void writesGollyStyle() {
        Pattern p;
        p.name = "Two rows";
        p.author = "algoscope";
        p.comments = {"first", "second"};
        p.rule = RuleSpec::parse("B36/S23:T80,4");
        p.cells = Board(80, 4);
        for (std::uint32_t x = 0; x < 80; x += 2)
            p.cells.set(x, 0, true); // 40 single cells: a long line that must wrap
        p.cells.set(79, 3, true);
        const std::string text = writeRle(p);
        const QStringList lines = QString::fromStdString(text).split('\n');
        QCOMPARE(lines[0], QStringLiteral("#N Two rows"));
        QCOMPARE(lines[1], QStringLiteral("#O algoscope"));
        QCOMPARE(lines[2], QStringLiteral("#C first"));
        QCOMPARE(lines[3], QStringLiteral("#C second"));
        QCOMPARE(lines[4], QStringLiteral("x = 80, y = 4, rule = B36/S23:T80,4"));
        for (const QString& l : lines)
            QVERIFY2(l.size() <= 70, qPrintable(l));
        QVERIFY(text.find("3$79bo!") != std::string::npos); // empty rows collapse into 3$
        QCOMPARE(text.back(), '\n');
        const Pattern back = readRle(text);
        QVERIFY(back.cells == p.cells);
        QCOMPARE(back.rule, p.rule);
        QCOMPARE(back.name, p.name);
        QCOMPARE(back.author, p.author);
        QCOMPARE(back.comments, p.comments);
    }

    void roundTripsRandomBoards_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("density");
        for (auto [w, h] : {std::pair{1, 1}, {63, 65}, {65, 1}, {130, 3}, {300, 200}, {64, 64}})
            for (double d : {0.0, 0.05, 0.5, 0.97, 1.0})
                QTest::addRow("%dx%d d=%g", w, h, d) << w << h << d;
    }
    void roundTripsRandomBoards() {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(double, density);
        Pattern p;
        p.cells = randomSoup(width, height, density, 77);
        const Pattern rle = readRle(writeRle(p));
        QVERIFY(rle.cells == p.cells);
        const Pattern cells = readCells(writeCells(p));
        QVERIFY(cells.cells == p.cells);
    }

    void roundTripsTheLibrary() {
        for (const auto& e : PatternLibrary::instance().patterns()) {
            const Pattern back = readRle(writeRle(e.pattern));
            QVERIFY2(back.cells == e.pattern.cells, e.id.c_str());
            QCOMPARE(back.name, e.pattern.name);
            QCOMPARE(back.author, e.pattern.author);
        }
    }

    void plaintextCells() {
        const Pattern p = readCells("!Name: Glider\n"
                                    "! the c/4 spaceship\n"
                                    ".O\n"
                                    "..O\r\n"
                                    "O*O  \n"
                                    "\n"
                                    "\n");
        QCOMPARE(QString::fromStdString(p.name), QStringLiteral("Glider"));
        QCOMPARE(p.comments.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(p.cells.toText()), QStringLiteral(".O.\n..O\nOOO\n"));
        const std::string out = writeCells(p);
        QCOMPARE(QString::fromStdString(out),
                 QStringLiteral("!Name: Glider\n! the c/4 spaceship\n.O.\n..O\nOOO\n"));
        // Blank lines inside the pattern are dead rows.
        QCOMPARE(readCells("O\n\nO\n").cells.height(), 3u);
        QVERIFY(readCells("! only a comment\n").cells.isEmpty());
        try {
            readCells("!c\n.O\n.Ox\n");
            QFAIL("no error");
        } catch (const ParseError& e) {
            QCOMPARE(int(e.line()), 3);
            QCOMPARE(int(e.column()), 3);
        }
        ReadLimits small;
        small.maxCells = 10;
        QVERIFY_THROWS_EXCEPTION(util::LimitError, readCells("OOOOOO\nO\n", small));
        QVERIFY_THROWS_EXCEPTION(util::LimitError, readCells(std::string(70000, 'O') + "\n"));
    }

    void filesByExtensionAndContent() {
        QCOMPARE(formatFromPath("a/b.RLE"), std::optional<PatternFormat>(PatternFormat::Rle));
        QCOMPARE(formatFromPath("x.cells"), std::optional<PatternFormat>(PatternFormat::Cells));
        QVERIFY(!formatFromPath("x.lif"));
        QCOMPARE(guessFormat("!Name: x\n.O\n"), PatternFormat::Cells);
        QCOMPARE(guessFormat("..O\nOOO\n"), PatternFormat::Cells);
        QCOMPARE(guessFormat("#N x\nx = 1, y = 1\no!"), PatternFormat::Rle);

        QTemporaryDir dir;
        const Pattern glider = PatternLibrary::instance().get("glider").pattern;
        for (const char* name : {"g.rle", "g.cells", "g.txt"}) {
            const std::string path = (dir.path() + "/" + name).toStdString();
            writePatternFile(path, glider);
            const Pattern back = readPatternFile(path);
            QVERIFY2(back.cells == glider.cells, name);
        }
        // Errors name the file.
        const std::string bad = (dir.path() + "/bad.rle").toStdString();
        writePatternFile(bad, glider);
        {
            QFile f(QString::fromStdString(bad));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x = 2, y = 1\n3o!\n");
        }
        try {
            readPatternFile(bad);
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(
                QString(e.what()).startsWith(QString::fromStdString(bad) + ": line 2, column 1"),
                e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::Error,
                                 readPatternFile(dir.path().toStdString() + "/none.rle"));
    }
};

QTEST_GUILESS_MAIN(TestRle)
#include "TestRle.moc"
