// core/nn beyond gradients: attention against an independent double-precision implementation
// of the definitions (RoFormer's rotation, causal softmax attention), generation with the KV
// cache against the full forward pass, cross-entropy and AdamW against hand-computed values
// (torch.optim.AdamW's update rule), gradient clipping, safetensors round trips and corrupt
// files, and a tiny model that must actually learn.
#include "NnTestUtil.h"
#include "nn/AdamW.h"
#include "nn/Attention.h"
#include "nn/Checkpoint.h"
#include "nn/Loss.h"
#include "nn/Transformer.h"
#include "util/Error.h"
#include "util/Rng.h"
#include "util/Safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace algoscope;
using namespace algoscope::nn;

namespace {
using test::randomMatrix;
} // namespace

class TestNnModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void attentionMatchesDefinition() {
        util::Rng rng(11);
        const int seq = 7, dim = 8, heads = 2, hd = dim / heads;
        CausalSelfAttention attn("a", dim, heads, 10000.0f);
        attn.init(rng);
        const Matrix x = randomMatrix(rng, seq, dim);
        const Matrix y = attn.forward(x, 1, seq);
        // Reference in double: q,k,v = x W^T + b; rotate pairs (2i, 2i+1) of each head by
        // t * 10000^(-2i/hd); softmax over keys j <= t of q.k / sqrt(hd); o = sum p v; out proj.
        const Eigen::MatrixXd W = attn.qkv.weight.value.cast<double>();
        const Eigen::RowVectorXd b = attn.qkv.bias.value.cast<double>().row(0);
        const Eigen::MatrixXd proj = (x.cast<double>() * W.transpose()).rowwise() + b;
        Eigen::MatrixXd o = Eigen::MatrixXd::Zero(seq, dim);
        auto rot = [&](Eigen::RowVectorXd v, int t) {
            for (int i = 0; i < hd / 2; ++i) {
                const double th = t * std::pow(10000.0, -2.0 * i / hd);
                const double a = v(2 * i), c = v(2 * i + 1);
                v(2 * i) = a * std::cos(th) - c * std::sin(th);
                v(2 * i + 1) = a * std::sin(th) + c * std::cos(th);
            }
            return v;
        };
        for (int h = 0; h < heads; ++h)
            for (int t = 0; t < seq; ++t) {
                const Eigen::RowVectorXd q = rot(proj.block(t, h * hd, 1, hd), t);
                std::vector<double> s(std::size_t(t + 1));
                double mx = -1e300, sum = 0;
                for (int j = 0; j <= t; ++j) {
                    const Eigen::RowVectorXd k = rot(proj.block(j, dim + h * hd, 1, hd), j);
                    s[std::size_t(j)] = q.dot(k) / std::sqrt(double(hd));
                    mx = std::max(mx, s[std::size_t(j)]);
                }
                for (double& v : s)
                    sum += (v = std::exp(v - mx));
                for (int j = 0; j <= t; ++j)
                    o.block(t, h * hd, 1, hd) +=
                        s[std::size_t(j)] / sum * proj.block(j, 2 * dim + h * hd, 1, hd);
            }
        const Eigen::MatrixXd ref =
            (o * attn.out.weight.value.cast<double>().transpose()).rowwise() +
            attn.out.bias.value.cast<double>().row(0);
        QVERIFY((ref - y.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
        // Probabilities: rows sum to 1, nothing above the diagonal.
        const Matrix& p = attn.probabilities(0, 1);
        for (int i = 0; i < seq; ++i) {
            QVERIFY(std::abs(p.row(i).sum() - 1.0f) < 1e-5f);
            for (int j = i + 1; j < seq; ++j)
                QCOMPARE(p(i, j), 0.0f);
        }
    }

    void rotaryScoresDependOnRelativePosition() {
        // RoFormer's property: q_m . k_n after rotation depends on m - n only.
        util::Rng rng(12);
        CausalSelfAttention attn("a", 4, 1);
        attn.init(rng);
        // Same token everywhere: the score of (t, t-2) is the same for every t.
        const Matrix row = randomMatrix(rng, 1, 4);
        Matrix x(8, 4);
        for (int t = 0; t < 8; ++t)
            x.row(t) = row.row(0);
        attn.forward(x, 1, 8);
        const Matrix& p = attn.probabilities(0, 0);
        // Unnormalised scores are equal iff ratios p(t, t-2)/p(t, t) are equal.
        const double r3 = p(3, 1) / p(3, 3), r6 = p(6, 4) / p(6, 6);
        QVERIFY(std::abs(r3 - r6) < 1e-4 * std::max(1.0, std::abs(r3)));
    }

    void kvCacheGenerationEqualsForward() {
        TransformerConfig c;
        c.vocab = 6;
        c.dim = 16;
        c.layers = 2;
        c.heads = 4;
        c.maxSeq = 12;
        TransformerLM model(c);
        model.init(3);
        const std::vector<int> a = {1, 2, 3, 4, 5, 0, 1, 2};
        const std::vector<int> b = {5, 5, 1, 0, 2, 3, 3, 4};
        std::vector<int> both = a;
        both.insert(both.end(), b.begin(), b.end());
        const Matrix full = model.forward(both, 2, 8);
        KvCache cache;
        for (int t = 0; t < 8; ++t) {
            const std::vector<int> step = {a[std::size_t(t)], b[std::size_t(t)]};
            const Matrix logits = model.step(step, cache);
            QVERIFY((logits.row(0) - full.row(t)).cwiseAbs().maxCoeff() < 1e-4f);
            QVERIFY((logits.row(1) - full.row(8 + t)).cwiseAbs().maxCoeff() < 1e-4f);
        }
        QCOMPARE(cache.length, 8);
    }

    void crossEntropyByHand() {
        // logits (0, ln 2, ln 3) -> softmax (1/6, 2/6, 3/6); loss for target 2 = -ln(1/2).
        Matrix logits(2, 3);
        logits << 0.0f, std::log(2.0f), std::log(3.0f), 5.0f, 0.0f, 0.0f;
        const std::vector<int> targets = {2, 1};
        Matrix d;
        auto r = softmaxCrossEntropy(logits, targets, std::vector<float>{1.0f, 0.0f}, &d);
        QVERIFY(std::abs(r.loss - std::log(2.0)) < 1e-6);
        QCOMPARE(r.counted, std::size_t(1));
        QCOMPARE(r.correct, std::size_t(1));
        QVERIFY(std::abs(d(0, 0) - 1.0f / 6) < 1e-6f);
        QVERIFY(std::abs(d(0, 2) - (0.5f - 1.0f)) < 1e-6f);
        QCOMPARE(d(1, 0), 0.0f);
        // Huge logits stay finite.
        logits(1, 0) = 1e30f;
        r = softmaxCrossEntropy(logits, targets, {}, nullptr);
        QVERIFY(std::isfinite(r.loss));
    }

    void adamWFirstStepsByHand() {
        // torch.optim.AdamW: p <- p(1 - lr wd); m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
        // p <- p - lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
        Parameter p("w", 1, 2);
        p.value << 1.0f, -2.0f;
        Parameter bias("b", 1, 1, false);
        bias.value << 0.5f;
        AdamW opt({&p, &bias}, AdamWConfig{0.9, 0.999, 1e-8, 0.1});
        p.grad << 0.5f, -3.0f;
        bias.grad << 2.0f;
        opt.step(0.01);
        // Step 1: m/(1-b1) = g, v/(1-b2) = g^2 -> update = lr * sign(g) (to 1e-8).
        QVERIFY(std::abs(p.value(0, 0) - (1.0f * (1 - 0.001f) - 0.01f)) < 1e-6f);
        QVERIFY(std::abs(p.value(0, 1) - (-2.0f * (1 - 0.001f) + 0.01f)) < 1e-6f);
        QVERIFY(std::abs(bias.value(0, 0) - (0.5f - 0.01f)) < 1e-6f); // no decay on biases
        // Step 2 with g2 = 1.5 on the first weight: m = 0.9*0.05 + 0.1*1.5 = 0.195,
        // v = 0.999*0.00025 + 0.001*2.25 = 0.00249975; m^ = 0.195/0.19 = 1.0263158,
        // v^ = 0.00249975/0.001999 = 1.2504952; update = 0.01 * 1.0263158 / 1.1182554.
        const float before = p.value(0, 0);
        p.grad << 1.5f, 0.0f;
        bias.grad << 0.0f;
        opt.step(0.01);
        const float expected = before * (1 - 0.001f) - 0.01f * 1.0263158f / 1.1182554f;
        QVERIFY2(std::abs(p.value(0, 0) - expected) < 1e-6f,
                 qPrintable(QString::number(p.value(0, 0), 'g', 9)));
    }

    void clippingAndDivergence() {
        Parameter a("a", 1, 2), b("b", 1, 1);
        a.grad << 3.0f, 0.0f;
        b.grad << 4.0f;
        QCOMPARE(clipGradNorm({&a, &b}, 1.0), 5.0);
        QVERIFY(std::abs(a.grad(0, 0) - 0.6f) < 1e-6f);
        QVERIFY(std::abs(b.grad(0, 0) - 0.8f) < 1e-6f);
        QVERIFY(std::abs(clipGradNorm({&a, &b}, 10.0) - 1.0) < 1e-6); // under the limit
        QVERIFY(std::abs(b.grad(0, 0) - 0.8f) < 1e-6f);               // unchanged
        b.grad << std::nanf("");
        QVERIFY_THROWS_EXCEPTION(util::Error, clipGradNorm({&a, &b}, 1.0));
    }

    void checkpointRoundTripAndCorruptFiles() {
        TransformerConfig c;
        c.vocab = 4;
        c.dim = 8;
        c.layers = 1;
        c.heads = 2;
        c.maxSeq = 8;
        TransformerLM model(c);
        model.init(5);
        const QString path = m_dir.filePath(QStringLiteral("m.safetensors"));
        Metadata meta = c.toMetadata();
        meta["seed"] = "5";
        saveParameters(path.toStdString(), model.parameters(), meta);
        const Metadata read = readMetadata(path.toStdString());
        QCOMPARE(read.at("seed"), std::string("5"));
        const TransformerConfig back = TransformerConfig::fromMetadata(read);
        QCOMPARE(back.dim, 8);
        TransformerLM loaded(back);
        loadParameters(path.toStdString(), loaded.parameters());
        const std::vector<int> tokens = {0, 1, 2, 3};
        QVERIFY(
            (loaded.forward(tokens, 1, 4) - model.forward(tokens, 1, 4)).cwiseAbs().maxCoeff() ==
            0.0f);

        // A model of another shape is refused, naming the tensor.
        TransformerConfig wider = c;
        wider.dim = 12;
        wider.heads = 2;
        TransformerLM other(wider);
        try {
            loadParameters(path.toStdString(), other.parameters());
            QFAIL("a mismatched model loaded");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains(QStringLiteral("embed.weight")), e.what());
        }
        // NaN weights are refused.
        util::SafetensorsFile file = util::readSafetensors(path.toStdString());
        std::vector<float> bad(8, std::nanf(""));
        file.tensors["ln_f.weight"] = util::makeSafeTensor(bad.data(), {8});
        const QString nanPath = m_dir.filePath(QStringLiteral("nan.safetensors"));
        util::writeSafetensors(nanPath.toStdString(), file);
        QVERIFY_THROWS_EXCEPTION(util::Error,
                                 loadParameters(nanPath.toStdString(), loaded.parameters()));
        // Truncated file.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QFile t(m_dir.filePath(QStringLiteral("cut.safetensors")));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(bytes.left(bytes.size() / 2));
        t.close();
        QVERIFY_THROWS_EXCEPTION(util::Error,
                                 loadParameters(t.fileName().toStdString(), loaded.parameters()));
        // The architecture's parameter count is exact, and absurd architectures are refused
        // before anything is allocated.
        QCOMPARE(c.parameterCount(), std::uint64_t(parameterCount(model.parameters())));
        TransformerConfig huge = c;
        huge.dim = 8192;
        huge.layers = 128;
        QVERIFY_THROWS_EXCEPTION(util::LimitError, huge.validate());
        // Bad metadata.
        Metadata broken = meta;
        broken["arch.heads"] = "two";
        QVERIFY_THROWS_EXCEPTION(util::Error, TransformerConfig::fromMetadata(broken));
        broken = meta;
        broken["arch.heads"] = "3"; // 8 is not divisible into 3 heads
        QVERIFY_THROWS_EXCEPTION(util::Error, TransformerConfig::fromMetadata(broken));
    }

