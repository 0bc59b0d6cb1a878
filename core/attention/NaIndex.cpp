#include "attention/NaIndex.h"

#include "util/Error.h"

namespace algoscope::attention {

std::vector<int> axisNeighbors(int L, const AxisParams& p, int x) {
    const AxisWindow w = axisWindow(L, p, x);
    std::vector<int> out;
    out.reserve(std::size_t(w.size()));
    for (int j = w.start; j < w.end; ++j)
        out.push_back(j * p.dilation + w.group);
    return out;
}

std::vector<int> axisInverseNeighbors(int L, const AxisParams& p, int key) {
    // Only queries of the key's dilation group can see it; windows are monotone in the query
    // index, but stride and causal make the inverse irregular, so scan the group.
    std::vector<int> out;
    const int g = key % p.dilation, j = key / p.dilation;
    for (int x = g; x < L; x += p.dilation) {
        const AxisWindow w = axisWindow(L, p, x);
        if (j >= w.start && j < w.end)
            out.push_back(x);
    }
    return out;
}

std::int64_t NaParams::windowVolume() const {
    std::int64_t v = 1;
    for (const auto& a : axes)
        v *= a.kernel;
    return v;
}

bool NaParams::anyCausal() const {
    for (const auto& a : axes)
        if (a.causal)
            return true;
    return false;
}

std::string invalidReason(const NaParams& params, const std::vector<int>& sizes, bool withBias) {
    if (params.rank() < 1 || params.rank() > kMaxRank)
        return "neighbourhood attention is 1-D, 2-D or 3-D; got " + std::to_string(params.rank()) +
               " spatial axes";
    if (int(sizes.size()) != params.rank())
        return "parameters for " + std::to_string(params.rank()) + " axes but the input has " +
               std::to_string(sizes.size()) + " spatial axes";
    for (int a = 0; a < params.rank(); ++a) {
        const AxisParams& p = params.axes[std::size_t(a)];
        const int L = sizes[std::size_t(a)];
        const std::string axis = "axis " + std::to_string(a) + ": ";
        if (L < 1)
            return axis + "length " + std::to_string(L) + " must be at least 1";
        if (p.kernel < 1)
            return axis + "kernel size " + std::to_string(p.kernel) + " must be at least 1";
        if (p.dilation < 1)
            return axis + "dilation " + std::to_string(p.dilation) + " must be at least 1";
        if (p.stride < 1)
            return axis + "stride " + std::to_string(p.stride) + " must be at least 1";
        if (std::int64_t(p.kernel) * p.dilation > L)
            return axis + "kernel size * dilation = " + std::to_string(p.kernel) + " * " +
                   std::to_string(p.dilation) + " = " +
                   std::to_string(std::int64_t(p.kernel) * p.dilation) + " exceeds the length " +
                   std::to_string(L) + " (NATTEN requires kernel_size * dilation <= input size)";
        if (p.stride > p.kernel)
            return axis + "stride " + std::to_string(p.stride) + " exceeds the kernel size " +
                   std::to_string(p.kernel) + " (NATTEN requires stride <= kernel_size)";
        if (withBias) {
            if (p.kernel % 2 == 0)
                return axis + "relative positional bias needs an odd kernel size, got " +
                       std::to_string(p.kernel);
            if (p.causal)
                return axis + "relative positional bias cannot be combined with causal masking";
            if (p.stride != 1)
                return axis +
                       "relative positional bias (NATTEN 0.17) cannot be combined with stride "
                       "(NATTEN 0.20+), got stride " +
                       std::to_string(p.stride);
        }
    }
    return {};
}

void validate(const NaParams& params, const std::vector<int>& sizes, bool withBias) {
    const std::string why = invalidReason(params, sizes, withBias);
    if (!why.empty())
        throw util::Error(why);
}

NaParams makeParams(int rank, const std::vector<int>& kernel, const std::vector<int>& dilation,
                    const std::vector<int>& stride, const std::vector<int>& causal) {
    if (rank < 1 || rank > kMaxRank)
        throw util::Error("neighbourhood attention is 1-D, 2-D or 3-D; got " +
                          std::to_string(rank) + " spatial axes");
    auto pick = [rank](const std::vector<int>& v, int a, int fallback, const char* what) {
        if (v.empty())
            return fallback;
        if (v.size() == 1)
            return v[0];
        if (int(v.size()) != rank)
            throw util::Error(std::string(what) + " has " + std::to_string(v.size()) +
                              " values; give one for all axes or one per axis (" +
                              std::to_string(rank) + ")");
        return v[std::size_t(a)];
    };
    NaParams p;
    for (int a = 0; a < rank; ++a) {
        AxisParams ap;
        ap.kernel = pick(kernel, a, 3, "kernel");
        ap.dilation = pick(dilation, a, 1, "dilation");
        ap.stride = pick(stride, a, 1, "stride");
        const int c = pick(causal, a, 0, "causal");
        if (c != 0 && c != 1)
            throw util::Error("causal takes 0 or 1 per axis, got " + std::to_string(c));
        ap.causal = c == 1;
        p.axes.push_back(ap);
    }
    return p;
}

namespace {

// Flat row-major index of the product of per-axis index lists (last axis fastest).
std::vector<std::int64_t> product(const std::vector<int>& sizes,
                                  const std::vector<std::vector<int>>& lists) {
    std::vector<std::int64_t> out{0};
    for (std::size_t a = 0; a < lists.size(); ++a) {
        std::vector<std::int64_t> next;
        next.reserve(out.size() * lists[a].size());
        for (std::int64_t base : out)
            for (int j : lists[a])
                next.push_back(base * sizes[a] + j);
        out.swap(next);
    }
    return out;
}

void checkCoord(const std::vector<int>& sizes, const std::vector<int>& coord) {
    if (coord.size() != sizes.size())
        throw util::Error("a position needs " + std::to_string(sizes.size()) +
                          " coordinates, got " + std::to_string(coord.size()));
    for (std::size_t a = 0; a < sizes.size(); ++a)
        if (coord[a] < 0 || coord[a] >= sizes[a])
            throw util::Error("coordinate " + std::to_string(coord[a]) + " on axis " +
                              std::to_string(a) + " is outside 0.." + std::to_string(sizes[a] - 1));
}

} // namespace

std::vector<std::int64_t> neighbors(const std::vector<int>& sizes, const NaParams& params,
                                    const std::vector<int>& coord) {
    validate(params, sizes);
    checkCoord(sizes, coord);
    std::vector<std::vector<int>> lists;
    for (std::size_t a = 0; a < sizes.size(); ++a)
        lists.push_back(axisNeighbors(sizes[a], params.axes[a], coord[a]));
    return product(sizes, lists);
}

std::vector<std::int64_t> inverseNeighbors(const std::vector<int>& sizes, const NaParams& params,
                                           const std::vector<int>& coord) {
    validate(params, sizes);
    checkCoord(sizes, coord);
    std::vector<std::vector<int>> lists;
    for (std::size_t a = 0; a < sizes.size(); ++a)
        lists.push_back(axisInverseNeighbors(sizes[a], params.axes[a], coord[a]));
    return product(sizes, lists);
}

std::int64_t totalWindowEntries(const std::vector<int>& sizes, const NaParams& params) {
    std::int64_t total = 1;
    for (std::size_t a = 0; a < sizes.size(); ++a) {
        std::int64_t sum = 0;
        for (int x = 0; x < sizes[a]; ++x)
            sum += axisWindow(sizes[a], params.axes[a], x).size();
        total *= sum;
    }
    return total;
}

} // namespace algoscope::attention
