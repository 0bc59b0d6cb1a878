// Measurement (label `soak`, not in the default run): the Life canvas's redraw rate while a
// 4096 x 4096 soup plays (the "stays interactive, 60 fps redraw"). A 60 Hz timer on the
// GUI thread pans the view by a fraction of a cell and asks for a redraw, as a user dragging
// would; the test counts frames drawn over five seconds and the generations displayed, in two
// views: the whole board fitted (5 cells per texel at 1000 pixels) and 1 cell per pixel, and
// once paused: the rate this machine's OpenGL allows without any simulation.
// Prints the numbers for docs/benchmarks.md; fails only below 30 fps (a gross regression).
#include "GlFormat.h"
#include "MainWindow.h"
#include "TaskRunner.h"
#include "life/LifeCanvas.h"
#include "life/LifeLab.h"
#include "life/LifeModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace algoscope;
using namespace algoscope::ui;

class TestSoakLifeFrameRate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void redrawRateWhileA4096BoardPlays_data() {
        QTest::addColumn<bool>("fitted");
        QTest::addColumn<bool>("playing");
        QTest::newRow("whole board") << true << true;
        QTest::newRow("1 cell per pixel") << false << true;
        // The same panning with the board paused: the redraw rate this machine's OpenGL gives
        // the window at all (llvmpipe renders it in software here).
        QTest::newRow("whole board, paused") << true << false;
    }
    void redrawRateWhileA4096BoardPlays() {
        QFETCH(bool, fitted);
        QFETCH(bool, playing);
        QTemporaryDir dir;
        MainWindow w(dir.filePath(QStringLiteral("s.ini")), false);
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.switchToLab(QStringLiteral("life")));
        auto* lab = qobject_cast<LifeLab*>(w.currentLab());
        QVERIFY(lab);
        QTRY_VERIFY(lab->canvas()->isGlReady());
        LifeSettings s = lab->model()->settings();
        s.stepsPerSecond = 60;
        s.generationsPerStep = 1;
        lab->model()->setSettings(s);
        lab->model()->loadBoard(life::Board(4096, 4096));
        lab->randomSoup();
        LifeCanvas* canvas = lab->canvas();
        canvas->fitBoard();
        if (!fitted)
            canvas->setCamera(QPointF(2048, 2048), 1.0);
        QTest::qWait(200);

        if (playing)
            lab->play();
        QTest::qWait(500); // warm-up
        const std::uint64_t frames0 = canvas->framesDrawn();
        const std::uint64_t pre0 = canvas->prerenderedFrames();
        const std::uint64_t gen0 = lab->model()->generation();
        QTimer pan;
        pan.setTimerType(Qt::PreciseTimer);
        int tick = 0;
        connect(&pan, &QTimer::timeout, this, [&] {
            const double dx = (tick++ % 2 ? 0.3 : -0.3) * 5.0 / canvas->zoom();
            canvas->setCamera(canvas->center() + QPointF(dx, 0), canvas->zoom());
            canvas->update();
        });
        QElapsedTimer clock;
        clock.start();
        pan.start(16);
        QTest::qWait(5000);
        pan.stop();
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        lab->pause();
        QVERIFY(lab->taskRunner()->waitForIdle(20000));
        const double fps = double(canvas->framesDrawn() - frames0) / seconds;
        const double gps = double(lab->model()->generation() - gen0) / seconds;
        qInfo("%s%s: %.1f frames/s drawn, %.1f generations/s shown, %llu frames pictured by the "
              "simulation thread",
              fitted ? "whole 4096^2 board fitted" : "1 cell per pixel",
              playing ? ", playing" : ", paused", fps, gps,
              static_cast<unsigned long long>(canvas->prerenderedFrames() - pre0));
        QVERIFY2(fps >= 30.0, "the canvas redraws at under 30 fps");
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(preferredSurfaceFormat());
    QApplication app(argc, argv);
    TestSoakLifeFrameRate t;
    return QTest::qExec(&t, argc, argv);
}
#include "TestSoakLifeFrameRate.moc"
