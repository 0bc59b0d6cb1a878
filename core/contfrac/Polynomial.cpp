#include "contfrac/Polynomial.h"

#include "contfrac/DecimalInteger.h"

#include "util/Error.h"

#include <cctype>

namespace algoscope::contfrac {

Polynomial::Polynomial(std::vector<mpz_class> coefficients) : m_c(std::move(coefficients)) {
    trim();
}

void Polynomial::trim() {
    while (!m_c.empty() && m_c.back() == 0)
        m_c.pop_back();
}

mpz_class Polynomial::operator()(const mpz_class& n) const {
    mpz_class r = 0;
    for (auto it = m_c.rbegin(); it != m_c.rend(); ++it) {
        r *= n;
        r += *it;
    }
    return r;
}

Polynomial Polynomial::operator+(const Polynomial& o) const {
    std::vector<mpz_class> c(std::max(m_c.size(), o.m_c.size()));
    for (std::size_t i = 0; i < c.size(); ++i)
        c[i] = (i < m_c.size() ? m_c[i] : 0) + (i < o.m_c.size() ? o.m_c[i] : 0);
    return Polynomial(std::move(c));
}

Polynomial Polynomial::operator-() const {
    std::vector<mpz_class> c = m_c;
    for (auto& x : c)
        x = -x;
    return Polynomial(std::move(c));
}

Polynomial Polynomial::operator-(const Polynomial& o) const {
    return *this + (-o);
}

Polynomial Polynomial::operator*(const Polynomial& o) const {
    if (m_c.empty() || o.m_c.empty())
        return Polynomial();
    std::vector<mpz_class> c(m_c.size() + o.m_c.size() - 1);
    for (std::size_t i = 0; i < m_c.size(); ++i)
        for (std::size_t j = 0; j < o.m_c.size(); ++j)
            c[i + j] += m_c[i] * o.m_c[j];
    return Polynomial(std::move(c));
}

std::string Polynomial::toString() const {
    if (m_c.empty())
        return "0";
    std::string s;
    for (int i = degree(); i >= 0; --i) {
        const mpz_class& c = m_c[std::size_t(i)];
        if (c == 0)
            continue;
        const bool neg = c < 0;
        const mpz_class a = abs(c);
        if (s.empty())
            s += neg ? "-" : "";
        else
            s += neg ? " - " : " + ";
        if (a != 1 || i == 0)
            s += a.get_str();
        if (i >= 1)
            s += "n";
        if (i >= 2)
            s += "^" + std::to_string(i);
    }
    return s;
}

namespace {

class PolyParser {
public:
    explicit PolyParser(std::string_view t) : m_t(t) {}

    Polynomial parseAll() {
        if (m_t.size() > 10000)
            throw util::LimitError("polynomial: more than 10000 characters");
        skip();
        if (m_i >= m_t.size())
            throw util::Error("polynomial: empty expression");
        Polynomial p = expr();
        skip();
        if (m_i < m_t.size())
            fail(std::string("unexpected '") + m_t[m_i] + "'");
        return p;
    }

private:
    [[noreturn]] void fail(const std::string& what) const { failAt(what, m_i); }
    [[noreturn]] void failAt(const std::string& what, std::size_t i) const {
        throw util::Error("polynomial: " + what + " at position " + std::to_string(i + 1));
    }
    void skip() {
        while (m_i < m_t.size() && std::isspace(static_cast<unsigned char>(m_t[m_i])))
            ++m_i;
    }
    void checkDegree(const Polynomial& p, std::size_t pos) const {
        if (p.degree() > kMaxPolynomialDegree)
            throw util::LimitError("polynomial: degree above kMaxPolynomialDegree (" +
                                   std::to_string(kMaxPolynomialDegree) + ") at position " +
                                   std::to_string(pos + 1));
    }
    // Coefficients are bounded so nested powers such as ((9^256)^256)^256 cannot exhaust memory.
    void checkSize(const Polynomial& p, std::size_t pos) const {
        for (const auto& c : p.coefficients())
            if (mpz_sizeinbase(c.get_mpz_t(), 2) > 100000)
                throw util::LimitError("polynomial: a coefficient above 2^100000 at position " +
                                       std::to_string(pos + 1));
    }
    struct Depth {
        explicit Depth(PolyParser& p) : p(p) {
            if (++p.m_depth > 200)
                throw util::LimitError("polynomial: nesting deeper than 200 at position " +
                                       std::to_string(p.m_i + 1));
        }
        ~Depth() { --p.m_depth; }
        PolyParser& p;
    };

