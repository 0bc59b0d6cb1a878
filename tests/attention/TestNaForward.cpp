// Every CPU implementation of the forward pass (attention/NaForward.h) against `reference`
// (double precision, full attention with the index-math mask) on random inputs: 1-D, 2-D, 3-D,
// odd and even kernels, dilation with lengths not divisible by it, causal axes, stride, bias,
// custom scale, batch > 1. The fused kernel runs both its AVX-512 and its portable path.
// Independent check: the outputs of a NumPy implementation of NATTEN's rules
// (data/make_fixtures.py). Also: raw scores, .npy round trips, malformed inputs, counters,
// cancellation.
#include "attention/NaCounters.h"
#include "attention/NaForward.h"
#include "util/Error.h"
#include "util/Npy.h"

#include "TestHelpers.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <random>
#include <set>

using namespace algoscope;
using namespace algoscope::attention;

namespace {

Tensor randomTensor(std::vector<std::int64_t> shape, std::uint32_t seed, float scale = 1.0f) {
    Tensor t;
    t.shape = std::move(shape);
    std::int64_t n = 1;
    for (auto d : t.shape)
        n *= d;
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, scale);
    t.data.resize(std::size_t(n));
    for (float& x : t.data)
        x = dist(rng);
    return t;
}

std::vector<int> ints(const QString& s) {
    std::vector<int> v;
    for (const QString& t : s.split(',', Qt::SkipEmptyParts))
        v.push_back(t.toInt());
    return v;
}

// Largest |a - b| / (1e-5 + |b|) style check: float kernels against a double reference.
void compareTensors(const Tensor& got, const Tensor& want, double tol, const char* what) {
    QCOMPARE(got.shape, want.shape);
    double worst = 0;
    std::size_t at = 0;
    for (std::size_t i = 0; i < got.data.size(); ++i) {
        const double e = std::abs(double(got.data[i]) - double(want.data[i]));
        if (!(e <= worst)) { // also catches NaN
            worst = std::isnan(e) ? 1e30 : e;
            at = i;
        }
    }
    QVERIFY2(worst <= tol, qPrintable(QString("%1: max abs error %2 at %3 (got %4, want %5)")
                                          .arg(what)
                                          .arg(worst)
                                          .arg(at)
                                          .arg(got.data[at])
                                          .arg(want.data[at])));
}

// Cancelling must stop a task within 100 ms (ARCHITECTURE.md); sanitizer builds run the same
// code 3-5x slower, so they get 5x the time.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kCancelLimitMs = 500;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kCancelLimitMs = 500;
#else
constexpr double kCancelLimitMs = 100;
#endif
#else
constexpr double kCancelLimitMs = 100;
#endif

struct FusedPortable {
    explicit FusedPortable(bool on) : previous(setFusedPortableOnly(on)) {}
    ~FusedPortable() { setFusedPortableOnly(previous); }
    bool previous;
};

QString dataPath(const QString& name) {
    return QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/attention/data/") + name;
}

} // namespace

