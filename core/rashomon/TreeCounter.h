#pragma once
// Exact counting of a decision-tree hypothesis space by training error, and uniform sampling and
// enumeration of its Rashomon set.
//
// The dynamic programme (Rashomon ratio as defined by Semenova, Rudin & Parr, "On the Existence
// of Simpler Machine Learning Models", FAccT 2022: |R(theta)| / |F| under a uniform prior): for
// the set S of training points reaching a node and the depth d left, the polynomial P(S, d)[e]
// counts the labelled subtrees that make e training errors on S.
//   leaf:  one tree per class k, with |S| - count_k(S) errors;
//   split: feature j sends S1 = S & {x_j = 1} to the yes child and S0 = S \ S1 to the no child,
//          contributing the convolution P(S1, d-1) * P(S0, d-1);
//   max-depth space:  P(S, d) = leaves(S) + sum_j P(S1_j, d-1) * P(S0_j, d-1),  P(S, 0) = leaves;
//   full-depth space: P(S, d) = sum_j P(S1_j, d-1) * P(S0_j, d-1),              P(S, 0) = leaves.
// Memoised on (S, d). Two speed-ups that do not change the result: features that split S the
// same way (including the unordered pair {S1, S0}, since the convolution commutes) are grouped
// and their product is computed once times its multiplicity; and polynomials keep only the range
// between their lowest and highest non-zero error.
//
// Two passes. The first, always run, keeps every coefficient in long double (x87 80-bit:
// a 64-bit mantissa and an exponent range to 1e4932, so the 1e170..1e400 counts of depth-7
// spaces neither overflow nor lose relative precision beyond ~1e-17 per operation); it gives the
// best error, the whole distribution of errors and so the ratio for every theta at once. The
// second, exact pass (GMP integers) is truncated at the largest error of interest, which keeps it
// cheap, and gives |R(theta)| as an exact integer. |F| is exact from its closed-form recurrence.
// With two classes P(S, d) is a palindrome (swapping every leaf's label maps e errors to
// |S| - e), so the first pass convolves half of each polynomial. The big tables sit on huge pages
// where the kernel allows (page faults were half the time of a count; docs/benchmarks.md).
//
// Pattern counts (distinct prediction vectors on the training points) follow the same recursion
// over exact vectors held as bit planes; see PatternPass in the .cpp.
#include "rashomon/Binarizer.h"
#include "rashomon/Tree.h"
#include "util/Rng.h"
#include "util/TaskContext.h"

#include <gmpxx.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace algoscope::rashomon {

/// Limits: data and spaces beyond them throw util::LimitError naming the limit.
inline constexpr int kMaxTreeDepth = 10;
inline constexpr std::size_t kMaxTreePoints = 4096;
inline constexpr std::size_t kMaxTreeFeatures = 1024;
/// Distinct (point set, depth) states the dynamic programme may create.
inline constexpr std::size_t kMaxTreeStates = 4'000'000;

/// |F| of a space, exactly.
mpz_class treeSpaceSize(TreeSpace space, int depth, std::size_t features, int classes);

/// Largest error count inside R(theta): best + floor(theta * n) (with a 1e-9 tolerance so that
/// theta = k / n includes k errors).
int maxErrorsFor(int bestErrors, double theta, std::size_t n);

class TreeCounter {
public:
    /// Runs the long-double pass. Throws util::LimitError beyond the limits above,
    /// util::Cancelled when ctx is cancelled.
    TreeCounter(const BinaryData& data, TreeSpace space, int depth,
                const util::TaskContext& ctx = {});
    ~TreeCounter();
    TreeCounter(const TreeCounter&) = delete;
    TreeCounter& operator=(const TreeCounter&) = delete;

    const BinaryData& data() const;
    TreeSpace space() const;
    int depth() const;
    std::size_t states() const; // distinct point sets interned

    int bestErrors() const;
    /// Number of trees with exactly e errors, e = 0..n (long double).
    const std::vector<long double>& errorCounts() const;
    mpz_class spaceSize() const;
    long double spaceSizeApprox() const;
    /// log10 of the number of trees with at most maxErrors errors (-inf when none).
    double log10SetSize(int maxErrors) const;
    double log10SpaceSize() const;
    double log10Ratio(int maxErrors) const { return log10SetSize(maxErrors) - log10SpaceSize(); }
    /// Exact |{f : errors(f) <= maxErrors}| by the truncated GMP pass (memoised per call).
    mpz_class exactSetSize(int maxErrors, const util::TaskContext& ctx = {}) const;
    /// Exact counts per error e = 0..maxErrors.
    std::vector<mpz_class> exactErrorCounts(int maxErrors, const util::TaskContext& ctx = {}) const;

    /// A uniformly random tree among those with at most maxErrors errors (util::Error when
    /// there is none).
    Tree sample(int maxErrors, util::Rng& rng) const;
    /// Every tree with at most maxErrors errors, or util::LimitError when there are more than
    /// limit (the message gives the count).
    std::vector<Tree> enumerate(int maxErrors, std::size_t limit,
                                const util::TaskContext& ctx = {}) const;

    /// Distinct prediction vectors on the training points, exactly: realised by trees with at
    /// most maxErrors errors (inSet) and by all of F (inSpace); the pattern Rashomon ratio is
    /// inSet / inSpace. `limit` bounds the candidate vectors one node of the programme examines
    /// and the vectors held in all; beyond it a count is unknown (nullopt) and `note` says why
    /// ("too many patterns ...; raise --pattern-limit").
    struct PatternCounts {
        std::optional<std::uint64_t> inSet;
        std::optional<std::uint64_t> inSpace;
        std::string note;
    };
    PatternCounts patternCounts(int maxErrors, std::size_t limit,
                                const util::TaskContext& ctx = {}) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

/// Best error and the number of trees by (error, leaves) for the penalised objective
/// obj = errors / n + lambda * leaves (TreeFARMS' objective, Xin et al., NeurIPS 2022).
struct PenalisedCount {
    double bestObjective = 0; // min over F of errors / n + lambda * leaves
    double bound = 0;         // the objective bound used
    long double setSize = 0;  // trees with objective <= bound
    mpz_class exactSetSize;   // the same, exactly
    long double spaceSize = 0;
};
/// Counts trees with objective <= bound, where bound = (1 + eps) * best (multiplicative, as in
/// TreeFARMS) when multiplicative, else best + eps.
PenalisedCount countPenalised(const BinaryData& data, TreeSpace space, int depth, double lambda,
                              double eps, bool multiplicative, const util::TaskContext& ctx = {});

} // namespace algoscope::rashomon
