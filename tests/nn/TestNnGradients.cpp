// Every backward pass of core/nn against central finite differences (the reference is the
// definition of the derivative, not our code): L = sum(R .* f(x)) for a fixed random R, so
// dL/df = R; each analytic gradient entry is compared with (L(t+h) - L(t-h)) / 2h on sampled
// entries. float32 with h = 1e-3 on small problems with unit-scale values (so a step stays in
// the linear regime, and rarely crosses a ReLU kink): tolerance 2% relative or 2e-3 absolute,
// which a wrong formula (a missing term, a transposed product) misses by far.
#include "NnTestUtil.h"
#include "nn/Attention.h"
#include "nn/Layers.h"
#include "nn/Loss.h"
#include "nn/Mlp.h"
#include "nn/Transformer.h"
#include "util/Rng.h"

#include <QtTest>

#include <functional>

using namespace algoscope;
using namespace algoscope::nn;

namespace {

using test::randomMatrix;

double weightedSum(const Matrix& y, const Matrix& r) {
    return double((y.cast<double>().array() * r.cast<double>().array()).sum());
}

/// Compares analytic with numeric derivatives for up to `samples` entries of `target`.
/// loss() recomputes the loss from scratch using the current values.
void checkGradient(const QString& what, Matrix& target, const Matrix& analytic,
                   const std::function<double()>& loss, util::Rng& rng, int samples = 12) {
    QCOMPARE(analytic.rows(), target.rows());
    QCOMPARE(analytic.cols(), target.cols());
    const float h = 1e-3f;
    for (int s = 0; s < samples; ++s) {
        const Eigen::Index i = Eigen::Index(rng.below(std::uint64_t(target.size())));
        const float saved = target.data()[i];
        target.data()[i] = saved + h;
        const double plus = loss();
        target.data()[i] = saved - h;
        const double minus = loss();
        target.data()[i] = saved;
        const double numeric = (plus - minus) / (2.0 * h);
        const double a = analytic.data()[i];
        const double tol = std::max(2e-3, 0.02 * std::max(std::abs(numeric), std::abs(a)));
        QVERIFY2(std::abs(a - numeric) <= tol,
                 qPrintable(QStringLiteral("%1[%2]: analytic %3, numeric %4")
                                .arg(what)
                                .arg(i)
                                .arg(a, 0, 'g', 6)
                                .arg(numeric, 0, 'g', 6)));
    }
}

} // namespace

