#pragma once
// Runs core work on a worker thread, one task at a time, with progress, cancel and errors.
// Starting a task while one runs cancels the running one and starts the new one when it has
// stopped ("latest wins"), which is what a user dragging a slider wants.
// Results come back on the GUI thread through the onDone callback; the worker never touches
// widgets.
#include "util/TaskContext.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <thread>

namespace algoscope::ui {

class TaskRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(const util::TaskContext&)>;
    using Done = std::function<void()>;

    explicit TaskRunner(QObject* parent = nullptr);
    ~TaskRunner() override; // cancels and joins

    /// Runs work off the GUI thread. onDone runs on the GUI thread after success only.
    void run(const QString& title, Work work, Done onDone = {});
    void cancel();
    /// Cancels, drops any pending task and joins the worker without processing events; for
    /// destructors of objects the running task uses. No signals are emitted for that task.
    void stopAndWait();
    bool isBusy() const { return m_busy; }
    QString currentTitle() const { return m_title; }
    /// Blocks (processing events) until idle or timeout; for tests and screenshot mode.
    bool waitForIdle(int timeoutMs);

Q_SIGNALS:
    void started(const QString& title);
    void progress(double fraction, const QString& message);
    /// ok: finished normally; cancelled: stopped by cancel(); otherwise error holds the reason.
    void finished(const QString& title, bool ok, bool cancelled, const QString& error);

private:
    struct Pending {
        QString title;
        Work work;
        Done onDone;
    };
    void startNow(Pending task);
    void onWorkerFinished(quint64 id, bool ok, bool cancelled, const QString& error);

    std::unique_ptr<Pending> m_pending;
    std::unique_ptr<util::CancellationToken> m_token;
    std::thread m_thread;
    Done m_onDone;
    QString m_title;
    quint64 m_taskId = 0;
    bool m_busy = false;
};

} // namespace algoscope::ui
