#include "contfrac/LimitGuess.h"

#include "contfrac/ConstantExpr.h"
#include "contfrac/Esma.h"
#include "contfrac/Pcf.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace algoscope::contfrac {

std::vector<LimitGuess> guessLimit(const Interval& x, double trustedDigits, int coeffBound,
                                   std::size_t maxResults) {
    static const char* const kConstants[] = {"pi",     "e",     "e2",      "tan1", "cot1",  "tanh1",
                                             "bessel", "zeta2", "zeta3",   "phi",  "sqrt2", "sqrt3",
                                             "sqrt5",  "log2",  "catalan", "gamma"};
    const double need = std::max(12.0, std::min(trustedDigits - 3.0, 80.0));
    const auto bits = static_cast<mpfr_prec_t>((need + 20) * 3.33) + 64;
    mpfr_t mid;
    mpfr_init2(mid, x.precision() + 8);
    mpfr_add(mid, x.lo(), x.hi(), MPFR_RNDN);
    mpfr_div_2ui(mid, mid, 1, MPFR_RNDN);
    const long double xd = mpfr_get_ld(mid, MPFR_RNDN);
    mpfr_clear(mid);
    std::vector<LimitGuess> out;
    std::set<std::string> seen;
    const int k = std::clamp(coeffBound, 1, 12);
    for (const char* name : kConstants) {
        const Interval c = ConstantExpr::parse(name).evaluate(bits);
        mpfr_t cm;
        mpfr_init2(cm, bits);
        mpfr_add(cm, c.lo(), c.hi(), MPFR_RNDN);
        mpfr_div_2ui(cm, cm, 1, MPFR_RNDN);
        const long double cd = mpfr_get_ld(cm, MPFR_RNDN);
        mpfr_clear(cm);
        for (int a = -k; a <= k; ++a)
            for (int b = -k; b <= k; ++b)
                for (int c2 = -k; c2 <= k; ++c2)
                    for (int d = -k; d <= k; ++d) {
                        if (a == 0 && c2 == 0)
                            continue; // no constant involved
                        if (long(a) * d - long(b) * c2 == 0)
                            continue; // degenerate map
                        if (std::gcd(std::gcd(a, b), std::gcd(c2, d)) != 1)
                            continue;
                        const long double den = c2 * cd + d;
                        if (std::fabs(den) < 1e-9L)
                            continue;
                        const long double v = (a * cd + b) / den;
                        if (std::fabs(v - xd) > 1e-12L * std::max(1.0L, std::fabs(xd)))
                            continue;
                        // Confirm at full precision.
                        std::vector<long> P{b, a}, Q{d, c2};
                        auto lead = c2 != 0 ? c2 : d;
                        if (lead < 0) {
                            for (auto& t : P)
                                t = -t;
                            for (auto& t : Q)
                                t = -t;
                        }
                        const Interval pv = c * Interval::fromInteger(P[1], bits) +
                                            Interval::fromInteger(P[0], bits);
                        const Interval qv = c * Interval::fromInteger(Q[1], bits) +
                                            Interval::fromInteger(Q[0], bits);
                        if (qv.containsZero())
                            continue;
                        const Interval g = pv / qv;
                        mpz_class pn, pd, hn, hd;
                        g.rationalBounds(pn, pd, hn, hd);
                        // digits of |x - g|: compare x with the guess's lower bound as a ratio.
                        const double digits = digitsOfAgreement(x, pn, pd);
                        if (!(digits >= need))
                            continue;
                        const std::string text = lhsText(P, Q, name);
                        if (!seen.insert(text).second)
                            continue;
                        out.push_back(
                            {text, digits, std::abs(a) + std::abs(b) + std::abs(c2) + std::abs(d)});
                    }
    }
    std::stable_sort(out.begin(), out.end(), [](const LimitGuess& l, const LimitGuess& r) {
        return l.complexity < r.complexity;
    });
    if (out.size() > maxResults)
        out.resize(maxResults);
    return out;
}

} // namespace algoscope::contfrac
