#include "rashomon/LinearRashomon.h"

#include "rashomon/LogisticRegression.h"
#include "util/Error.h"
#include "util/Rng.h"

#include <Eigen/Dense>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace algoscope::rashomon {

AugmentedPoints augment(const Dataset& data) {
    if (data.classes() != 2)
        throw util::Error("linear Rashomon sets need exactly two classes; '" + data.name +
                          "' has " + std::to_string(data.classes()));
    AugmentedPoints a;
    a.n = data.rows();
    const std::size_t p = data.cols();
    a.dim = p + 1;
    a.mean.assign(p, 0.0);
    a.scale.assign(p, 1.0);
    for (std::size_t j = 0; j < p; ++j) {
        double s = 0, s2 = 0;
        for (std::size_t i = 0; i < a.n; ++i) {
            s += data.at(i, j);
            s2 += data.at(i, j) * data.at(i, j);
        }
        const double m = s / double(a.n);
        const double var = std::max(0.0, s2 / double(a.n) - m * m);
        a.mean[j] = m;
        a.scale[j] = var > 0 ? std::sqrt(var) : 1.0;
    }
    a.x.resize(a.n * a.dim);
    a.y.resize(a.n);
    for (std::size_t i = 0; i < a.n; ++i) {
        for (std::size_t j = 0; j < p; ++j)
            a.x[i * a.dim + j] = float((data.at(i, j) - a.mean[j]) / a.scale[j]);
        a.x[i * a.dim + p] = 1.0f;
        a.y[i] = std::uint8_t(data.y[i]);
    }
    return a;
}

std::vector<float> randomDirections(std::size_t dim, std::size_t count, std::uint64_t seed,
                                    std::uint64_t block) {
    std::uint64_t s = seed ^ (block * 0xd1b54a32d192ed03ULL);
    util::Rng rng(util::splitMix64(s));
    std::vector<float> out(dim * count);
    for (std::size_t i = 0; i < count; ++i) {
        double norm2 = 0;
        double v[64];
        double* buf = dim <= 64 ? v : nullptr;
        std::vector<double> big;
        if (!buf) {
            big.resize(dim);
            buf = big.data();
        }
        do {
            norm2 = 0;
            for (std::size_t k = 0; k < dim; ++k) {
                buf[k] = rng.normal();
                norm2 += buf[k] * buf[k];
            }
        } while (norm2 == 0);
        const double inv = 1.0 / std::sqrt(norm2);
        for (std::size_t k = 0; k < dim; ++k)
            out[i * dim + k] = float(buf[k] * inv);
    }
    return out;
}

namespace {
constexpr std::size_t kLanes = 16; // directions evaluated together (one AVX-512 float vector)

// Errors of kLanes directions (transposed: dirT[k * kLanes + lane]) on every
// point. GCC/clang vector types make the 16 lanes one AVX-512 register (four SSE registers in the
// default clone); the sum for each direction runs over the coordinates in order, like the shader.
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));
typedef std::int32_t LaneInts __attribute__((vector_size(kLanes * sizeof(std::int32_t))));
// The transposed directions live in a std::vector<float>: read them with unaligned loads.
typedef float LanesUnaligned __attribute__((vector_size(kLanes * sizeof(float)), aligned(4)));

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void evaluateLanes(const float* x, const std::uint8_t* y, std::size_t n, std::size_t dim,
                   const LanesUnaligned* dirT, std::uint32_t* errors) {
    LaneInts err = {};
    std::size_t i = 0;
    // Four points at a time: four independent add chains hide the FMA/add latency.
    for (; i + 4 <= n; i += 4) {
        Lanes a0 = {}, a1 = {}, a2 = {}, a3 = {};
        const float* x0 = x + i * dim;
        const float* x1 = x0 + dim;
        const float* x2 = x1 + dim;
        const float* x3 = x2 + dim;
        for (std::size_t k = 0; k < dim; ++k) {
            const Lanes d = dirT[k];
            a0 += x0[k] * d;
            a1 += x1[k] * d;
            a2 += x2[k] * d;
            a3 += x3[k] * d;
        }
        err -= (a0 > 0.0f) ^ (LaneInts{} - std::int32_t(y[i]));
        err -= (a1 > 0.0f) ^ (LaneInts{} - std::int32_t(y[i + 1]));
        err -= (a2 > 0.0f) ^ (LaneInts{} - std::int32_t(y[i + 2]));
        err -= (a3 > 0.0f) ^ (LaneInts{} - std::int32_t(y[i + 3]));
    }
    for (; i < n; ++i) {
        Lanes acc = {};
        const float* xi = x + i * dim;
        for (std::size_t k = 0; k < dim; ++k)
            acc += xi[k] * dirT[k];
        const LaneInts positive = acc > 0.0f;                   // -1 where predicted class 1
        const LaneInts label = LaneInts{} - std::int32_t(y[i]); // -1 where the class is 1
        err -= positive ^ label;                                // +1 where they differ
    }
    for (std::size_t l = 0; l < kLanes; ++l)
        errors[l] = std::uint32_t(err[l]);
}
} // namespace

