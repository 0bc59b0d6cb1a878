#pragma once
// The Life lab's unbounded plane (topology "unbounded"): a HashLife universe (core/life/HashLife.h)
// stepped on the lab's task runner by 2^k generations, Golly-style. The worker owns the universe
// while a step runs; the GUI reads it (statistics, the level-of-detail rendering of
// LifeUniverseView) only when the runner is idle, so the two never touch it at once.
#include "life/Board.h"
#include "life/HashLife.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace algoscope::ui {

class TaskRunner;

class LifeUniverse : public QObject {
    Q_OBJECT
public:
    LifeUniverse(TaskRunner* runner, QObject* parent = nullptr);

    /// Read only while !busy() (GUI thread).
    const life::HashLife& hashLife() const { return *m_hl; }
    bool busy() const;

    /// The board (centred on the origin) with this rule, generation 0. False with a message for
    /// B0 rules.
    bool load(const life::Board& board, const life::Rule& rule, QString* error);
    /// .mc, .mc.gz, .rle, .rle.gz, .cells.
    bool openFile(const QString& path, QString* error);
    /// .mc / .mc.gz (any size) or RLE.
    bool saveFile(const QString& path, QString* error) const;

    int stepExponent() const { return m_stepExponent; }
    void setStepExponent(int k);
    bool hyperspeed() const { return m_hyperspeed; }
    void setHyperspeed(bool on);
    int memoryLimitMiB() const { return int(m_hl->memoryLimit() >> 20); }
    void setMemoryLimitMiB(int mib);

    /// Advances `generations` on the task runner; `then` runs on the GUI thread when done.
    void advance(const mpz_class& generations, std::function<void()> then = {});
    /// Advances 2^stepExponent (and, with hyperspeed, raises the exponent after a quick step).
    void step(std::function<void()> then = {});
    /// Goes forward to generation N (decimal or 2^k); false with a message for a bad or past N.
    bool goTo(const QString& generation, QString* error);

    /// Seconds of the last step's computation.
    double lastSeconds() const { return m_lastSeconds; }

Q_SIGNALS:
    /// The pattern, generation or statistics changed (after a load or a completed step).
    void changed();
    void settingsChanged();

private:
    TaskRunner* m_runner;
    std::shared_ptr<life::HashLife> m_hl;
    int m_stepExponent = 0;
    bool m_hyperspeed = false;
    double m_lastSeconds = 0;
};

/// "1,234,567".
QString withSeparators(const mpz_class& v);

} // namespace algoscope::ui
