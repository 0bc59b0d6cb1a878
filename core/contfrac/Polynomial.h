#pragma once
// Integer polynomials in n, parsed from text such as "2n+1", "-(n+1)^6", "(2n+1)(17n^2+17n+5)",
// "n(n+1)". Division is rejected. Grammar (whitespace ignored, implicit multiplication):
//   expr := term (('+' | '-') term)* ;  term := unary (('*') unary | factor)* ;
//   unary := ('+' | '-') unary | power ;  power := primary ('^' INTEGER)? ;
//   primary := INTEGER | 'n' | '(' expr ')'
// Errors are util::Error "polynomial: ... at position N" (1-based).
#include <gmpxx.h>

#include <string>
#include <string_view>
#include <vector>

namespace algoscope::contfrac {

inline constexpr int kMaxPolynomialDegree = 256;

class Polynomial {
public:
    Polynomial() = default;
    explicit Polynomial(std::vector<mpz_class> coefficients); // c[0] + c[1] n + ...

    static Polynomial parse(std::string_view text);

    /// Value at n (exact).
    mpz_class operator()(const mpz_class& n) const;
    mpz_class at(long n) const { return (*this)(mpz_class(n)); }

    int degree() const { return int(m_c.size()) - 1; } // -1 for the zero polynomial
    const std::vector<mpz_class>& coefficients() const { return m_c; }
    bool isZero() const { return m_c.empty(); }
    /// Canonical text such as "17n^3 + 17n^2 + 5n + 1" (0 for the zero polynomial).
    std::string toString() const;

    Polynomial operator+(const Polynomial& o) const;
    Polynomial operator-(const Polynomial& o) const;
    Polynomial operator*(const Polynomial& o) const;
    Polynomial operator-() const;
    bool operator==(const Polynomial& o) const { return m_c == o.m_c; }

private:
    void trim();
    std::vector<mpz_class> m_c;
};

} // namespace algoscope::contfrac
