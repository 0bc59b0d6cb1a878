#pragma once
// ESMA: Enumerated Signed-continued-fraction Massey Approve (after the Ramanujan Machine's ESMA
// reference code). For a constant c:
//  1. enumerate left-hand sides x = P(c)/Q(c), deg P, Q <= degree, integer coefficients in
//     [-coeffLimit, coeffLimit], reduced, de-duplicated by |x| (x made positive);
//  2. enumerate sign periods of each length in [minPeriod, maxPeriod], skipping exact repeats of
//     a shorter period (rotations are kept);
//  3. extract `depth` CERTIFIED signed-CF terms of x for each period (a_i = 0 for i >= 1 drops);
//  4. Massey: Berlekamp-Massey modulo 2^61 - 1, keep when the linear complexity L < maxRecurrence
//     (default depth/4) and the recurrence holds exactly over the integers on all terms;
//  5. approve: regenerate approveTerms terms (initial terms a_0..a_{L-1} kept, so irregular
//     leading terms survive), evaluate that signed CF exactly and require verifyDigits digits of
//     agreement with x. One conjecture per left-hand side (the period that converges fastest).
// Two defects of the reference code are fixed (and can be switched back on, referenceDefects, to
// reproduce its counts): it ran Berlekamp-Massey modulo 199 (coefficients above 99 are lost) and
// regenerated from deg C initial terms after stripping trailing zeros (sequences with irregular
// leading terms, such as e's own SCF, failed).
#include "contfrac/Interval.h"
#include "contfrac/Massey.h"
#include "util/TaskContext.h"

#include <gmpxx.h>

#include <functional>
#include <string>
#include <vector>

namespace algoscope::contfrac {

struct EsmaOptions {
    std::string constant = "e"; // any ConstantExpr text
    int degree = 1;
    int coeffLimit = 2;
    int minPeriod = 1, maxPeriod = 2;
    std::size_t depth = 100;         // terms extracted per candidate
    long extractDigits = 0;          // 0: 5 * depth + 50 (reference: 500 for 100 terms)
    std::size_t approveTerms = 1000; // terms regenerated from the recurrence
    int verifyDigits = 100;          // digits of agreement required
    std::size_t maxRecurrence = 0;   // keep L < this; 0: depth / 4
    std::size_t rateTerms = 60;      // convergence compared at the convergent p_60/q_60
    int threads = 0;                 // 0: all hardware threads
    bool referenceDefects = false;   // emulate the reference code (mod 199, deg-C regeneration)
};

struct Conjecture {
    std::vector<long> P, Q;       // coefficients, constant term first
    std::string lhs;              // e.g. "(e + 1)/(e - 1)"
    std::string constant;         // the constant's text
    std::vector<int> signs;       // the sign period
    std::vector<mpz_class> terms; // the certified extracted terms (depth of them)
    Recurrence recurrence;
    double verifiedDigits = 0; // agreement of the regenerated CF with x
    std::size_t rateTerms = 0;
    double signedDigits = 0, simpleDigits = 0; // -log10|x - p_n/q_n| at n = rateTerms
    double signedDigitsPerTerm() const { return rateTerms ? signedDigits / double(rateTerms) : 0; }
    double simpleDigitsPerTerm() const { return rateTerms ? simpleDigits / double(rateTerms) : 0; }
    /// Convergence speed-up of the signed CF over the simple CF (ratio of digits).
    double rateRatio() const { return simpleDigits > 0 ? signedDigits / simpleDigits : 0; }
    std::size_t lhsIndex = 0; // enumeration order, for a deterministic result order
};

struct EsmaStats {
    std::size_t lhsCount = 0, signPeriods = 0, candidates = 0;
    std::size_t extracted = 0;      // candidates with `depth` certified terms and no zero term
    std::size_t masseyPassed = 0;   // short recurrence
    std::size_t approved = 0;       // conjectures (after de-duplication)
    std::size_t alsoApproved = 0;   // further periods of an already approved left-hand side
    std::size_t precisionDrops = 0; // candidates whose terms could not be certified
    double seconds = 0;
};

struct EsmaResult {
    std::vector<Conjecture> conjectures; // in enumeration order
    EsmaStats stats;
};

inline constexpr std::size_t kMaxEsmaCandidates = 20'000'000;

/// All sign periods of lengths minLen..maxLen without exact repeats of shorter periods.
std::vector<std::vector<int>> enumerateSignPeriods(int minLen, int maxLen);

struct LeftHandSide {
    std::vector<long> P, Q;
};
/// The reduced, |value|-de-duplicated left-hand sides (value made positive), simplest first.
std::vector<LeftHandSide> enumerateLeftHandSides(const std::string& constant, int degree,
                                                 int coeffLimit, const util::TaskContext& ctx = {});

/// "(2e + 1)/(e - 1)" for the constant text `c`.
std::string lhsText(const std::vector<long>& P, const std::vector<long>& Q, const std::string& c);

/// Runs the search. onFound is called (from worker threads, serialised) for each conjecture as
/// soon as it is approved. Throws util::Cancelled when ctx is cancelled (conjectures already
/// reported stay valid), util::Error / LimitError on bad options.
EsmaResult runEsma(const EsmaOptions& options, const util::TaskContext& ctx = {},
                   const std::function<void(const Conjecture&)>& onFound = {});

/// Convergence of a signed CF (terms + periodic signs) to x: -log10|x - p_n/q_n| for the
/// convergent p_n/q_n = [a_0; ..., a_n] (n clamped to the terms given).
double signedCfDigits(const std::vector<mpz_class>& terms, const std::vector<int>& signs,
                      std::size_t n, const Interval& x);

} // namespace algoscope::contfrac
