// LifeGPT core: tokenisation, labels (true Life on a torus, checked against LifeWiki facts),
// data modes and splits, model files (round trip, wrong grid, corrupt), prediction and
// evaluation bookkeeping, exact resume from a checkpoint, and cancellation.
#include "life/PatternLibrary.h"
#include "lifegpt/LifeGpt.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>

using namespace algoscope;
using namespace algoscope::lifegpt;

namespace {
life::Board placed(const char* id, int grid, int x, int y) {
    life::Board b{std::uint64_t(grid), std::uint64_t(grid)};
    b.paste(life::PatternLibrary::instance().get(id).pattern.cells, x, y);
    return b;
}

TrainConfig tinyConfig() {
    TrainConfig c;
    c.grid = 4;
    c.net.dim = 16;
    c.net.layers = 1;
    c.net.heads = 2;
    c.steps = 6;
    c.batch = 4;
    c.warmup = 2;
    c.seed = 9;
    c.threads = 1;
    return c;
}
} // namespace

class TestLifeGpt : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void tokenisation() {
        const life::Board a = placed("blinker", 4, 0, 1);
        const life::Board b = lifeStep(a);
        const std::vector<int> seq = encodePair(a, b);
        QCOMPARE(int(seq.size()), sequenceLength(4));
        QCOMPARE(int(seq.size()), 2 * 16 + 3);
        QCOMPARE(seq.front(), int(Start));
        QCOMPARE(seq[17], int(Separator));
        QCOMPARE(seq.back(), int(End));
        // Row-major: the blinker occupies row 1, columns 0..2 -> positions 1 + 4 + {0,1,2}.
        QCOMPARE(seq[5], int(Alive));
        QCOMPARE(seq[6], int(Alive));
        QCOMPARE(seq[7], int(Alive));
        QCOMPARE(seq[8], int(Dead));
        const std::vector<int> prompt = encodePrompt(a);
        QVERIFY(std::equal(prompt.begin(), prompt.end(), seq.begin()));
    }

    void labelsAreLifeOnATorus() {
        // LifeWiki: a glider repeats every 4 generations moved one cell diagonally; on an
        // 8 x 8 torus it crosses the edge and comes back (32 generations = once around).
        life::Board g = placed("glider", 8, 5, 5); // near the corner: wraps within 4 steps
        life::Board moved = g;
        for (int i = 0; i < 4; ++i)
            moved = lifeStep(moved);
        life::Board expected{8, 8};
        for (std::uint32_t y = 0; y < 8; ++y)
            for (std::uint32_t x = 0; x < 8; ++x)
                expected.set((x + 1) % 8, (y + 1) % 8, g.get(x, y));
        QVERIFY(moved == expected);
        for (int i = 0; i < 28; ++i)
            moved = lifeStep(moved);
        QVERIFY(moved == g);
        // The blinker oscillates with period 2.
        const life::Board b = placed("blinker", 5, 1, 2);
        QVERIFY(lifeStep(b) != b);
        QVERIFY(lifeStep(lifeStep(b)) == b);
    }

    void dataModesAndSplits() {
        util::Rng rng(3);
        double highMean = 0, broadMin = 1, broadMax = 0;
        for (int i = 0; i < 200; ++i) {
            highMean += double(randomBoard(16, DataMode::High, rng).population()) / 256.0 / 200;
            const double d = double(randomBoard(16, DataMode::Broad, rng).population()) / 256.0;
            broadMin = std::min(broadMin, d);
            broadMax = std::max(broadMax, d);
        }
        QVERIFY(std::abs(highMean - 0.5) < 0.02);
        QVERIFY(broadMin < 0.1 && broadMax > 0.9); // densities spread over [0, 1]
        // Splits are disjoint streams and reproducible.
        util::Rng a = splitRng(1, Split::Train, 5), b = splitRng(1, Split::Train, 5);
        util::Rng c = splitRng(1, Split::Test, 5), d = splitRng(1, Split::Train, 6);
        const auto x = a.nextU64();
        QCOMPARE(x, b.nextU64());
        QVERIFY(x != c.nextU64());
        QVERIFY(x != d.nextU64());
        QVERIFY_THROWS_EXCEPTION(util::Error, parseDataMode("medium"));
    }

    void modelFilesRoundTripAndRefuseMismatches() {
        nn::TransformerConfig net;
        net.dim = 16;
        net.layers = 1;
        net.heads = 2;
        LifeGptModel model(4, net);
        model.net().init(3);
        const QString path = m_dir.filePath(QStringLiteral("m.safetensors"));
        model.save(path.toStdString(), {{"train.seed", "3"}});
        const LifeGptModel loaded = LifeGptModel::load(path.toStdString());
        QCOMPARE(loaded.grid(), 4);
        QCOMPARE(loaded.metadata().at("train.seed"), std::string("3"));
        const life::Board board = placed("blinker", 4, 0, 1);
        const auto p1 = model.predict({board}, 0.0, nullptr);
        const auto p2 = loaded.predict({board}, 0.0, nullptr);
        QVERIFY(p1[0].board == p2[0].board);
        for (float c : p1[0].confidence)
            QVERIFY(c >= 0.0f && c <= 1.0f);
        // A board of another size is refused with both sizes in the message.
        try {
            loaded.predict({placed("blinker", 5, 0, 1)}, 0.0, nullptr);
            QFAIL("a 5x5 board was accepted by a 4x4 model");
        } catch (const util::Error& e) {
            QVERIFY2(QString(e.what()).contains("5x5") && QString(e.what()).contains("4x4"),
                     e.what());
        }
        // A file that is not a LifeGPT model.
        nn::Parameter p("w", 1, 1);
        const QString other = m_dir.filePath(QStringLiteral("other.safetensors"));
        nn::saveParameters(other.toStdString(), {&p}, {{"arch", "transformer-lm"}});
        QVERIFY_THROWS_EXCEPTION(util::Error, LifeGptModel::load(other.toStdString()));
        QVERIFY_THROWS_EXCEPTION(util::Error, LifeGptModel::load("/nonexistent.safetensors"));
    }

    void evaluationBookkeeping() {
        nn::TransformerConfig net;
        net.dim = 16;
        net.layers = 1;
        net.heads = 2;
        LifeGptModel model(4, net);
        model.net().init(1);
        const Evaluation ev = evaluate(model, 30, 7);
        QCOMPARE(ev.boards, std::size_t(30));
        QCOMPARE(ev.cells, std::size_t(30 * 16));
        QCOMPARE(ev.byDensity.size(), std::size_t(10));
        std::size_t sum = 0;
        for (const DensityBin& b : ev.byDensity) {
            QCOMPARE(b.boards, std::size_t(3));
            sum += b.cellsCorrect;
        }
        QCOMPARE(sum, ev.cellsCorrect);
        const Rollout r = rollout(model, placed("blinker", 4, 0, 1), 3);
        QCOMPARE(r.cellAccuracy.size(), std::size_t(3));
        QVERIFY(r.truth[1] == placed("blinker", 4, 0, 1)); // period 2
    }

    void resumeIsExact() {
        // 6 steps straight == 3 steps, checkpoint, new trainer, resume, 3 more steps.
        TrainConfig c = tinyConfig();
        Trainer straight(c);
        straight.run({});
        const QString ckpt = m_dir.filePath(QStringLiteral("ckpt.safetensors"));
        Trainer first(c);
        int calls = 0;
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        try {
            first.run(
                [&](const TrainProgress& p) {
                    if (++calls == 3) {
                        first.saveCheckpoint(ckpt.toStdString());
                        token.cancel();
                    }
                    QCOMPARE(p.steps, 6);
                },
                ctx);
            QFAIL("not cancelled");
        } catch (const util::Cancelled&) {
        }
        Trainer second(c);
        second.resume(ckpt.toStdString());
        QCOMPARE(second.step(), 3);
        second.run({});
        const nn::ParameterList a = straight.model().net().parameters();
        const nn::ParameterList b = second.model().net().parameters();
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2((a[i]->value - b[i]->value).cwiseAbs().maxCoeff() == 0.0f, a[i]->name.c_str());
        // A checkpoint from another configuration is refused.
        TrainConfig otherSeed = c;
        otherSeed.seed = 10;
        Trainer third(otherSeed);
        QVERIFY_THROWS_EXCEPTION(util::Error, third.resume(ckpt.toStdString()));
    }

    void trainingCancelsPromptly() {
        TrainConfig c = tinyConfig();
        c.grid = 8;
        c.steps = 100000;
        Trainer t(c);
        util::CancellationToken token;
        util::TaskContext ctx({}, &token);
        std::chrono::steady_clock::time_point cancelledAt;
        try {
            t.run(
                [&](const TrainProgress& p) {
                    if (p.step == 2) {
                        token.cancel();
                        cancelledAt = std::chrono::steady_clock::now();
                    }
                },
                ctx);
            QFAIL("not cancelled");
        } catch (const util::Cancelled&) {
        }
        const double ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - cancelledAt)
                              .count();
        QVERIFY2(ms < 100, qPrintable(QString::number(ms)));
        QCOMPARE(t.step(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLifeGpt)
#include "TestLifeGpt.moc"
