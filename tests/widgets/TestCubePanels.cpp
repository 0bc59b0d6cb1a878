// The cube lab's training and comparison panels, driven through their buttons:
// - training a tiny Q-network for a few steps finishes with every step done, a loss curve, a
//   file that loads back to the same network (bitwise equal outputs) and "Use in lab" giving
//   the lab that network; cancelling a long training stops it within 100 ms (ARCHITECTURE.md:
//   every long task) and keeps the network trained so far;
// - the comparison on 2 scrambles with two tiny untrained networks (12 and 156 actions) gives a
//   row per network and method whose solutions, replayed on the states, solve them, whose mean
//   length is the mean of the replayed lengths and is never below the exact 2x2x2 distance, and
//   whose points are on the plot; networks for different cube sizes are refused; cancelling a
//   long comparison stops it within 100 ms.
#include "PlotView.h"
#include "TaskRunner.h"
#include "cube/CubeComparePanel.h"
#include "cube/CubeLab.h"
#include "cube/CubeTrainPanel.h"
#include "cube/CubieState.h"
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <set>

using namespace algoscope;
using namespace algoscope::ui;

namespace {

cube::DqnConfig tinyConfig(int steps) {
    cube::DqnConfig c;
    c.cubeSize = 2;
    c.actions = 12;
    c.steps = steps;
    c.batch = 8;
    c.maxScramble = 5;
    c.hidden1 = 16;
    c.hidden2 = 16;
    c.blocks = 1;
    c.lr = 0.001;
    c.seed = 3;
    return c;
}

std::shared_ptr<const cube::QNetwork> tinyNetwork(int n, int actions, std::uint64_t seed) {
    auto net = std::make_shared<cube::QNetwork>(n, actions, 16, 16, 1);
    net->net().init(seed);
    return net;
}

void click(QWidget* parent, const char* name) {
    auto* button = parent->findChild<QPushButton*>(QString::fromLatin1(name));
    QVERIFY2(button, name);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestCubePanels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trainingFinishesSavesAndIsUsedInTheLab() {
        CubeLab lab;
        CubeTrainPanel panel(&lab);
        panel.show();
        cube::DqnConfig config = tinyConfig(40);
        config.actionsPerState = 0; // every action of each state, as the shipped RC(12) network
        config.doubleQ = true;
        config.scrambleBound = true;
        panel.setConfig(config);
        QCOMPARE(panel.config().steps, 40);
        QCOMPARE(panel.config().actionsPerState, 0);
        QVERIFY(panel.config().doubleQ && panel.config().scrambleBound);
        QSignalSpy done(&panel, &CubeTrainPanel::trainingFinished);
        click(&panel, "cube.training.train");
        QVERIFY(panel.isTraining());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toBool(), false); // not cancelled
        QVERIFY(!panel.isTraining());
        QVERIFY(panel.network());
        QCOMPARE(panel.trainedSteps(), 40);
        // The loss curve: the last step is always plotted, with a finite positive loss.
        QCPGraph* loss = panel.lossPlot()->plot()->graph(0);
        QVERIFY(loss->dataCount() >= 1);
        QCOMPARE(int(loss->data()->at(loss->dataCount() - 1)->key), 40);
        const double last = loss->data()->at(loss->dataCount() - 1)->value;
        QVERIFY(std::isfinite(last) && last > 0);
        // Saved and loaded back: the same outputs on a few states.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tiny.safetensors"));
        QString error;
        QVERIFY2(panel.saveNetwork(path, &error), qPrintable(error));
        const cube::QNetwork loaded = cube::QNetwork::load(path.toStdString());
        QCOMPARE(loaded.actions(), 12);
        QCOMPARE(QString::fromStdString(loaded.metadata().at("train.actions_per_state")),
                 QStringLiteral("0"));
        util::Rng rng(5);
        std::vector<std::vector<std::uint8_t>> states;
        for (int i = 0; i < 4; ++i)
            states.push_back(cube::randomWalk(2, 1 + i, rng).stickers());
        QVERIFY(loaded.evaluate(states) == panel.network()->evaluate(states));
        QVERIFY(!panel.saveNetwork(QStringLiteral("/nonexistent-dir/x.safetensors"), &error));
        QVERIFY(!error.isEmpty());
        // Use in lab: the lab now solves with it.
        click(&panel, "cube.training.use");
        QVERIFY(lab.model());
        QVERIFY(lab.model()->evaluate(states) == panel.network()->evaluate(states));
        QVERIFY(!lab.modelName().isEmpty());
    }

