#pragma once
// Internal to the attention implementations: a checked problem padded to three spatial axes
// (missing outer axes have length 1 and kernel 1, which is the identity for the index math), so
// every kernel handles 1-D, 2-D and 3-D with one code path.
#include "attention/NaForward.h"

#include <array>
#include <cstdint>
#include <vector>

namespace algoscope::attention::detail {

struct Geometry {
    int rank = 0;
    int batch = 0, heads = 0, headDim = 0;
    std::array<int, 3> L{1, 1, 1};
    std::array<AxisParams, 3> p{AxisParams{1, 1, 1, false}, AxisParams{1, 1, 1, false},
                                AxisParams{1, 1, 1, false}};
    std::int64_t tokens = 0;
    float scale = 1.0f;
    const float* rpb = nullptr; ///< [heads, 2k0-1, 2k1-1, 2k2-1] (padded axes: 1)
    std::array<int, 3> rpbDim{1, 1, 1};
    std::int64_t window = 1; ///< prod(k)

    std::int64_t token(int z, int y, int x) const {
        return (std::int64_t(z) * L[1] + y) * L[2] + x;
    }
    /// Offset of element [b][token][h][0] of q/k/v/out.
    std::int64_t qkvOffset(int b, std::int64_t tok, int h) const {
        return ((std::int64_t(b) * tokens + tok) * heads + h) * headDim;
    }
    /// Offset of the score row [b][h][token][0].
    std::int64_t scoreOffset(int b, int h, std::int64_t tok) const {
        return ((std::int64_t(b) * heads + h) * tokens + tok) * window;
    }
    /// Bias for head h and per-axis (key - query) group-coordinate differences.
    float bias(int h, int dz, int dy, int dx) const {
        return rpb[((std::int64_t(h) * rpbDim[0] + dz + p[0].kernel - 1) * rpbDim[1] + dy +
                    p[1].kernel - 1) *
                       rpbDim[2] +
                   dx + p[2].kernel - 1];
    }
    AxisWindow window3(int axis, int x) const { return axisWindow(L[axis], p[axis], x); }
};

Geometry makeGeometry(const NaShape& shape, const NaOptions& options);

/// Sets Eigen's GEMM thread count for a scope and restores it. Eigen parallelises a GEMM with its
/// own OpenMP team that synchronises by spinning; nested inside our tile loop, or on a machine
/// whose cores are busy, that spinning made small GEMMs 100x slower. Eigen's setting is
/// process-wide: concurrent Eigen users in other threads see it for the duration.
class EigenThreadsScope {
public:
    explicit EigenThreadsScope(int threads);
    ~EigenThreadsScope();
    EigenThreadsScope(const EigenThreadsScope&) = delete;
    EigenThreadsScope& operator=(const EigenThreadsScope&) = delete;

private:
    int m_previous;
};

/// Per-axis windows of every position, precomputed: starts/ends in group coordinates.
struct AxisTable {
    std::vector<AxisWindow> w; // indexed by spatial position
};
std::array<AxisTable, 3> axisTables(const Geometry& g);

void forwardReference(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                      float* scores, const util::TaskContext& ctx);
void forwardMaskedGemm(const Geometry& g, const float* q, const float* k, const float* v,
                       float* out, float* scores, const util::TaskContext& ctx, int threads);
void forwardNaive(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                  float* scores, const util::TaskContext& ctx, int threads);
void forwardGemm(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                 float* scores, const util::TaskContext& ctx, int threads);
void forwardFused(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                  const util::TaskContext& ctx, int threads);

} // namespace algoscope::attention::detail
