// The Q* cube lab: the scramble box follows valid notation and refuses invalid notation with
// the token named (keeping the last valid cube), edits are undoable, the 2x2x2 optimal solver's
// solution has the table's length and playing it back solves the cube, and the view exports.
// Drag-to-turn through real mouse events: a drag up the front face's right column records R
// (notation: R takes the front face up), exactly like the R key, undoably; a drag that starts
// off the cube turns the camera and records nothing.
#include "TaskRunner.h"
#include "cube/CubeLab.h"
#include "cube/CubePicking.h"
#include "cube/CubeView.h"
#include "cube/PocketTable.h"

#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

class TestCubeLab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scrambleEditingAndUndo() {
        CubeLab lab;
        QCOMPARE(lab.size(), 3);
        QVERIFY(lab.currentCube().isSolved());
        QString error;
        QVERIFY(lab.setScramble(QStringLiteral("R U R' U'"), &error));
        QVERIFY(!lab.currentCube().isSolved());
        QVERIFY(!lab.setScramble(QStringLiteral("R U Q"), &error));
        QVERIFY2(error.contains(QStringLiteral("'Q'")), qPrintable(error));
        QCOMPARE(lab.scramble(), QStringLiteral("R U R' U'")); // kept the last valid one
        lab.applyUserMove(cube::parseMove("F", 3));
        QCOMPARE(lab.scramble(), QStringLiteral("R U R' U' F"));
        lab.undoStack()->undo();
        QCOMPARE(lab.scramble(), QStringLiteral("R U R' U'"));
        lab.undoStack()->undo();
        QVERIFY(lab.currentCube().isSolved());
    }

    void optimalSolveAndPlayback() {
        CubeLab lab;
        std::unique_ptr<QWidget> view(lab.createCentralView(nullptr));
        lab.setSize(2);
        QVERIFY(lab.setScramble(QStringLiteral("R U F' R2 U' F")));
        lab.solve(QStringLiteral("optimal"), 100, 1.0);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QVERIFY(lab.stats().has_value());
        const cube::PocketTable table = cube::PocketTable::build(cube::Metric::Quarter);
        cube::Cube scrambled(2);
        scrambled.apply(cube::parseMoves("R U F' R2 U' F", 2));
        QCOMPARE(int(lab.solution().size()), table.distance(scrambled));
        // Step through the whole solution: the cube ends solved.
        for (std::size_t i = 0; i < lab.solution().size(); ++i)
            lab.stepForward();
        QCOMPARE(lab.playbackPosition(), int(lab.solution().size()));
        QVERIFY(lab.currentCube().isSolvedUpToRotation());
        lab.seek(0);
        QCOMPARE(lab.currentCube(), scrambled);
        // Q* without a network of the user's uses the shipped 2x2x2 network; its solution,
        // replayed on the scramble, solves it, and is optimal or close (lambda 1).
        lab.solve(QStringLiteral("qstar"), 100, 1.0);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QCOMPARE(lab.modelName(), QStringLiteral("cube-2-rc12.safetensors"));
        QVERIFY(lab.stats().has_value() && lab.stats()->result.solved);
        cube::Cube replay = scrambled;
        replay.apply(lab.solution());
        QVERIFY(replay.isSolvedUpToRotation());
        QVERIFY(int(lab.solution().size()) <= table.distance(scrambled) + 2);
        // The 3x3x3 uses its own shipped network.
        lab.setSize(3);
        QVERIFY(lab.setScramble(QStringLiteral("R U")));
        lab.solve(QStringLiteral("qstar"), 100, 0.6);
        QVERIFY(lab.taskRunner()->waitForIdle(60000));
        QCOMPARE(lab.modelName(), QStringLiteral("cube-3-rc12.safetensors"));
        QVERIFY(lab.stats().has_value() && lab.stats()->result.solved);
        cube::Cube replay3(3);
        replay3.apply(cube::parseMoves("R U", 3));
        replay3.apply(lab.solution());
        QVERIFY(replay3.isSolvedUpToRotation());
        QString error;
        QVERIFY(!lab.openModel(QStringLiteral("/nonexistent.safetensors"), &error));
        QVERIFY(!error.isEmpty());
    }

    void dragOnAStickerTurnsItsLayer() {
        CubeLab lab;
        std::unique_ptr<QWidget> widget(lab.createCentralView(nullptr));
        auto* view = qobject_cast<CubeView*>(widget.get());
        QVERIFY(view);
        view->resize(800, 600);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
        view->setCameraAngles(-35.0f, 25.0f);
        const cube::CubeCamera cam = view->camera();
        QCOMPARE(cam.width, view->width());
        // The front face's right-column middle sticker, where the view draws it.
        const glm::vec2 at = cam.project(cube::stickerCenter(3, cube::F * 9 + 1 * 3 + 2));
        const QPoint from(qRound(at.x), qRound(at.y));
        QTest::mousePress(view, Qt::LeftButton, {}, from);
        QTest::mouseMove(view, from + QPoint(0, -3)); // below the threshold: nothing yet
        QCOMPARE(lab.scramble(), QString());
        QTest::mouseMove(view, from + QPoint(0, -20));
        QTest::mouseMove(view, from + QPoint(0, -40)); // one turn per drag
        QTest::mouseRelease(view, Qt::LeftButton, {}, from + QPoint(0, -40));
        QCOMPARE(lab.scramble(), QStringLiteral("R"));
        cube::Cube expected(3);
        expected.apply(cube::parseMove("R", 3));
        QCOMPARE(lab.currentCube(), expected);
        QCOMPARE(view->camera().yaw, cam.yaw); // the camera did not move
        // Undo works as for a keyboard move.
        lab.undoStack()->undo();
        QCOMPARE(lab.scramble(), QString());
        // The top row dragged left is U.
        const glm::vec2 top = cam.project(cube::stickerCenter(3, cube::F * 9 + 0 * 3 + 1));
        const QPoint topFrom(qRound(top.x), qRound(top.y));
        QTest::mousePress(view, Qt::LeftButton, {}, topFrom);
        QTest::mouseMove(view, topFrom + QPoint(-30, 0));
        QTest::mouseRelease(view, Qt::LeftButton, {}, topFrom + QPoint(-30, 0));
        QCOMPARE(lab.scramble(), QStringLiteral("U"));
        // A drag starting off the cube turns the camera and records nothing.
        QVERIFY(!cube::pickSticker(3, cam, glm::vec2(10.0f, 10.0f)));
        QTest::mousePress(view, Qt::LeftButton, {}, QPoint(10, 10));
        QTest::mouseMove(view, QPoint(60, 10));
        QTest::mouseRelease(view, Qt::LeftButton, {}, QPoint(60, 10));
        QCOMPARE(lab.scramble(), QStringLiteral("U"));
        QVERIFY(std::abs(view->camera().yaw - cam.yaw) > 10.0f);
    }
};

QTEST_MAIN(TestCubeLab)
#include "TestCubeLab.moc"