class TestNnGradients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linear() {
        util::Rng rng(1);
        Linear layer("l", 7, 5);
        layer.init(rng);
        Matrix x = randomMatrix(rng, 4, 7);
        const Matrix r = randomMatrix(rng, 4, 5);
        auto loss = [&] { return weightedSum(layer.apply(x), r); };
        layer.forward(x);
        layer.weight.zeroGrad();
        layer.bias.zeroGrad();
        const Matrix dx = layer.backward(r);
        checkGradient("dx", x, dx, loss, rng);
        checkGradient("dW", layer.weight.value, layer.weight.grad, loss, rng);
        checkGradient("db", layer.bias.value, layer.bias.grad, loss, rng);
    }

    void layerNorm() {
        util::Rng rng(2);
        LayerNorm ln("ln", 6);
        ln.gamma.value = randomMatrix(rng, 1, 6);
        ln.beta.value = randomMatrix(rng, 1, 6);
        Matrix x = randomMatrix(rng, 5, 6, 2.0);
        const Matrix r = randomMatrix(rng, 5, 6);
        auto loss = [&] { return weightedSum(ln.apply(x), r); };
        QVERIFY((ln.forward(x) - ln.apply(x)).cwiseAbs().maxCoeff() < 1e-5f);
        const Matrix dx = ln.backward(r);
        checkGradient("dx", x, dx, loss, rng, 20);
        checkGradient("dgamma", ln.gamma.value, ln.gamma.grad, loss, rng);
        checkGradient("dbeta", ln.beta.value, ln.beta.grad, loss, rng);
    }

    void activations() {
        util::Rng rng(3);
        Matrix x = randomMatrix(rng, 6, 8, 2.0);
        const Matrix r = randomMatrix(rng, 6, 8);
        Gelu gelu;
        gelu.forward(x);
        checkGradient(
            "gelu", x, gelu.backward(r), [&] { return weightedSum(Gelu::apply(x), r); }, rng, 20);
        // GELU(1) = 0.8411920 (tanh form; PyTorch gelu(1., approximate='tanh')).
        Matrix one(1, 1);
        one(0, 0) = 1.0f;
        QVERIFY(std::abs(Gelu::apply(one)(0, 0) - 0.8411920f) < 1e-6f);
        // ReLU: keep away from the kink at 0, where the derivative does not exist.
        x = x.unaryExpr([](float v) { return std::abs(v) < 0.05f ? 0.5f : v; });
        Relu relu;
        relu.forward(x);
        checkGradient(
            "relu", x, relu.backward(r), [&] { return weightedSum(Relu::apply(x), r); }, rng, 20);
    }

    void embedding() {
        util::Rng rng(4);
        Embedding e("e", 5, 3);
        e.init(rng);
        const std::vector<int> tokens = {1, 4, 1, 0};
        const Matrix r = randomMatrix(rng, 4, 3);
        e.forward(tokens);
        e.backward(r);
        checkGradient(
            "dE", e.weight.value, e.weight.grad, [&] { return weightedSum(e.apply(tokens), r); },
            rng, 15);
        QVERIFY_THROWS_EXCEPTION(std::exception, e.apply(std::vector<int>{5}));
    }

    void attention() {
        util::Rng rng(5);
        const int batch = 2, seq = 5, dim = 8;
        CausalSelfAttention attn("a", dim, 2);
        attn.init(rng);
        Matrix x = randomMatrix(rng, batch * seq, dim);
        const Matrix r = randomMatrix(rng, batch * seq, dim);
        // The loss runs a copy, so probing does not overwrite the caches backward() used.
        auto loss = [&] {
            CausalSelfAttention probe = attn;
            return weightedSum(probe.forward(x, batch, seq), r);
        };
        attn.forward(x, batch, seq);
        const Matrix dx = attn.backward(r);
        checkGradient("dx", x, dx, loss, rng, 24);
        ParameterList params;
        attn.collect(params);
        for (Parameter* p : params)
            checkGradient(QString::fromStdString(p->name), p->value, p->grad, loss, rng, 12);
    }

    void transformerWithCrossEntropy() {
        TransformerConfig c;
        c.vocab = 5;
        c.dim = 8;
        c.layers = 2;
        c.heads = 2;
        c.mlpRatio = 2;
        c.maxSeq = 16;
        TransformerLM model(c);
        model.init(7);
        util::Rng rng(6);
        // Unit-scale parameters: GPT-2's 0.02 embeddings make the first layer norm so steep
        // that a finite-difference step leaves its linear regime.
        for (Parameter* p : model.parameters())
            p->value = randomMatrix(rng, p->value.rows(), p->value.cols(), 0.5);
        const int batch = 2, seq = 6;
        std::vector<int> tokens, targets;
        std::vector<float> weights;
        for (int i = 0; i < batch * seq; ++i) {
            tokens.push_back(int(rng.below(5)));
            targets.push_back(int(rng.below(5)));
            weights.push_back(i % 3 == 0 ? 0.0f : 1.0f); // some positions do not count
        }
        auto loss = [&] {
            TransformerLM probe = model;
            return softmaxCrossEntropy(probe.forward(tokens, batch, seq), targets, weights, nullptr)
                .loss;
        };
        Matrix dlogits;
        const Matrix logits = model.forward(tokens, batch, seq);
        softmaxCrossEntropy(logits, targets, weights, &dlogits);
        const ParameterList params = model.parameters();
        zeroGrad(params);
        model.backward(dlogits);
        for (Parameter* p : params)
            checkGradient(QString::fromStdString(p->name), p->value, p->grad, loss, rng, 6);
    }

    void residualMlpWithSelectedMse() {
        MlpConfig c;
        c.inputs = 6;
        c.hidden1 = 10;
        c.hidden2 = 8;
        c.blocks = 2;
        c.outputs = 4;
        ResidualMlp net(c);
        net.init(3);
        util::Rng rng(8);
        Matrix x = randomMatrix(rng, 5, 6);
        const std::vector<int> cols = {0, 3, 1, 1, 2};
        const std::vector<float> target = {0.5f, -1.0f, 2.0f, 0.0f, 1.0f};
        Matrix dout;
        selectedMse(net.forward(x), cols, target, &dout);
        const ParameterList params = net.parameters();
        zeroGrad(params);
        net.backward(dout);
        for (Parameter* p : params)
            checkGradient(
                QString::fromStdString(p->name), p->value, p->grad,
                [&] { return selectedMse(net.apply(x), cols, target, nullptr); }, rng, 6);
    }
};

QTEST_GUILESS_MAIN(TestNnGradients)
#include "TestNnGradients.moc"
