#include "contfrac/CertifiedCf.h"

#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>

namespace algoscope::contfrac {

namespace {

__extension__ typedef __int128 i128;

// One exact step of the signed expansion on x = num/den (den > 0): term a and, unless x == a,
// the next complete quotient. Returns false when x_i - a == 0 (the next quotient is unbounded).
bool signedStep(mpz_class& num, mpz_class& den, int sign, mpz_class& a, mpz_class& r) {
    if (sign > 0)
        mpz_fdiv_qr(a.get_mpz_t(), r.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
    else
        mpz_cdiv_qr(a.get_mpz_t(), r.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
    if (r == 0)
        return false;
    // x_{i+1} = sign / ((num - a den)/den) = sign * den / r, normalised to a positive denominator.
    if (r < 0) {
        num = sign > 0 ? mpz_class(-den) : den;
        den = -r;
    } else {
        num = sign > 0 ? den : mpz_class(-den);
        den = r;
    }
    return true;
}

} // namespace

std::vector<mpz_class> rationalSignedCfNaive(mpz_class num, mpz_class den,
                                             const std::vector<int>& signs, std::size_t maxTerms) {
    if (den <= 0)
        throw util::Error("rationalSignedCfNaive: denominator must be positive");
    std::vector<mpz_class> out;
    mpz_class a, r;
    while (out.size() < maxTerms) {
        const bool more = signedStep(num, den, signAt(signs, out.size()), a, r);
        out.push_back(a);
        if (!more)
            break;
    }
    return out;
}

std::vector<mpz_class> rationalSimpleCf(mpz_class num, mpz_class den, std::size_t maxTerms) {
    if (den <= 0)
        throw util::Error("rationalSimpleCf: denominator must be positive");
    std::vector<mpz_class> out;
    if (maxTerms == 0)
        return out;
    mpz_class q, r;
    mpz_fdiv_qr(q.get_mpz_t(), r.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
    out.push_back(q);
    mpz_class u = den, v = r; // continue with den/r, u > v >= 0
    mpz_class nu, nv;
    std::vector<std::int64_t> qs;
    qs.reserve(64);
    while (v != 0 && out.size() < maxTerms) {
        const std::size_t ubits = mpz_sizeinbase(u.get_mpz_t(), 2);
        if (ubits > 62) {
            // Leading 62 bits of u and the same bits of v. u/v lies in (uh/(vh+1), (uh+1)/vh);
            // a quotient is kept only when both ends of the cosequence interval give it.
            const std::size_t shift = ubits - 62;
            mpz_class t;
            mpz_fdiv_q_2exp(t.get_mpz_t(), u.get_mpz_t(), shift);
            i128 uh = static_cast<i128>(mpz_get_ui(t.get_mpz_t()));
            mpz_fdiv_q_2exp(t.get_mpz_t(), v.get_mpz_t(), shift);
            i128 vh = static_cast<i128>(mpz_get_ui(t.get_mpz_t()));
            i128 A = 1, B = 0, C = 0, D = 1;
            qs.clear();
            for (;;) {
                if (vh + C == 0 || vh + D == 0)
                    break;
                const i128 q1 = (uh + A) / (vh + C);
                const i128 q2 = (uh + B) / (vh + D);
                if (q1 != q2 || q1 <= 0 || (uh + A) < 0 || (vh + C) < 0 || (uh + B) < 0 ||
                    (vh + D) < 0)
                    break;
                qs.push_back(static_cast<std::int64_t>(q1));
                i128 T = A - q1 * C;
                A = C;
                C = T;
                T = B - q1 * D;
                B = D;
                D = T;
                T = uh - q1 * vh;
                uh = vh;
                vh = T;
            }
            if (!qs.empty()) {
                // (u, v) <- (A u + B v, C u + D v); |A|..|D| < 2^62.
                nu = u * static_cast<long>(A);
                nu += v * static_cast<long>(B);
                nv = u * static_cast<long>(C);
                nv += v * static_cast<long>(D);
                u.swap(nu);
                v.swap(nv);
                for (std::int64_t x : qs)
                    out.push_back(mpz_class(static_cast<long>(x)));
                continue;
            }
        }
        mpz_fdiv_qr(q.get_mpz_t(), r.get_mpz_t(), u.get_mpz_t(), v.get_mpz_t());
        out.push_back(q);
        u.swap(v);
        v.swap(r);
    }
    if (out.size() > maxTerms)
        out.resize(maxTerms);
    return out;
}

std::vector<mpz_class> certifiedTermsFromBounds(const mpz_class& loNum, const mpz_class& loDen,
                                                const mpz_class& hiNum, const mpz_class& hiDen,
                                                const std::vector<int>& signs, std::size_t maxTerms,
                                                const util::TaskContext& ctx) {
    if (loDen <= 0 || hiDen <= 0)
        throw util::Error("certifiedTerms: denominators must be positive");
    if (loNum * hiDen > hiNum * loDen)
        throw util::Error("certifiedTerms: lower bound above upper bound");
    std::vector<mpz_class> out;
    const bool simple = std::all_of(signs.begin(), signs.end(), [](int s) { return s > 0; });
    if (simple) {
        // Fast path: the simple CF of each bound by Lehmer's method, then the common prefix. The
        // terms of x agree with a bound's term a_k as long as both bounds agree on a_0..a_k (the
        // cylinder of a prefix is an interval), including a bound's last term.
        ctx.checkCancelled();
        const std::vector<mpz_class> lo = rationalSimpleCf(loNum, loDen, maxTerms + 1);
        ctx.checkCancelled();
        const std::vector<mpz_class> hi = rationalSimpleCf(hiNum, hiDen, maxTerms + 1);
        std::size_t k = 0;
        while (k < lo.size() && k < hi.size() && lo[k] == hi[k] && k < maxTerms)
            ++k;
        // A bound that ended exactly at index k-1 (x_{k-1} == a_{k-1}) cannot certify that x
        // itself has more terms, but the terms up to k-1 are still right.
        out.assign(lo.begin(), lo.begin() + std::ptrdiff_t(k));
        return out;
    }
    mpz_class ln = loNum, ld = loDen, hn = hiNum, hd = hiDen;
    mpz_class al, ah, rl, rh;
    while (out.size() < maxTerms) {
        if ((out.size() & 63) == 0)
            ctx.checkCancelled();
        const int s = signAt(signs, out.size());
        const bool moreLo = signedStep(ln, ld, s, al, rl);
        const bool moreHi = signedStep(hn, hd, s, ah, rh);
        if (al != ah)
            break;
        out.push_back(al);
        if (!moreLo || !moreHi)
            break;
        // x -> s/(x - a) is decreasing for s = +1 (swap the bounds), increasing for s = -1.
        if (s > 0) {
            std::swap(ln, hn);
            std::swap(ld, hd);
        }
    }
    return out;
}

std::vector<mpz_class> certifiedTerms(const Interval& x, const std::vector<int>& signs,
                                      std::size_t maxTerms, const util::TaskContext& ctx) {
    mpz_class ln, ld, hn, hd;
    x.rationalBounds(ln, ld, hn, hd);
    return certifiedTermsFromBounds(ln, ld, hn, hd, signs, maxTerms, ctx);
}

CfExpansion expandCertified(const ConstantExpr& x, const ExpandOptions& options,
                            const util::TaskContext& ctx) {
    if (options.terms == 0)
        throw util::Error("the number of terms must be at least 1");
    if (options.terms > kMaxCfTerms)
        throw util::LimitError("terms: " + std::to_string(options.terms) +
                               " exceeds kMaxCfTerms (" + std::to_string(kMaxCfTerms) + ")");
    for (int s : options.signs)
        if (s != 1 && s != -1)
            throw util::Error("sign pattern entries must be +1 or -1");
    if (options.digits < 0 || options.digits > kMaxCfDigits)
        throw util::LimitError("digits: " + std::to_string(options.digits) +
                               " outside 0..kMaxCfDigits (" + std::to_string(kMaxCfDigits) + ")");
    // Typical reals need ~1.03 digits per term (Lochs); start a little above and raise if needed.
    long digits = options.digits > 0 ? options.digits : long(1.1 * double(options.terms)) + 30;
    long cap = options.maxDigits > 0 ? options.maxDigits : std::max(20 * digits, 10000L);
    cap = std::min(cap, kMaxCfDigits);
    CfExpansion result;
    if (x.isRational()) {
        // Exact: a rational's continued fraction terminates (Euclid's algorithm).
        const mpq_class v = x.exactRational();
        result.terms =
            rationalSignedCfNaive(v.get_num(), v.get_den(), options.signs, options.terms);
        result.complete = true;
        if (result.terms.size() < options.terms)
            result.message = "the value is rational: its continued fraction ends after " +
                             std::to_string(result.terms.size()) + " terms";
        result.signs.resize(result.terms.size());
        for (std::size_t i = 0; i < result.terms.size(); ++i)
            result.signs[i] = signAt(options.signs, i);
        return result;
    }
    for (;;) {
        ctx.checkCancelled();
        const auto bits = static_cast<mpfr_prec_t>(std::ceil(double(digits) * 3.3219280948873622));
        std::vector<mpz_class> terms;
        std::string why;
        try {
            const Interval v = x.evaluate(bits);
            terms = certifiedTerms(v, options.signs, options.terms, ctx);
        } catch (const util::Cancelled&) {
            throw;
        } catch (const util::Error& e) {
            // A division by an interval around zero may go away at a higher precision; a real
            // domain error will not, and is reported when the precision runs out.
            why = e.what();
        }
        if (terms.size() >= result.terms.size() || !why.empty()) {
            if (terms.size() >= result.terms.size()) {
                result.terms = std::move(terms);
                result.digitsUsed = digits;
                result.bitsUsed = bits;
            }
        }
        if (result.terms.size() >= options.terms) {
            result.complete = true;
            break;
        }
        if (!options.autoRaise || digits >= cap) {
            result.complete = false;
            if (!why.empty() && result.terms.empty())
                throw util::Error(why);
            result.message =
                "only " + std::to_string(result.terms.size()) + " of " +
                std::to_string(options.terms) + " terms are certified at " +
                std::to_string(result.digitsUsed) + " digits" +
                (options.autoRaise ? " (the automatic precision raise stopped at " +
                                         std::to_string(cap) + " digits; is the value rational?)"
                                   : "; raise the precision to get more") +
                (why.empty() ? "" : " [" + why + "]");
            break;
        }
        // Estimate the precision from the digits per term seen so far, with a margin.
        long next = digits * 2;
        if (result.terms.size() > 10)
            next = std::max(next / 2 + digits / 2, long(double(digits) * double(options.terms) /
                                                        double(result.terms.size()) * 1.15) +
                                                       20);
        digits = std::min(next, cap);
        ctx.report(double(result.terms.size()) / double(options.terms),
                   "raising precision to " + std::to_string(digits) + " digits");
    }
    result.signs.resize(result.terms.size());
    for (std::size_t i = 0; i < result.terms.size(); ++i)
        result.signs[i] = signAt(options.signs, i);
    return result;
}

void signedConvergents(const std::vector<mpz_class>& terms, const std::vector<int>& signs,
                       std::vector<mpz_class>& p, std::vector<mpz_class>& q) {
    p.assign(terms.size(), 0);
    q.assign(terms.size(), 0);
    // p_n = a_n p_{n-1} + b_{n-1} p_{n-2}, with p_{-1} = 1, q_{-1} = 0, p_{-2} = 0, q_{-2} = 1.
    mpz_class p1 = 1, q1 = 0, p2 = 0, q2 = 1;
    for (std::size_t n = 0; n < terms.size(); ++n) {
        const int b = n == 0 ? 1 : signAt(signs, n - 1);
        p[n] = terms[n] * p1 + b * p2;
        q[n] = terms[n] * q1 + b * q2;
        p2 = p1;
        q2 = q1;
        p1 = p[n];
        q1 = q[n];
    }
}

std::vector<int> parseSignPattern(const std::string& text) {
    std::vector<int> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ',' || std::isspace(static_cast<unsigned char>(c)))
            continue;
        if (c == '+' || c == '-') {
            // "+1" / "-1" are accepted as well as "+" / "-".
            out.push_back(c == '+' ? 1 : -1);
            if (i + 1 < text.size() && text[i + 1] == '1')
                ++i;
            continue;
        }
        if (c == '1') {
            out.push_back(1);
            continue;
        }
        throw util::Error("sign pattern: unexpected '" + std::string(1, c) + "' at position " +
                          std::to_string(i + 1) + " (use + and -, e.g. \"+,-\")");
    }
    if (out.empty())
        throw util::Error("sign pattern: empty (use + and -, e.g. \"+,-\")");
    if (out.size() > 64)
        throw util::LimitError("sign pattern: period longer than 64");
    return out;
}

} // namespace algoscope::contfrac