    Polynomial expr() {
        Depth d(*this);
        Polynomial left = term();
        for (;;) {
            skip();
            if (m_i < m_t.size() && (m_t[m_i] == '+' || m_t[m_i] == '-')) {
                const bool plus = m_t[m_i++] == '+';
                Polynomial right = term();
                left = plus ? left + right : left - right;
            } else {
                return left;
            }
        }
    }

    Polynomial term() {
        Polynomial left = unary();
        for (;;) {
            skip();
            if (m_i >= m_t.size())
                return left;
            const char c = m_t[m_i];
            const std::size_t pos = m_i;
            if (c == '*') {
                ++m_i;
                left = left * unary();
            } else if (c == '(' || std::isalpha(static_cast<unsigned char>(c)) ||
                       std::isdigit(static_cast<unsigned char>(c))) {
                // Implicit multiplication: 2n, n(n+1), (n+1)(n+2), n 2 is not allowed below.
                if (std::isdigit(static_cast<unsigned char>(c)))
                    fail("a number cannot follow a factor without '*'");
                left = left * power();
            } else if (c == '/') {
                fail("division is not allowed in a polynomial");
            } else {
                return left;
            }
            checkDegree(left, pos);
            checkSize(left, pos);
        }
    }

    Polynomial unary() {
        Depth d(*this);
        skip();
        if (m_i < m_t.size() && (m_t[m_i] == '-' || m_t[m_i] == '+')) {
            const bool neg = m_t[m_i++] == '-';
            Polynomial p = unary();
            return neg ? -p : p;
        }
        return power();
    }

    mpz_class integer() {
        skip();
        const std::size_t start = m_i;
        m_i += decimalDigitsAt(m_t, m_i);
        if (start == m_i)
            fail(m_i < m_t.size() ? std::string("expected an integer, found '") + m_t[m_i] + "'"
                                  : std::string("expected an integer, found the end"));
        if (m_i < m_t.size() && m_t[m_i] == '.')
            fail("decimal numbers are not allowed");
        return decimalInteger(m_t.substr(start, m_i - start), 1000, "polynomial", start + 1);
    }

    Polynomial power() {
        Polynomial base = primary();
        skip();
        if (m_i < m_t.size() && m_t[m_i] == '^') {
            const std::size_t pos = m_i++;
            skip();
            const std::size_t epos = m_i;
            if (m_i < m_t.size() && m_t[m_i] == '-')
                failAt("negative exponent", epos);
            const mpz_class e = integer();
            if (e > kMaxPolynomialDegree)
                throw util::LimitError("polynomial: exponent above kMaxPolynomialDegree (" +
                                       std::to_string(kMaxPolynomialDegree) + ") at position " +
                                       std::to_string(epos + 1));
            const long k = e.get_si();
            if (std::max(base.degree(), 0) * k > kMaxPolynomialDegree)
                throw util::LimitError("polynomial: degree above kMaxPolynomialDegree (" +
                                       std::to_string(kMaxPolynomialDegree) + ") at position " +
                                       std::to_string(pos + 1));
            Polynomial r(std::vector<mpz_class>{1});
            for (long i = 0; i < k; ++i) {
                r = r * base;
                checkSize(r, pos);
            }
            return r;
        }
        return base;
    }

    Polynomial primary() {
        skip();
        if (m_i >= m_t.size())
            fail("expected a number, 'n' or '(', found the end");
        const char c = m_t[m_i];
        if (c == '(') {
            ++m_i;
            Polynomial p = expr();
            skip();
            if (m_i >= m_t.size() || m_t[m_i] != ')')
                fail(m_i < m_t.size() ? std::string("expected ')', found '") + m_t[m_i] + "'"
                                      : std::string("expected ')', found the end"));
            ++m_i;
            return p;
        }
        if (std::isdigit(static_cast<unsigned char>(c)))
            return Polynomial(std::vector<mpz_class>{integer()});
        if (c == 'n') {
            const std::size_t pos = m_i++;
            if (m_i < m_t.size() && std::isalnum(static_cast<unsigned char>(m_t[m_i])))
                failAt("unknown name (the variable is n)", pos);
            return Polynomial(std::vector<mpz_class>{0, 1});
        }
        if (std::isalpha(static_cast<unsigned char>(c)))
            fail("unknown name (the variable is n)");
        fail(std::string("unexpected '") + c + "'");
    }

    std::string_view m_t;
    std::size_t m_i = 0;
    int m_depth = 0;
};

} // namespace

Polynomial Polynomial::parse(std::string_view text) {
    return PolyParser(text).parseAll();
}

} // namespace algoscope::contfrac
