// The cube's deep Q-network: one-hot encoding, save/load (and refusal of mismatched files), and
// Q-learning that actually learns: a small network trained for a few seconds on 2x2x2 states at
// most 4 quarter turns from solved must let Q* solve fresh states of that depth, with solution
// lengths checked against the exact table.
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::cube;

class TestQNetwork : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void encodingAndFiles() {
        QNetwork q(2, 12, 32, 16, 1);
        q.net().init(3);
        const nn::Matrix x = q.encode({Cube(2).stickers()});
        QCOMPARE(x.cols(), Eigen::Index(144));
        QCOMPARE(x.sum(), 24.0f); // one hot per sticker
        QCOMPARE(x(0, 0), 1.0f);  // sticker 0 is colour 0 (U)
        const QString path = m_dir.filePath("q.safetensors");
        q.save(path.toStdString());
        const QNetwork back = QNetwork::load(path.toStdString());
        QCOMPARE(back.actions(), 12);
        QVERIFY((back.evaluate({Cube(2).stickers()}) - q.evaluate({Cube(2).stickers()}))
                    .cwiseAbs()
                    .maxCoeff() == 0.0f);
        QVERIFY_THROWS_EXCEPTION(util::Error, q.evaluate({Cube(3).stickers()}));
        QVERIFY_THROWS_EXCEPTION(util::Error, QNetwork::load("/nonexistent"));
    }

    void qLearningLearnsShallowStates_data() {
        QTest::addColumn<int>("actionsPerState");
        QTest::addColumn<int>("batch");
        QTest::newRow("one action per state (the paper)") << 1 << 128;
        QTest::newRow("every action of each state") << 0 << 16;
        QTest::newRow("four random actions of each state") << 4 << 40;
    }
    void qLearningLearnsShallowStates() {
        QFETCH(int, actionsPerState);
        QFETCH(int, batch);
        DqnConfig c;
        c.actionsPerState = actionsPerState;
        c.cubeSize = 2;
        c.hidden1 = 128;
        c.hidden2 = 64;
        c.blocks = 1;
        c.steps = 400;
        c.batch = batch;
        c.maxScramble = 4;
        c.targetEvery = 50;
        c.targetLossThreshold = 1.0;
        c.lr = 2e-3;
        DqnTrainer trainer(c);
        int calls = 0;
        trainer.run([&](const DqnProgress& p) {
            ++calls;
            QVERIFY(std::isfinite(p.loss));
        });
        QCOMPARE(calls, 400);
        // The metadata records the seed it was given (training once advanced it in place).
        QCOMPARE(QString::fromStdString(trainer.metadata().at("train.seed")),
                 QString::number(c.seed));
        const QNetwork& net = trainer.network();
        const PocketTable table = PocketTable::build(Metric::Quarter);
        const ActionSpace as(2, 12);
        util::Rng rng(99);
        int solved = 0, optimal = 0;
        for (int i = 0; i < 20; ++i) {
            const Cube s = randomWalk(2, 4, rng);
            SearchLimits lim;
            lim.batch = 10;
            lim.lambda = 0.8;
            lim.maxNodes = 20000;
            const SearchResult r = qstarSearch(s, as, net.asQFunction(), lim);
            if (!r.solved)
                continue;
            ++solved;
            Cube replay = s;
            replay.apply(r.solution);
            QVERIFY(replay.isSolvedUpToRotation());
            optimal += r.pathCost == table.distance(s);
        }
        QVERIFY2(solved == 20, qPrintable(QString::number(solved)));
        QVERIFY2(optimal >= 15, qPrintable(QString::number(optimal)));
    }
};

QTEST_GUILESS_MAIN(TestQNetwork)
#include "TestQNetwork.moc"
