// The 3x3x3's cubie view and its uniformly random states.
// - The reachability test against facts of the cube group: every state reached by face turns
//   passes it (random walks); one twisted corner, one flipped edge, two swapped edges or a
//   mirrored corner (two of its stickers exchanged) fails it.
// - uniformRandomState3 gives only reachable states, and they are uniform: chi-square tests of
//   which cubie lands in a slot and how it is turned (8 x 3 corner and 12 x 2 edge outcomes),
//   and half of the permutations odd.
#include "cube/CubieState.h"
#include "cube/QNetwork.h" // randomWalk
#include "util/Error.h"
#include "util/Rng.h"

#include <QtTest>

using namespace algoscope;
using namespace algoscope::cube;

namespace {
/// Sticker index of face f, row r, column c on the 3x3x3.
int at(int f, int r, int c) {
    return f * 9 + r * 3 + c;
}

/// Pearson's chi-square of counts against a uniform expectation.
double chiSquare(const std::vector<int>& counts) {
    double total = 0;
    for (int c : counts)
        total += c;
    const double expected = total / double(counts.size());
    double x = 0;
    for (int c : counts)
        x += (c - expected) * (c - expected) / expected;
    return x;
}

/// The first corner slot's and edge slot's colours, to identify what sits there.
int stickerColour(const Cube& c, int i) {
    return c.stickers()[std::size_t(i)];
}
} // namespace

