#include "util/Rng.h"

#include <bit>
#include <cmath>
#include <stdexcept>

// Bit-identical floating point needs every a*b+c rounded twice, as written: a fused multiply-add
// rounds once and changes the last bit. Clang contracts by default and MSVC may, so switch it off
// here; GCC does not contract in ISO mode (-std=c++20, which CMAKE_CXX_EXTENSIONS OFF selects).
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(_MSC_VER)
#pragma fp_contract(off)
#endif

namespace algoscope::util {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
}

/// High and low 64 bits of the 128-bit product a * b, from four 32x32-bit products (schoolbook).
/// Portable C++ instead of unsigned __int128, which is a GNU extension and absent on MSVC.
inline void mul64x64(std::uint64_t a, std::uint64_t b, std::uint64_t& hi,
                     std::uint64_t& lo) noexcept {
    const std::uint64_t aLo = a & 0xffffffffULL, aHi = a >> 32;
    const std::uint64_t bLo = b & 0xffffffffULL, bHi = b >> 32;
    const std::uint64_t p0 = aLo * bLo, p1 = aLo * bHi, p2 = aHi * bLo, p3 = aHi * bHi;
    // Sum of three values below 2^32 each: cannot overflow.
    const std::uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffULL) + (p2 & 0xffffffffULL);
    hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
    lo = a * b;
}

// Jump polynomials from the reference xoshiro256starstar.c: each is the characteristic
// polynomial's residue for 2^128 (JUMP) and 2^192 (LONG_JUMP) steps.
constexpr std::array<std::uint64_t, 4> kJump = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                                                0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL};
constexpr std::array<std::uint64_t, 4> kLongJump = {0x76e15d3efefdcbbfULL, 0xc5004e441c522fb3ULL,
                                                    0x77710069854ee241ULL, 0x39109bb02acbe635ULL};

} // namespace

Rng::Rng(std::uint64_t seed) noexcept {
    // SplitMix64 is a bijection on distinct counter values, so the four words are never all zero.
    std::uint64_t sm = seed;
    for (auto& word : m_s)
        word = splitMix64(sm);
}

Rng Rng::fromState(const std::array<std::uint64_t, 4>& state) {
    if (state[0] == 0 && state[1] == 0 && state[2] == 0 && state[3] == 0)
        throw std::invalid_argument("Rng::fromState: the all-zero state is not allowed");
    Rng r;
    r.m_s = state;
    return r;
}

std::uint64_t Rng::nextU64() noexcept {
    // Transcribed from the reference next() of xoshiro256starstar.c.
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

double Rng::uniform01() noexcept {
    // 0x1.0p-53 as a product is exact: a 53-bit integer times a power of two.
    return static_cast<double>(nextU64() >> 11) * 0x1.0p-53;
}

double Rng::uniform(double lo, double hi) noexcept {
    return lo + (hi - lo) * uniform01();
}

std::uint64_t Rng::below(std::uint64_t n) {
    if (n == 0)
        throw std::invalid_argument("Rng::below: n must be at least 1");
    // Lemire's multiply-shift: the high word of x * n is uniform in [0, n) once the few low
    // words below (2^64 - n) mod n are rejected; the division runs only when a rejection is
    // possible at all (l < n), i.e. rarely.
    std::uint64_t hi = 0, lo = 0;
    mul64x64(nextU64(), n, hi, lo);
    if (lo < n) {
        const std::uint64_t threshold = (0 - n) % n; // (2^64 - n) mod n
        while (lo < threshold)
            mul64x64(nextU64(), n, hi, lo);
    }
    return hi;
}

std::int64_t Rng::uniformInt(std::int64_t lo, std::int64_t hi) {
    if (lo > hi)
        throw std::invalid_argument("Rng::uniformInt: lo > hi");
    // Unsigned arithmetic wraps by definition, so hi - lo is exact even for the full int64 range,
    // and the conversion back to int64 is modular since C++20.
    const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    const std::uint64_t offset =
        range == std::numeric_limits<std::uint64_t>::max() ? nextU64() : below(range + 1);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + offset);
}

double Rng::normal() noexcept {
    if (m_hasSpareNormal) {
        m_hasSpareNormal = false;
        return m_spareNormal;
    }
    double u = 0.0, v = 0.0, s = 0.0;
    do {
        u = 2.0 * uniform01() - 1.0;
        v = 2.0 * uniform01() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    // std::sqrt is correctly rounded by IEEE 754, so only the logarithm needed replacing.
    const double factor = std::sqrt(-2.0 * detail::portableLog(s) / s);
    m_spareNormal = v * factor;
    m_hasSpareNormal = true;
    return u * factor;
}

bool Rng::bernoulli(double p) noexcept {
    return uniform01() < p;
}

void Rng::applyJump(const std::array<std::uint64_t, 4>& polynomial) noexcept {
    // Reference jump(): accumulate the states selected by the polynomial's bits.
    std::array<std::uint64_t, 4> acc{};
    for (std::uint64_t word : polynomial) {
        for (int b = 0; b < 64; ++b) {
            if (word & (std::uint64_t{1} << b))
                for (int i = 0; i < 4; ++i)
                    acc[i] ^= m_s[i];
            nextU64();
        }
    }
    m_s = acc;
    m_hasSpareNormal = false;
}

void Rng::jump() noexcept {
    applyJump(kJump);
}
void Rng::longJump() noexcept {
    applyJump(kLongJump);
}

double detail::portableLog(double x) noexcept {
    if (!(x > 0.0))
        return x == 0.0 ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::quiet_NaN();
    if (std::isinf(x))
        return x;
    // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); frexp and the scaling by 2 are exact.
    int e = 0;
    double m = std::frexp(x, &e);
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        --e;
    }
    // log(m) = 2 atanh(f) = 2 (f + f^3/3 + f^5/5 + ...), f = (m - 1) / (m + 1), |f| <= 0.1716
    // (Abramowitz & Stegun 4.1.27). With s = f^2 <= 0.0295 the terms after s^11/23 are below
    // 2^-60 relative, so eleven terms give full double precision. m - 1 is exact (Sterbenz).
    const double f = (m - 1.0) / (m + 1.0);
    const double s = f * f;
    double p = 1.0 / 23.0;
    for (int k = 10; k >= 1; --k)
        p = 1.0 / (2.0 * k + 1.0) + s * p;
    const double logM = 2.0 * f + 2.0 * f * (s * p);
    // ln 2 split so that e * kLn2Hi is exact for |e| < 2^11 (kLn2Hi has 32 trailing zero bits);
    // fdlibm's e_log.c uses the same pair.
    constexpr double kLn2Hi = 6.93147180369123816490e-01;
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    const double de = static_cast<double>(e);
    return de * kLn2Hi + (logM + de * kLn2Lo);
}

} // namespace algoscope::util
