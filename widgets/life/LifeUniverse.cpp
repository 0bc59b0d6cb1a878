#include "LifeUniverse.h"

#include "TaskRunner.h"

#include "life/Unbounded.h"
#include "util/Error.h"

#include <QElapsedTimer>

namespace algoscope::ui {

QString withSeparators(const mpz_class& v) {
    return QString::fromStdString(life::withThousandsSeparators(v));
}

LifeUniverse::LifeUniverse(TaskRunner* runner, QObject* parent)
    : QObject(parent), m_runner(runner), m_hl(std::make_shared<life::HashLife>()) {}

bool LifeUniverse::busy() const {
    return m_runner->isBusy();
}

bool LifeUniverse::load(const life::Board& board, const life::Rule& rule, QString* error) {
    if (busy())
        m_runner->stopAndWait();
    try {
        m_hl->setRule(rule);
        m_hl->loadBoard(board, -std::int64_t(board.width() / 2), -std::int64_t(board.height() / 2));
    } catch (const util::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    Q_EMIT changed();
    return true;
}

bool LifeUniverse::openFile(const QString& path, QString* error) {
    if (busy())
        m_runner->stopAndWait();
    auto fresh = std::make_shared<life::HashLife>(life::Rule::life(), m_hl->memoryLimit());
    try {
        life::readUniverseFile(path.toStdString(), *fresh);
    } catch (const util::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false; // the universe shown is left as it was
    }
    m_hl = fresh;
    Q_EMIT changed();
    return true;
}

bool LifeUniverse::saveFile(const QString& path, QString* error) const {
    if (busy()) {
        if (error)
            *error = tr("a step is running; pause first");
        return false;
    }
    try {
        life::writeUniverseFile(
            path.toStdString(), *m_hl,
            {"generation " + m_hl->generation().get_str() + ", written by algoscope"});
    } catch (const util::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

void LifeUniverse::setStepExponent(int k) {
    k = std::clamp(k, 0, 900);
    if (k == m_stepExponent)
        return;
    m_stepExponent = k;
    Q_EMIT settingsChanged();
}

void LifeUniverse::setHyperspeed(bool on) {
    if (on == m_hyperspeed)
        return;
    m_hyperspeed = on;
    Q_EMIT settingsChanged();
}

void LifeUniverse::setMemoryLimitMiB(int mib) {
    if (busy())
        m_runner->stopAndWait();
    try {
        m_hl->setMemoryLimit(std::uint64_t(std::max(4, mib)) << 20);
    } catch (const util::Error&) {
    }
    Q_EMIT settingsChanged();
}

void LifeUniverse::advance(const mpz_class& generations, std::function<void()> then) {
    if (busy())
        return;
    auto hl = m_hl;
    auto seconds = std::make_shared<double>(0);
    const mpz_class n = generations;
    const QString title = tr("Life: %1 generations (HashLife)").arg(withSeparators(n));
    m_runner->run(
        title,
        [hl, n, seconds](const util::TaskContext& ctx) {
            QElapsedTimer t;
            t.start();
            hl->step(n, ctx);
            *seconds = double(t.nsecsElapsed()) * 1e-9;
        },
        [this, seconds, then] {
            m_lastSeconds = *seconds;
            Q_EMIT changed();
            if (then)
                then();
        });
}

void LifeUniverse::step(std::function<void()> then) {
    mpz_class n = 1;
    n <<= unsigned(m_stepExponent);
    advance(n, [this, then] {
        // Golly's hyperspeed: while steps are quick, double the step size.
        if (m_hyperspeed && m_lastSeconds < 0.02 && m_stepExponent < 900)
            setStepExponent(m_stepExponent + 1);
        if (then)
            then();
    });
}

bool LifeUniverse::goTo(const QString& generation, QString* error) {
    if (busy()) {
        if (error)
            *error = tr("a step is running; pause first");
        return false;
    }
    mpz_class target;
    try {
        target = life::parseGenerationCount(generation.trimmed().toStdString());
    } catch (const util::Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    if (target < m_hl->generation()) {
        if (error)
            *error = tr("generation %1 is in the past (now %2); reset or reload to go back")
                         .arg(withSeparators(target), withSeparators(m_hl->generation()));
        return false;
    }
    advance(target - m_hl->generation());
    return true;
}

} // namespace algoscope::ui
