// TaskRunner: work runs off the GUI thread, progress arrives, errors are reported, cancel stops a
// task promptly, a new run replaces the running one ("latest wins"), and the GUI thread keeps
// processing events while a heavy task runs.
#include "TaskRunner.h"
#include "util/Error.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace algoscope;
using namespace algoscope::ui;

namespace {
// A CPU-heavy loop that polls for cancellation every ~1 ms of work, as core tasks do.
void burn(const util::TaskContext& ctx, int milliseconds) {
    QElapsedTimer t;
    t.start();
    volatile double sink = 0;
    while (t.elapsed() < milliseconds) {
        for (int i = 0; i < 20000; ++i)
            sink = sink + std::sqrt(double(i));
        ctx.checkCancelled();
        ctx.report(double(t.elapsed()) / milliseconds, "burning");
    }
}
} // namespace

class TestTaskRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsOffTheGuiThreadAndFinishes() {
        TaskRunner runner;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        QSignalSpy progress(&runner, &TaskRunner::progress);
        std::atomic<bool> offThread{false};
        bool done = false;
        QThread* gui = QThread::currentThread();
        runner.run(
            QStringLiteral("job"),
            [&](const util::TaskContext& ctx) {
                offThread = QThread::currentThread() != gui;
                burn(ctx, 120);
                ctx.report(1.0, "done");
            },
            [&] { done = true; });
        QVERIFY(runner.isBusy());
        QVERIFY(runner.waitForIdle(10000));
        QVERIFY(offThread);
        QVERIFY(done);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished[0][1].toBool(), true);
        QVERIFY(progress.count() >= 1);
    }

    void errorsAreReported() {
        TaskRunner runner;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        bool done = false;
        runner.run(
            QStringLiteral("bad"),
            [](const util::TaskContext&) {
                throw util::Error("board size 1000000 exceeds the limit 65536");
            },
            [&] { done = true; });
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished[0][1].toBool(), false);
        QCOMPARE(finished[0][2].toBool(), false);
        QVERIFY(finished[0][3].toString().contains(QStringLiteral("exceeds the limit")));
        QVERIFY(!done); // onDone runs only after success
    }

    void cancelStopsWithin100ms() {
        TaskRunner runner;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        runner.run(QStringLiteral("long"), [](const util::TaskContext& ctx) { burn(ctx, 60000); });
        QTest::qWait(100);
        QElapsedTimer t;
        t.start();
        runner.cancel();
        QVERIFY(runner.waitForIdle(5000));
        QVERIFY2(t.elapsed() < 100,
                 qPrintable(QStringLiteral("cancel took %1 ms").arg(t.elapsed())));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished[0][2].toBool(), true);
    }

    void latestRunWins() {
        TaskRunner runner;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        int doneWith = 0;
        runner.run(
            QStringLiteral("first"), [](const util::TaskContext& ctx) { burn(ctx, 60000); },
            [&] { doneWith = 1; });
        QTest::qWait(30);
        runner.run(
            QStringLiteral("second"), [](const util::TaskContext& ctx) { burn(ctx, 50); },
            [&] { doneWith = 2; });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QVERIFY(runner.waitForIdle(10000));
        QCOMPARE(finished[0][0].toString(), QStringLiteral("first"));
        QCOMPARE(finished[0][2].toBool(), true); // cancelled
        QCOMPARE(finished[1][0].toString(), QStringLiteral("second"));
        QCOMPARE(finished[1][1].toBool(), true);
        QCOMPARE(doneWith, 2);
    }

    void destructorCancelsAndJoins() {
        QElapsedTimer t;
        t.start();
        {
            TaskRunner runner;
            runner.run(QStringLiteral("long"),
                       [](const util::TaskContext& ctx) { burn(ctx, 60000); });
            QTest::qWait(20);
        }
        QVERIFY(t.elapsed() < 2000);
    }
};

QTEST_GUILESS_MAIN(TestTaskRunner)
#include "TestTaskRunner.moc"
