#pragma once
// A closed real interval [lo, hi] with MPFR endpoints and outward (directed) rounding: every
// operation rounds lo down and hi up, so the true value of an expression always lies inside the
// interval computed for it. This is what makes continued-fraction terms certifiable: a term is
// emitted only when both endpoints give the same term.
#include <gmpxx.h>
#include <mpfr.h>

#include <string>

namespace algoscope::contfrac {

class Interval {
public:
    explicit Interval(mpfr_prec_t bits);
    Interval(const Interval& other);
    Interval& operator=(const Interval& other);
    Interval(Interval&& other) noexcept;
    Interval& operator=(Interval&& other) noexcept;
    ~Interval();

    /// The exact integer v (as a point interval if it fits in the precision).
    static Interval fromInteger(const mpz_class& v, mpfr_prec_t bits);

    mpfr_prec_t precision() const { return m_bits; }
    mpfr_srcptr lo() const { return m_lo; }
    mpfr_srcptr hi() const { return m_hi; }
    mpfr_ptr lo() { return m_lo; }
    mpfr_ptr hi() { return m_hi; }

    bool containsZero() const;
    bool isPositive() const; // lo > 0
    bool isNegative() const; // hi < 0
    /// hi - lo rounded up, as a double (for diagnostics).
    double width() const;

    Interval operator+(const Interval& o) const;
    Interval operator-(const Interval& o) const;
    Interval operator*(const Interval& o) const;
    /// Throws util::Error when o contains zero.
    Interval operator/(const Interval& o) const;
    Interval operator-() const;
    /// x^n for an integer n (negative n: 1/x^|n|; x^0 = 1).
    Interval pow(long n) const;

    /// Exact rational bounds lo = loNum/loDen, hi = hiNum/hiDen (denominators powers of two).
    void rationalBounds(mpz_class& loNum, mpz_class& loDen, mpz_class& hiNum,
                        mpz_class& hiDen) const;
    /// Midpoint to `digits` significant decimal digits (scientific notation if needed).
    std::string midpointString(int digits) const;

private:
    mpfr_prec_t m_bits;
    mpfr_t m_lo, m_hi;
};

/// Exact rational value of an MPFR number as num / den with den a power of two (> 0).
void mpfrToRational(mpfr_srcptr x, mpz_class& num, mpz_class& den);

} // namespace algoscope::contfrac
