#include "contfrac/Massey.h"

#include "contfrac/DecimalInteger.h"

#include "util/Error.h"

#include <cctype>

namespace algoscope::contfrac {

namespace {

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

u64 mulmod(u64 a, u64 b, u64 p) {
    return static_cast<u64>((static_cast<u128>(a) * b) % p);
}
u64 addmod(u64 a, u64 b, u64 p) {
    const u64 s = a + b; // a, b < p < 2^63
    return s >= p ? s - p : s;
}
u64 submod(u64 a, u64 b, u64 p) {
    return a >= b ? a - b : a + p - b;
}
u64 powmod(u64 a, u64 e, u64 p) {
    u64 r = 1;
    while (e) {
        if (e & 1)
            r = mulmod(r, a, p);
        a = mulmod(a, a, p);
        e >>= 1;
    }
    return r;
}
u64 reduce(const mpz_class& z, u64 p) {
    mpz_class r;
    mpz_fdiv_r_ui(r.get_mpz_t(), z.get_mpz_t(), p);
    return mpz_get_ui(r.get_mpz_t());
}

} // namespace

Recurrence berlekampMasseyModP(const std::vector<mpz_class>& seq, std::uint64_t p) {
    if (seq.size() > kMaxMasseyTerms)
        throw util::LimitError("Berlekamp-Massey: " + std::to_string(seq.size()) +
                               " terms exceeds kMaxMasseyTerms (" +
                               std::to_string(kMaxMasseyTerms) + ")");
    if (p < 3 || p >= (u64{1} << 62))
        throw util::Error("Berlekamp-Massey: modulus must be a prime in [3, 2^62)");
    std::vector<u64> s(seq.size());
    for (std::size_t i = 0; i < seq.size(); ++i)
        s[i] = reduce(seq[i], p);
    // Massey (1969), as in the standard formulation: C current, B previous connection polynomial.
    std::vector<u64> C{1}, B{1};
    std::size_t L = 0, m = 1;
    u64 b = 1;
    for (std::size_t n = 0; n < s.size(); ++n) {
        u64 d = s[n];
        for (std::size_t i = 1; i <= L && i < C.size(); ++i)
            d = addmod(d, mulmod(C[i], s[n - i], p), p);
        if (d == 0) {
            ++m;
            continue;
        }
        const u64 coef = mulmod(d, powmod(b, p - 2, p), p);
        std::vector<u64> T = C;
        if (C.size() < B.size() + m)
            C.resize(B.size() + m, 0);
        for (std::size_t i = 0; i < B.size(); ++i)
            C[i + m] = submod(C[i + m], mulmod(coef, B[i], p), p);
        if (2 * L <= n) {
            L = n + 1 - L;
            B = std::move(T);
            b = d;
            m = 1;
        } else {
            ++m;
        }
    }
    Recurrence r;
    r.length = L;
    r.c.assign(L + 1, 0);
    const u64 half = p / 2;
    for (std::size_t i = 0; i <= L && i < C.size(); ++i)
        r.c[i] = C[i] > half ? mpz_class(-static_cast<long>(p - C[i]))
                             : mpz_class(static_cast<unsigned long>(C[i]));
    r.initial.assign(seq.begin(), seq.begin() + std::ptrdiff_t(std::min(L, seq.size())));
    return r;
}

Recurrence findRecurrence(const std::vector<mpz_class>& seq) {
    Recurrence r = berlekampMasseyModP(seq, kMasseyPrime);
    // Exact confirmation: sum_{i=0..L} c_i a_{n-i} == 0 for every n in [L, N).
    r.confirmed = true;
    mpz_class acc;
    for (std::size_t n = r.length; n < seq.size(); ++n) {
        acc = 0;
        for (std::size_t i = 0; i <= r.length; ++i)
            if (r.c[i] != 0)
                acc += r.c[i] * seq[n - i];
        if (acc != 0) {
            r.confirmed = false;
            break;
        }
    }
    r.checkedTerms = seq.size();
    return r;
}

std::vector<mpz_class> Recurrence::generate(std::size_t count) const {
    std::vector<mpz_class> out;
    out.reserve(count);
    for (std::size_t n = 0; n < count; ++n) {
        if (n < length) {
            out.push_back(n < initial.size() ? initial[n] : mpz_class(0));
            continue;
        }
        mpz_class v = 0;
        for (std::size_t i = 1; i <= length; ++i)
            if (c[i] != 0)
                v -= c[i] * out[n - i];
        out.push_back(std::move(v));
    }
    return out;
}

std::string Recurrence::polynomialString() const {
    std::string s;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c[i] == 0)
            continue;
        const bool neg = c[i] < 0;
        const mpz_class a = abs(c[i]);
        if (s.empty())
            s += neg ? "-" : "";
        else
            s += neg ? " - " : " + ";
        if (a != 1 || i == 0)
            s += a.get_str();
        if (i >= 1)
            s += "x";
        if (i >= 2)
            s += "^" + std::to_string(i);
    }
    return s.empty() ? "0" : s;
}

std::vector<mpz_class> parseIntegerSequence(std::string_view text) {
    std::vector<mpz_class> out;
    std::size_t i = 0;
    auto skipSep = [&] {
        while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) ||
                                   text[i] == ',' || text[i] == ';'))
            ++i;
    };
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    bool bracket = false;
    if (i < text.size() && text[i] == '[') {
        bracket = true;
        ++i;
    }
    for (;;) {
        skipSep();
        if (i >= text.size())
            break;
        if (bracket && text[i] == ']') {
            ++i;
            while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
                ++i;
            if (i < text.size())
                throw util::Error("sequence: unexpected '" + std::string(1, text[i]) +
                                  "' after ']' at position " + std::to_string(i + 1));
            bracket = false;
            break;
        }
        const std::size_t start = i;
        if (text[i] == '-' || text[i] == '+')
            ++i;
        const std::size_t digits = i;
        i += decimalDigitsAt(text, i);
        if (i == digits)
            throw util::Error("sequence: expected an integer at position " +
                              std::to_string((i < text.size() ? i : start) + 1));
        if (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
            text[i] != ',' && text[i] != ';' && text[i] != ']')
            throw util::Error("sequence: unexpected '" + std::string(1, text[i]) +
                              "' at position " + std::to_string(i + 1));
        const std::size_t from = text[start] == '+' ? start + 1 : start;
        out.push_back(decimalInteger(text.substr(from, i - from), 10000, "sequence", start + 1));
        if (out.size() > kMaxMasseyTerms)
            throw util::LimitError("sequence: more than kMaxMasseyTerms (" +
                                   std::to_string(kMaxMasseyTerms) + ") terms");
    }
    if (bracket)
        throw util::Error("sequence: missing ']' at position " + std::to_string(text.size() + 1));
    if (out.empty())
        throw util::Error("sequence: no integers given");
    return out;
}

} // namespace algoscope::contfrac
