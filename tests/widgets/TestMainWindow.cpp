// Main window: starts, switches labs, docks float and re-dock with live GL views (the context is
// recreated each time), layout reset, settings survive a restart and corrupt settings do not crash.
// Needs an X server: run under xvfb-run with QT_QPA_PLATFORM=xcb (scripts/test does).
#include "GlFormat.h"
#include "Lab.h"
#include "LabRegistry.h"
#include "MainWindow.h"
#include "Panel.h"
#include "gpucheck/ArrayView.h"
#include "gpucheck/GpuCheckLab.h"
#include "gpucheck/GpuCheckModel.h"
#include "util/Resources.h"

#include <QApplication>
#include <QComboBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace algoscope::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    static Panel* panel(MainWindow& w, const QString& lab, const QString& id) {
        for (Panel* p : w.panels(lab))
            if (p->panelId() == id)
                return p;
        return nullptr;
    }

private Q_SLOTS:
    void startsAndListsRealLabs() {
        MainWindow w(settingsFile(), false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.labIds().isEmpty());
        // Every listed lab comes from the registry; no placeholders.
        for (const QString& id : w.labIds())
            QVERIFY2(findLab(id), qPrintable(id));
        QVERIFY(w.labIds().contains(QStringLiteral("gpu")));
    }

    void everyLabExplainsItself() {
        // Help > About this lab shows the lab's docs page (embedded docs/labs/<id>.md).
        for (const LabInfo& info : labRegistry()) {
            auto lab = info.create();
            QCOMPARE(lab->id(), info.id);
            QVERIFY2(algoscope::util::findResource("docs/labs/" + info.id.toStdString() + ".md"),
                     qPrintable(info.id));
            QVERIFY(lab->aboutMarkdown().startsWith(QStringLiteral("# ")));
            QVERIFY(lab->aboutMarkdown().contains(QStringLiteral("## ")));
            QVERIFY(!lab->paperReference().isEmpty());
        }
    }

    void switchesLabs() {
        MainWindow w(settingsFile(), false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (const QString& id : w.labIds()) {
            QVERIFY(w.switchToLab(id));
            QCOMPARE(w.currentLab()->id(), id);
            QVERIFY(!w.panels(id).isEmpty());
            for (Panel* p : w.panels(id))
                QVERIFY2(p->isVisible(), qPrintable(p->objectName()));
            QVERIFY(w.waitForCurrentLab(120000));
        }
        QVERIFY(!w.switchToLab(QStringLiteral("no-such-lab")));
    }

    void panelsHaveStableUniqueNames() {
        MainWindow w(settingsFile(), false);
        w.show();
        QSet<QString> names;
        for (const QString& id : w.labIds()) {
            w.switchToLab(id);
            for (Panel* p : w.panels(id)) {
                QVERIFY(p->objectName().startsWith(id + QLatin1Char('.')));
                QVERIFY2(!names.contains(p->objectName()), qPrintable(p->objectName()));
                names.insert(p->objectName());
            }
        }
    }

    void glDockFloatsAndRedocks() {
        MainWindow w(settingsFile(), false);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.switchToLab(QStringLiteral("gpu")));
        QVERIFY(w.waitForCurrentLab(120000));
        Panel* output = panel(w, QStringLiteral("gpu"), QStringLiteral("output"));
        QVERIFY(output);
        auto* view = qobject_cast<ArrayView*>(output->widget());
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isGlReady(), 10000);
        const int inits = view->glInitCount();
        for (int cycle = 0; cycle < 3; ++cycle) {
            output->setFloating(true);
            QTRY_VERIFY_WITH_TIMEOUT(output->isFloating() && view->isGlReady(), 10000);
            view->update();
            QTest::qWait(50);
            output->setFloating(false);
            QTRY_VERIFY_WITH_TIMEOUT(!output->isFloating() && view->isGlReady(), 10000);
            view->update();
            QTest::qWait(50);
        }
        // Each move to a new top-level window gives a new context: GL objects were released and
        // created again, and the view still renders.
        QVERIFY2(view->glInitCount() > inits, "GL context was never recreated");
        QCOMPARE(view->glReleaseCount(), view->glInitCount() - 1);
        const QImage image = view->renderToImage(QSize(200, 100));
        QCOMPARE(image.size(), QSize(200, 100));
    }

    void resetLayoutRedocks() {
        MainWindow w(settingsFile(), false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.switchToLab(QStringLiteral("gpu"));
        Panel* results = panel(w, QStringLiteral("gpu"), QStringLiteral("results"));
        results->setFloating(true);
        results->close();
        QVERIFY(!results->isVisible());
        w.resetLayout();
        QVERIFY(results->isVisible());
        QVERIFY(!results->isFloating());
        QCOMPARE(w.dockWidgetArea(results), results->defaultArea());
    }

    void undoRedoParameterEdits() {
        MainWindow w(settingsFile(), false);
        w.show();
        w.switchToLab(QStringLiteral("gpu"));
        auto* lab = qobject_cast<GpuCheckLab*>(w.currentLab());
        QVERIFY(lab);
        QVERIFY(w.waitForCurrentLab(120000));
        const GpuCheckParams before = lab->model()->params();
        // Change the operation through the panel's combo box, as a user would.
        auto* op = w.findChild<QComboBox*>(QStringLiteral("gpu.op"));
        QVERIFY(op);
        op->setCurrentIndex(op->findData(QStringLiteral("saxpy")));
        QCOMPARE(lab->model()->params().op, QStringLiteral("saxpy"));
        lab->undoStack()->undo();
        QCOMPARE(lab->model()->params(), before);
        QCOMPARE(op->currentData().toString(), before.op);
        lab->undoStack()->redo();
        QCOMPARE(lab->model()->params().op, QStringLiteral("saxpy"));
    }

    void settingsPersist() {
        const QString file = m_dir.filePath(QStringLiteral("persist.ini"));
        {
            MainWindow w(file, true);
            w.show();
            w.switchToLab(QStringLiteral("gpu"));
            auto* lab = qobject_cast<GpuCheckLab*>(w.currentLab());
            GpuCheckParams p = lab->model()->params();
            p.reps = 7;
            p.maxLog2 = 12;
            lab->model()->setParams(p);
            QVERIFY(w.waitForCurrentLab(120000));
            w.saveSettings();
        }
        MainWindow w(file, false);
        w.show();
        auto* lab = qobject_cast<GpuCheckLab*>(w.lab(QStringLiteral("gpu")));
        QVERIFY(w.waitForCurrentLab(120000));
        QCOMPARE(w.currentLab()->id(), QStringLiteral("gpu"));
        QCOMPARE(lab->model()->params().reps, 7);
        QCOMPARE(lab->model()->params().maxLog2, 12);
    }

    void corruptSettingsAreReset() {
        const QString file = m_dir.filePath(QStringLiteral("corrupt.ini"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[General]\nversion=1\nwindow\\currentLab=\"gpu\n[labs]\ngpu\\state=@ByteArray({"
                "not json\n"
                "gpu\\docks=@ByteArray(\\0\\xff garbage)\n\x01\x02\x03 binary junk\n");
        f.close();
        MainWindow w(file, false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.currentLab());
        QVERIFY(w.waitForCurrentLab(120000));
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(preferredSurfaceFormat());
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestMainWindow.moc"
