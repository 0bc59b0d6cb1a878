// gpu-naive and gpu-fused (gpu::GpuAttention, shaders/na_*.comp) against their CPU twins
// (attention::forwardCpu naive, and the double-precision reference where it is small): 1-D,
// 2-D, 3-D, odd and even kernels, dilation with lengths not divisible by it, causal axes,
// stride, bias, head_dim not a power of two, batch > 1. Skipped (QSKIP) without an OpenGL 4.3
// context.
#include "attention/NaForward.h"
#include "gpu/GpuAttention.h"
#include "gpu/HeadlessContext.h"
#include "util/Error.h"

#include <QtTest>

#include <cmath>
#include <memory>
#include <random>

using namespace algoscope;
using namespace algoscope::attention;

namespace {

Tensor randomTensor(std::vector<std::int64_t> shape, std::uint32_t seed) {
    Tensor t;
    t.shape = std::move(shape);
    std::int64_t n = 1;
    for (auto d : t.shape)
        n *= d;
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, 1.0f);
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

double maxDiff(const Tensor& a, const Tensor& b) {
    double worst = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        const double e = std::abs(double(a.data[i]) - double(b.data[i]));
        worst = std::isnan(e) ? 1e30 : std::max(worst, e);
    }
    return worst;
}

} // namespace

class TestGpuAttention : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        std::string why;
        m_ctx = gpu::HeadlessContext::create(&why);
        if (!m_ctx)
            QSKIP(qPrintable("no OpenGL 4.3 context: " + QString::fromStdString(why)));
        m_gpu = std::make_unique<gpu::GpuAttention>();
    }
    void cleanupTestCase() {
        m_gpu.reset(); // GL objects go before their context
        m_ctx.reset();
    }

    void matchesCpu_data() {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("kernel");
        QTest::addColumn<QString>("dilation");
        QTest::addColumn<QString>("stride");
        QTest::addColumn<QString>("causal");
        QTest::addColumn<bool>("bias");
        auto row = [](const char* n, const char* sh, const char* k, const char* d, const char* s,
                      const char* c, bool b) { QTest::newRow(n) << sh << k << d << s << c << b; };
        row("1d", "2,70,2,16", "7", "1", "1", "0", false);
        row("1d dil causal", "1,67,2,8", "5", "3", "1", "1", false);
        row("1d even stride", "1,50,1,8", "6", "2", "3", "0", false);
        row("1d bias", "1,45,3,8", "9", "1", "1", "0", true);
        row("2d k7", "1,12,37,2,32", "7", "1", "1", "0", false);
        row("2d mixed", "2,17,23,2,12", "3,5", "2,3", "2,1", "0,1", false);
        row("2d bias", "1,15,19,2,8", "5,3", "1,2", "1", "0", true);
        row("2d k13 dil2", "1,28,30,1,16", "13", "2", "1", "0", false);
        row("3d", "1,6,7,40,1,8", "3,3,5", "1,2,1", "1,1,2", "1,0,0", false);
        row("3d bias", "1,5,6,9,2,4", "3", "1", "1", "0", true);
    }
    void matchesCpu() {
        QFETCH(QString, shape);
        QFETCH(QString, kernel);
        QFETCH(QString, dilation);
        QFETCH(QString, stride);
        QFETCH(QString, causal);
        QFETCH(bool, bias);
        std::vector<std::int64_t> sh;
        for (int d : ints(shape))
            sh.push_back(d);
        const int rank = int(sh.size()) - 3;
        const Tensor q = randomTensor(sh, 11), k = randomTensor(sh, 12), v = randomTensor(sh, 13);
        NaOptions o;
        o.params = makeParams(rank, ints(kernel), ints(dilation), ints(stride), ints(causal));
        Tensor rpb;
        if (bias) {
            std::vector<std::int64_t> bs{sh[std::size_t(rank + 1)]};
            for (const auto& a : o.params.axes)
                bs.push_back(2 * a.kernel - 1);
            rpb = randomTensor(bs, 14);
            o.rpb = &rpb;
        }
        const Tensor cpu = forwardCpu(Impl::Naive, q, k, v, o).out;
        for (Impl impl : {Impl::GpuNaive, Impl::GpuFused}) {
            const Tensor g = m_gpu->forward(impl, q, k, v, o);
            QCOMPARE(g.shape, cpu.shape);
            const double d = maxDiff(g, cpu);
            QVERIFY2(
                d < 2e-5,
                qPrintable(QString("%1: max |gpu - cpu| = %2").arg(implName(impl).data()).arg(d)));
        }
    }

    void errors() {
        const Tensor q = randomTensor({1, 10, 1, 4}, 1);
        NaOptions o;
        o.params = makeParams(1, {3}, {}, {}, {});
        QVERIFY_THROWS_EXCEPTION(util::Error, m_gpu->forward(Impl::Naive, q, q, q, o));
        o.wantScores = true;
        QVERIFY_THROWS_EXCEPTION(util::Error, m_gpu->forward(Impl::GpuFused, q, q, q, o));
        o.wantScores = false;
        o.params = makeParams(1, {11}, {}, {}, {});
        QVERIFY_THROWS_EXCEPTION(util::Error, m_gpu->forward(Impl::GpuFused, q, q, q, o));
        // A cancelled task does not start.
        util::CancellationToken token;
        token.cancel();
        o.params = makeParams(1, {3}, {}, {}, {});
        QVERIFY_THROWS_EXCEPTION(util::Cancelled, m_gpu->forward(Impl::GpuNaive, q, q, q, o,
                                                                 util::TaskContext({}, &token)));
    }

private:
    std::unique_ptr<gpu::HeadlessContext> m_ctx;
    std::unique_ptr<gpu::GpuAttention> m_gpu;
};

QTEST_GUILESS_MAIN(TestGpuAttention)
#include "TestGpuAttention.moc"
