#pragma once
// Neighbourhood index math of neighbourhood attention exactly as NATTEN defines it (transcribed
// from NATTEN's reference code: csrc/include/natten/cuda/reference/mask.hpp in 0.20+ and
// cpu/naive/natten_cpu_commons.h in 0.17). Per axis, for a query x on an axis of length L with
// kernel k, dilation d, stride s:
//
//   left = k/2; right = k-1-left
//   g = x % d; i = x / d                    (dilation group, index inside the group)
//   Lg = L/d + (g < L%d ? 1 : 0)            (length of group g)
//   non-causal: leader = min((i/s)*s + s/2, Lg-1); start = clamp(leader-left, 0, Lg-k);
//               end = start + k
//   causal:     leader = min((i/s)*s + s-1, Lg-1); start = max(leader-(k-1), 0);
//               end = min(i+1, Lg)
//   neighbours(x) = { j*d + g : start <= j < end }
//
// Borders shift the window inward (no padding): a non-causal query always sees k keys per axis.
// In 2-D/3-D the neighbourhood is the product of the per-axis ones; kernel, dilation, stride and
// causal are per axis. Validation is NATTEN's: k*d <= L, 1 <= s <= k, positional bias only with
// odd kernels and no causal axis.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace algoscope::attention {

inline constexpr int kMaxRank = 3;

/// Parameters of one spatial axis.
struct AxisParams {
    int kernel = 3;
    int dilation = 1;
    int stride = 1;
    bool causal = false;
    bool operator==(const AxisParams&) const = default;
};

/// The window of one query on one axis, in group coordinates: keys start..end-1 of group
/// `group`, i.e. spatial indices j * dilation + group.
struct AxisWindow {
    int group = 0;
    int start = 0;
    int end = 0;
    int size() const { return end - start; }
};

/// Length of dilation group g on an axis of length L with dilation d.
inline int groupLength(int L, int d, int g) {
    return L / d + (g < L % d ? 1 : 0);
}

/// The window of query x (0 <= x < L). Assumes valid parameters (see validate).
inline AxisWindow axisWindow(int L, const AxisParams& p, int x) {
    const int k = p.kernel, d = p.dilation, s = p.stride;
    const int g = x % d, i = x / d;
    const int Lg = groupLength(L, d, g);
    AxisWindow w;
    w.group = g;
    if (!p.causal) {
        const int left = k / 2;
        int leader = (i / s) * s + s / 2;
        if (leader > Lg - 1)
            leader = Lg - 1;
        int start = leader - left;
        if (start > Lg - k)
            start = Lg - k;
        if (start < 0)
            start = 0;
        w.start = start;
        w.end = start + k;
    } else {
        int leader = (i / s) * s + s - 1;
        if (leader > Lg - 1)
            leader = Lg - 1;
        const int start = leader - (k - 1);
        w.start = start < 0 ? 0 : start;
        w.end = i + 1 < Lg ? i + 1 : Lg;
    }
    return w;
}

/// Spatial indices of the neighbours of query x, in increasing order.
std::vector<int> axisNeighbors(int L, const AxisParams& p, int x);
/// Inverse map: the queries whose window contains key j, in increasing order. Computed from the
/// forward map (it is not symmetric: between about k/2 and 1.5k queries per axis see a key).
std::vector<int> axisInverseNeighbors(int L, const AxisParams& p, int key);

/// Parameters of a 1-, 2- or 3-D neighbourhood attention: one AxisParams per spatial axis,
/// outermost first (as the tensor's spatial dimensions).
struct NaParams {
    std::vector<AxisParams> axes;
    int rank() const { return int(axes.size()); }
    /// Product of kernel sizes (the score tensor's last dimension).
    std::int64_t windowVolume() const;
    bool anyCausal() const;
};

/// Checks params against spatial sizes the way NATTEN does; throws util::Error naming the axis
/// and the rule (k*d <= L, 1 <= stride <= k, kernel >= 1, dilation >= 1, bias only with odd
/// kernels and no causal axis and stride 1).
void validate(const NaParams& params, const std::vector<int>& sizes, bool withBias = false);
/// The reason params are invalid for these sizes, or "" when they are valid.
std::string invalidReason(const NaParams& params, const std::vector<int>& sizes,
                          bool withBias = false);

/// Builds NaParams of `rank` axes from per-axis lists that hold either one value (for every
/// axis) or `rank` values. Throws util::Error when a list has another length.
NaParams makeParams(int rank, const std::vector<int>& kernel, const std::vector<int>& dilation,
                    const std::vector<int>& stride, const std::vector<int>& causal);

/// Multi-dimensional neighbourhood of the query at `coord` (one index per axis) as flat
/// row-major token indices in the order NATTEN's score tensor uses (window start first,
/// last axis fastest).
std::vector<std::int64_t> neighbors(const std::vector<int>& sizes, const NaParams& params,
                                    const std::vector<int>& coord);
/// Flat token indices of the queries that see the key at `coord`.
std::vector<std::int64_t> inverseNeighbors(const std::vector<int>& sizes, const NaParams& params,
                                           const std::vector<int>& coord);

/// Sum over all queries of their window sizes (the number of attention weights). Separable:
/// the product over axes of the per-axis sums.
std::int64_t totalWindowEntries(const std::vector<int>& sizes, const NaParams& params);

} // namespace algoscope::attention