class TestCubieState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reachableStatesPass() {
        util::Rng rng(7);
        QVERIFY(cubieReport(Cube(3)).reachable());
        for (int i = 0; i < 300; ++i) {
            const Cube walked = randomWalk(3, 1 + int(rng.below(40)), rng);
            const CubieReport r = cubieReport(walked);
            QVERIFY(r.wellFormed);
            QCOMPARE(r.twistSum, 0);
            QCOMPARE(r.flipSum, 0);
            QCOMPARE(r.cornerParity, r.edgeParity);
        }
        // An odd number of quarter turns makes both permutations odd.
        Cube r(3);
        r.apply(parseMoves("R", 3));
        QCOMPARE(cubieReport(r).cornerParity, 1);
        QCOMPARE(cubieReport(r).edgeParity, 1);
    }

    void unreachableStatesFail() {
        const std::vector<std::uint8_t> solved = Cube(3).stickers();
        // The U-F-R corner: stickers U(2,2), F(0,2), R(0,0); twist it in place.
        {
            std::vector<std::uint8_t> s = solved;
            const int a = at(U, 2, 2), b = at(F, 0, 2), c = at(R, 0, 0);
            const std::uint8_t t = s[a];
            s[a] = s[b];
            s[b] = s[c];
            s[c] = t;
            const CubieReport r = cubieReport(Cube(3, s));
            QVERIFY(r.wellFormed);
            QVERIFY(r.twistSum != 0);
            QVERIFY(!r.reachable());
        }
        // Two of that corner's stickers exchanged: a mirror image, no cubie looks like that.
        {
            std::vector<std::uint8_t> s = solved;
            std::swap(s[at(F, 0, 2)], s[at(R, 0, 0)]);
            QVERIFY(!cubieReport(Cube(3, s)).wellFormed);
        }
        // The U-F edge flipped: U(2,1) and F(0,1) exchanged.
        {
            std::vector<std::uint8_t> s = solved;
            std::swap(s[at(U, 2, 1)], s[at(F, 0, 1)]);
            const CubieReport r = cubieReport(Cube(3, s));
            QVERIFY(r.wellFormed);
            QCOMPARE(r.flipSum, 1);
            QVERIFY(!r.reachable());
        }
        // The U-F and U-B edges exchanged (U(2,1)/F(0,1) with U(0,1)/B(0,1)): one swap.
        {
            std::vector<std::uint8_t> s = solved;
            std::swap(s[at(U, 2, 1)], s[at(U, 0, 1)]);
            std::swap(s[at(F, 0, 1)], s[at(B, 0, 1)]);
            const CubieReport r = cubieReport(Cube(3, s));
            QVERIFY(r.wellFormed);
            QCOMPARE(r.edgeParity, 1);
            QCOMPARE(r.cornerParity, 0);
            QVERIFY(!r.reachable());
        }
        // Moved centres are refused with a message; other sizes too.
        Cube m(3);
        m.apply(parseMoves("M", 3));
        QVERIFY_THROWS_EXCEPTION(util::Error, cubieReport(m));
    }

    void pocketCubeCorners() {
        // 2x2x2: walks by face turns stay reachable (any corner permutation is), a twisted
        // corner does not (U(1,1), F(0,1), R(0,0) on the 2x2x2).
        util::Rng rng(3);
        for (int i = 0; i < 100; ++i)
            QVERIFY(cubieReport(randomWalk(2, 1 + int(rng.below(20)), rng)).reachable());
        std::vector<std::uint8_t> s = Cube(2).stickers();
        const int a = 0 * 4 + 3, b = 5 * 4 + 1, c = 3 * 4 + 0;
        const std::uint8_t t = s[std::size_t(a)];
        s[std::size_t(a)] = s[std::size_t(b)];
        s[std::size_t(b)] = s[std::size_t(c)];
        s[std::size_t(c)] = t;
        QVERIFY(!cubieReport(Cube(2, s)).reachable());
    }

    void stickerText() {
        util::Rng rng(11);
        const Cube c = uniformRandomState3(rng);
        const std::string text = toStickerText(c);
        QCOMPARE(text.size(), std::size_t(54));
        QVERIFY(cubeFromStickerText(text, 3) == c);
        QCOMPARE(toStickerText(Cube(2)), std::string("UUUUDDDDLLLLRRRRBBBBFFFF"));
        // Each wrong input names what is wrong.
        auto message = [](const std::string& t, int n) {
            try {
                cubeFromStickerText(t, n);
            } catch (const util::Error& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QVERIFY(message(text.substr(1), 3).find("54 stickers") != std::string::npos);
        std::string bad = text;
        bad[4] = 'X';
        QVERIFY(message(bad, 3).find("sticker 5 is 'X'") != std::string::npos);
        std::string flipped = toStickerText(Cube(3));
        std::swap(flipped[std::size_t(at(U, 2, 1))], flipped[std::size_t(at(F, 0, 1))]);
        QVERIFY(message(flipped, 3).find("flipped") != std::string::npos);
        std::string twisted = toStickerText(Cube(3));
        const char u = twisted[std::size_t(at(U, 2, 2))];
        twisted[std::size_t(at(U, 2, 2))] = twisted[std::size_t(at(F, 0, 2))];
        twisted[std::size_t(at(F, 0, 2))] = twisted[std::size_t(at(R, 0, 0))];
        twisted[std::size_t(at(R, 0, 0))] = u;
        QVERIFY(message(twisted, 3).find("twisted") != std::string::npos);
    }

    void randomStatesAreReachableAndUniform() {
        util::Rng rng(2024);
        const int samples = 12000;
        // What sits in the U-F-R corner slot (by its U/D colour's sticker and the two others)
        // and in the U-F edge slot, as colour tuples.
        std::map<std::array<int, 3>, int> corner;
        std::map<std::array<int, 2>, int> edge;
        int odd = 0;
        for (int i = 0; i < samples; ++i) {
            const Cube c = uniformRandomState3(rng);
            const CubieReport r = cubieReport(c);
            QVERIFY(r.reachable());
            odd += r.cornerParity;
            ++corner[{stickerColour(c, at(U, 2, 2)), stickerColour(c, at(F, 0, 2)),
                      stickerColour(c, at(R, 0, 0))}];
            ++edge[{stickerColour(c, at(U, 2, 1)), stickerColour(c, at(F, 0, 1))}];
        }
        // 8 cubies x 3 twists and 12 cubies x 2 flips, every one seen.
        QCOMPARE(int(corner.size()), 24);
        QCOMPARE(int(edge.size()), 24);
        std::vector<int> cc, ec;
        for (const auto& [k, n] : corner)
            cc.push_back(n);
        for (const auto& [k, n] : edge)
            ec.push_back(n);
        // 23 degrees of freedom: P(chi2 > 49.7) = 0.001.
        QVERIFY2(chiSquare(cc) < 49.7, qPrintable(QString::number(chiSquare(cc))));
        QVERIFY2(chiSquare(ec) < 49.7, qPrintable(QString::number(chiSquare(ec))));
        // Odd permutations: binomial(12000, 1/2), sd 55; 4 sd.
        QVERIFY2(std::abs(odd - samples / 2) < 220, qPrintable(QString::number(odd)));
    }
};

QTEST_APPLESS_MAIN(TestCubieState)
#include "TestCubieState.moc"
