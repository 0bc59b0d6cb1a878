#include "contfrac/Interval.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace algoscope::contfrac {

Interval::Interval(mpfr_prec_t bits) : m_bits(bits) {
    mpfr_init2(m_lo, bits);
    mpfr_init2(m_hi, bits);
    mpfr_set_zero(m_lo, 1);
    mpfr_set_zero(m_hi, 1);
}

Interval::Interval(const Interval& other) : m_bits(other.m_bits) {
    mpfr_init2(m_lo, m_bits);
    mpfr_init2(m_hi, m_bits);
    mpfr_set(m_lo, other.m_lo, MPFR_RNDD);
    mpfr_set(m_hi, other.m_hi, MPFR_RNDU);
}

Interval& Interval::operator=(const Interval& other) {
    if (this != &other) {
        m_bits = other.m_bits;
        mpfr_set_prec(m_lo, m_bits);
        mpfr_set_prec(m_hi, m_bits);
        mpfr_set(m_lo, other.m_lo, MPFR_RNDD);
        mpfr_set(m_hi, other.m_hi, MPFR_RNDU);
    }
    return *this;
}

Interval::Interval(Interval&& other) noexcept : m_bits(other.m_bits) {
    mpfr_init2(m_lo, m_bits);
    mpfr_init2(m_hi, m_bits);
    mpfr_swap(m_lo, other.m_lo);
    mpfr_swap(m_hi, other.m_hi);
}

Interval& Interval::operator=(Interval&& other) noexcept {
    std::swap(m_bits, other.m_bits);
    mpfr_swap(m_lo, other.m_lo);
    mpfr_swap(m_hi, other.m_hi);
    return *this;
}

Interval::~Interval() {
    mpfr_clear(m_lo);
    mpfr_clear(m_hi);
}

Interval Interval::fromInteger(const mpz_class& v, mpfr_prec_t bits) {
    Interval r(bits);
    mpfr_set_z(r.m_lo, v.get_mpz_t(), MPFR_RNDD);
    mpfr_set_z(r.m_hi, v.get_mpz_t(), MPFR_RNDU);
    return r;
}

bool Interval::containsZero() const {
    return mpfr_sgn(m_lo) <= 0 && mpfr_sgn(m_hi) >= 0;
}
bool Interval::isPositive() const {
    return mpfr_sgn(m_lo) > 0;
}
bool Interval::isNegative() const {
    return mpfr_sgn(m_hi) < 0;
}

double Interval::width() const {
    mpfr_t w;
    mpfr_init2(w, 64);
    mpfr_sub(w, m_hi, m_lo, MPFR_RNDU);
    const double d = mpfr_get_d(w, MPFR_RNDU);
    mpfr_clear(w);
    return d;
}

Interval Interval::operator+(const Interval& o) const {
    Interval r(std::max(m_bits, o.m_bits));
    mpfr_add(r.m_lo, m_lo, o.m_lo, MPFR_RNDD);
    mpfr_add(r.m_hi, m_hi, o.m_hi, MPFR_RNDU);
    return r;
}

Interval Interval::operator-(const Interval& o) const {
    Interval r(std::max(m_bits, o.m_bits));
    mpfr_sub(r.m_lo, m_lo, o.m_hi, MPFR_RNDD);
    mpfr_sub(r.m_hi, m_hi, o.m_lo, MPFR_RNDU);
    return r;
}

Interval Interval::operator-() const {
    Interval r(m_bits);
    mpfr_neg(r.m_lo, m_hi, MPFR_RNDD);
    mpfr_neg(r.m_hi, m_lo, MPFR_RNDU);
    return r;
}