    void cancelStopsTrainingWithin100ms() {
        CubeLab lab;
        CubeTrainPanel panel(&lab);
        panel.show();
        panel.setConfig(tinyConfig(100000000));
        QSignalSpy done(&panel, &CubeTrainPanel::trainingFinished);
        click(&panel, "cube.training.train");
        // Wait until it is really training (a progress point has arrived).
        QTRY_VERIFY_WITH_TIMEOUT(panel.lossPlot()->plot()->graph(0)->dataCount() > 0, 30000);
        QElapsedTimer clock;
        clock.start();
        click(&panel, "cube.training.cancel");
        QVERIFY(done.wait(5000));
        const qint64 ms = clock.elapsed();
        QVERIFY2(ms <= 100, qPrintable(QStringLiteral("cancel took %1 ms").arg(ms)));
        QCOMPARE(done.first().at(0).toBool(), true);
        QVERIFY(!lab.taskRunner()->isBusy());
        // The network trained so far is kept.
        QVERIFY(panel.network());
        QVERIFY(panel.trainedSteps() > 0 && panel.trainedSteps() < 100000000);
    }

    void comparisonRowsReplay() {
        CubeLab lab;
        CubeComparePanel panel(&lab);
        panel.show();
        panel.setModel(0, tinyNetwork(2, 12, 1), QStringLiteral("tiny-12"));
        panel.setModel(1, tinyNetwork(2, 156, 2), QStringLiteral("tiny-156"));
        panel.setModel(2, nullptr, {}); // a shipped model may sit there
        CubeCompareSettings s;
        s.scrambles = 2;
        s.depth = 2; // one meta-action for the 156-action network: quick even untrained
        s.batch = 10;
        s.lambda = 1.0; // an untrained network's noise barely perturbs breadth-first order
        s.maxNodes = 100000;
        s.seconds = 30;
        s.seed = 7;
        panel.setSettings(s);
        QSignalSpy done(&panel, &CubeComparePanel::comparisonFinished);
        click(&panel, "cube.compare.run");
        QVERIFY(done.wait(120000));
        QCOMPARE(done.first().at(0).toBool(), false);
        QCOMPARE(int(panel.states().size()), 2);
        QCOMPARE(int(panel.rows().size()), 4); // 2 networks x {Q*, A*}
        const cube::PocketTable table = cube::PocketTable::build(cube::Metric::Quarter);
        std::set<std::pair<int, std::string>> seen;
        for (const cube::MethodSummary& row : panel.rows()) {
            seen.insert({row.actions, row.method});
            qInfo("%d actions %s: solved %d, mean nodes %.0f, mean %.3f s", row.actions,
                  row.method.c_str(), row.solved, row.meanNodesGenerated, row.meanSeconds);
            QCOMPARE(int(row.results.size()), 2);
            double length = 0;
            int solved = 0;
            for (std::size_t k = 0; k < row.results.size(); ++k) {
                const cube::SearchResult& r = row.results[k];
                if (!r.solved)
                    continue;
                cube::Cube c = panel.states()[k];
                QVERIFY(!c.isSolvedUpToRotation()); // 2 quarter turns never undo each other
                c.apply(r.solution);
                QVERIFY(c.isSolvedUpToRotation());
                const int qtm = cube::lengthQtm(r.solution);
                QVERIFY(qtm >= table.distance(panel.states()[k]));
                length += qtm;
                ++solved;
            }
            QCOMPARE(row.solved, solved);
            QVERIFY(row.solved >= 1);
            QVERIFY(std::abs(row.meanLengthQtm - length / solved) < 1e-9);
            QVERIFY(row.meanNodesGenerated >= 1);
        }
        const std::set<std::pair<int, std::string>> expected{
            {12, "qstar"}, {12, "astar"}, {156, "qstar"}, {156, "astar"}};
        QVERIFY(seen == expected);
        // The table shows the rows, the plot one point per network for each series.
        QCOMPARE(panel.table()->rowCount(), 4);
        QCOMPARE(panel.table()->item(0, 4)->text(),
                 QString::number(panel.rows()[0].meanLengthQtm, 'f', 2));
        // The Memory column: each search's peak, at least its generated nodes' 24 stickers.
        QCOMPARE(panel.table()->item(0, 8)->text(),
                 QString::number(panel.rows()[0].maxPeakMiB, 'f', 1));
        for (const cube::MethodSummary& row : panel.rows())
            for (const cube::SearchResult& r : row.results)
                QVERIFY(r.peakBytes >= r.nodesGenerated * 24);
        QCustomPlot* plot = panel.plotView()->plot();
        for (int g = 0; g < 4; ++g)
            QCOMPARE(plot->graph(g)->dataCount(), 2);
        QVERIFY(!panel.plotView()->dataAsCsv().isEmpty());
        // Networks for different cube sizes are refused, the last results stay.
        panel.setModel(2, tinyNetwork(3, 12, 3), QStringLiteral("tiny-3x3"));
        panel.run();
        QVERIFY(!panel.isRunning());
        QCOMPARE(int(panel.rows().size()), 4);
        // Uniformly random 3x3x3 states are drawn for a 3x3x3 network (reachable ones); a tiny
        // node cap keeps the untrained searches short.
        panel.setModel(0, nullptr, {});
        panel.setModel(1, nullptr, {});
        s.randomState = true;
        s.scrambles = 2;
        s.maxNodes = 2000;
        panel.setSettings(s);
        QSignalSpy again(&panel, &CubeComparePanel::comparisonFinished);
        click(&panel, "cube.compare.run");
        QVERIFY(again.wait(120000));
        QCOMPARE(int(panel.states().size()), 2);
        for (const cube::Cube& c : panel.states()) {
            QCOMPARE(c.size(), 3);
            QVERIFY(cube::cubieReport(c).reachable());
        }
        QCOMPARE(int(panel.rows().size()), 2);
    }