class TestNaForward : public QObject {
    Q_OBJECT

private slots:
    void againstReference_data() {
        QTest::addColumn<QString>("shape"); // batch,*spatial,heads,dim
        QTest::addColumn<QString>("kernel");
        QTest::addColumn<QString>("dilation");
        QTest::addColumn<QString>("stride");
        QTest::addColumn<QString>("causal");
        QTest::addColumn<bool>("bias");
        QTest::addColumn<double>("scale"); // 0 = default
        auto row = [](const char* n, const char* sh, const char* k, const char* d, const char* s,
                      const char* c, bool b,
                      double sc = 0) { QTest::newRow(n) << sh << k << d << s << c << b << sc; };
        row("1d k7", "1,40,2,16", "7", "1", "1", "0", false);
        row("1d k1", "1,9,1,4", "1", "1", "1", "0", false);
        row("1d k=L", "2,12,2,8", "12", "1", "1", "0", false);
        row("1d even k", "1,37,2,8", "6", "1", "1", "0", false);
        row("1d dil 3 L%3!=0", "1,35,2,8", "5", "3", "1", "0", false);
        row("1d causal", "1,33,2,8", "5", "1", "1", "1", false);
        row("1d causal dil", "1,29,1,8", "4", "2", "1", "1", false);
        row("1d stride", "1,41,2,8", "7", "1", "3", "0", false);
        row("1d stride=k", "1,40,1,8", "5", "1", "5", "0", false);
        row("1d causal stride", "1,30,1,8", "6", "1", "4", "1", false);
        row("1d bias", "2,23,3,8", "5", "2", "1", "0", true);
        row("1d big k", "1,60,1,4", "21", "2", "1", "0", false);
        row("1d big k bias", "1,60,1,4", "17", "1", "1", "0", true);
        row("1d wide stride", "1,64,1,4", "15", "1", "15", "0", false);
        row("2d k7", "1,19,21,2,16", "7", "1", "1", "0", false);
        row("2d k3,5 dil", "2,11,17,2,8", "3,5", "2,3", "1", "0", false);
        row("2d even", "1,10,13,1,8", "4,6", "1,2", "1", "0", false);
        row("2d causal", "1,12,18,2,8", "3,5", "1", "1", "1", false);
        row("2d causal one axis", "1,12,18,1,8", "5", "1,2", "1", "0,1", false);
        row("2d stride", "1,15,14,1,8", "5,4", "1", "2,3", "0", false);
        row("2d bias scale", "1,13,17,2,8", "3,5", "2,1", "1", "0", true, 0.7);
        row("2d dim 33", "1,9,20,1,33", "3", "1", "1", "0", false);
        // Wide enough for the fused kernel's interior segments, blocks of 3 (k = 7) and 4 query
        // rows with a partial last block, border segments through the lane permutation, and
        // (with a bias) offsets relative to the query.
        row("2d k7 wide", "1,30,50,2,32", "7", "1", "1", "0", false);
        row("2d k13 dil wide", "1,29,53,1,32", "13,11", "1,2", "1", "0", false);
        row("2d k5 bias wide", "1,22,45,2,32", "5", "1", "1", "0", true);
        row("3d", "1,6,7,18,1,8", "3,3,5", "1,2,1", "1,1,2", "1,0,0", false);
        row("3d bias", "1,5,6,17,2,4", "3,3,3", "1,1,2", "1", "0", true);
        row("3d even causal", "1,6,6,20,1,8", "2,4,4", "1", "1,2,1", "0,1,1", false);
    }
    void againstReference() {
        QFETCH(QString, shape);
        QFETCH(QString, kernel);
        QFETCH(QString, dilation);
        QFETCH(QString, stride);
        QFETCH(QString, causal);
        QFETCH(bool, bias);
        QFETCH(double, scale);
        std::vector<std::int64_t> sh;
        for (int d : ints(shape))
            sh.push_back(d);
        const int rank = int(sh.size()) - 3;
        const Tensor q = randomTensor(sh, 1), k = randomTensor(sh, 2), v = randomTensor(sh, 3);
        NaOptions o;
        o.params = makeParams(rank, ints(kernel), ints(dilation), ints(stride), ints(causal));
        Tensor rpb;
        if (bias) {
            std::vector<std::int64_t> bs{sh[std::size_t(rank + 1)]};
            for (const auto& a : o.params.axes)
                bs.push_back(2 * a.kernel - 1);
            rpb = randomTensor(bs, 4);
            o.rpb = &rpb;
        }
        if (scale > 0)
            o.scale = float(scale);
        o.wantScores = true;
        const NaResult ref = forwardCpu(Impl::Reference, q, k, v, o);
        for (Impl impl : {Impl::MaskedGemm, Impl::Naive, Impl::Gemm}) {
            const NaResult r = forwardCpu(impl, q, k, v, o);
            compareTensors(r.out, ref.out, 2e-5, implName(impl).data());
            // Raw scores: same -inf pattern, same values.
            QCOMPARE(r.scores.shape, ref.scores.shape);
            for (std::size_t i = 0; i < r.scores.data.size(); ++i) {
                const float a = r.scores.data[i], b = ref.scores.data[i];
                if (std::isinf(b) || std::isinf(a))
                    QCOMPARE(a, b);
                else
                    QVERIFY2(std::abs(a - b) <= 1e-4f * (1 + std::abs(b)),
                             qPrintable(QString("%1 score %2: %3 vs %4")
                                            .arg(implName(impl).data())
                                            .arg(i)
                                            .arg(a)
                                            .arg(b)));
            }
        }
        o.wantScores = false;
        for (bool portable : {false, true}) {
            FusedPortable guard(portable);
            for (int threads : {1, 2}) {
                o.threads = threads;
                const NaResult r = forwardCpu(Impl::Fused, q, k, v, o);
                compareTensors(r.out, ref.out, 2e-5, portable ? "fused portable" : "fused");
            }
        }
    }

