#pragma once
// A random number generator that produces the same stream on every platform, compiler and
// standard library, so a seed in a paper figure, a benchmark or a bug report reproduces exactly.
// That rules out std::uniform_int_distribution, std::normal_distribution and friends, whose
// algorithms are implementation-defined; every derived quantity here is computed by us.
//
// Engine: xoshiro256** 1.0 by David Blackman and Sebastiano Vigna, "Scrambled Linear
// Pseudorandom Number Generators", ACM TOMS 47(4), 2021; reference C code at
// https://prng.di.unimi.it/xoshiro256starstar.c (public domain). Seeding: SplitMix64
// (https://prng.di.unimi.it/splitmix64.c), as the authors recommend, so that any 64-bit seed,
// including 0, gives a well-mixed, non-zero state.
#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <random>

namespace algoscope::util {

/// One step of SplitMix64: advances state by the golden-ratio increment and returns the mixed
/// value (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
constexpr std::uint64_t splitMix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    using result_type = std::uint64_t;
    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    /// State = four successive SplitMix64 outputs from seed.
    explicit Rng(std::uint64_t seed = 0) noexcept;
    /// The raw xoshiro state (for reference tests and checkpoints). Throws std::invalid_argument
    /// for the all-zero state, the one state xoshiro never leaves.
    static Rng fromState(const std::array<std::uint64_t, 4>& state);
    const std::array<std::uint64_t, 4>& state() const noexcept { return m_s; }

    /// Next 64 random bits (xoshiro256**).
    std::uint64_t nextU64() noexcept;
    result_type operator()() noexcept { return nextU64(); }

    /// Uniform double in [0, 1): the top 53 bits times 2^-53, so every value is a multiple of
    /// 2^-53 and 1.0 is never returned (Vigna, "Generating uniform doubles in the unit interval").
    double uniform01() noexcept;
    /// Uniform double in [lo, hi).
    double uniform(double lo, double hi) noexcept;
    /// Uniform integer in [0, n) without modulo bias, n >= 1 (Lemire, "Fast Random Integer
    /// Generation in an Interval", ACM TOMACS 29(1), 2019, Algorithm 5). Throws
    /// std::invalid_argument for n == 0.
    std::uint64_t below(std::uint64_t n);
    /// Uniform integer in [lo, hi], both inclusive; the full int64 range works. Throws
    /// std::invalid_argument when lo > hi.
    std::int64_t uniformInt(std::int64_t lo, std::int64_t hi);
    /// Standard normal N(0, 1) by Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6(3),
    /// 1964). Values come in pairs; the second is cached. Uses a logarithm built from IEEE basic
    /// operations only (no libm), so the stream is bit-identical everywhere.
    double normal() noexcept;
    double normal(double mean, double stddev) noexcept { return mean + stddev * normal(); }
    /// true with probability p (p <= 0 or NaN: never, p >= 1: always). Always consumes exactly
    /// one draw, so the rest of the stream does not depend on p.
    bool bernoulli(double p) noexcept;

    /// Advances the state by 2^128 steps: call it k times on copies of one generator to get k
    /// non-overlapping streams for k workers (reference JUMP polynomial). Clears the cached normal.
    void jump() noexcept;
    /// Advances by 2^192 steps (reference LONG_JUMP), for streams of streams.
    void longJump() noexcept;

private:
    void applyJump(const std::array<std::uint64_t, 4>& polynomial) noexcept;

    std::array<std::uint64_t, 4> m_s{};
    double m_spareNormal = 0.0;
    bool m_hasSpareNormal = false;
};

static_assert(std::uniform_random_bit_generator<Rng>);

namespace detail {
/// Natural logarithm for x > 0 from +, -, *, / and frexp only, accurate to a few ulp. Exposed for
/// the tests; normal() uses it so its output does not depend on the platform's libm.
double portableLog(double x) noexcept;
} // namespace detail

} // namespace algoscope::util
