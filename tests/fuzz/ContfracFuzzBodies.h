#pragma once
// Fuzz bodies of the continued-fractions lab's text parsers (same contract as FuzzBodies.h:
// util::Error / util::LimitError are the parser doing its job and are swallowed; anything else, a
// crash, a sanitizer report or a broken invariant (FuzzInvariantError) is a bug). Wrapped by
// tests/fuzz/FuzzContfrac*.cpp and replayed by tests/fuzzcorpus/TestFuzzCorpus.cpp.
#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/Massey.h"
#include "contfrac/Polynomial.h"
#include "util/Error.h"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace algoscope::fuzz::contfrac_bodies {

struct InvariantError : std::logic_error {
    using std::logic_error::logic_error;
};

inline void check(bool condition, const char* what) {
    if (!condition)
        throw InvariantError(std::string("fuzz invariant violated: ") + what);
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return size == 0 ? std::string_view()
                     : std::string_view(reinterpret_cast<const char*>(data), size);
}

} // namespace algoscope::fuzz::contfrac_bodies

namespace algoscope::fuzz {

/// contfrac::ConstantExpr::parse, then evaluation at low precision: the interval must be ordered,
/// and a certified expansion of a few terms must not fail in any other way than util::Error.
inline int fuzzContfracExpr(const std::uint8_t* data, std::size_t size) {
    using namespace contfrac_bodies;
    try {
        const auto e = algoscope::contfrac::ConstantExpr::parse(text(data, size));
        const auto v = e.evaluate(96);
        check(!mpfr_greater_p(v.lo(), v.hi()) || mpfr_nan_p(v.lo()), "interval lo > hi");
        algoscope::contfrac::ExpandOptions o;
        o.terms = 8;
        o.digits = 40;
        o.autoRaise = false;
        const auto r = algoscope::contfrac::expandCertified(e, o);
        check(r.terms.size() <= 8, "more terms than asked");
    } catch (const util::Error&) {
    }
    return 0;
}

/// contfrac::Polynomial::parse: the canonical text parses back to the same polynomial.
inline int fuzzContfracPoly(const std::uint8_t* data, std::size_t size) {
    using namespace contfrac_bodies;
    try {
        const auto p = algoscope::contfrac::Polynomial::parse(text(data, size));
        const auto q = algoscope::contfrac::Polynomial::parse(p.toString());
        check(p == q, "toString() does not parse back to the same polynomial");
        check(p.at(3) == q.at(3), "values differ");
    } catch (const util::Error&) {
    }
    return 0;
}

/// contfrac::parseIntegerSequence + findRecurrence: a confirmed recurrence regenerates the input.
inline int fuzzContfracSeq(const std::uint8_t* data, std::size_t size) {
    using namespace contfrac_bodies;
    try {
        auto seq = algoscope::contfrac::parseIntegerSequence(text(data, size));
        if (seq.size() > 300)
            seq.resize(300); // bounds Berlekamp-Massey's O(n^2) per input
        const auto r = algoscope::contfrac::findRecurrence(seq);
        check(r.length <= seq.size(), "recurrence longer than the sequence");
        if (r.confirmed) {
            const auto g = r.generate(seq.size());
            for (std::size_t i = 0; i < seq.size(); ++i)
                check(g[i] == seq[i], "confirmed recurrence does not regenerate the sequence");
        }
    } catch (const util::Error&) {
    }
    return 0;
}

} // namespace algoscope::fuzz
