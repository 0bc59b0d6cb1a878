// Soak (label `soak`): a dock with a live GL view floated and re-docked a hundred times, and the
// labs switched back and forth, without a crash, a GL error or growing memory. Needs X (xvfb-run).
#include "GlFormat.h"
#include "MainWindow.h"
#include "Panel.h"
#include "gpucheck/ArrayView.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QtTest>

#include "TestHelpers.h"

using namespace algoscope::ui;

class TestSoakDocks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void floatAndRedockHundredTimes() {
        QTemporaryDir dir;
        MainWindow w(dir.filePath(QStringLiteral("s.ini")), false);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.switchToLab(QStringLiteral("gpu")));
        QVERIFY(w.waitForCurrentLab(120000));
        Panel* output = nullptr;
        for (Panel* p : w.panels(QStringLiteral("gpu")))
            if (p->panelId() == QLatin1String("output"))
                output = p;
        QVERIFY(output);
        auto* view = qobject_cast<ArrayView*>(output->widget());
        QTRY_VERIFY(view->isGlReady());
        double start = 0;
        for (int cycle = 0; cycle < 100; ++cycle) {
            output->setFloating(true);
            QTRY_VERIFY_WITH_TIMEOUT(view->isGlReady(), 10000);
            view->repaint();
            output->setFloating(false);
            QTRY_VERIFY_WITH_TIMEOUT(view->isGlReady(), 10000);
            view->repaint();
            if (cycle % 10 == 9) {
                w.switchToLab(QStringLiteral("life"));
                QTest::qWait(20);
                w.switchToLab(QStringLiteral("gpu"));
            }
            if (cycle == 10)
                start = algoscope::test::residentMiB();
        }
        const double end = algoscope::test::residentMiB();
        qInfo("GL contexts created: %d; resident %.1f MiB at cycle 10, %.1f MiB at cycle 100",
              view->glInitCount(), start, end);
        QVERIFY(view->glInitCount() >= 100);
        QVERIFY2(end - start < 32.0, "memory grows with each float/re-dock");
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(preferredSurfaceFormat());
    QApplication app(argc, argv);
    TestSoakDocks test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestSoakDocks.moc"
