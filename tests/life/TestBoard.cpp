// Board: the size limit (refused before allocating), the bit layout invariants, population,
// bounding box, hashing and the geometric helpers. Expected values are counted by hand on
// drawings in the test or come from brute-force loops over get().
#include "life/Board.h"
#include "life/Soup.h"
#include "util/Error.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::life;

namespace {

// Brute force over get(): the number of live cells.
std::uint64_t countCells(const Board& b) {
    std::uint64_t n = 0;
    for (std::uint32_t y = 0; y < b.height(); ++y)
        for (std::uint32_t x = 0; x < b.width(); ++x)
            n += b.get(x, y);
    return n;
}

} // namespace

class TestBoard : public QObject {
    Q_OBJECT

private slots:
    void sizeLimits() {
        // The limit is checked before anything is allocated: 2^40 x 2^40 would be 2^77 bits.
        try {
            Board b(std::uint64_t{1} << 40, std::uint64_t{1} << 40);
            QFAIL("no error");
        } catch (const util::LimitError& e) {
            QVERIFY2(QString(e.what()).contains("65536"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::LimitError, Board(65537, 1));
        QVERIFY_THROWS_EXCEPTION(util::LimitError, Board(1, 65537));
        QVERIFY_THROWS_EXCEPTION(util::Error, Board(0, 5));
        const Board ok(65536, 2);
        QCOMPARE(ok.width(), 65536u);
        QCOMPARE(ok.wordsPerRow(), std::size_t(1024));
        QVERIFY(Board().isEmpty());
    }

    void layoutIsLsbFirst() {
        Board b(70, 2);
        b.set(0, 0, true);
        b.set(63, 0, true);
        b.set(64, 0, true);
        b.set(69, 1, true);
        QCOMPARE(b.row(0)[0], (std::uint64_t{1} << 63) | 1u);
        QCOMPARE(b.row(0)[1], std::uint64_t{1});
        QCOMPARE(b.row(1)[1], std::uint64_t{1} << 5);
        QCOMPARE(b.lastWordMask(), (std::uint64_t{1} << 6) - 1);
        b.set(63, 0, false);
        QVERIFY(!b.get(63, 0));
        QVERIFY(!b.at(-1, 0));
        QVERIFY(!b.at(70, 0));
        QVERIFY(b.at(69, 1));
        b.row(0)[1] |= std::uint64_t{1} << 40; // beyond the width
        b.clearPadding();
        QCOMPARE(b.row(0)[1], std::uint64_t{1});
    }

    void populationAndBoundingBox() {
        const Board b = Board::fromText("......\n"
                                        "..O...\n"
                                        "....O.\n"
                                        "......\n");
        QCOMPARE(b.population(), std::uint64_t(2));
        QCOMPARE(b.boundingBox(), std::optional<CellRect>(CellRect{2, 1, 3, 2}));
        QVERIFY(!Board(5, 5).boundingBox());
        // Across word boundaries, against brute force.
        const Board soup = randomSoup(200, 7, 0.01, 3);
        QCOMPARE(soup.population(), countCells(soup));
        std::uint32_t minX = 999, maxX = 0, minY = 999, maxY = 0;
        for (std::uint32_t y = 0; y < soup.height(); ++y)
            for (std::uint32_t x = 0; x < soup.width(); ++x)
                if (soup.get(x, y)) {
                    minX = std::min(minX, x), maxX = std::max(maxX, x);
                    minY = std::min(minY, y), maxY = std::max(maxY, y);
                }
        QCOMPARE(soup.boundingBox(),
                 std::optional<CellRect>(CellRect{minX, minY, maxX - minX + 1, maxY - minY + 1}));
    }

    void hashSeesEveryCellAndTheSize() {
        Board a(100, 100), b(100, 100);
        QCOMPARE(a.hash(), b.hash());
        b.set(99, 99, true);
        QVERIFY(a.hash() != b.hash());
        QVERIFY(Board(100, 50).hash() != Board(50, 100).hash());
        // Every single-cell board of a small size hashes differently.
        QSet<quint64> seen;
        for (std::uint32_t y = 0; y < 9; ++y)
            for (std::uint32_t x = 0; x < 130; ++x) {
                Board c(130, 9);
                c.set(x, y, true);
                seen.insert(c.hash());
            }
        QCOMPARE(seen.size(), 130 * 9);
    }

    void pasteClipsAndCombines() {
        const Board glider = Board::fromText(".O.\n..O\nOOO\n");
        Board b(4, 4);
        b.paste(glider, -1, 2); // clipped on the left and at the bottom
        QCOMPARE(QString::fromStdString(b.toText()), QStringLiteral("....\n"
                                                                    "....\n"
                                                                    "O...\n"
                                                                    ".O..\n"));
        b.paste(glider, 1, 1, PasteMode::Xor);
        QCOMPARE(QString::fromStdString(b.toText()), QStringLiteral("....\n"
                                                                    "..O.\n"
                                                                    "O..O\n"
                                                                    "..OO\n"));
        b.paste(Board::fromText("OO\nOO\n"), 3, 3, PasteMode::Or);
        QVERIFY(b.get(3, 3));
        QCOMPARE(b.cropped({1, 1, 10, 10}).width(), 3u);
        QVERIFY(b.cropped({4, 0, 2, 2}).isEmpty());
        b.fill({0, 0, 2, 1}, true);
        QVERIFY(b.get(0, 0) && b.get(1, 0) && !b.get(2, 0));
    }

    void transforms() {
        const Board r = Board::fromText("OO.\n"
                                        "O..\n");
        QCOMPARE(QString::fromStdString(r.rotatedClockwise().toText()),
                 QStringLiteral("OO\n.O\n..\n"));
        QCOMPARE(QString::fromStdString(r.rotatedCounterClockwise().toText()),
                 QStringLiteral("..\nO.\nOO\n"));
        QCOMPARE(QString::fromStdString(r.flippedLeftRight().toText()),
                 QStringLiteral(".OO\n..O\n"));
        QCOMPARE(QString::fromStdString(r.flippedTopBottom().toText()),
                 QStringLiteral("O..\nOO.\n"));
        QCOMPARE(r.rotatedClockwise().rotatedClockwise().rotatedClockwise().rotatedClockwise(), r);
        QCOMPARE(QString::fromStdString(r.shiftedWrapped(1, -1).toText()),
                 QStringLiteral(".O.\n.OO\n"));
        QVERIFY_THROWS_EXCEPTION(util::Error, Board::fromText("O.\nO\n"));
    }

    void soupIsDeterministicWithTheRightDensity() {
        const Board a = randomSoup(300, 200, 0.3, 42);
        QCOMPARE(a, randomSoup(300, 200, 0.3, 42));
        QVERIFY(!(a == randomSoup(300, 200, 0.3, 43)));
        // 60000 Bernoulli(0.3) cells: sd = sqrt(60000 * 0.3 * 0.7) = 112; allow 5 sd.
        QVERIFY(std::abs(double(a.population()) - 18000.0) < 5 * 112.3);
        QCOMPARE(randomSoup(64, 64, 0.0, 1).population(), std::uint64_t(0));
        QCOMPARE(randomSoup(64, 64, 1.0, 1).population(), std::uint64_t(4096));
        QVERIFY_THROWS_EXCEPTION(util::Error, randomSoup(4, 4, 1.5, 1));
        QVERIFY_THROWS_EXCEPTION(util::Error, randomSoup(4, 4, std::nan(""), 1));
    }
};

QTEST_GUILESS_MAIN(TestBoard)
#include "TestBoard.moc"
