#pragma once
// Real constants as expressions, evaluated to a certified enclosing interval at any precision.
//
// Grammar (whitespace ignored, implicit multiplication between adjacent factors: "2pi", "2(e-1)"):
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary | factor)*
//   unary   := ('+' | '-') unary | power
//   power   := primary ('^' ['-'] INTEGER)?
//   primary := INTEGER | NAME | FUNC '(' expr ')' | '(' expr ')'
// Names: pi, e, phi (= golden, the golden ratio), catalan, log2, gamma (Euler), and shortcuts
// e2 = e^2, tan1, cot1, tanh1, bessel = I1(2)/I0(2), zeta2, zeta3, sqrt2, sqrt3, sqrt5.
// Functions: sqrt, exp, log, tan, cot, tanh of any expression (tan/cot within one branch),
// zeta(k) for an integer k >= 2, I0(x), I1(x) (modified Bessel functions from their series) for
// an integer 0 <= x <= 1000. So "(2*e+1)/(e-2)", "I1(2)/I0(2)", "1/(2tan(1))", "e^2" all work.
//
// MPFR's functions are correctly rounded, so rounding each endpoint outward (RNDD / RNDU) of a
// monotone function gives an enclosure; the Bessel series is summed twice with directed rounding
// and a bound on its tail. Malformed text is a util::Error naming the (1-based) position.
#include "contfrac/Interval.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::contfrac {

/// Longest expression text accepted and deepest nesting (bounds the recursive parser's stack).
inline constexpr std::size_t kMaxExpressionChars = 10000;
inline constexpr int kMaxExpressionDepth = 200;

class ConstantExpr {
public:
    struct Node;

    /// Parses `text`; throws util::Error "... at position N" on malformed input.
    static ConstantExpr parse(std::string_view text);

    /// An interval that certainly contains the value, computed with about `bits` bits.
    /// Throws util::Error on a domain error (division by zero, log of a negative, ...).
    Interval evaluate(mpfr_prec_t bits) const;

    const std::string& text() const { return m_text; }
    /// True when the expression contains no transcendental/irrational constant (it is rational,
    /// and its continued fraction terminates).
    bool isRational() const;

    /// The exact value when isRational() (throws util::Error on division by zero,
    /// util::LimitError when the numbers grow past 10^6 bits).
    mpq_class exactRational() const;

    /// The named constants and functions, for help texts and the GUI picker.
    static std::vector<std::string> knownNames();

    ConstantExpr();
    ~ConstantExpr();
    ConstantExpr(const ConstantExpr&);
    ConstantExpr& operator=(const ConstantExpr&);
    ConstantExpr(ConstantExpr&&) noexcept;
    ConstantExpr& operator=(ConstantExpr&&) noexcept;

private:
    std::string m_text;
    std::shared_ptr<const Node> m_root;
};

} // namespace algoscope::contfrac
