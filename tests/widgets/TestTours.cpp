// Guided tours and presentation mode (issue: teaching mode). Every lab brings a tour; every
// action of every tour refers to something that exists in its lab; every tour runs end to end
// headless through the same commands as user edits (so Undo works); presentation mode enters and
// leaves cleanly. Needs an X server (xvfb-run, QT_QPA_PLATFORM=xcb), like every widgets test.
#include "Lab.h"
#include "LabRegistry.h"
#include "MainWindow.h"
#include "Panel.h"
#include "life/LifeLab.h"
#include "life/LifeModel.h"
#include "life/PatternLibrary.h"
#include "tour/Tour.h"
#include "tour/TourPanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

namespace {
// Diagnostic labs that teach no paper. Every other lab must ship resources/tours/<id>.json.
const QStringList kLabsWithoutTour = {QStringLiteral("gpu")};

QStringList panelNames(MainWindow& w, const QString& lab) {
    QStringList names;
    for (Panel* p : w.panels(lab))
        names << p->objectName();
    return names;
}

/// Runs "Do it for me" on the current step and waits until its actions and the lab are done.
bool doStepAndWait(MainWindow& w, TourPanel* tour, int timeoutMs, QString* error) {
    tour->doCurrentStep();
    QElapsedTimer t;
    t.start();
    while (tour->isRunningActions() && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    if (tour->isRunningActions()) {
        *error = QStringLiteral("step still running after %1 ms").arg(timeoutMs);
        return false;
    }
    if (!tour->lastError().isEmpty()) {
        *error = tour->lastError();
        return false;
    }
    return w.waitForCurrentLab(timeoutMs);
}
} // namespace

class TestTours : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

private Q_SLOTS:
    void parserReportsProblems_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not json") << QByteArray("{ nope") << QStringLiteral("byte");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("one JSON object");
        QTest::newRow("no steps") << QByteArray(R"({"lab":"life","title":"t","steps":[]})")
                                  << QStringLiteral("non-empty");
        QTest::newRow("step without text")
            << QByteArray(R"({"lab":"life","title":"t","steps":[{"title":"a"}]})")
            << QStringLiteral("step 1");
        QTest::newRow("action without do")
            << QByteArray(
                   R"({"lab":"life","title":"t","steps":[{"title":"a","text":"b"},{"title":"c","text":"d","actions":[{"pattern":"x"}]}]})")
            << QStringLiteral("step 2");
    }
    void parserReportsProblems() {
        QFETCH(QByteArray, json);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!parseTour(json, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void validationCatchesWrongNames() {
        LifeLab lab;
        const QByteArray json = R"({"lab":"life","title":"t","steps":[
            {"title":"a","text":"b","highlight":"life.nosuchpanel",
             "actions":[{"do":"teleport"},{"do":"loadPattern"},{"do":"run","generations":1,"speed":2}]}]})";
        QString error;
        const auto tour = parseTour(json, &error);
        QVERIFY2(tour, qPrintable(error));
        const QStringList problems = validateTour(*tour, lab, {QStringLiteral("life.controls")});
        const QString all = problems.join('\n');
        QVERIFY2(all.contains(QStringLiteral("life.nosuchpanel")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("unknown action 'teleport'")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("needs 'pattern'")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("no argument 'speed'")), qPrintable(all));
    }

    void everyLabHasAValidTour() {
        MainWindow w(settingsFile(), false);
        for (const LabInfo& info : labRegistry()) {
            QString error;
            const auto tour = tourForLab(info.id, &error);
            if (kLabsWithoutTour.contains(info.id)) {
                QVERIFY2(!tour, "a lab listed as tour-less has a tour: take it off the list");
                continue;
            }
            QVERIFY2(tour, qPrintable(info.id + ": " + error));
            QVERIFY2(tour->steps.size() >= 6 && tour->steps.size() <= 12,
                     qPrintable(info.id + QStringLiteral(": a tour has 6-12 steps")));
            QVERIFY(w.switchToLab(info.id));
            const QStringList problems =
                validateTour(*tour, *w.lab(info.id), panelNames(w, info.id));
            QVERIFY2(problems.isEmpty(), qPrintable(info.id + ": " + problems.join("; ")));
        }
    }

    void everyTourRunsEndToEnd() {
        MainWindow w(settingsFile(), false);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (const LabInfo& info : labRegistry()) {
            if (kLabsWithoutTour.contains(info.id))
                continue;
            QVERIFY(w.switchToLab(info.id));
            QVERIFY(w.waitForCurrentLab(60000));
            QVERIFY(w.startTour());
            QVERIFY(w.tourDock()->isVisible());
            TourPanel* tour = w.tourPanel();
            const int undoBefore = w.currentLab()->undoStack()->count();
            for (int i = 0; i < tour->stepCount(); ++i) {
                tour->goToStep(i);
                QCOMPARE(tour->currentStep(), i);
                QString error;
                QVERIFY2(doStepAndWait(w, tour, 120000, &error),
                         qPrintable(
                             QStringLiteral("%1 step %2: %3").arg(info.id).arg(i + 1).arg(error)));
            }
            // The tour's edits are on the lab's undo stack like user edits.
            QVERIFY(w.currentLab()->undoStack()->count() > undoBefore);
            w.closeTour();
            QVERIFY(!w.tourDock()->isVisible());
            QVERIFY(w.waitForCurrentLab(60000));
        }
    }

    void lifeTourShowsTheTorusWrap() {
        // Step 4 runs a glider 96 generations on a 24 x 24 torus: a glider moves one cell
        // diagonally every 4 generations (LifeWiki), so it is back exactly where it started.
        MainWindow w(settingsFile(), false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.switchToLab(QStringLiteral("life")));
        QVERIFY(w.startTour());
        TourPanel* tour = w.tourPanel();
        int wrapStep = -1;
        for (int i = 0; i < tour->stepCount(); ++i)
            if (tour->tour().steps[i].title.contains(QStringLiteral("torus")))
                wrapStep = i;
        QVERIFY(wrapStep >= 0);
        tour->goToStep(wrapStep);
        QString error;
        QVERIFY2(doStepAndWait(w, tour, 60000, &error), qPrintable(error));
        auto* lab = qobject_cast<LifeLab*>(w.currentLab());
        QVERIFY(lab);
        QCOMPARE(lab->model()->generation(), std::uint64_t(96));
        const life::Board& glider = life::PatternLibrary::instance().get("glider").pattern.cells;
        life::Board expected(24, 24);
        expected.paste(glider, (24 - glider.width()) / 2, (24 - glider.height()) / 2);
        QVERIFY(lab->model()->board() == expected);
        // Undo takes the run's starting board back (generation 0 of the loaded pattern).
        QVERIFY(w.currentLab()->undoStack()->canUndo());
    }

    void presentationModeEntersAndLeaves() {
        MainWindow w(settingsFile(), false);
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.switchToLab(QStringLiteral("life")));
        QVERIFY(w.startTour());
        const QFont before = QApplication::font();
        const QList<Panel*> panels = w.panels(QStringLiteral("life"));
        QVERIFY(!panels.isEmpty());
        QVERIFY(panels.front()->isVisible());

        w.setPresentationMode(true);
        QVERIFY(w.isPresenting());
        QTRY_VERIFY(w.isFullScreen());
        QVERIFY(QApplication::font().pointSizeF() > before.pointSizeF() * 1.4);
        for (Panel* p : panels)
            QVERIFY2(!p->isVisible(), qPrintable(p->objectName()));
        QVERIFY(w.tourDock()->isVisible());
        // Keyboard-only: Right goes to the next step (and does it), Left back, Space plays.
        // Shortcuts go to the active window (Xvfb has no window manager to activate it).
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(w.windowHandle(), Qt::Key_Right);
        QTRY_COMPARE(w.tourPanel()->currentStep(), 1);
        QTRY_VERIFY(!w.tourPanel()->isRunningActions());
        QVERIFY(w.waitForCurrentLab(60000));
        QTest::keyClick(w.windowHandle(), Qt::Key_Left);
        QCOMPARE(w.tourPanel()->currentStep(), 0);
        auto* lab = qobject_cast<LifeLab*>(w.currentLab());
        const bool playing = lab->isPlaying();
        QTest::keyClick(w.windowHandle(), Qt::Key_Space);
        QCOMPARE(lab->isPlaying(), !playing);
        QTest::keyClick(w.windowHandle(), Qt::Key_Space);
        QCOMPARE(lab->isPlaying(), playing);

        QTest::keyClick(w.windowHandle(), Qt::Key_Escape);
        QVERIFY(!w.isPresenting());
        QTRY_VERIFY(!w.isFullScreen());
        QCOMPARE(QApplication::font().pointSizeF(), before.pointSizeF());
        QTRY_VERIFY(panels.front()->isVisible());
        QVERIFY(w.waitForCurrentLab(60000));
    }
};

QTEST_MAIN(TestTours)
#include "TestTours.moc"
