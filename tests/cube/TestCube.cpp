// Cube moves, notation and the exact 2x2x2 table. Expected values come from cube theory and the
// published 2x2x2 distance distributions (reference notes; Wikipedia "Pocket Cube"), not from
// this code: every face turn has order 4, the "sexy move" R U R' U' has order 6, the superflip
// sequence flips every edge and leaves everything else home, and the BFS tables have exactly
// the published number of states at each distance in both metrics.
#include "cube/Cube.h"
#include "cube/PocketTable.h"
#include "util/Error.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::cube;

class TestCube : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void movesHaveOrderFour_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("move");
        for (int n : {2, 3})
            for (const char* m : {"U", "D", "L", "R", "F", "B", "x", "y", "z"})
                QTest::newRow(qPrintable(QString("%1 %2").arg(n).arg(m))) << n << QString(m);
        for (const char* m : {"M", "E", "S", "Rw", "u", "f"})
            QTest::newRow(qPrintable(QString("3 %1").arg(m))) << 3 << QString(m);
    }
    void movesHaveOrderFour() {
        QFETCH(int, n);
        QFETCH(QString, move);
        Cube c(n);
        const Move m = parseMove(move.toStdString(), n);
        for (int i = 1; i <= 4; ++i) {
            c.apply(m);
            QCOMPARE(c.isSolved(), i == 4);
        }
        // m m' = identity; m2 = m m.
        Cube a(n), b(n);
        a.apply(m);
        a.apply(m.inverse());
        QVERIFY(a.isSolved());
        a.apply(parseMove(move.toStdString() + "2", n));
        b.apply({m, m});
        QVERIFY(a == b);
    }

    void faceTurnsMoveTheRightStickers() {
        // R carries the F face's right column to U (clockwise seen from R).
        Cube c(3);
        c.apply(parseMove("R", 3));
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(int(c.sticker(U, row, 2)), int(F));
            QCOMPARE(int(c.sticker(F, row, 2)), int(D));
            QCOMPARE(int(c.sticker(U, row, 0)), int(U));
        }
        // U carries F's top row to L.
        Cube u(3);
        u.apply(parseMove("U", 3));
        for (int col = 0; col < 3; ++col)
            QCOMPARE(int(u.sticker(L, 0, col)), int(F));
        // Rotations keep every face one colour; x moves F's colour to U.
        Cube x(3);
        x.apply(parseMove("x", 3));
        QVERIFY(x.isSolvedUpToRotation());
        QCOMPARE(int(x.sticker(U, 1, 1)), int(F));
        // M follows L: the front centre goes down.
        Cube m(3);
        m.apply(parseMove("M", 3));
        QCOMPARE(int(m.sticker(D, 1, 1)), int(F));
        // r = R M' (wide = face + slice).
        Cube a(3), b(3);
        a.apply(parseMoves("r", 3));
        b.apply(parseMoves("R M'", 3));
        QVERIFY(a == b);
    }

    void commutatorsAndSuperflip() {
        Cube c(3);
        const auto sexy = parseMoves("R U R' U'", 3);
        for (int i = 1; i <= 6; ++i) {
            c.apply(sexy);
            QCOMPARE(c.isSolved(), i == 6);
        }
        // Superflip in 20 half-turn-metric moves (the known optimal sequence).
        Cube s(3);
        s.apply(parseMoves("U R2 F B R B2 R U2 L B2 R U' D' R2 F R' L B2 U2 F2", 3));
        int flipped = 0;
        for (int f = 0; f < 6; ++f) {
            QCOMPARE(int(s.sticker(f, 1, 1)), f); // centres
            for (auto [r, col] : {std::pair{0, 0}, {0, 2}, {2, 0}, {2, 2}})
                QCOMPARE(int(s.sticker(f, r, col)), f); // corners home
            for (auto [r, col] : {std::pair{0, 1}, {1, 0}, {1, 2}, {2, 1}})
                flipped += s.sticker(f, r, col) != f;
        }
        QCOMPARE(flipped, 24); // all 12 edges, both stickers
    }

    void stickerPlacesForDrawing() {
        // U centre of a 3x3x3: the top middle cubie, facing up; R's stickers turn with R.
        const StickerPlace u = stickerPlace(3, U * 9 + 4);
        QVERIFY((u.cubie == std::array<int, 3>{0, 2, 0}));
        QVERIFY((u.normal == std::array<int, 3>{0, 1, 0}));
        const Move r = parseMove("R", 3);
        int turning = 0;
        for (int i = 0; i < 54; ++i)
            turning += stickerInMove(3, i, r);
        QCOMPARE(turning, 9 + 4 * 3); // the R face and a column on each of U, F, D, B
        QVERIFY_THROWS_EXCEPTION(util::Error, stickerPlace(2, 24));
    }

    void notation() {
        const auto moves = parseMoves("R U2 F' Rw x M E' S2", 3);
        QCOMPARE(moves.size(), std::size_t(8));
        QCOMPARE(QString::fromStdString(toString(moves)), QStringLiteral("R U2 F' Rw x M E' S2"));
        QCOMPARE(parseMoves("RUR'U'", 3).size(), std::size_t(4));
        QCOMPARE(lengthQtm(parseMoves("R U2 x F'", 3)), 4);
        QCOMPARE(lengthHtm(parseMoves("R U2 x F'", 3)), 3);
        // The inverse undoes.
        Cube c(3);
        c.apply(moves);
        c.apply(invert(moves));
        QVERIFY(c.isSolved());
        // Errors name the token and its position.
        try {
            parseMoves("R U Q", 3);
            QFAIL("Q accepted");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains("'Q'") && QString(e.what()).contains("position 5"),
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::Error, parseMoves("M", 2));
        QVERIFY_THROWS_EXCEPTION(util::Error, parseMoves("Rw", 2));
        QVERIFY_THROWS_EXCEPTION(util::Error, parseMoves("R3", 3));
        QVERIFY_THROWS_EXCEPTION(util::Error, Cube(4));
        QVERIFY_THROWS_EXCEPTION(util::Error, Cube(2, std::vector<std::uint8_t>(24, 0)));
    }

    void simplifyMergesAdjacentTurns() {
        auto simplified = [](const char* text) {
            return QString::fromStdString(toString(simplify(parseMoves(text, 3))));
        };
        QCOMPARE(simplified("B' B'"), QStringLiteral("B2"));
        QCOMPARE(simplified("R R R"), QStringLiteral("R'"));
        QCOMPARE(simplified("U R R' U"), QStringLiteral("U2")); // cancels, then merges again
        QCOMPARE(simplified("Rw Rw2"), QStringLiteral("Rw'"));
        QCOMPARE(simplified("R L R"), QStringLiteral("R L R")); // only adjacent turns of a layer
        QCOMPARE(simplified("F2 F2"), QString());
        // Brute force: the same permutation and never longer, on random sequences.
        util::Rng rng(9);
        for (int t = 0; t < 300; ++t) {
            const auto moves = randomQuarterTurns(3, 1 + int(rng.below(12)), rng);
            std::vector<Move> doubled;
            for (const Move& m : moves) {
                doubled.push_back(m);
                if (rng.below(3) == 0)
                    doubled.push_back(rng.below(2) ? m : m.inverse());
            }
            const auto s = simplify(doubled);
            Cube a(3), b(3);
            a.apply(doubled);
            b.apply(s);
            QVERIFY(a.stickers() == b.stickers());
            QVERIFY(lengthQtm(s) <= lengthQtm(doubled));
            QVERIFY(lengthHtm(s) <= lengthHtm(doubled));
        }
    }

    void pocketCoordinatesRoundTrip() {
        util::Rng rng(4);
        for (int i = 0; i < 200; ++i) {
            const std::uint32_t idx = std::uint32_t(rng.below(PocketTable::kStates));
            QCOMPARE(PocketTable::encode(PocketTable::decode(idx)), idx);
        }
        // Orientation does not matter: a rotated cube has the same coordinate.
        Cube c(2);
        c.apply(parseMoves("R U F' U2 R'", 2));
        Cube rotated = c;
        rotated.apply(parseMoves("x y2", 2));
        QCOMPARE(PocketTable::encode(rotated), PocketTable::encode(c));
    }

    void pocketDistributionsArePublishedOnes() {
        // Reference: number of 2x2x2 states (one corner fixed) at each distance.
        const std::vector<std::uint64_t> qtm = {1,      6,       27,     120,    534,
                                                2256,   8969,    33058,  114149, 360508,
                                                930588, 1350852, 782536, 90280,  276};
        const std::vector<std::uint64_t> htm = {1,     9,      54,     321,     1847,   9992,
                                                50136, 227536, 870072, 1887748, 623800, 2644};
        const PocketTable q = PocketTable::build(Metric::Quarter);
        QCOMPARE(q.histogram(), qtm);
        const PocketTable h = PocketTable::build(Metric::Half);
        QCOMPARE(h.histogram(), htm);
        // Optimal solutions: replaying them solves, and their length is the table's distance.
        util::Rng rng(7);
        for (int i = 0; i < 50; ++i) {
            Cube c = PocketTable::randomState(rng);
            const std::vector<Move> sol = q.solve(c);
            QCOMPARE(int(sol.size()), q.distance(c));
            c.apply(sol);
            QVERIFY(c.isSolvedUpToRotation());
        }
        // A known case: R U R' U' is 4 quarter turns, and no shorter solution exists for it
        // unless the table says so; the table can never exceed the scramble's length.
        Cube s(2);
        s.apply(parseMoves("R U R' U'", 2));
        QVERIFY(q.distance(s) <= 4);
        QVERIFY(h.distance(s) <= 4);
    }

    void buildCancels() {
        util::CancellationToken token;
        token.cancel();
        util::TaskContext ctx({}, &token);
        QVERIFY_THROWS_EXCEPTION(util::Cancelled, PocketTable::build(Metric::Quarter, ctx));
    }
};

QTEST_GUILESS_MAIN(TestCube)
#include "TestCube.moc"
