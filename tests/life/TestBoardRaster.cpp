// The canvas's picture of a board region: every texel against a brute-force count over get()
// on random soups, random regions (unaligned to words, clipped at the board's edge) and block
// sizes 1..9, with and without ages.
#include "life/BoardRaster.h"
#include "life/Soup.h"

#include <QtTest>

#include <random>

using namespace algoscope;
using namespace algoscope::life;

class TestBoardRaster : public QObject {
    Q_OBJECT

private slots:
    void matchesBruteForce() {
        std::mt19937 gen(11);
        for (int t = 0; t < 200; ++t) {
            const std::uint32_t w = 1 + gen() % 300, h = 1 + gen() % 120;
            const Board b = randomSoup(w, h, double(gen() % 100) / 100.0, gen());
            RasterRegion r;
            r.x = gen() % w;
            r.y = gen() % h;
            r.width = std::min<std::uint32_t>(w - r.x, 1 + gen() % 200);
            r.height = std::min<std::uint32_t>(h - r.y, 1 + gen() % 100);
            r.block = 1 + gen() % 9;
            std::vector<std::uint8_t> ages(b.cellCount());
            for (auto& a : ages)
                a = std::uint8_t(gen());
            const bool withAges = t % 2 == 0;
            std::vector<std::uint8_t> out;
            rasterize(b, r, withAges ? ages.data() : nullptr, out);
            QCOMPARE(out.size(), std::size_t(r.texelsWide()) * r.texelsHigh());
            const std::uint32_t step = r.block > 3 ? r.block / 2 : 1;
            for (std::uint32_t ty = 0; ty < r.texelsHigh(); ++ty)
                for (std::uint32_t tx = 0; tx < r.texelsWide(); ++tx) {
                    std::uint32_t live = 0, counted = 0;
                    for (std::uint32_t y = r.y + ty * r.block;
                         y < std::min(r.y + r.height, r.y + (ty + 1) * r.block); y += step)
                        for (std::uint32_t x = r.x + tx * r.block;
                             x < std::min(r.x + r.width, r.x + (tx + 1) * r.block); ++x) {
                            live += b.get(x, y);
                            ++counted;
                        }
                    const std::uint8_t got = out[std::size_t(ty) * r.texelsWide() + tx];
                    if (r.block == 1) {
                        const std::uint8_t age = ages[std::size_t(r.y + ty) * w + r.x + tx];
                        const std::uint8_t want =
                            live ? (withAges ? std::max<std::uint8_t>(1, age) : 255) : 0;
                        QCOMPARE(got, want);
                    } else {
                        // 0 exactly when no sampled cell lives; 255 when all do; monotone.
                        QCOMPARE(got == 0, live == 0);
                        if (live == counted)
                            QCOMPARE(got, std::uint8_t(255));
                        QVERIFY(std::abs(double(got) - 255.0 * live / counted) <= 1.0);
                    }
                }
        }
    }

    void emptyAndOutsideRegions() {
        const Board b = randomSoup(64, 64, 0.5, 3);
        std::vector<std::uint8_t> out{1, 2, 3};
        rasterize(b, RasterRegion{0, 0, 0, 0, 1}, nullptr, out);
        QVERIFY(out.empty());
        rasterize(b, RasterRegion{70, 0, 10, 10, 1}, nullptr, out); // outside: all dead
        QCOMPARE(out.size(), std::size_t(100));
        QVERIFY(std::all_of(out.begin(), out.end(), [](std::uint8_t v) { return v == 0; }));
    }
};

QTEST_GUILESS_MAIN(TestBoardRaster)
#include "TestBoardRaster.moc"