    void cancelStopsTheComparisonWithin100ms() {
        CubeLab lab;
        CubeComparePanel panel(&lab);
        panel.show();
        // 3x3x3 scrambles of 20 turns: an untrained network searches until cancelled.
        panel.setModel(0, tinyNetwork(3, 12, 1), QStringLiteral("tiny-3x3"));
        panel.setModel(1, nullptr, {});
        panel.setModel(2, nullptr, {});
        CubeCompareSettings s;
        s.scrambles = 5;
        s.depth = 20;
        s.maxNodes = 1000000000;
        s.seconds = 3600;
        panel.setSettings(s);
        QSignalSpy done(&panel, &CubeComparePanel::comparisonFinished);
        click(&panel, "cube.compare.run");
        QVERIFY(panel.isRunning());
        QTest::qWait(300);
        QVERIFY(lab.taskRunner()->isBusy());
        QElapsedTimer clock;
        clock.start();
        click(&panel, "cube.compare.cancel");
        QVERIFY(done.wait(5000));
        const qint64 ms = clock.elapsed();
        QVERIFY2(ms <= 100, qPrintable(QStringLiteral("cancel took %1 ms").arg(ms)));
        QCOMPARE(done.first().at(0).toBool(), true);
        QVERIFY(!panel.isRunning());
        QVERIFY(panel.rows().empty()); // nothing finished, nothing shown
    }
};

QTEST_MAIN(TestCubePanels)
#include "TestCubePanels.moc"
