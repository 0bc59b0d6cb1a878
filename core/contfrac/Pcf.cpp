#include "contfrac/Pcf.h"

#include "contfrac/ConstantExpr.h"
#include "util/Error.h"

#include <cmath>
#include <limits>

namespace algoscope::contfrac {

TermSource pcfSource(const Polynomial& a, const Polynomial& b, PcfConvention convention) {
    return [a, b, convention](std::size_t n, mpz_class& an, mpz_class& bn) {
        an = a.at(long(n));
        if (n == 0)
            bn = 1;
        else
            bn = b.at(convention == PcfConvention::Shifted ? long(n) - 1 : long(n));
    };
}

TermSource signedSource(std::vector<mpz_class> terms, std::vector<int> signs) {
    return [terms = std::move(terms), signs = std::move(signs)](std::size_t n, mpz_class& an,
                                                                mpz_class& bn) {
        if (n >= terms.size())
            throw util::Error("signed continued fraction has only " + std::to_string(terms.size()) +
                              " terms");
        an = terms[n];
        bn = n == 0 ? 1 : (signs.empty() ? 1 : signs[(n - 1) % signs.size()]);
    };
}

namespace {

struct Mat {
    mpz_class a, b, c, d; // [[a, b], [c, d]]
};

void mul(Mat& l, const Mat& r) {
    mpz_class a = l.a * r.a + l.b * r.c;
    mpz_class b = l.a * r.b + l.b * r.d;
    mpz_class c = l.c * r.a + l.d * r.c;
    mpz_class d = l.c * r.b + l.d * r.d;
    l.a.swap(a);
    l.b.swap(b);
    l.c.swap(c);
    l.d.swap(d);
}

// Product M_lo ... M_{hi-1}, M_n = [[0, b_n], [1, a_n]].
Mat product(const TermSource& source, std::size_t lo, std::size_t hi,
            const util::TaskContext& ctx) {
    if (hi - lo <= 8) {
        Mat m{1, 0, 0, 1};
        mpz_class an, bn;
        for (std::size_t n = lo; n < hi; ++n) {
            source(n, an, bn);
            mul(m, Mat{0, bn, 1, an});
        }
        return m;
    }
    ctx.checkCancelled();
    const std::size_t mid = lo + (hi - lo) / 2;
    Mat l = product(source, lo, mid, ctx);
    const Mat r = product(source, mid, hi, ctx);
    mul(l, r);
    return l;
}

double log10Abs(const mpz_class& z) {
    if (z == 0)
        return -std::numeric_limits<double>::infinity();
    long e = 0;
    const double m = mpz_get_d_2exp(&e, z.get_mpz_t());
    return std::log10(std::fabs(m)) + double(e) * std::log10(2.0);
}

} // namespace

Convergent deepConvergent(const TermSource& source, std::size_t depth,
                          const util::TaskContext& ctx) {
    if (depth > kMaxPcfDepth)
        throw util::LimitError("depth " + std::to_string(depth) + " exceeds kMaxPcfDepth (" +
                               std::to_string(kMaxPcfDepth) + ")");
    mpz_class a0, b0;
    source(0, a0, b0);
    Mat m{1, a0, 0, 1};
    if (depth > 0)
        mul(m, product(source, 1, depth + 1, ctx));
    Convergent c;
    c.pPrev = m.a;
    c.p = m.b;
    c.qPrev = m.c;
    c.q = m.d;
    c.depth = depth;
    return c;
}

void walkConvergents(const TermSource& source, std::size_t depth,
                     const std::function<void(const Convergent&)>& visit,
                     const util::TaskContext& ctx) {
    if (depth > kMaxPcfWalkDepth)
        throw util::LimitError("depth " + std::to_string(depth) + " exceeds kMaxPcfWalkDepth (" +
                               std::to_string(kMaxPcfWalkDepth) +
                               ") for the term-by-term analysis");
    Convergent c;
    mpz_class an, bn;
    source(0, an, bn);
    c.pPrev = 1;
    c.qPrev = 0;
    c.p = an;
    c.q = 1;
    c.depth = 0;
    visit(c);
    mpz_class t;
    for (std::size_t n = 1; n <= depth; ++n) {
        if ((n & 31) == 0)
            ctx.checkCancelled();
        source(n, an, bn);
        // p_n = a_n p_{n-1} + b_n p_{n-2}
        t = an * c.p + bn * c.pPrev;
        c.pPrev.swap(c.p);
        c.p.swap(t);
        t = an * c.q + bn * c.qPrev;
        c.qPrev.swap(c.q);
        c.q.swap(t);
        c.depth = n;
        visit(c);
    }
}

double digitsOfAgreement(const Interval& x, const mpz_class& p, const mpz_class& q) {
    if (q == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const mpfr_prec_t bits = x.precision();
    mpfr_t mid, r;
    mpfr_init2(mid, bits + 8);
    mpfr_init2(r, bits + 8);
    mpfr_add(mid, x.lo(), x.hi(), MPFR_RNDN);
    mpfr_div_2ui(mid, mid, 1, MPFR_RNDN);
    mpfr_set_z(r, p.get_mpz_t(), MPFR_RNDN);
    mpfr_div_z(r, r, q.get_mpz_t(), MPFR_RNDN);
    mpfr_sub(r, r, mid, MPFR_RNDN);
    double out;
    if (mpfr_zero_p(r)) {
        out = std::numeric_limits<double>::infinity();
    } else {
        long e = 0;
        const double m = mpfr_get_d_2exp(&e, r, MPFR_RNDN);
        out = -(std::log10(std::fabs(m)) + double(e) * std::log10(2.0));
    }
    mpfr_clear(mid);
    mpfr_clear(r);
    return out;
}

namespace {

PcfAnalysis analyzeImpl(const TermSource& source, std::size_t depth, int valueDigits,
                        const std::optional<Interval>& givenLimit,
                        const std::function<Interval(mpfr_prec_t)>& limitAt,
                        const util::TaskContext& ctx, std::size_t maxRows) {
    if (depth == 0)
        throw util::Error("depth must be at least 1");
    if (valueDigits < 1 || valueDigits > 1'000'000)
        throw util::LimitError("value digits must be in 1..1000000");
    PcfAnalysis out;
    // How precise must the comparison be? The convergents' own estimate at `depth`
    // (-log10 |prod b| / |q q_prev|) bounds the digits that can be correct.
    const Convergent last = deepConvergent(source, depth, ctx);
    if (last.q == 0)
        throw util::Error("the denominator q_n is zero at depth " + std::to_string(depth));
    mpz_class prodB = 1;
    // |det| = |prod b_1..b_n| = |p_{n-1} q_n - p_n q_{n-1}|
    prodB = last.pPrev * last.q - last.p * last.qPrev;
    const double estimate = log10Abs(last.q) + log10Abs(last.qPrev) - log10Abs(prodB);
    const double needDigits =
        std::max({double(valueDigits), std::isfinite(estimate) ? estimate : 0.0, 30.0}) * 1.05 + 30;
    const auto bits = static_cast<mpfr_prec_t>(needDigits * 3.3219280948873622) + 64;
    out.workingDigits = double(bits) * 0.30102999566398120;

    std::optional<Interval> limit;
    if (givenLimit) {
        limit = *givenLimit;
        out.hasLimit = true;
    } else if (limitAt) {
        limit = limitAt(bits);
        out.hasLimit = true;
    } else {
        // Blind: the convergent at twice the depth stands in for the limit.
        out.referenceDepth = 2 * depth;
        const Convergent ref = deepConvergent(source, out.referenceDepth, ctx);
        if (ref.q == 0)
            throw util::Error("the denominator q_n is zero at the reference depth");
        Interval r(bits);
        mpfr_set_z(r.lo(), ref.p.get_mpz_t(), MPFR_RNDD);
        mpfr_div_z(r.lo(), r.lo(), ref.q.get_mpz_t(), MPFR_RNDD);
        mpfr_set_z(r.hi(), ref.p.get_mpz_t(), MPFR_RNDU);
        mpfr_div_z(r.hi(), r.hi(), ref.q.get_mpz_t(), MPFR_RNDU);
        if (mpfr_greater_p(r.lo(), r.hi()))
            mpfr_swap(r.lo(), r.hi());
        limit = std::move(r);
    }

    // Value of p/q to valueDigits.
    {
        mpfr_t v;
        mpfr_init2(v, static_cast<mpfr_prec_t>(valueDigits * 3.33) + 64);
        mpfr_set_z(v, last.p.get_mpz_t(), MPFR_RNDN);
        mpfr_div_z(v, v, last.q.get_mpz_t(), MPFR_RNDN);
        std::vector<char> buf(std::size_t(valueDigits) + 64);
        mpfr_snprintf(buf.data(), buf.size(), "%.*Rg", valueDigits, v);
        out.value = buf.data();
        mpfr_clear(v);
    }

    const std::size_t stride = depth <= maxRows ? 1 : (depth + maxRows - 1) / maxRows;
    const double cap = out.workingDigits - 5;
    const double ln10 = std::log(10.0);
    auto rowFor = [&](const Convergent& c) {
        ConvergenceRow row;
        row.n = c.depth;
        row.digits = std::min(digitsOfAgreement(*limit, c.p, c.q), cap);
        const mpz_class det = c.pPrev * c.q - c.p * c.qPrev;
        row.estimate = log10Abs(c.q) + log10Abs(c.qPrev) - log10Abs(det);
        mpz_class g;
        mpz_gcd(g.get_mpz_t(), c.p.get_mpz_t(), c.q.get_mpz_t());
        const double lnQ = (log10Abs(c.q) - log10Abs(g)) * ln10;
        row.delta =
            lnQ > 0 ? -1.0 + row.digits * ln10 / lnQ : std::numeric_limits<double>::quiet_NaN();
        return row;
    };
    walkConvergents(
        source, depth,
        [&](const Convergent& c) {
            if (c.depth == 0 || c.q == 0)
                return;
            if (c.depth % stride == 0 || c.depth == depth)
                out.rows.push_back(rowFor(c));
        },
        ctx);
    const ConvergenceRow lastRow = rowFor(last);
    out.correctDigits = lastRow.digits;
    out.digitsPerTerm = lastRow.digits / double(depth);
    out.delta = lastRow.delta;
    return out;
}

} // namespace

PcfAnalysis analyzePcf(const TermSource& source, std::size_t depth, int valueDigits,
                       const std::optional<Interval>& limit, const util::TaskContext& ctx,
                       std::size_t maxRows) {
    return analyzeImpl(source, depth, valueDigits, limit, {}, ctx, maxRows);
}

PcfAnalysis analyzePcf(const TermSource& source, std::size_t depth, int valueDigits,
                       const std::string& limitExpression, const util::TaskContext& ctx,
                       std::size_t maxRows) {
    if (limitExpression.empty())
        return analyzeImpl(source, depth, valueDigits, std::nullopt, {}, ctx, maxRows);
    const ConstantExpr expr = ConstantExpr::parse(limitExpression);
    return analyzeImpl(
        source, depth, valueDigits, std::nullopt,
        [&expr](mpfr_prec_t bits) { return expr.evaluate(bits); }, ctx, maxRows);
}

} // namespace algoscope::contfrac
