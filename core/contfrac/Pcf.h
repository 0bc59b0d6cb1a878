#pragma once
// Generalised (polynomial) continued fractions x = a_0 + b_1/(a_1 + b_2/(a_2 + ...)) evaluated
// exactly with GMP. Matrix form (ramanujantools): M_n = [[0, b_n], [1, a_n]]; the running product
// [[1, a_0], [0, 1]] M_1 ... M_n = [[p_{n-1}, p_n], [q_{n-1}, q_n]], determinant +-prod b.
// Deep evaluation multiplies the matrices as a balanced product tree (binary splitting), so the
// big multiplications are balanced and GMP's fast multiplication pays off.
//
// Two index conventions for polynomial CFs (both are in use; check which one a formula uses):
//  - Shifted (Apery; the older Ramanujan Machine tables; the default here):
//      x = a(0) + b(0)/(a(1) + b(1)/(a(2) + ...)), e.g. 4/pi with a = 2n+1, b = (n+1)^2 and
//      6/zeta(3) = 5 - 1/(117 - 64/(535 - ...)) with a = (2n+1)(17n^2+17n+5), b = -(n+1)^6.
//  - RamanujanTools: x = a(0) + b(1)/(a(1) + b(2)/(a(2) + ...)), e.g. PCF(n, n) = 1/(e - 1).
#include "contfrac/Interval.h"
#include "contfrac/Polynomial.h"
#include "util/TaskContext.h"

#include <gmpxx.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace algoscope::contfrac {

inline constexpr std::size_t kMaxPcfDepth = 1'000'000;   // deep value (binary splitting)
inline constexpr std::size_t kMaxPcfWalkDepth = 200'000; // per-term analysis (sequential)

enum class PcfConvention { Shifted, RamanujanTools };

/// a_n and the numerator b_n above it (b_0 is unused) for n = 0..depth.
using TermSource = std::function<void(std::size_t n, mpz_class& a, mpz_class& b)>;

TermSource pcfSource(const Polynomial& a, const Polynomial& b, PcfConvention convention);
/// A signed CF a_0 + s_0/(a_1 + s_1/(...)) as a generalised one (b_n = s_{n-1}); terms beyond
/// the given ones are an error.
TermSource signedSource(std::vector<mpz_class> terms, std::vector<int> signs);

/// [[p_{n-1}, p_n], [q_{n-1}, q_n]] at depth n.
struct Convergent {
    mpz_class pPrev, p, qPrev, q;
    std::size_t depth = 0;
};

/// The convergent at `depth` by binary splitting. Throws LimitError past kMaxPcfDepth.
Convergent deepConvergent(const TermSource& source, std::size_t depth,
                          const util::TaskContext& ctx = {});
/// All convergents p_n/q_n for n = 0..depth in order (sequential recurrence).
void walkConvergents(const TermSource& source, std::size_t depth,
                     const std::function<void(const Convergent&)>& visit,
                     const util::TaskContext& ctx = {});

struct ConvergenceRow {
    std::size_t n = 0;
    double digits = 0;   // -log10 |x - p_n/q_n|  (x: the limit, or the deep reference)
    double estimate = 0; // -log10(|prod b| / |q_n q_{n-1}|), needs no limit
    double delta = 0;    // -1 - ln|x - p_n/q_n| / ln(q_n / gcd(p_n, q_n)); NaN if undefined
};

struct PcfAnalysis {
    std::string value;                // p_depth/q_depth to the requested digits
    bool hasLimit = false;            // true: compared with the given limit; false: blind
    std::size_t referenceDepth = 0;   // blind: depth of the deeper convergent used as reference
    double correctDigits = 0;         // -log10|x - p/q| at depth (capped by the working precision)
    double digitsPerTerm = 0;         // correctDigits / depth
    double delta = 0;                 // delta at depth
    double workingDigits = 0;         // precision of the comparison
    std::vector<ConvergenceRow> rows; // sampled n = 1..depth (every n up to 2000 points)
};

/// Evaluates and analyses a continued fraction to `depth`. With `limit` the errors are against
/// it ("known limit"); without, against the convergent at 2*depth ("blind").
PcfAnalysis analyzePcf(const TermSource& source, std::size_t depth, int valueDigits,
                       const std::optional<Interval>& limit, const util::TaskContext& ctx = {},
                       std::size_t maxRows = 2000);
/// Same, with the limit given as a constant expression evaluated at the needed precision.
PcfAnalysis analyzePcf(const TermSource& source, std::size_t depth, int valueDigits,
                       const std::string& limitExpression, const util::TaskContext& ctx = {},
                       std::size_t maxRows = 2000);

/// -log10 |x - p/q| for a point/interval x at its precision (midpoint); +inf when equal.
double digitsOfAgreement(const Interval& x, const mpz_class& p, const mpz_class& q);

} // namespace algoscope::contfrac