Interval Interval::operator*(const Interval& o) const {
    // Min and max of the four endpoint products, each rounded outward.
    const mpfr_prec_t bits = std::max(m_bits, o.m_bits);
    Interval r(bits);
    mpfr_t t;
    mpfr_init2(t, bits);
    mpfr_srcptr a[2] = {m_lo, m_hi};
    mpfr_srcptr b[2] = {o.m_lo, o.m_hi};
    bool first = true;
    for (auto* x : a)
        for (auto* y : b) {
            mpfr_mul(t, x, y, MPFR_RNDD);
            if (first || mpfr_less_p(t, r.m_lo))
                mpfr_set(r.m_lo, t, MPFR_RNDD);
            mpfr_mul(t, x, y, MPFR_RNDU);
            if (first || mpfr_greater_p(t, r.m_hi))
                mpfr_set(r.m_hi, t, MPFR_RNDU);
            first = false;
        }
    mpfr_clear(t);
    return r;
}

Interval Interval::operator/(const Interval& o) const {
    if (o.containsZero())
        throw util::Error("division by zero (or by a value too close to zero to bound)");
    const mpfr_prec_t bits = std::max(m_bits, o.m_bits);
    Interval inv(bits);
    mpfr_ui_div(inv.m_lo, 1, o.m_hi, MPFR_RNDD);
    mpfr_ui_div(inv.m_hi, 1, o.m_lo, MPFR_RNDU);
    return *this * inv;
}

Interval Interval::pow(long n) const {
    Interval result = fromInteger(1, m_bits);
    if (n == 0)
        return result;
    Interval base = *this;
    unsigned long e = n < 0 ? 0UL - static_cast<unsigned long>(n) : static_cast<unsigned long>(n);
    // Square-and-multiply; interval multiplication keeps it enclosing (even powers of an interval
    // around zero come out a little wider than needed, which is still correct).
    while (e) {
        if (e & 1)
            result = result * base;
        e >>= 1;
        if (e)
            base = base * base;
    }
    if (n < 0)
        return fromInteger(1, m_bits) / result;
    return result;
}

void mpfrToRational(mpfr_srcptr x, mpz_class& num, mpz_class& den) {
    if (!mpfr_number_p(x))
        throw util::Error("non-finite value in an interval bound");
    if (mpfr_zero_p(x)) {
        num = 0;
        den = 1;
        return;
    }
    const mpfr_exp_t e = mpfr_get_z_2exp(num.get_mpz_t(), x);
    den = 1;
    if (e >= 0) {
        mpz_mul_2exp(num.get_mpz_t(), num.get_mpz_t(), static_cast<mp_bitcnt_t>(e));
    } else {
        mpz_mul_2exp(den.get_mpz_t(), den.get_mpz_t(), static_cast<mp_bitcnt_t>(-e));
        // Reduce the power of two so the numbers stay as small as the value allows.
        const mp_bitcnt_t tz = mpz_scan1(num.get_mpz_t(), 0);
        const mp_bitcnt_t dz = static_cast<mp_bitcnt_t>(-e);
        const mp_bitcnt_t s = std::min(tz, dz);
        mpz_fdiv_q_2exp(num.get_mpz_t(), num.get_mpz_t(), s);
        mpz_fdiv_q_2exp(den.get_mpz_t(), den.get_mpz_t(), s);
    }
}

void Interval::rationalBounds(mpz_class& loNum, mpz_class& loDen, mpz_class& hiNum,
                              mpz_class& hiDen) const {
    mpfrToRational(m_lo, loNum, loDen);
    mpfrToRational(m_hi, hiNum, hiDen);
}

std::string Interval::midpointString(int digits) const {
    mpfr_t m;
    mpfr_init2(m, m_bits + 2);
    mpfr_add(m, m_lo, m_hi, MPFR_RNDN);
    mpfr_div_2ui(m, m, 1, MPFR_RNDN);
    std::vector<char> buf(static_cast<std::size_t>(digits) + 64);
    mpfr_snprintf(buf.data(), buf.size(), "%.*Rg", digits, m);
    mpfr_clear(m);
    return std::string(buf.data());
}

} // namespace algoscope::contfrac
