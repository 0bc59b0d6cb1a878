#pragma once
// A Life-like (outer-totalistic, two-state, Moore neighbourhood) rule: a dead cell with n live
// neighbours is born when bit n of the birth mask is set, a live one survives when bit n of the
// survival mask is set (n = 0..8). Conway's Life is B3/S23.
//
// Accepted text (case-insensitive, surrounding blanks ignored):
//   B/S notation   "B3/S23", "B36/S23", "B2/S", "B3678/S34678", "b3/s23", "S23/B3" (either order)
//   legacy S/B     "23/3" (survival digits / birth digits, as in old RLE "#r 23/3" lines)
// Digits are 0..8, each at most once per part. Golly's bounded-grid suffix (":T64,64") is not
// part of a Rule: RuleSpec::parse (RuleSpec.h) splits it off.
#include <cstdint>
#include <string>
#include <string_view>

namespace algoscope::life {

class Rule {
public:
    /// Conway's Life, B3/S23.
    Rule() = default;
    /// Bits 0..8 of each mask; higher bits are a programming error (std::invalid_argument).
    Rule(std::uint16_t birthMask, std::uint16_t survivalMask);

    static Rule life() { return Rule(); }
    /// Throws util::Error with a message naming the offending character for anything else,
    /// including a ':' suffix (use RuleSpec::parse for those).
    static Rule parse(std::string_view text);
    /// Canonical B/S form with sorted digits: "B3/S23", "B2/S", "B0/S8".
    std::string toString() const;

    std::uint16_t birthMask() const noexcept { return m_birth; }
    std::uint16_t survivalMask() const noexcept { return m_survival; }
    /// n in 0..8.
    bool birth(int n) const noexcept { return (m_birth >> n) & 1u; }
    bool survival(int n) const noexcept { return (m_survival >> n) & 1u; }
    /// Rules with B0 turn empty space on: correct on a torus and on our bounded plane (see
    /// docs/labs/life.md), unlike Golly's unbounded emulation, which alternates.
    bool hasB0() const noexcept { return m_birth & 1u; }
    /// Next state of a cell given its state and live-neighbour count (0..8).
    bool next(bool alive, int neighbours) const noexcept {
        return alive ? survival(neighbours) : birth(neighbours);
    }

    bool operator==(const Rule&) const = default;

private:
    std::uint16_t m_birth = 1u << 3;
    std::uint16_t m_survival = (1u << 2) | (1u << 3);
};

} // namespace algoscope::life
