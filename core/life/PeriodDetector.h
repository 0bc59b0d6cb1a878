#pragma once
// Detects when a board repeats: still lifes (period 1) and oscillators (period p) in place, by a
// 64-bit hash of the board per generation (Board::hash). A repeat is reported when the hash
// equals the one seen p <= maxPeriod generations earlier. Hashes can collide (probability about
// 2^-64 per pair of boards compared), so a reported period is checked by the caller when it
// matters; the tests compare the boards themselves. Spaceships move and are not detected.
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>

namespace algoscope::life {

class PeriodDetector {
public:
    explicit PeriodDetector(std::uint32_t maxPeriod = 1000);

    /// Records the hash of the board at `generation` (consecutive generations, increasing) and
    /// returns the period if this board was seen within maxPeriod generations. A gap in the
    /// generations starts over.
    std::optional<std::uint32_t> observe(std::uint64_t generation, std::uint64_t hash);
    void reset();
    std::uint32_t maxPeriod() const noexcept { return m_maxPeriod; }

private:
    std::uint32_t m_maxPeriod;
    std::uint64_t m_lastGeneration = 0;
    bool m_any = false;
    std::deque<std::uint64_t> m_window;                      // hashes, oldest first
    std::unordered_map<std::uint64_t, std::uint64_t> m_seen; // hash -> latest generation
};

} // namespace algoscope::life
