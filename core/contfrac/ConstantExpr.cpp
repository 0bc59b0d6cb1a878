#include "contfrac/ConstantExpr.h"

#include "contfrac/DecimalInteger.h"

#include "util/Error.h"

#include <cctype>
#include <cstdlib>
#include <functional>

namespace algoscope::contfrac {

// [SECTION] AST
struct ConstantExpr::Node {
    enum class Kind { Integer, Name, Func, Neg, Add, Sub, Mul, Div, Pow } kind;
    std::size_t pos = 0; // 1-based position in the text, for messages
    mpz_class integer;   // Integer; Pow exponent in `exponent`
    long exponent = 0;
    std::string name; // Name, Func
    std::shared_ptr<const Node> a, b;
};

using NodePtr = std::shared_ptr<const ConstantExpr::Node>;

ConstantExpr::ConstantExpr() = default;
ConstantExpr::~ConstantExpr() = default;
ConstantExpr::ConstantExpr(const ConstantExpr&) = default;
ConstantExpr& ConstantExpr::operator=(const ConstantExpr&) = default;
ConstantExpr::ConstantExpr(ConstantExpr&&) noexcept = default;
ConstantExpr& ConstantExpr::operator=(ConstantExpr&&) noexcept = default;

namespace {

const char* const kNames[] = {"pi",    "e",     "phi",   "golden", "catalan", "log2",
                              "gamma", "e2",    "tan1",  "cot1",   "tanh1",   "bessel",
                              "zeta2", "zeta3", "sqrt2", "sqrt3",  "sqrt5"};
const char* const kFuncs[] = {"sqrt", "exp", "log", "tan", "cot", "tanh", "zeta", "I0", "I1"};

bool isName(const std::string& s) {
    for (const char* n : kNames)
        if (s == n)
            return true;
    return false;
}
bool isFunc(const std::string& s) {
    for (const char* n : kFuncs)
        if (s == n)
            return true;
    return false;
}

// [SECTION] Parser: recursive descent with positions.
class Parser {
public:
    explicit Parser(std::string_view t) : m_t(t) {}

    NodePtr parseAll() {
        if (m_t.size() > kMaxExpressionChars)
            throw util::LimitError("constant expression: " + std::to_string(m_t.size()) +
                                   " characters exceeds kMaxExpressionChars (" +
                                   std::to_string(kMaxExpressionChars) + ")");
        skip();
        if (m_i >= m_t.size())
            throw util::Error("constant expression: empty expression");
        NodePtr n = expr();
        skip();
        if (m_i < m_t.size())
            fail(std::string("unexpected '") + m_t[m_i] + "'");
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& what) const { failAt(what, m_i); }
    [[noreturn]] void failAt(const std::string& what, std::size_t i) const {
        throw util::Error("constant expression: " + what + " at position " + std::to_string(i + 1));
    }
    void skip() {
        while (m_i < m_t.size() && std::isspace(static_cast<unsigned char>(m_t[m_i])))
            ++m_i;
    }
    bool peek(char c) {
        skip();
        return m_i < m_t.size() && m_t[m_i] == c;
    }
    std::shared_ptr<ConstantExpr::Node> make(ConstantExpr::Node::Kind k, std::size_t pos) {
        auto n = std::make_shared<ConstantExpr::Node>();
        n->kind = k;
        n->pos = pos + 1;
        return n;
    }
    struct Depth {
        explicit Depth(Parser& p) : p(p) {
            if (++p.m_depth > kMaxExpressionDepth)
                throw util::LimitError("constant expression: nesting deeper than " +
                                       std::to_string(kMaxExpressionDepth) + " at position " +
                                       std::to_string(p.m_i + 1));
        }
        ~Depth() { --p.m_depth; }
        Parser& p;
    };

    NodePtr expr() {
        Depth d(*this);
        NodePtr left = term();
        for (;;) {
            skip();
            if (m_i < m_t.size() && (m_t[m_i] == '+' || m_t[m_i] == '-')) {
                const std::size_t pos = m_i;
                const bool plus = m_t[m_i++] == '+';
                auto n =
                    make(plus ? ConstantExpr::Node::Kind::Add : ConstantExpr::Node::Kind::Sub, pos);
                n->a = left;
                n->b = term();
                left = n;
            } else {
                return left;
            }
        }
    }

