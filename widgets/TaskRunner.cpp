#include "TaskRunner.h"

#include "util/Error.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <atomic>
#include <chrono>
#include <new>

namespace algoscope::ui {

namespace {
// Computation must never starve the GUI thread: the worker (and the OpenMP and llvmpipe threads
// it creates, which inherit its nice value on Linux) runs at a lower priority, so the event loop
// gets a core whenever it needs one even when every core is busy with the lab's work.
void lowerThreadPriority() {
#ifdef __linux__
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
}
} // namespace

TaskRunner::TaskRunner(QObject* parent) : QObject(parent) {}

TaskRunner::~TaskRunner() {
    m_pending.reset();
    if (m_token)
        m_token->cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void TaskRunner::run(const QString& title, Work work, Done onDone) {
    Pending task{title, std::move(work), std::move(onDone)};
    if (m_busy) {
        m_pending = std::make_unique<Pending>(std::move(task));
        m_token->cancel();
        return;
    }
    startNow(std::move(task));
}

void TaskRunner::cancel() {
    m_pending.reset();
    if (m_token)
        m_token->cancel();
}

void TaskRunner::stopAndWait() {
    m_pending.reset();
    if (m_token)
        m_token->cancel();
    if (m_thread.joinable())
        m_thread.join();
    ++m_taskId; // the finished notification already queued for that task is ignored
    m_busy = false;
    m_onDone = nullptr;
}

void TaskRunner::startNow(Pending task) {
    if (m_thread.joinable())
        m_thread.join();
    m_busy = true;
    m_title = task.title;
    m_onDone = std::move(task.onDone);
    m_token = std::make_unique<util::CancellationToken>();
    const quint64 id = ++m_taskId;
    Q_EMIT started(m_title);

    // Progress is throttled in the worker (at most 10 updates per second) so a tight loop that
    // reports every iteration cannot flood the GUI thread's event queue.
    QPointer<TaskRunner> self(this);
    auto lastReport = std::make_shared<std::atomic<long long>>(0);
    util::ProgressCallback progressCb = [self, lastReport](double fraction,
                                                           const std::string& msg) {
        using namespace std::chrono;
        const long long now =
            duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
        if (now - lastReport->load() < 100 && fraction < 1.0)
            return;
        lastReport->store(now);
        const QString message = QString::fromStdString(msg);
        QMetaObject::invokeMethod(
            self.data(),
            [self, fraction, message] {
                if (self)
                    Q_EMIT self->progress(fraction, message);
            },
            Qt::QueuedConnection);
    };
    const util::CancellationToken* token = m_token.get();
    Work work = std::move(task.work);
    m_thread = std::thread([this, id, token, work = std::move(work), progressCb]() {
        lowerThreadPriority();
        util::TaskContext ctx(progressCb, token);
        bool ok = false, cancelled = false;
        QString error;
        try {
            work(ctx);
            ok = !token->isCancelled();
            cancelled = token->isCancelled();
        } catch (const util::Cancelled&) {
            cancelled = true;
        } catch (const std::bad_alloc&) {
            error = QStringLiteral("out of memory");
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        // The runner outlives the thread (the destructor joins), so `this` is valid here.
        QMetaObject::invokeMethod(
            this, [this, id, ok, cancelled, error] { onWorkerFinished(id, ok, cancelled, error); },
            Qt::QueuedConnection);
    });
}

void TaskRunner::onWorkerFinished(quint64 id, bool ok, bool cancelled, const QString& error) {
    if (id != m_taskId)
        return;
    if (m_thread.joinable())
        m_thread.join();
    m_busy = false;
    Done done = std::move(m_onDone);
    const QString title = m_title;
    Q_EMIT finished(title, ok, cancelled, error);
    if (ok && done)
        done();
    if (m_pending) {
        Pending next = std::move(*m_pending);
        m_pending.reset();
        startNow(std::move(next));
    }
}

bool TaskRunner::waitForIdle(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (m_busy && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return !m_busy;
}

} // namespace algoscope::ui
