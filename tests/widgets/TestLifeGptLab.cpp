// The LifeGPT lab: the view shows the engine's truth beside the model's prediction for the
// current board, edits are undoable, models open (and bad files are refused with a message),
// training from the GUI replaces the model and reports progress, the view exports, and the
// evaluation panel's GPU engine gives the CPU's numbers (or falls back to the CPU with a message).
#include "TaskRunner.h"
#include "lifegpt/LifeGptBoardsView.h"
#include "lifegpt/LifeGptLab.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

class TestLifeGptLab : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void predictsTheCurrentBoard() {
        LifeGptLab lab;
        std::unique_ptr<QWidget> view(lab.createCentralView(nullptr));
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QVERIFY(lab.prediction().has_value());
        const int n = lab.model()->grid();
        QCOMPARE(int(lab.prediction()->board.width()), n);
        QCOMPARE(int(lab.prediction()->confidence.size()), n * n);
        // Edits are undoable and re-predict.
        const life::Board before = lab.board();
        lab.toggleCell(0, 0);
        QVERIFY(lab.board() != before);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        lab.undoStack()->undo();
        QVERIFY(lab.board() == before);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        // The view exports as PNG and SVG.
        auto* boards = qobject_cast<LifeGptBoardsView*>(view.get());
        QVERIFY(boards);
        QString error;
        QVERIFY2(boards->exportFigure(m_dir.filePath("p.png"), {}, &error), qPrintable(error));
        QVERIFY2(boards->exportFigure(m_dir.filePath("p.svg"), {}, &error), qPrintable(error));
        QVERIFY(QFileInfo(m_dir.filePath("p.svg")).size() > 1000);
    }

    void opensModelsAndRefusesBadFiles() {
        LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QString error;
        const QString junk = m_dir.filePath("junk.safetensors");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a model");
        f.close();
        QVERIFY(!lab.openModel(junk, &error));
        QVERIFY(!error.isEmpty());
        // A 4x4 model: the board follows the model's grid.
        nn::TransformerConfig net;
        net.dim = 16;
        net.layers = 1;
        net.heads = 2;
        lifegpt::LifeGptModel small(4, net);
        small.net().init(2);
        const QString path = m_dir.filePath("small.safetensors");
        small.save(path.toStdString());
        QSignalSpy changed(&lab, &LifeGptLab::modelChanged);
        QVERIFY2(lab.openModel(path, &error), qPrintable(error));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lab.model()->grid(), 4);
        QCOMPARE(int(lab.board().width()), 4);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QCOMPARE(int(lab.prediction()->board.width()), 4);
    }

    void evaluatesOnTheGpuLikeTheCpu() {
        LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QSignalSpy done(&lab, &LifeGptLab::evaluationFinished);
        QSignalSpy status(&lab, &LifeGptLab::statusMessage);
        lab.runEvaluation(20, 7, false);
        QVERIFY(lab.taskRunner()->waitForIdle(120000));
        QTRY_COMPARE(done.count(), 1);
        const auto cpu = done.at(0).at(0).value<lifegpt::Evaluation>();
        QCOMPARE(done.at(0).at(1).toString(), QStringLiteral("CPU"));
        QCOMPARE(int(cpu.boards), 20);

        lab.runEvaluation(20, 7, true);
        QVERIFY(lab.taskRunner()->waitForIdle(120000));
        QTRY_COMPARE(done.count(), 2);
        const auto gpu = done.at(1).at(0).value<lifegpt::Evaluation>();
        const QString engine = done.at(1).at(1).toString();
        if (engine == QLatin1String("CPU")) {
            // No OpenGL 4.3 here: the CPU served and the status bar said why.
            QVERIFY(status.count() >= 1);
            QVERIFY(status.last().at(0).toString().contains(QStringLiteral("GPU evaluation")));
        } else {
            QVERIFY2(engine.startsWith(QStringLiteral("GPU")), qPrintable(engine));
        }
        // The same greedy decoding: the same boards right and wrong, bin by bin.
        QCOMPARE(gpu.boards, cpu.boards);
        QCOMPARE(gpu.boardsExact, cpu.boardsExact);
        QCOMPARE(gpu.cellsCorrect, cpu.cellsCorrect);
        for (std::size_t i = 0; i < cpu.byDensity.size(); ++i)
            QCOMPARE(gpu.byDensity[i].cellsCorrect, cpu.byDensity[i].cellsCorrect);
    }

    void switchesBetweenShippedModels() {
        LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        const QStringList names = LifeGptLab::shippedModelNames();
        QVERIFY2(names.contains(QStringLiteral("lifegpt-8x8.safetensors")) &&
                     names.contains(QStringLiteral("lifegpt-8x8-high.safetensors")),
                 qPrintable(names.join(',')));
        // The lab opens with a broad-entropy model, never the high-entropy partner.
        QVERIFY(lab.modelOrigin() != QStringLiteral("lifegpt-8x8-high.safetensors"));
        QString error;
        QVERIFY2(lab.useShippedModel(QStringLiteral("lifegpt-8x8-high.safetensors"), &error),
                 qPrintable(error));
        QCOMPARE(lab.modelOrigin(), QStringLiteral("lifegpt-8x8-high.safetensors"));
        QCOMPARE(QString::fromStdString(lab.model()->metadata().at("train.data")),
                 QStringLiteral("high"));
        QCOMPARE(lab.model()->grid(), 8);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QCOMPARE(int(lab.prediction()->board.width()), 8);
        QVERIFY(!lab.useShippedModel(QStringLiteral("no-such.safetensors"), &error));
        QVERIFY(error.contains(QStringLiteral("no-such")));
        QCOMPARE(lab.modelOrigin(), QStringLiteral("lifegpt-8x8-high.safetensors")); // kept
    }

    void comparesBroadAndHighEntropyTraining() {
        LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QSignalSpy done(&lab, &LifeGptLab::dataComparisonFinished);
        lab.runDataComparison(20, 5);
        QVERIFY(lab.taskRunner()->waitForIdle(120000));
        QTRY_COMPARE(done.count(), 1);
        const auto c = done.at(0).at(0).value<LifeGptLab::DataComparison>();
        QVERIFY2(c.highModel.contains(QStringLiteral("high")), qPrintable(c.highModel));
        QVERIFY(c.broadModel != c.highModel);
        // The same held-out boards for both: the same counts per density bin.
        QCOMPARE(int(c.broad.boards), 20);
        QCOMPARE(c.high.boards, c.broad.boards);
        for (std::size_t i = 0; i < c.broad.byDensity.size(); ++i)
            QCOMPARE(c.high.byDensity[i].boards, c.broad.byDensity[i].boards);
    }

    void fallsBackToTheCpuWithoutAGpu() {
        qputenv("ALGOSCOPE_DISABLE_GPU", "1");
        LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QSignalSpy done(&lab, &LifeGptLab::evaluationFinished);
        QSignalSpy status(&lab, &LifeGptLab::statusMessage);
        lab.runEvaluation(10, 7, true);
        QVERIFY(lab.taskRunner()->waitForIdle(120000));
        QTRY_COMPARE(done.count(), 1);
        qunsetenv("ALGOSCOPE_DISABLE_GPU");
        QCOMPARE(done.at(0).at(1).toString(), QStringLiteral("CPU"));
        QCOMPARE(int(done.at(0).at(0).value<lifegpt::Evaluation>().boards), 10);
        QVERIFY(status.count() >= 1);
        QVERIFY2(status.last().at(0).toString().contains(QStringLiteral("ALGOSCOPE_DISABLE_GPU")),
                 qPrintable(status.last().at(0).toString()));
    }

    void trainsFromTheGui() {
        LifeGptLab lab;
        lab.activate();
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QSignalSpy progress(&lab, &LifeGptLab::trainingProgress);
        QSignalSpy changed(&lab, &LifeGptLab::modelChanged);
        lifegpt::TrainConfig c;
        c.grid = 4;
        c.net.dim = 16;
        c.net.layers = 1;
        c.net.heads = 2;
        c.steps = 30;
        c.batch = 4;
        c.warmup = 3;
        lab.train(c);
        QVERIFY(lab.taskRunner()->waitForIdle(120000));
        QTRY_VERIFY(changed.count() >= 1);
        QVERIFY(progress.count() >= 3); // every 10th step
        QCOMPARE(lab.model()->grid(), 4);
        QVERIFY(lab.modelDescription().contains(QStringLiteral("trained in this session")));
    }
};

QTEST_MAIN(TestLifeGptLab)
#include "TestLifeGptLab.moc"