    bool startsFactor() {
        skip();
        if (m_i >= m_t.size())
            return false;
        const char c = m_t[m_i];
        return c == '(' || std::isalpha(static_cast<unsigned char>(c));
    }

    NodePtr term() {
        NodePtr left = unary();
        for (;;) {
            skip();
            if (m_i < m_t.size() && (m_t[m_i] == '*' || m_t[m_i] == '/')) {
                const std::size_t pos = m_i;
                const bool mul = m_t[m_i++] == '*';
                auto n =
                    make(mul ? ConstantExpr::Node::Kind::Mul : ConstantExpr::Node::Kind::Div, pos);
                n->a = left;
                n->b = unary();
                left = n;
            } else if (startsFactor()) { // implicit multiplication: 2pi, 2(e-1)
                auto n = make(ConstantExpr::Node::Kind::Mul, m_i);
                n->a = left;
                n->b = power();
                left = n;
            } else {
                return left;
            }
        }
    }

    NodePtr unary() {
        Depth d(*this);
        skip();
        if (m_i < m_t.size() && (m_t[m_i] == '-' || m_t[m_i] == '+')) {
            const std::size_t pos = m_i;
            const bool neg = m_t[m_i++] == '-';
            NodePtr inner = unary();
            if (!neg)
                return inner;
            auto n = make(ConstantExpr::Node::Kind::Neg, pos);
            n->a = inner;
            return n;
        }
        return power();
    }

    mpz_class integerLiteral() {
        skip();
        const std::size_t start = m_i;
        m_i += decimalDigitsAt(m_t, m_i);
        if (start == m_i)
            fail(m_i < m_t.size() ? std::string("expected an integer, found '") + m_t[m_i] + "'"
                                  : std::string("expected an integer, found the end"));
        if (m_i < m_t.size() && m_t[m_i] == '.')
            fail("decimal numbers are not supported (write a fraction such as 314/100)");
        return decimalInteger(m_t.substr(start, m_i - start), 1000, "constant expression",
                              start + 1);
    }

    NodePtr power() {
        NodePtr base = primary();
        if (peek('^')) {
            const std::size_t pos = m_i++;
            skip();
            bool neg = false;
            if (m_i < m_t.size() && m_t[m_i] == '-') {
                neg = true;
                ++m_i;
            }
            const std::size_t epos = m_i;
            mpz_class e = integerLiteral();
            if (e > 10000)
                failAt("exponent larger than 10000", epos);
            auto n = make(ConstantExpr::Node::Kind::Pow, pos);
            n->a = base;
            n->exponent = neg ? -e.get_si() : e.get_si();
            return n;
        }
        return base;
    }

    NodePtr primary() {
        skip();
        if (m_i >= m_t.size())
            fail("expected a number, a constant or '(', found the end");
        const char c = m_t[m_i];
        const std::size_t pos = m_i;
        if (c == '(') {
            ++m_i;
            NodePtr inner = expr();
            if (!peek(')'))
                fail(m_i < m_t.size() ? std::string("expected ')', found '") + m_t[m_i] + "'"
                                      : std::string("expected ')', found the end"));
            ++m_i;
            return inner;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            auto n = make(ConstantExpr::Node::Kind::Integer, pos);
            n->integer = integerLiteral();
            return n;
        }
        if (std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t j = m_i;
            while (j < m_t.size() && std::isalnum(static_cast<unsigned char>(m_t[j])))
                ++j;
            std::string word(m_t.substr(m_i, j - m_i));
            m_i = j;
            if (isFunc(word) && peek('(')) {
                ++m_i;
                auto n = make(ConstantExpr::Node::Kind::Func, pos);
                n->name = word;
                n->a = expr();
                if (!peek(')'))
                    fail("expected ')' closing " + word + "(");
                ++m_i;
                if (word == "zeta" || word == "I0" || word == "I1") {
                    if (n->a->kind != ConstantExpr::Node::Kind::Integer)
                        failAt(word + "() takes an integer literal argument", pos);
                    const mpz_class& k = n->a->integer;
                    if (word == "zeta" && (k < 2 || k > 100000))
                        failAt("zeta(k) needs an integer 2 <= k <= 100000", pos);
                    if (word != "zeta" && k > 1000)
                        failAt(word + "(x) needs an integer 0 <= x <= 1000", pos);
                }
                return n;
            }
            if (isName(word)) {
                auto n = make(ConstantExpr::Node::Kind::Name, pos);
                n->name = word;
                return n;
            }
            if (isFunc(word))
                failAt("function '" + word + "' needs an argument in parentheses", pos);
            failAt("unknown name '" + word + "'", pos);
        }
        fail(std::string("unexpected '") + c + "'");
    }

