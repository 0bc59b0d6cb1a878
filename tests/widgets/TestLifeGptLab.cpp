// The LifeGPT lab: the view shows the engine's truth beside the model's prediction for the
// current board, edits are undoable, models open (and bad files are refused with a message),
// training from the GUI replaces the model and reports progress, and the view exports.
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
