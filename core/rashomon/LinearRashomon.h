#pragma once
// The Rashomon ratio of linear classifiers by Monte Carlo. Hypothesis space: hyperplanes through
// the origin of the bias-augmented, standardised feature space, x~ = (z_1..z_p, 1) with z the
// z-scores; a model is a direction w on the unit sphere S^p and predicts class 1 when w.x~ > 0
// (two classes only). The uniform prior on F is the uniform measure on the sphere, so the ratio
// is the probability that a uniformly random direction lies in R(theta) = {w : L(w) <= L* +
// theta} (0-1 loss). L* is the best loss found: the minimum over the sampled directions and the
// logistic-regression direction (F's true minimum may be lower; the estimate says which).
//
// Estimator: N independent directions (Gaussian vectors normalised, util::Rng), hits k, ratio
// k / N with the Wilson score interval (Wilson, JASA 22(158), 1927), which stays inside [0, 1]
// and is honest for k near 0. Fewer than kMinHits hits is reported as not trustworthy: uniform
// sampling needs about 1/ratio draws per hit.
//
// The loss of every sampled hyperplane on every point is the hot loop (N x n dot products of
// length p+1): evaluated in blocks of directions, float, vectorised, OpenMP; GpuRashomon runs the
// same evaluation in a compute shader and this file's evaluateErrors is its CPU twin.
#include "rashomon/Dataset.h"
#include "util/TaskContext.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace algoscope::rashomon {

inline constexpr std::uint64_t kMinHits = 30;
/// Directions are drawn in chunks of this many, each chunk its own stream (seed, chunk index).
inline constexpr std::size_t kDirectionChunk = 4096;
inline constexpr std::uint64_t kMaxLinearSamples = 4'000'000'000ull;

/// Points in the augmented space: rows of (z_1..z_p, 1) as floats, labels in {0, 1}.
struct AugmentedPoints {
    std::size_t n = 0, dim = 0; // dim = p + 1
    std::vector<float> x;       // n * dim, row-major
    std::vector<std::uint8_t> y;
    std::vector<double> mean, scale; // standardisation of each feature
};
/// Standardises data (two classes: util::Error otherwise) and appends the bias coordinate.
AugmentedPoints augment(const Dataset& data);

/// `count` uniformly random unit directions in R^dim, row-major, from seed (block `block` of a
/// stream: the same (seed, block) gives the same directions everywhere).
std::vector<float> randomDirections(std::size_t dim, std::size_t count, std::uint64_t seed,
                                    std::uint64_t block);

/// errors[i] = number of points misclassified by direction i (CPU twin of the GPU kernel:
/// float products summed in coordinate order, predicted 1 when the sum is > 0).
void evaluateErrors(const AugmentedPoints& pts, const float* directions, std::size_t count,
                    std::uint32_t* errors, int threads = 0);

struct WilsonInterval {
    double lo = 0, hi = 0;
};
WilsonInterval wilson(std::uint64_t hits, std::uint64_t n, double z = 1.959963984540054);

struct LinearEstimate {
    std::uint64_t samples = 0;
    std::uint64_t hits = 0;
    double theta = 0;
    int bestErrors = 0;      // L* * n
    int maxErrors = 0;       // threshold in errors
    double ratio = 0;        // hits / samples
    WilsonInterval interval; // 95 %
    bool trustworthy = false;
    std::string note;
    double seconds = 0;
    bool gpu = false;
    std::vector<std::uint64_t> errorHistogram; // samples per error count 0..n
};

/// Signature of an evaluator (CPU or GPU) of a block of directions.
using DirectionEvaluator =
    std::function<void(const float* dirs, std::size_t count, std::uint32_t* errors)>;

/// Samples `samples` directions in blocks of `block` (cancellation is polled between blocks:
/// small for the CPU, large for the GPU), histograms their errors, then counts the hits below
/// the threshold from the histogram (so L* may come from any block). `evaluator` defaults to the
/// CPU twin on `threads` threads. block is a multiple of kDirectionChunk; the directions depend
/// on the seed only.
LinearEstimate estimateLinearRatio(const Dataset& data, double theta, std::uint64_t samples,
                                   std::uint64_t seed, const util::TaskContext& ctx = {},
                                   DirectionEvaluator evaluator = {}, int threads = 0,
                                   std::size_t block = 4096);

/// Errors of the logistic-regression direction in the augmented space (a strong candidate for
/// L*).
int logisticDirectionErrors(const Dataset& data, const AugmentedPoints& pts);

// ---- Ridge regression's Rashomon set: an ellipsoid ------------------------------------------
/// For ridge regression L(w) = ||Xw - y||^2 + C ||w||^2 (no intercept), the set
/// {w : L(w) <= L* + theta} is the ellipsoid (w - w*)^T (X^T X + C I)(w - w*) <= theta, of volume
/// pi^(p/2) theta^(p/2) / Gamma(p/2 + 1) * prod_i (sigma_i^2 + C)^(-1/2), sigma_i the singular
/// values of X (Semenova, Rudin & Parr 2022).
double ridgeRashomonLogVolume(const std::vector<double>& x, std::size_t n, std::size_t p, double C,
                              double theta);
/// Monte Carlo check: uniform points in the ellipsoid's bounding box around w* scaled by
/// boxScale >= 1, the fraction with L(w) <= L* + theta (L evaluated directly, not through the
/// quadratic form), times the box volume (log, with the Wilson interval's ends).
struct RidgeMonteCarlo {
    double logVolume = 0, logVolumeLo = 0, logVolumeHi = 0;
    std::uint64_t hits = 0, samples = 0;
};
RidgeMonteCarlo ridgeRashomonMonteCarlo(const std::vector<double>& x, const std::vector<double>& y,
                                        std::size_t n, std::size_t p, double C, double theta,
                                        double boxScale, std::uint64_t samples, std::uint64_t seed);

} // namespace algoscope::rashomon
