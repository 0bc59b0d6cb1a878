// The Q* cube lab: the scramble box follows valid notation and refuses invalid notation with
// the token named (keeping the last valid cube), edits are undoable, the 2x2x2 optimal solver's
// solution has the table's length and playing it back solves the cube, and the view exports.
#include "TaskRunner.h"
#include "cube/CubeLab.h"
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
        // Q* without a network is refused with a message, not a crash.
        lab.solve(QStringLiteral("qstar"), 100, 0.6);
        QVERIFY(lab.taskRunner()->waitForIdle(1000));
        QString error;
        QVERIFY(!lab.openModel(QStringLiteral("/nonexistent.safetensors"), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestCubeLab)
#include "TestCubeLab.moc"
