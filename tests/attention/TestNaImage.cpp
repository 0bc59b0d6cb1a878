// The image heatmap's core (attention/NaImage.h): pixel features against hand-computed values,
// neighbourhood weights against a brute force over attention::neighbors() (softmax of the
// feature dot products, computed here in double), full attention's weights as the k = n end of
// the spectrum (NATTEN's window is then the whole image), and bad input.
#include "attention/NaImage.h"
#include "util/Error.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace algoscope;
using namespace algoscope::attention;

namespace {

RgbImage randomImage(int width, int height, std::uint32_t seed) {
    RgbImage im;
    im.width = width;
    im.height = height;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    im.rgb.resize(std::size_t(width) * std::size_t(height) * 3);
    for (float& c : im.rgb)
        c = u(rng);
    return im;
}

// Softmax over the query's NATTEN neighbours of f_q . f_k, straight from the definition.
std::vector<double> bruteForce(const RgbImage& im, const NaParams& p, int row, int column) {
    const Tensor f = pixelFeatures(im);
    const int D = int(f.shape.back());
    const auto keys = neighbors({im.height, im.width}, p, {row, column});
    const float* q = f.data.data() + (std::int64_t(row) * im.width + column) * D;
    std::vector<double> s;
    double mx = -1e300;
    for (std::int64_t k : keys) {
        double dot = 0;
        for (int c = 0; c < D; ++c)
            dot += double(q[c]) * double(f.data[std::size_t(k * D + c)]);
        s.push_back(dot);
        mx = std::max(mx, dot);
    }
    double sum = 0;
    for (double& v : s)
        sum += (v = std::exp(v - mx));
    std::vector<double> w(std::size_t(im.width) * std::size_t(im.height), 0.0);
    for (std::size_t i = 0; i < keys.size(); ++i)
        w[std::size_t(keys[i])] = s[i] / sum;
    return w;
}

} // namespace

class TestNaImage : public QObject {
    Q_OBJECT

private slots:
    void features() {
        // 2 x 3 image; pixel (row 1, column 2) = (0.25, 0.5, 1.0). Hand-computed: colour terms
        // 4 * (c - 0.5); first frequency: sin(pi * 2 / 3), cos(pi * 2 / 3), sin(pi / 2),
        // cos(pi / 2).
        RgbImage im;
        im.width = 3;
        im.height = 2;
        im.rgb.assign(18, 0.5f);
        im.rgb[(1 * 3 + 2) * 3 + 0] = 0.25f;
        im.rgb[(1 * 3 + 2) * 3 + 2] = 1.0f;
        const Tensor f = pixelFeatures(im);
        QCOMPARE(f.shape, (std::vector<std::int64_t>{1, 2, 3, 1, 19}));
        const float* p = f.data.data() + (1 * 3 + 2) * 19;
        QCOMPARE(p[0], -1.0f);
        QCOMPARE(p[1], 0.0f);
        QCOMPARE(p[2], 2.0f);
        QVERIFY(std::abs(p[3] - std::sin(2 * std::numbers::pi / 3)) < 1e-6);
        QVERIFY(std::abs(p[4] - std::cos(2 * std::numbers::pi / 3)) < 1e-6);
        QVERIFY(std::abs(p[5] - 1.0) < 1e-6);
        QVERIFY(std::abs(p[6]) < 1e-6);
    }

    void neighborhoodAgainstBruteForce_data() {
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("dilation");
        QTest::addColumn<bool>("causal");
        QTest::newRow("k5") << 5 << 1 << false;
        QTest::newRow("k3 d3") << 3 << 3 << false;
        QTest::newRow("k4 even") << 4 << 1 << false;
        QTest::newRow("k5 causal") << 5 << 1 << true;
    }
    void neighborhoodAgainstBruteForce() {
        QFETCH(int, kernel);
        QFETCH(int, dilation);
        QFETCH(bool, causal);
        const RgbImage im = randomImage(17, 12, 7);
        const NaParams p = makeParams(2, {kernel}, {dilation}, {1}, {causal ? 1 : 0});
        const ImageAttention a = computeImageAttention(im, p);
        for (int row : {0, 1, 6, 11})
            for (int column : {0, 4, 9, 16}) {
                const auto got = neighborhoodWeights(a, row, column);
                const auto want = bruteForce(im, p, row, column);
                QCOMPARE(got.size(), want.size());
                double sum = 0;
                for (std::size_t i = 0; i < got.size(); ++i) {
                    QVERIFY2(std::abs(got[i] - want[i]) < 1e-5,
                             qPrintable(QString("(%1, %2) key %3: %4 vs %5")
                                            .arg(row)
                                            .arg(column)
                                            .arg(i)
                                            .arg(got[i])
                                            .arg(want[i])));
                    sum += got[i];
                }
                QVERIFY(std::abs(sum - 1.0) < 1e-5);
            }
    }

    void fullWindowEqualsFullAttention() {
        // k = n on both axes: every query's window is the whole image (NATTEN), so the
        // neighbourhood weights are full attention's.
        const RgbImage im = randomImage(9, 7, 3);
        const ImageAttention a = computeImageAttention(im, makeParams(2, {7, 9}, {1}, {1}, {0}));
        for (int row : {0, 3, 6})
            for (int column : {0, 5, 8}) {
                const auto na = neighborhoodWeights(a, row, column);
                const auto full = fullAttentionWeights(a, row, column);
                for (std::size_t i = 0; i < na.size(); ++i)
                    QVERIFY(std::abs(na[i] - full[i]) < 1e-5);
            }
        // And with a small window, full attention spreads weight outside it.
        const ImageAttention b = computeImageAttention(im, makeParams(2, {3}, {1}, {1}, {0}));
        const auto na = neighborhoodWeights(b, 3, 4);
        const auto full = fullAttentionWeights(b, 3, 4);
        double outside = 0;
        for (std::size_t i = 0; i < na.size(); ++i)
            if (na[i] == 0.0f)
                outside += full[i];
        QVERIFY(outside > 0.01);
    }

    void badInput() {
        RgbImage im = randomImage(8, 6, 1);
        const NaParams ok = makeParams(2, {3}, {1}, {1}, {0});
        RgbImage shortImage = im;
        shortImage.rgb.pop_back();
        QVERIFY_THROWS_EXCEPTION(util::Error, computeImageAttention(shortImage, ok));
        RgbImage bright = im;
        bright.rgb[5] = 1.5f;
        QVERIFY_THROWS_EXCEPTION(util::Error, computeImageAttention(bright, ok));
        QVERIFY_THROWS_EXCEPTION(util::Error,
                                 computeImageAttention(im, makeParams(1, {3}, {1}, {1}, {0})));
        try {
            computeImageAttention(im, makeParams(2, {7}, {1}, {1}, {0})); // 7 > 6 rows
            QFAIL("no error for k > L");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains("axis"), e.what());
        }
        const ImageAttention a = computeImageAttention(im, ok);
        QVERIFY_THROWS_EXCEPTION(util::Error, neighborhoodWeights(a, 6, 0));
        QVERIFY_THROWS_EXCEPTION(util::Error, fullAttentionWeights(a, 0, -1));
    }
};

QTEST_GUILESS_MAIN(TestNaImage)
#include "TestNaImage.moc"