    // Outputs of the independent NumPy implementation (float64 math, float32 stored).
    void numpyFixtures() {
        QFile f(dataPath("cases.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        int cases = 0;
        while (!f.atEnd()) {
            const QStringList c = QString::fromUtf8(f.readLine()).trimmed().split(' ');
            if (c.size() != 7)
                continue;
            const QString name = c[0];
            auto load = [&](const char* t) {
                return readTensorNpy(dataPath(name + "_" + t + ".npy").toStdString(), t);
            };
            const Tensor q = load("q"), k = load("k"), v = load("v"), want = load("out");
            NaOptions o;
            const int rank = int(q.shape.size()) - 3;
            o.params = makeParams(rank, ints(c[1]), ints(c[2]), ints(c[3]), ints(c[4]));
            Tensor rpb;
            if (c[5] == "1") {
                rpb = load("rpb");
                o.rpb = &rpb;
            }
            if (c[6].toDouble() > 0)
                o.scale = c[6].toFloat();
            for (Impl impl :
                 {Impl::Reference, Impl::MaskedGemm, Impl::Naive, Impl::Gemm, Impl::Fused}) {
                const NaResult r = forwardCpu(impl, q, k, v, o);
                compareTensors(r.out, want, 3e-5, qPrintable(name + " " + implName(impl).data()));
            }
            ++cases;
        }
        QCOMPARE(cases, 5);
    }

    void npyRoundTrip() {
        QTemporaryDir dir;
        const Tensor q = randomTensor({1, 14, 15, 2, 8}, 7), k = randomTensor(q.shape, 8),
                     v = randomTensor(q.shape, 9);
        NaOptions o;
        o.params = makeParams(2, {5}, {2}, {1}, {0});
        const NaResult r = forwardCpu(Impl::Fused, q, k, v, o);
        const std::string path = (dir.path() + "/out.npy").toStdString();
        writeTensorNpy(path, r.out);
        const Tensor back = readTensorNpy(path, "out");
        QCOMPARE(back.shape, r.out.shape);
        QVERIFY(back.data == r.out.data); // bit for bit
        // The header is NumPy's own.
        const util::NpyArray raw = util::readNpy(path);
        QCOMPARE(raw.dtype, std::string("<f4"));
    }

    void badInputs_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::newRow("rank 2") << 0 << "expected [batch";
        QTest::newRow("k shape") << 1 << "k has shape";
        QTest::newRow("v shape") << 2 << "v has shape";
        QTest::newRow("NaN") << 3 << "non-finite";
        QTest::newRow("rpb shape") << 4 << "rpb has shape";
        QTest::newRow("params rank") << 5 << "axes";
        QTest::newRow("k*d > L") << 6 << "exceeds the length";
        QTest::newRow("zero dim") << 7 << "between 1 and";
        QTest::newRow("scores from fused") << 8 << "no score tensor";
        QTest::newRow("too big for reference") << 9 << "kMaxReferenceTokens";
    }
    void badInputs() {
        QFETCH(int, which);
        QFETCH(QString, message);
        Tensor q = randomTensor({1, 10, 2, 4}, 1), k = q, v = q;
        NaOptions o;
        o.params = makeParams(1, {3}, {}, {}, {});
        Impl impl = Impl::Naive;
        Tensor rpb = randomTensor({2, 4}, 3);
        switch (which) {
        case 0:
            q = randomTensor({10, 4}, 1);
            k = v = q;
            break;
        case 1:
            k = randomTensor({1, 11, 2, 4}, 1);
            break;
        case 2:
            v = randomTensor({1, 10, 2, 5}, 1);
            break;
        case 3:
            v.data[5] = std::nanf("");
            break;
        case 4:
            o.rpb = &rpb;
            break;
        case 5:
            o.params = makeParams(2, {3}, {}, {}, {});
            break;
        case 6:
            o.params = makeParams(1, {4}, {3}, {}, {});
            break;
        case 7:
            q.shape = {1, 0, 2, 4};
            q.data.clear();
            k = v = q;
            break;
        case 8:
            o.wantScores = true;
            impl = Impl::Fused;
            break;
        case 9:
            q = randomTensor({1, 65, 65, 1, 2}, 1);
            k = v = q;
            o.params = makeParams(2, {3}, {}, {}, {});
            impl = Impl::Reference;
            break;
        }
        try {
            forwardCpu(impl, q, k, v, o);
            QFAIL("no error");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void badNpyFiles() {
        QTemporaryDir dir;
        const std::string ints = (dir.path() + "/ints.npy").toStdString();
        const std::int32_t data[4] = {1, 2, 3, 4};
        util::writeNpy(ints, data, {1, 4});
        try {
            readTensorNpy(ints, "q");
            QFAIL("int32 accepted");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains("float32"), e.what());
        }
        const std::string junk = (dir.path() + "/junk.npy").toStdString();
        QFile f(QString::fromStdString(junk));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x93NUMPY\x01\x00garbage");
        f.close();
        try {
            readTensorNpy(junk, "k");
            QFAIL("junk accepted");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).startsWith("k ("), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(util::Error, readTensorNpy("/nonexistent/q.npy", "q"));
    }

    // Counters against brute-force counts of the index math.
    void counters() {
        NaShape s;
        s.batch = 2;
        s.heads = 3;
        s.headDim = 8;
        s.sizes = {9, 11};
        const NaParams p = makeParams(2, {3, 4}, {2, 1}, {1, 2}, {0, 1});
        std::int64_t weights = 0;
        for (int y = 0; y < 9; ++y)
            for (int x = 0; x < 11; ++x)
                weights += std::int64_t(neighbors(s.sizes, p, {y, x}).size());
        for (Impl impl : allImpls()) {
            const NaCounters c = countWork(impl, s, p);
            QCOMPARE(c.attentionWeights, double(weights * 6));
            QCOMPARE(c.usefulFlops, double(weights * 6 * 4 * 8));
            QVERIFY(c.executedFlops >= c.usefulFlops);
            QVERIFY(c.intensity() > 0);
        }
        QCOMPARE(countWork(Impl::Fused, s, p).scoreBytes, 0.0);
        QCOMPARE(countWork(Impl::Gemm, s, p).scoreBytes, 6.0 * 99 * 12 * 4 * 4);
        QCOMPARE(countWork(Impl::Naive, s, p).executedFlops,
                 countWork(Impl::Naive, s, p).usefulFlops);
        QCOMPARE(countWork(Impl::Reference, s, p).executedFlops, 6.0 * 99 * 99 * 4 * 8);

        // The CPU fused kernel's K/V traffic, brute force from the neighbourhoods: per dilation
        // group, tiles of B consecutive query rows x 16 consecutive queries along x (B = 4 for
        // k = 4); a tile loads every key row any of its queries sees, each over the x span
        // of its queries' keys.
        double kvFloats = 0, tiles = 0;
        const int dy = 2, dx = 1, B = 4;
        for (int gy = 0; gy < dy; ++gy)
            for (int gx = 0; gx < dx; ++gx) {
                std::vector<int> ys, xs;
                for (int y = gy; y < 9; y += dy)
                    ys.push_back(y);
                for (int x = gx; x < 11; x += dx)
                    xs.push_back(x);
                for (std::size_t r0 = 0; r0 < ys.size(); r0 += B)
                    for (std::size_t x0 = 0; x0 < xs.size(); x0 += 16) {
                        std::set<int> keyRows;
                        int xmin = 1 << 30, xmax = -1;
                        for (std::size_t r = r0; r < std::min(ys.size(), r0 + B); ++r)
                            for (std::size_t i = x0; i < std::min(xs.size(), x0 + 16); ++i)
                                for (std::int64_t t : neighbors(s.sizes, p, {ys[r], xs[i]})) {
                                    keyRows.insert(int(t / 11));
                                    xmin = std::min(xmin, int(t % 11));
                                    xmax = std::max(xmax, int(t % 11));
                                }
                        kvFloats += 2.0 * double(keyRows.size()) * ((xmax - xmin) / dx + 1) * 8;
                        tiles += 1;
                    }
            }
        const NaCounters fused = countWork(Impl::Fused, s, p);
        QCOMPARE(fused.qkvBytes, 6.0 * (99 * 8 + kvFloats) * 4);
        QCOMPARE(fused.queriesPerTile, 99.0 / tiles);
    }

    // Cancelling stops each long implementation promptly (within 100 ms of the request).
    void cancellation_data() {
        QTest::addColumn<int>("impl");
        QTest::newRow("naive") << int(Impl::Naive);
        QTest::newRow("gemm") << int(Impl::Gemm);
        QTest::newRow("fused") << int(Impl::Fused);
        QTest::newRow("reference") << int(Impl::Reference);
        QTest::newRow("masked-gemm") << int(Impl::MaskedGemm);
    }
    void cancellation() {
        QFETCH(int, impl);
        const Impl i = Impl(impl);
        const bool small = i == Impl::Reference || i == Impl::MaskedGemm;
        const std::vector<std::int64_t> sh = small ? std::vector<std::int64_t>{1, 48, 48, 8, 32}
                                                   : std::vector<std::int64_t>{4, 96, 96, 4, 32};
        const Tensor q = randomTensor(sh, 1), k = randomTensor(sh, 2), v = randomTensor(sh, 3);
        NaOptions o;
        o.params = makeParams(2, {13}, {}, {}, {});
        util::CancellationToken token;
        std::chrono::steady_clock::time_point cancelledAt;
        util::TaskContext ctx(
            [&](double, const std::string&) {
                if (!token.isCancelled()) {
                    cancelledAt = std::chrono::steady_clock::now();
                    token.cancel();
                }
            },
            &token);
        QVERIFY_THROWS_EXCEPTION(util::Cancelled, forwardCpu(i, q, k, v, o, ctx));
        const double ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - cancelledAt)
                              .count();
        QVERIFY2(ms < kCancelLimitMs, qPrintable(QString("stopped %1 ms after cancel").arg(ms)));
    }
};

QTEST_GUILESS_MAIN(TestNaForward)
#include "TestNaForward.moc"
