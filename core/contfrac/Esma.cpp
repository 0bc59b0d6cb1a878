#include "contfrac/Esma.h"

#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/Pcf.h"
#include "util/Error.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <thread>

namespace algoscope::contfrac {

std::vector<std::vector<int>> enumerateSignPeriods(int minLen, int maxLen) {
    if (minLen < 1 || maxLen < minLen || maxLen > 16)
        throw util::Error("sign period lengths must satisfy 1 <= min <= max <= 16");
    std::vector<std::vector<int>> out;
    for (int len = minLen; len <= maxLen; ++len) {
        for (unsigned mask = 0; mask < (1u << len); ++mask) {
            std::vector<int> s(static_cast<std::size_t>(len));
            for (int i = 0; i < len; ++i) // bit i set -> -1; "+" patterns come first
                s[std::size_t(i)] = (mask >> (len - 1 - i)) & 1 ? -1 : 1;
            // Skip exact repeats of a shorter period d | len.
            bool repeat = false;
            for (int d = 1; d < len && !repeat; ++d) {
                if (len % d)
                    continue;
                bool same = true;
                for (int i = d; i < len && same; ++i)
                    same = s[std::size_t(i)] == s[std::size_t(i - d)];
                repeat = same;
            }
            if (!repeat)
                out.push_back(std::move(s));
        }
    }
    return out;
}

namespace {

Interval polyAt(const std::vector<long>& c, const Interval& x) {
    Interval r = Interval::fromInteger(0, x.precision());
    for (auto it = c.rbegin(); it != c.rend(); ++it)
        r = r * x + Interval::fromInteger(mpz_class(*it), x.precision());
    return r;
}

std::string polyText(const std::vector<long>& c, const std::string& name) {
    std::string s;
    for (int i = int(c.size()) - 1; i >= 0; --i) {
        const long v = c[std::size_t(i)];
        if (v == 0)
            continue;
        const long a = v < 0 ? -v : v;
        if (s.empty())
            s += v < 0 ? "-" : "";
        else
            s += v < 0 ? " - " : " + ";
        if (a != 1 || i == 0)
            s += std::to_string(a);
        if (i >= 1)
            s += name;
        if (i >= 2)
            s += "^" + std::to_string(i);
    }
    return s.empty() ? "0" : s;
}

bool simpleName(const std::string& c) {
    return !c.empty() && std::all_of(c.begin(), c.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) != 0;
    });
}

int nonzeroCount(const std::vector<long>& c) {
    return int(std::count_if(c.begin(), c.end(), [](long v) { return v != 0; }));
}

} // namespace

std::string lhsText(const std::vector<long>& P, const std::vector<long>& Q, const std::string& c) {
    const std::string name = simpleName(c) ? c : "(" + c + ")";
    const std::string p = polyText(P, name);
    const bool qIsOne = nonzeroCount(Q) == 1 && Q[0] == 1;
    if (qIsOne)
        return p;
    const std::string q = polyText(Q, name);
    const bool pParen = nonzeroCount(P) > 1;
    const bool qParen = nonzeroCount(Q) > 1 || (simpleName(q) ? false : q.find('^') == q.npos);
    return (pParen ? "(" + p + ")" : p) + "/" + (qParen || nonzeroCount(Q) > 1 ? "(" + q + ")" : q);
}