void evaluateErrors(const AugmentedPoints& pts, const float* directions, std::size_t count,
                    std::uint32_t* errors, int threads) {
    const std::size_t groups = (count + kLanes - 1) / kLanes;
    const int t = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for num_threads(t) schedule(static)
    for (std::ptrdiff_t g = 0; g < std::ptrdiff_t(groups); ++g) {
        std::vector<float> T(pts.dim * kLanes);
        const std::size_t first = std::size_t(g) * kLanes;
        const std::size_t m = std::min(kLanes, count - first);
        for (std::size_t k = 0; k < pts.dim; ++k)
            for (std::size_t l = 0; l < kLanes; ++l)
                T[k * kLanes + l] = l < m ? directions[(first + l) * pts.dim + k] : 0.0f;
        std::uint32_t e[kLanes];
        evaluateLanes(pts.x.data(), pts.y.data(), pts.n, pts.dim,
                      reinterpret_cast<const LanesUnaligned*>(T.data()), e);
        for (std::size_t l = 0; l < m; ++l)
            errors[first + l] = e[l];
    }
}

WilsonInterval wilson(std::uint64_t hits, std::uint64_t n, double z) {
    if (n == 0)
        return {0.0, 1.0};
    const double nn = double(n), ph = double(hits) / nn, z2 = z * z;
    const double denom = 1 + z2 / nn;
    const double center = (ph + z2 / (2 * nn)) / denom;
    const double half = z / denom * std::sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn));
    return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

int logisticDirectionErrors(const Dataset& data, const AugmentedPoints& pts) {
    LogisticRegression lr;
    lr.fit(data);
    // The model's decision w.z + b > 0 in standardised units is a direction of the augmented
    // space (both standardisations use the training data's mean and population deviation).
    const auto dir = lr.binaryDirection(pts.mean, pts.scale);
    std::vector<float> d(dir.begin(), dir.end());
    double norm = 0;
    for (float v : d)
        norm += double(v) * v;
    if (norm == 0)
        return int(pts.n);
    std::uint32_t e = 0;
    evaluateErrors(pts, d.data(), 1, &e, 1);
    return int(e);
}

LinearEstimate estimateLinearRatio(const Dataset& data, double theta, std::uint64_t samples,
                                   std::uint64_t seed, const util::TaskContext& ctx,
                                   DirectionEvaluator evaluator, int threads, std::size_t kBlock) {
    if (samples < 1 || samples > kMaxLinearSamples)
        throw util::LimitError("--samples must be in 1.." + std::to_string(kMaxLinearSamples) +
                               " (kMaxLinearSamples)");
    if (!(theta >= 0) || !std::isfinite(theta))
        throw util::Error("theta must be a finite number >= 0");
    const AugmentedPoints pts = augment(data);
    if (!evaluator)
        evaluator = [&](const float* dirs, std::size_t count, std::uint32_t* errors) {
            evaluateErrors(pts, dirs, count, errors, threads);
        };
    LinearEstimate est;
    est.samples = samples;
    est.theta = theta;
    est.errorHistogram.assign(pts.n + 1, 0);
    const auto t0 = std::chrono::steady_clock::now();
    if (kBlock < kDirectionChunk || kBlock % kDirectionChunk || kBlock > (std::size_t(1) << 24))
        throw util::Error("linear Rashomon: the block size must be a multiple of " +
                          std::to_string(kDirectionChunk) + " up to 2^24");
    const std::uint64_t blocks = (samples + kBlock - 1) / kBlock;
    std::vector<std::uint32_t> errors(kBlock);
    for (std::uint64_t b = 0; b < blocks; ++b) {
        ctx.checkCancelled();
        ctx.report(double(b) / double(blocks), "sampling hyperplanes");
        const std::size_t count =
            std::size_t(std::min<std::uint64_t>(kBlock, samples - b * kBlock));
        // Directions come in chunks of kDirectionChunk with their own stream, so the samples
        // do not depend on the block size (CPU and GPU runs of one seed see the same ones).
        std::vector<float> dirs(count * pts.dim);
        for (std::size_t c = 0; c * kDirectionChunk < count; ++c) {
            const std::size_t len = std::min(kDirectionChunk, count - c * kDirectionChunk);
            const auto part =
                randomDirections(pts.dim, len, seed, b * (kBlock / kDirectionChunk) + c);
            std::copy(part.begin(), part.end(),
                      dirs.begin() + std::ptrdiff_t(c * kDirectionChunk * pts.dim));
        }
        evaluator(dirs.data(), count, errors.data());
        for (std::size_t i = 0; i < count; ++i)
            ++est.errorHistogram[std::min<std::size_t>(errors[i], pts.n)];
    }
    est.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    int best = int(pts.n);
    for (std::size_t e = 0; e <= pts.n; ++e)
        if (est.errorHistogram[e]) {
            best = int(e);
            break;
        }
    const int lr = logisticDirectionErrors(data, pts);
    est.bestErrors = std::min(best, lr);
    est.maxErrors = int(
        std::min<double>(double(pts.n), est.bestErrors + std::floor(theta * double(pts.n) + 1e-9)));
    for (int e = 0; e <= est.maxErrors; ++e)
        est.hits += est.errorHistogram[std::size_t(e)];
    est.ratio = double(est.hits) / double(samples);
    est.interval = wilson(est.hits, samples);
    est.trustworthy = est.hits >= kMinHits;
    if (!est.trustworthy)
        est.note = "only " + std::to_string(est.hits) + " of " + std::to_string(samples) +
                   " samples fell in the Rashomon set (fewer than " + std::to_string(kMinHits) +
                   "): the estimate is not trustworthy; about 1/ratio draws are needed per hit, "
                   "so raise --samples or theta";
    if (lr < best)
        est.note += std::string(est.note.empty() ? "" : "; ") +
                    "L* comes from the logistic-regression direction (" + std::to_string(lr) +
                    " errors), better than every sample (" + std::to_string(best) + ")";
    ctx.report(1.0, "done");
    return est;
}

