#pragma once
// Linear recurrences of integer sequences: Berlekamp-Massey modulo a large prime, then exact
// confirmation over the integers. The connection polynomial C(x) = 1 + c_1 x + ... + c_L x^L
// describes a_n + c_1 a_{n-1} + ... + c_L a_{n-L} = 0 for all n >= L. L (the linear complexity)
// is kept as BM returns it, even when deg C < L: the first L terms are then initial values that
// the recurrence does not produce ("irregular leading terms", as in e = [2; 1, 2, 1, 1, 4, ...]).
// Working modulo 2^61 - 1 recovers every coefficient below 2^60 in absolute value; the result is
// confirmed with exact integer arithmetic against every given term.
#include <gmpxx.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::contfrac {

inline constexpr std::uint64_t kMasseyPrime = (std::uint64_t{1} << 61) - 1;
inline constexpr std::size_t kMaxMasseyTerms = 100'000;

struct Recurrence {
    std::vector<mpz_class> c;       // c[0] = 1, c[1..L] (trailing zeros kept: size L + 1)
    std::size_t length = 0;         // L
    std::vector<mpz_class> initial; // a_0..a_{L-1}
    bool confirmed = false;         // holds exactly over the integers for all given terms
    std::size_t checkedTerms = 0;   // number of terms it was confirmed on

    /// Regenerates `count` terms: the initial ones, then the recurrence.
    std::vector<mpz_class> generate(std::size_t count) const;
    /// "1 - 2x^5 + x^10" (the connection polynomial).
    std::string polynomialString() const;
};

/// Berlekamp-Massey over GF(p) on `seq` reduced mod p; returns (C mod p, L) with the
/// coefficients lifted to the symmetric range (-p/2, p/2]. `prime` must be prime.
Recurrence berlekampMasseyModP(const std::vector<mpz_class>& seq, std::uint64_t prime);

/// BM modulo kMasseyPrime plus exact confirmation over the integers (confirmed == true only
/// when every term satisfies the integer recurrence).
Recurrence findRecurrence(const std::vector<mpz_class>& seq);

/// Parses "1, 2, 3" / "1 2 3" / "[1,2,-3]" into integers; util::Error names the position.
std::vector<mpz_class> parseIntegerSequence(std::string_view text);

} // namespace algoscope::contfrac