std::vector<LeftHandSide> enumerateLeftHandSides(const std::string& constant, int degree,
                                                 int coeffLimit, const util::TaskContext& ctx) {
    if (degree < 0 || degree > 6)
        throw util::Error("ESMA degree must be in 0..6");
    if (coeffLimit < 1 || coeffLimit > 1000)
        throw util::Error("ESMA coefficient bound must be in 1..1000");
    const std::size_t k = std::size_t(degree) + 1;
    const double count = std::pow(double(2 * coeffLimit + 1), double(2 * k));
    if (count > double(kMaxEsmaCandidates))
        throw util::LimitError("ESMA: " + std::to_string(std::llround(count)) +
                               " left-hand-side tuples exceed kMaxEsmaCandidates (" +
                               std::to_string(kMaxEsmaCandidates) +
                               "); lower the degree or coefficient bound");
    const ConstantExpr c = ConstantExpr::parse(constant);
    const Interval cv = c.evaluate(256);
    struct Cand {
        LeftHandSide lhs;
        long weight;
        std::string key;
    };
    std::vector<Cand> cands;
    std::vector<long> t(2 * k, -coeffLimit);
    const long base = 2 * coeffLimit + 1;
    const auto total = static_cast<std::size_t>(std::llround(count));
    for (std::size_t idx = 0; idx < total; ++idx) {
        if ((idx & 1023) == 0)
            ctx.checkCancelled();
        std::size_t r = idx;
        for (std::size_t i = 0; i < 2 * k; ++i) {
            t[i] = long(r % std::size_t(base)) - coeffLimit;
            r /= std::size_t(base);
        }
        std::vector<long> P(t.begin(), t.begin() + std::ptrdiff_t(k));
        std::vector<long> Q(t.begin() + std::ptrdiff_t(k), t.end());
        if (nonzeroCount(P) == 0 || nonzeroCount(Q) == 0)
            continue;
        long g = 0;
        for (long v : t)
            g = std::gcd(g, v);
        if (g != 1)
            continue; // the reduced tuple is enumerated too
        // P proportional to Q: a rational constant, not a conjecture.
        bool proportional = true;
        for (std::size_t i = 0; i < k && proportional; ++i)
            for (std::size_t j = 0; j < k && proportional; ++j)
                proportional = P[i] * Q[j] == P[j] * Q[i];
        if (proportional)
            continue;
        Interval num = polyAt(P, cv), den = polyAt(Q, cv);
        if (num.containsZero() || den.containsZero())
            continue; // zero or undefined (c is a root of P or Q)
        Interval x = num / den;
        if (x.isNegative()) {
            for (auto& v : P)
                v = -v;
            x = -x;
        }
        // Normalise the sign so the leading non-zero coefficient of Q is positive.
        auto lead = std::find_if(Q.rbegin(), Q.rend(), [](long v) { return v != 0; });
        if (*lead < 0) {
            for (auto& v : P)
                v = -v;
            for (auto& v : Q)
                v = -v;
        }
        // Key: |x| to 28 significant digits (distinct values with small coefficients differ
        // far earlier; equal ones agree to every digit).
        mpfr_exp_t ex = 0;
        char* digits = mpfr_get_str(nullptr, &ex, 10, 28, x.lo(), MPFR_RNDN);
        std::string key = std::string(digits) + "e" + std::to_string(long(ex));
        mpfr_free_str(digits);
        long weight = 0;
        for (long v : t)
            weight += v < 0 ? -v : v;
        cands.push_back({{std::move(P), std::move(Q)}, weight, std::move(key)});
    }
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Cand& a, const Cand& b) { return a.weight < b.weight; });
    std::map<std::string, bool> seen;
    std::vector<LeftHandSide> out;
    for (auto& cd : cands)
        if (seen.emplace(cd.key, true).second)
            out.push_back(std::move(cd.lhs));
    return out;
}

double signedCfDigits(const std::vector<mpz_class>& terms, const std::vector<int>& signs,
                      std::size_t n, const Interval& x) {
    if (terms.empty())
        return 0;
    n = std::min(n, terms.size() - 1);
    std::vector<mpz_class> t(terms.begin(), terms.begin() + std::ptrdiff_t(n + 1));
    const Convergent c = deepConvergent(signedSource(std::move(t), signs), n);
    return digitsOfAgreement(x, c.p, c.q);
}

