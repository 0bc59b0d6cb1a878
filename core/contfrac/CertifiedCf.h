#pragma once
// Certified continued-fraction expansion of a real number known only through an enclosing
// interval [lo, hi]. Simple CF: x = a0 + 1/(a1 + 1/(a2 + ...)), a_i = floor(x_i). Signed CF with a
// periodic sign pattern b_i in {+1, -1}: x = a0 + b0/(a1 + b1/(a2 + ...)),
// a_i = floor(x_i) if b_i = +1, ceil(x_i) if b_i = -1, x_{i+1} = b_i / (x_i - a_i).
//
// Why it is certified: the set of reals whose first k terms are a_0..a_{k-1} is an interval
// (floor/ceil are monotone and each step x -> b/(x - a) is a Moebius map without a pole on the
// current interval), so when lo and hi, carried exactly as rationals, give the same term, every x
// in [lo, hi] gives it. A term the interval cannot decide is never emitted: the expansion raises
// the precision and starts again, or stops and says why.
#include "contfrac/ConstantExpr.h"
#include "contfrac/Interval.h"
#include "util/TaskContext.h"

#include <gmpxx.h>

#include <cstddef>
#include <string>
#include <vector>

namespace algoscope::contfrac {

/// Most terms one expansion may ask for, and the highest precision the automatic raise may use.
inline constexpr std::size_t kMaxCfTerms = 1'000'000;
inline constexpr long kMaxCfDigits = 2'000'000;

/// Sign of the numerator b_i after term a_i for a periodic pattern (empty = all +1).
inline int signAt(const std::vector<int>& pattern, std::size_t i) {
    return pattern.empty() ? 1 : pattern[i % pattern.size()];
}

/// Terms of x certified by the rational bounds loNum/loDen <= x <= hiNum/hiDen (denominators
/// > 0), at most maxTerms of them. Stops at the first term the bounds disagree on, or when a
/// bound is hit exactly (the next complete quotient would be unbounded).
std::vector<mpz_class> certifiedTermsFromBounds(const mpz_class& loNum, const mpz_class& loDen,
                                                const mpz_class& hiNum, const mpz_class& hiDen,
                                                const std::vector<int>& signs, std::size_t maxTerms,
                                                const util::TaskContext& ctx = {});

/// Same on an Interval (its endpoints are exact dyadic rationals).
std::vector<mpz_class> certifiedTerms(const Interval& x, const std::vector<int>& signs,
                                      std::size_t maxTerms, const util::TaskContext& ctx = {});

/// The simple CF of the rational num/den (den > 0), up to maxTerms terms, by Lehmer's method:
/// several quotients at a time from the leading 62 bits (Knuth, TAOCP vol. 2, 4.5.2, Algorithm L),
/// with a full-precision division only when the leading bits cannot decide a quotient.
std::vector<mpz_class> rationalSimpleCf(mpz_class num, mpz_class den, std::size_t maxTerms);

/// Reference path for tests: the same terms by one exact division per term.
std::vector<mpz_class> rationalSignedCfNaive(mpz_class num, mpz_class den,
                                             const std::vector<int>& signs, std::size_t maxTerms);

struct ExpandOptions {
    std::size_t terms = 20;
    std::vector<int> signs; // periodic pattern, empty = simple CF
    long digits = 0;        // starting precision in decimal digits (0: estimate from terms)
    bool autoRaise = true;  // raise the precision until all terms are certified
    long maxDigits = 0;     // cap for the raise (0: max(20 * starting digits, 10000))
};

struct CfExpansion {
    std::vector<mpz_class> terms;
    std::vector<int> signs; // b_i after each term (size == terms.size())
    long digitsUsed = 0;    // decimal digits of the precision that certified the terms
    mpfr_prec_t bitsUsed = 0;
    bool complete = false; // all requested terms certified (or the exact, finite CF of a rational)
    std::string message;   // why the expansion stopped early / ended (rational)
};

/// Expands a constant expression to `options.terms` certified terms; see the file comment. An
/// expression without constants (e.g. "355/113") is expanded exactly and may end earlier.
/// Throws util::Error for domain errors of the expression, util::LimitError past the limits,
/// util::Cancelled when ctx is cancelled.
CfExpansion expandCertified(const ConstantExpr& x, const ExpandOptions& options,
                            const util::TaskContext& ctx = {});

/// Convergents p_n/q_n of a0 + b0/(a1 + b1/(a2 + ...)) for n = 0..terms-1.
void signedConvergents(const std::vector<mpz_class>& terms, const std::vector<int>& signs,
                       std::vector<mpz_class>& p, std::vector<mpz_class>& q);

/// Parses a sign pattern "+,-", "+-", "-1,1", "+ - +" into +-1 values; util::Error names the
/// position of a bad character.
std::vector<int> parseSignPattern(const std::string& text);

} // namespace algoscope::contfrac
