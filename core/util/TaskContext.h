#pragma once
// Cancellation and progress for long core tasks. A task polls the context at a cheap, regular
// point (every row band, every batch, every node expansion) so that cancel takes effect within
// milliseconds, and reports progress as a fraction in [0, 1] with a short message.
// The context is thread-safe: the GUI thread cancels, the worker thread polls and reports.
#include "util/Error.h"

#include <atomic>
#include <functional>
#include <string>

namespace algoscope::util {

class CancellationToken {
public:
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    void reset() noexcept { m_cancelled.store(false, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

/// Called from the worker thread; must be cheap and thread-safe on the receiving side.
using ProgressCallback = std::function<void(double fraction, const std::string& message)>;

class TaskContext {
public:
    TaskContext() = default;
    explicit TaskContext(ProgressCallback progress, const CancellationToken* token = nullptr)
        : m_progress(std::move(progress)), m_token(token) {}

    bool isCancelled() const noexcept { return m_token && m_token->isCancelled(); }
    /// Throws Cancelled when the token is set; call at regular points in long loops.
    void checkCancelled() const {
        if (isCancelled())
            throw Cancelled();
    }
    void report(double fraction, const std::string& message = {}) const {
        if (m_progress)
            m_progress(fraction, message);
    }

private:
    ProgressCallback m_progress;
    const CancellationToken* m_token = nullptr;
};

} // namespace algoscope::util