namespace {

// Reference-code emulation: trailing zeros stripped, regenerated from deg C initial terms.
Recurrence referenceRecurrence(const std::vector<mpz_class>& terms) {
    Recurrence r = berlekampMasseyModP(terms, 199);
    std::size_t deg = r.c.size() - 1;
    while (deg > 0 && r.c[deg] == 0)
        --deg;
    r.c.resize(deg + 1);
    r.length = deg;
    r.initial.assign(terms.begin(), terms.begin() + std::ptrdiff_t(deg));
    r.confirmed = false;
    return r;
}

} // namespace

EsmaResult runEsma(const EsmaOptions& o, const util::TaskContext& ctx,
                   const std::function<void(const Conjecture&)>& onFound) {
    const auto t0 = std::chrono::steady_clock::now();
    if (o.depth < 8 || o.depth > 20000)
        throw util::Error("ESMA depth must be in 8..20000");
    if (o.approveTerms < o.depth || o.approveTerms > 100000)
        throw util::Error("ESMA approve terms must be in depth..100000");
    if (o.verifyDigits < 5 || o.verifyDigits > 100000)
        throw util::Error("ESMA verify digits must be in 5..100000");
    const ConstantExpr constant = ConstantExpr::parse(o.constant);
    const std::vector<LeftHandSide> lhs =
        enumerateLeftHandSides(o.constant, o.degree, o.coeffLimit, ctx);
    const std::vector<std::vector<int>> periods = enumerateSignPeriods(o.minPeriod, o.maxPeriod);
    EsmaResult result;
    result.stats.lhsCount = lhs.size();
    result.stats.signPeriods = periods.size();
    result.stats.candidates = lhs.size() * periods.size();
    if (result.stats.candidates > kMaxEsmaCandidates)
        throw util::LimitError("ESMA: " + std::to_string(result.stats.candidates) +
                               " candidates exceed kMaxEsmaCandidates");
    const long extractDigits = o.extractDigits > 0 ? o.extractDigits : long(5 * o.depth) + 50;
    const std::size_t maxL = o.maxRecurrence > 0 ? o.maxRecurrence : o.depth / 4;
    // Precision for x: enough for the extraction (raised up to 4x for hard candidates) and for
    // the verification.
    const long verifyWork = o.verifyDigits + 30;
    const auto bitsFor = [](long digits) {
        return static_cast<mpfr_prec_t>(double(digits) * 3.3219280948873622) + 64;
    };
    const Interval cBase = constant.evaluate(bitsFor(std::max(extractDigits * 4, verifyWork)));

    std::vector<std::vector<Conjecture>> slots(lhs.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<std::size_t> extracted{0}, massey{0}, also{0}, drops{0};
    std::atomic<bool> cancelled{false};
    std::mutex mutex;
    std::exception_ptr failure;

    auto work = [&]() {
        try {
            for (;;) {
                if (ctx.isCancelled()) {
                    cancelled = true;
                    return;
                }
                const std::size_t li = next.fetch_add(1);
                if (li >= lhs.size())
                    return;
                const LeftHandSide& L = lhs[li];
                // x at the extraction precision; interval arithmetic on the enclosure of c.
                const Interval x = polyAt(L.P, cBase) / polyAt(L.Q, cBase);
                std::vector<Conjecture> found;
                for (const auto& signs : periods) {
                    if (ctx.isCancelled()) {
                        cancelled = true;
                        return;
                    }
                    std::vector<mpz_class> terms;
                    for (long digits = extractDigits; digits <= extractDigits * 4; digits *= 2) {
                        Interval xs(bitsFor(digits));
                        mpfr_set(xs.lo(), x.lo(), MPFR_RNDD);
                        mpfr_set(xs.hi(), x.hi(), MPFR_RNDU);
                        terms = certifiedTerms(xs, signs, o.depth, ctx);
                        if (terms.size() >= o.depth)
                            break;
                    }
                    if (terms.size() < o.depth) {
                        ++drops;
                        continue;
                    }
                    bool zero = false;
                    for (std::size_t i = 1; i < terms.size() && !zero; ++i)
                        zero = terms[i] == 0;
                    if (zero)
                        continue;
                    ++extracted;
                    Recurrence rec =
                        o.referenceDefects ? referenceRecurrence(terms) : findRecurrence(terms);
                    if (rec.length >= maxL || (!o.referenceDefects && !rec.confirmed))
                        continue;
                    ++massey;
                    // Approve: regenerate, check the regenerated prefix, evaluate, compare.
                    const std::vector<mpz_class> regen = rec.generate(o.approveTerms);
                    bool bad = false;
                    for (std::size_t i = 1; i < regen.size() && !bad; ++i)
                        bad = regen[i] == 0;
                    if (bad)
                        continue;
                    const double digits = signedCfDigits(regen, signs, regen.size(), x);
                    if (!(digits >= double(o.verifyDigits)))
                        continue;
                    Conjecture cj;
                    cj.P = L.P;
                    cj.Q = L.Q;
                    cj.constant = o.constant;
                    cj.lhs = lhsText(L.P, L.Q, o.constant);
                    cj.signs = signs;
                    cj.terms = terms;
                    cj.recurrence = std::move(rec);
                    const double cap = double(x.precision()) * 0.30102999566398120 - 5;
                    cj.verifiedDigits = std::min(digits, cap);
                    cj.rateTerms = std::min(o.rateTerms, o.depth - 1);
                    cj.signedDigits = signedCfDigits(terms, signs, cj.rateTerms, x);
                    cj.lhsIndex = li;
                    // One conjecture per left-hand side (de-duplicated by value): the sign
                    // period whose signed CF converges fastest.
                    if (found.empty()) {
                        const std::vector<mpz_class> simple =
                            certifiedTerms(x, {}, cj.rateTerms + 1, ctx);
                        cj.simpleDigits = signedCfDigits(simple, {}, cj.rateTerms, x);
                        found.push_back(std::move(cj));
                    } else {
                        ++also;
                        // A tie (equal convergents, e.g. a + 1/x = (a+1) - 1/(1 + 1/(x-1)) shapes)
                        // keeps the earlier period, so the choice is deterministic.
                        if (cj.signedDigits > found.front().signedDigits + 0.01) {
                            cj.simpleDigits = found.front().simpleDigits;
                            found.front() = std::move(cj);
                        }
                    }
                }
                if (!found.empty() && onFound) {
                    std::lock_guard<std::mutex> lock(mutex);
                    onFound(found.front());
                }
                slots[li] = std::move(found);
                const std::size_t d = ++done;
                if (d % 8 == 0 || d == lhs.size()) {
                    std::lock_guard<std::mutex> lock(mutex);
                    ctx.report(double(d) / double(lhs.size()), std::to_string(d) + " / " +
                                                                   std::to_string(lhs.size()) +
                                                                   " left-hand sides");
                }
            }
        } catch (const util::Cancelled&) {
            cancelled = true;
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            if (!failure)
                failure = std::current_exception();
            cancelled = true;
        }
    };
    int threads = o.threads > 0 ? o.threads : int(std::thread::hardware_concurrency());
    threads = std::max(1, std::min(threads, 256));
    if (threads == 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (int i = 0; i < threads; ++i)
            pool.emplace_back([&work] {
                work();
                // MPFR keeps per-thread caches (constants, its mpz pool); a thread we end must
                // free its own or they leak (LeakSanitizer).
                mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
            });
        for (auto& t : pool)
            t.join();
    }
    if (failure)
        std::rethrow_exception(failure);
    if (cancelled || ctx.isCancelled())
        throw util::Cancelled();
    for (auto& s : slots)
        for (auto& c : s)
            result.conjectures.push_back(std::move(c));
    result.stats.extracted = extracted;
    result.stats.masseyPassed = massey;
    result.stats.approved = result.conjectures.size();
    result.stats.alsoApproved = also;
    result.stats.precisionDrops = drops;
    result.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

} // namespace algoscope::contfrac