    std::string_view m_t;
    std::size_t m_i = 0;
    int m_depth = 0;
};

// [SECTION] Evaluation
Interval monotone(const Interval& x, int (*f)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t), bool increasing) {
    Interval r(x.precision());
    if (increasing) {
        f(r.lo(), x.lo(), MPFR_RNDD);
        f(r.hi(), x.hi(), MPFR_RNDU);
    } else {
        f(r.lo(), x.hi(), MPFR_RNDD);
        f(r.hi(), x.lo(), MPFR_RNDU);
    }
    return r;
}

Interval constant(int (*f)(mpfr_ptr, mpfr_rnd_t), mpfr_prec_t bits) {
    Interval r(bits);
    f(r.lo(), MPFR_RNDD);
    f(r.hi(), MPFR_RNDU);
    return r;
}

// I_nu(x) = sum_k (x/2)^(2k+nu) / (k! (k+nu)!), nu in {0, 1}, x a small non-negative integer.
// Summed once rounding down and once rounding up; once the term ratio r_k = (x/2)^2 /
// ((k+1)(k+1+nu)) is <= 1/2 the tail after term t_k is at most t_k, which is added to hi.
Interval besselI(int nu, unsigned long x, mpfr_prec_t bits) {
    Interval r(bits);
    mpfr_t t, q;
    mpfr_init2(t, bits);
    mpfr_init2(q, bits);
    for (int pass = 0; pass < 2; ++pass) {
        const mpfr_rnd_t rnd = pass == 0 ? MPFR_RNDD : MPFR_RNDU;
        mpfr_ptr sum = pass == 0 ? r.lo() : r.hi();
        // t_0 = (x/2)^nu / nu!
        mpfr_set_ui(t, nu == 0 ? 1 : x, rnd);
        if (nu == 1)
            mpfr_div_2ui(t, t, 1, rnd);
        mpfr_set(sum, t, rnd);
        const double x2 = double(x) * double(x) / 4.0;
        for (unsigned long k = 0;; ++k) {
            // t_{k+1} = t_k * x^2 / (4 (k+1)(k+1+nu))
            mpfr_mul_ui(t, t, x * x, rnd);
            mpfr_div_ui(t, t, 4 * (k + 1), rnd);
            mpfr_div_ui(t, t, k + 1 + unsigned(nu), rnd);
            mpfr_add(sum, sum, t, rnd);
            const double ratio = x2 / (double(k + 2) * double(k + 2 + unsigned(nu)));
            if (mpfr_zero_p(t) ||
                (ratio <= 0.5 && mpfr_get_exp(t) < mpfr_get_exp(sum) - mpfr_exp_t(bits) - 8)) {
                if (pass == 1)
                    mpfr_add(sum, sum, t, MPFR_RNDU); // tail bound
                break;
            }
        }
    }
    mpfr_clear(t);
    mpfr_clear(q);
    return r;
}

Interval evalNode(const ConstantExpr::Node& n, mpfr_prec_t bits);

Interval namedConstant(const std::string& name, mpfr_prec_t bits) {
    if (name == "pi")
        return constant(mpfr_const_pi, bits);
    if (name == "catalan")
        return constant(mpfr_const_catalan, bits);
    if (name == "log2")
        return constant(mpfr_const_log2, bits);
    if (name == "gamma")
        return constant(mpfr_const_euler, bits);
    const Interval one = Interval::fromInteger(1, bits);
    if (name == "e")
        return monotone(one, mpfr_exp, true);
    if (name == "e2")
        return monotone(Interval::fromInteger(2, bits), mpfr_exp, true);
    if (name == "phi" || name == "golden")
        return (one + monotone(Interval::fromInteger(5, bits), mpfr_sqrt, true)) /
               Interval::fromInteger(2, bits);
    if (name == "sqrt2" || name == "sqrt3" || name == "sqrt5")
        return monotone(Interval::fromInteger(name[4] - '0', bits), mpfr_sqrt, true);
    if (name == "tan1")
        return monotone(one, mpfr_tan, true);
    if (name == "cot1")
        return monotone(one, mpfr_cot, false);
    if (name == "tanh1")
        return monotone(one, mpfr_tanh, true);
    if (name == "bessel")
        return besselI(1, 2, bits) / besselI(0, 2, bits);
    if (name == "zeta2" || name == "zeta3") {
        Interval r(bits);
        const unsigned long k = name == "zeta2" ? 2 : 3;
        mpfr_zeta_ui(r.lo(), k, MPFR_RNDD);
        mpfr_zeta_ui(r.hi(), k, MPFR_RNDU);
        return r;
    }
    throw util::Error("unknown constant '" + name + "'");
}

[[noreturn]] void domainError(const ConstantExpr::Node& n, const std::string& what) {
    throw util::Error("constant expression: " + what + " at position " + std::to_string(n.pos));
}

Interval evalFunc(const ConstantExpr::Node& n, mpfr_prec_t bits) {
    const std::string& f = n.name;
    if (f == "zeta") {
        Interval r(bits);
        const unsigned long k = n.a->integer.get_ui();
        mpfr_zeta_ui(r.lo(), k, MPFR_RNDD);
        mpfr_zeta_ui(r.hi(), k, MPFR_RNDU);
        return r;
    }
    if (f == "I0" || f == "I1")
        return besselI(f == "I1" ? 1 : 0, n.a->integer.get_ui(), bits);
    const Interval x = evalNode(*n.a, bits);
    if (f == "sqrt") {
        if (mpfr_sgn(x.lo()) < 0)
            domainError(n, "sqrt of a negative value");
        return monotone(x, mpfr_sqrt, true);
    }
    if (f == "exp") {
        if (mpfr_cmp_ui(x.hi(), 1000000) > 0)
            domainError(n, "exp argument above 1e6");
        return monotone(x, mpfr_exp, true);
    }
    if (f == "log") {
        if (mpfr_sgn(x.lo()) <= 0)
            domainError(n, "log of a value that is not positive");
        return monotone(x, mpfr_log, true);
    }
    if (f == "tanh")
        return monotone(x, mpfr_tanh, true);
    // tan is increasing on (-pi/2, pi/2), cot decreasing on (0, pi); 1.5707 < pi/2 and
    // 3.1415 < pi, so the checks keep the whole interval on one branch.
    if (f == "tan") {
        if (mpfr_cmp_d(x.lo(), -1.5707) < 0 || mpfr_cmp_d(x.hi(), 1.5707) > 0)
            domainError(n, "tan needs an argument in (-1.5707, 1.5707)");
        return monotone(x, mpfr_tan, true);
    }
    if (f == "cot") {
        if (mpfr_cmp_d(x.lo(), 0.0) <= 0 || mpfr_cmp_d(x.hi(), 3.1415) > 0)
            domainError(n, "cot needs an argument in (0, 3.1415)");
        return monotone(x, mpfr_cot, false);
    }
    domainError(n, "unknown function '" + f + "'");
}

Interval evalNode(const ConstantExpr::Node& n, mpfr_prec_t bits) {
    using K = ConstantExpr::Node::Kind;
    switch (n.kind) {
    case K::Integer:
        return Interval::fromInteger(n.integer, bits);
    case K::Name:
        return namedConstant(n.name, bits);
    case K::Func:
        return evalFunc(n, bits);
    case K::Neg:
        return -evalNode(*n.a, bits);
    case K::Add:
        return evalNode(*n.a, bits) + evalNode(*n.b, bits);
    case K::Sub:
        return evalNode(*n.a, bits) - evalNode(*n.b, bits);
    case K::Mul:
        return evalNode(*n.a, bits) * evalNode(*n.b, bits);
    case K::Div: {
        const Interval den = evalNode(*n.b, bits);
        if (den.containsZero())
            domainError(n, "division by zero (or by a value too close to zero to bound)");
        return evalNode(*n.a, bits) / den;
    }
    case K::Pow: {
        const Interval base = evalNode(*n.a, bits);
        if (n.exponent < 0 && base.containsZero())
            domainError(n, "negative power of zero");
        return base.pow(n.exponent);
    }
    }
    return Interval(bits);
}

bool rationalNode(const ConstantExpr::Node& n) {
    using K = ConstantExpr::Node::Kind;
    switch (n.kind) {
    case K::Integer:
        return true;
    case K::Name:
    case K::Func:
        return false;
    case K::Neg:
    case K::Pow:
        return rationalNode(*n.a);
    default:
        return rationalNode(*n.a) && rationalNode(*n.b);
    }
}

mpq_class rationalValue(const ConstantExpr::Node& n) {
    using K = ConstantExpr::Node::Kind;
    mpq_class r;
    switch (n.kind) {
    case K::Integer:
        r = n.integer;
        break;
    case K::Neg:
        r = -rationalValue(*n.a);
        break;
    case K::Add:
        r = rationalValue(*n.a) + rationalValue(*n.b);
        break;
    case K::Sub:
        r = rationalValue(*n.a) - rationalValue(*n.b);
        break;
    case K::Mul:
        r = rationalValue(*n.a) * rationalValue(*n.b);
        break;
    case K::Div: {
        const mpq_class d = rationalValue(*n.b);
        if (d == 0)
            domainError(n, "division by zero");
        r = rationalValue(*n.a) / d;
        break;
    }
    case K::Pow: {
        const mpq_class b = rationalValue(*n.a);
        if (b == 0 && n.exponent < 0)
            domainError(n, "negative power of zero");
        const double bits =
            double(mpz_sizeinbase(b.get_num_mpz_t(), 2) + mpz_sizeinbase(b.get_den_mpz_t(), 2)) *
            double(n.exponent < 0 ? -n.exponent : n.exponent);
        if (bits > 1e6)
            throw util::LimitError("constant expression: power above 10^6 bits at position " +
                                   std::to_string(n.pos));
        const unsigned long e =
            static_cast<unsigned long>(n.exponent < 0 ? -n.exponent : n.exponent);
        mpz_class num, den;
        mpz_pow_ui(num.get_mpz_t(), b.get_num_mpz_t(), e);
        mpz_pow_ui(den.get_mpz_t(), b.get_den_mpz_t(), e);
        r = n.exponent < 0 ? mpq_class(den, num) : mpq_class(num, den);
        r.canonicalize();
        break;
    }
    default:
        throw util::Error("constant expression: not rational");
    }
    if (mpz_sizeinbase(r.get_num_mpz_t(), 2) + mpz_sizeinbase(r.get_den_mpz_t(), 2) > 1000000)
        throw util::LimitError("constant expression: a rational above 10^6 bits at position " +
                               std::to_string(n.pos));
    return r;
}

} // namespace

mpq_class ConstantExpr::exactRational() const {
    if (!isRational())
        throw util::Error("constant expression: the value is not rational");
    return rationalValue(*m_root);
}

ConstantExpr ConstantExpr::parse(std::string_view text) {
    ConstantExpr e;
    Parser p(text);
    e.m_root = p.parseAll();
    e.m_text = std::string(text);
    return e;
}

Interval ConstantExpr::evaluate(mpfr_prec_t bits) const {
    if (!m_root)
        throw util::Error("constant expression: empty expression");
    if (bits < 32)
        bits = 32;
    // Guard bits for the rounding of each operation; the result is an enclosure regardless.
    return evalNode(*m_root, bits + 32);
}

bool ConstantExpr::isRational() const {
    return m_root && rationalNode(*m_root);
}

std::vector<std::string> ConstantExpr::knownNames() {
    std::vector<std::string> v(std::begin(kNames), std::end(kNames));
    for (const char* f : kFuncs)
        v.push_back(std::string(f) + "()");
    return v;
}

} // namespace algoscope::contfrac
