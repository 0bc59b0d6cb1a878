#pragma once
// "What is this number?": compares a value with small integer Moebius images
// (a c + b)/(c' c + d) of the lab's constants (pi, e, e^2, tan 1, cot 1, tanh 1, I1(2)/I0(2),
// zeta(2), zeta(3), golden ratio, sqrt 2, sqrt 3, sqrt 5, log 2, Catalan, Euler's gamma), the way
// one recognises a PCF's limit. A double-precision screen over all |coefficients| <= bound, then
// confirmation with MPFR to the digits the value is trusted to.
#include "contfrac/Interval.h"

#include <string>
#include <vector>

namespace algoscope::contfrac {

struct LimitGuess {
    std::string expression; // parseable by ConstantExpr, e.g. "6/zeta3", "(e + 1)/(e - 1)"
    double agreeDigits = 0; // -log10 |x - guess|
    int complexity = 0;     // sum of |coefficients|
};

/// Guesses, simplest first (at most maxResults). `trustedDigits`: digits of x believed correct;
/// a guess must agree to min(trustedDigits - 3, 80) digits and at least 12.
std::vector<LimitGuess> guessLimit(const Interval& x, double trustedDigits, int coeffBound = 6,
                                   std::size_t maxResults = 5);

} // namespace algoscope::contfrac