double ridgeRashomonLogVolume(const std::vector<double>& x, std::size_t n, std::size_t p, double C,
                              double theta) {
    if (x.size() != n * p || !(theta > 0) || !(C >= 0))
        throw util::Error("ridge volume: bad sizes or parameters");
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> X(
        x.data(), Eigen::Index(n), Eigen::Index(p));
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(X);
    Eigen::VectorXd sv = Eigen::VectorXd::Zero(Eigen::Index(p));
    sv.head(svd.singularValues().size()) = svd.singularValues();
    const double hp = double(p) / 2.0;
    double logv = hp * std::log(M_PI) + hp * std::log(theta) - std::lgamma(hp + 1.0);
    for (Eigen::Index i = 0; i < Eigen::Index(p); ++i)
        logv -= 0.5 * std::log(sv[i] * sv[i] + C);
    return logv;
}

RidgeMonteCarlo ridgeRashomonMonteCarlo(const std::vector<double>& x, const std::vector<double>& y,
                                        std::size_t n, std::size_t p, double C, double theta,
                                        double boxScale, std::uint64_t samples,
                                        std::uint64_t seed) {
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> X(
        x.data(), Eigen::Index(n), Eigen::Index(p));
    Eigen::Map<const Eigen::VectorXd> Y(y.data(), Eigen::Index(n));
    const Eigen::MatrixXd A =
        X.transpose() * X + C * Eigen::MatrixXd::Identity(Eigen::Index(p), Eigen::Index(p));
    const Eigen::VectorXd wStar = A.ldlt().solve(X.transpose() * Y);
    auto loss = [&](const Eigen::VectorXd& w) {
        return (X * w - Y).squaredNorm() + C * w.squaredNorm();
    };
    const double best = loss(wStar);
    // The box: the ellipsoid reaches sqrt(theta * (A^-1)_kk) from its centre along axis k;
    // boxScale >= 1 widens that bounding box.
    const Eigen::MatrixXd Ainv = A.inverse();
    std::vector<double> half(p);
    double logBox = 0;
    for (std::size_t k = 0; k < p; ++k) {
        half[k] = boxScale * std::sqrt(theta * Ainv(Eigen::Index(k), Eigen::Index(k)));
        logBox += std::log(2 * half[k]);
    }
    util::Rng rng(seed);
    RidgeMonteCarlo mc;
    mc.samples = samples;
    Eigen::VectorXd w = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p));
    for (std::uint64_t s = 0; s < samples; ++s) {
        for (Eigen::Index k = 0; k < Eigen::Index(p); ++k)
            w[k] = wStar[k] + rng.uniform(-half[std::size_t(k)], half[std::size_t(k)]);
        if (loss(w) <= best + theta)
            ++mc.hits;
    }
    const auto ci = wilson(mc.hits, samples);
    mc.logVolume = std::log(double(mc.hits) / double(samples)) + logBox;
    mc.logVolumeLo = std::log(ci.lo) + logBox;
    mc.logVolumeHi = std::log(ci.hi) + logBox;
    return mc;
}

} // namespace algoscope::rashomon