    void tinyModelLearnsToCopy() {
        // Task: sequences "a b c d | a b c d"; after the separator, the next token is the one
        // four positions back. A 1-layer transformer with attention can learn it exactly; a
        // model that cannot attend (or a broken backward pass) stays near chance (1/4).
        TransformerConfig c;
        c.vocab = 5; // 0..3 symbols, 4 separator
        c.dim = 32;
        c.layers = 1;
        c.heads = 2;
        c.mlpRatio = 2;
        c.maxSeq = 9;
        TransformerLM model(c);
        model.init(1);
        AdamW opt(model.parameters(), AdamWConfig{0.9, 0.98, 1e-8, 0.0});
        util::Rng rng(2);
        const int batch = 32, seq = 9;
        double accuracy = 0;
        for (int it = 0; it < 400; ++it) {
            std::vector<int> tokens, targets;
            std::vector<float> weights;
            for (int b = 0; b < batch; ++b) {
                int s[4];
                for (int& v : s)
                    v = int(rng.below(4));
                const int seqTokens[9] = {s[0], s[1], s[2], s[3], 4, s[0], s[1], s[2], s[3]};
                for (int t = 0; t < seq; ++t) {
                    tokens.push_back(seqTokens[t]);
                    targets.push_back(t + 1 < seq ? seqTokens[t + 1] : 0);
                    weights.push_back(t >= 4 && t + 1 < seq ? 1.0f : 0.0f);
                }
            }
            Matrix d;
            const auto r =
                softmaxCrossEntropy(model.forward(tokens, batch, seq), targets, weights, &d);
            zeroGrad(opt.parameters());
            model.backward(d);
            clipGradNorm(opt.parameters(), 1.0);
            opt.step(3e-3);
            accuracy = double(r.correct) / double(r.counted);
        }
        QVERIFY2(accuracy > 0.95, qPrintable(QString::number(accuracy)));
    }
};

QTEST_GUILESS_MAIN(TestNnModel)
#include "TestNnModel.moc"
