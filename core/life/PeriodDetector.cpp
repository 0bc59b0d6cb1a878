#include "life/PeriodDetector.h"

namespace algoscope::life {

PeriodDetector::PeriodDetector(std::uint32_t maxPeriod) : m_maxPeriod(maxPeriod ? maxPeriod : 1) {}

void PeriodDetector::reset() {
    m_any = false;
    m_window.clear();
    m_seen.clear();
}

std::optional<std::uint32_t> PeriodDetector::observe(std::uint64_t generation, std::uint64_t hash) {
    if (m_any && generation != m_lastGeneration + 1)
        reset();
    std::optional<std::uint32_t> period;
    // m_seen keeps the LATEST generation of each hash in the window, so the period found is the
    // smallest one (a still life is reported as 1, not 2, 3, ...).
    if (auto it = m_seen.find(hash); it != m_seen.end()) {
        period = std::uint32_t(generation - it->second);
        it->second = generation;
    } else {
        m_seen.emplace(hash, generation);
    }
    m_window.push_back(hash);
    // Slide the window: forget the generation that falls out of range (unless its hash was
    // seen again since, in which case the map already holds the newer generation).
    if (m_window.size() > m_maxPeriod) {
        const std::uint64_t oldGen = generation - m_maxPeriod;
        if (auto it = m_seen.find(m_window.front()); it != m_seen.end() && it->second == oldGen)
            m_seen.erase(it);
        m_window.pop_front();
    }
    m_lastGeneration = generation;
    m_any = true;
    return period;
}

} // namespace algoscope::life
