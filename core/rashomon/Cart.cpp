#include "rashomon/Cart.h"

#include "util/Error.h"

#include <algorithm>
#include <numeric>

namespace algoscope::rashomon {

void Cart::fit(const Dataset& train) {
    std::vector<std::size_t> rows(train.rows());
    std::iota(rows.begin(), rows.end(), std::size_t(0));
    fitRows(train, rows);
}

void Cart::fitRows(const Dataset& train, const std::vector<std::size_t>& rowsIn) {
    if (rowsIn.empty())
        throw util::Error("CART: empty training set");
    m_nodes.clear();
    m_classes = train.classes();
    std::vector<std::size_t> rows = rowsIn;
    util::Rng rng(m_opt.seed);
    grow(train, rows, 0, rng);
}

int Cart::grow(const Dataset& d, std::vector<std::size_t>& rows, int depth, util::Rng& rng) {
    const int C = m_classes;
    std::vector<int> counts(std::size_t(C), 0);
    for (std::size_t r : rows)
        ++counts[std::size_t(d.y[r])];
    const int idx = int(m_nodes.size());
    m_nodes.push_back({});
    m_nodes[std::size_t(idx)].label =
        int(std::max_element(counts.begin(), counts.end()) - counts.begin());
    const int n = int(rows.size());
    if (depth >= m_opt.maxDepth || n < m_opt.minSplit ||
        *std::max_element(counts.begin(), counts.end()) == n)
        return idx;
    auto gini = [&](const std::vector<int>& c, int total) {
        if (total == 0)
            return 0.0;
        double s = 0;
        for (int v : c)
            s += double(v) * v;
        return 1.0 - s / (double(total) * total);
    };
    const std::size_t p = d.cols();
    std::vector<std::size_t> feats(p);
    std::iota(feats.begin(), feats.end(), std::size_t(0));
    if (m_opt.maxFeatures > 0 && std::size_t(m_opt.maxFeatures) < p) {
        for (std::size_t i = 0; i < std::size_t(m_opt.maxFeatures); ++i)
            std::swap(feats[i], feats[i + std::size_t(rng.below(p - i))]);
        feats.resize(std::size_t(m_opt.maxFeatures));
    }
    double bestScore = gini(counts, n) - 1e-12;
    int bestFeature = -1;
    double bestThreshold = 0;
    std::vector<std::size_t> sorted = rows;
    for (std::size_t j : feats) {
        std::sort(sorted.begin(), sorted.end(),
                  [&](std::size_t a, std::size_t b) { return d.at(a, j) < d.at(b, j); });
        std::vector<int> left(std::size_t(C), 0), right = counts;
        for (int i = 0; i + 1 < n; ++i) {
            const int c = d.y[sorted[std::size_t(i)]];
            ++left[std::size_t(c)];
            --right[std::size_t(c)];
            const double a = d.at(sorted[std::size_t(i)], j),
                         b = d.at(sorted[std::size_t(i) + 1], j);
            if (a == b)
                continue;
            const double score =
                (gini(left, i + 1) * (i + 1) + gini(right, n - i - 1) * (n - i - 1)) / n;
            if (score < bestScore) {
                bestScore = score;
                bestFeature = int(j);
                bestThreshold = 0.5 * (a + b);
            }
        }
    }
    if (bestFeature < 0)
        return idx;
    std::vector<std::size_t> l, r;
    for (std::size_t row : rows)
        (d.at(row, std::size_t(bestFeature)) <= bestThreshold ? l : r).push_back(row);
    const int li = grow(d, l, depth + 1, rng);
    const int ri = grow(d, r, depth + 1, rng);
    Node& nd = m_nodes[std::size_t(idx)];
    nd.feature = bestFeature;
    nd.threshold = bestThreshold;
    nd.left = li;
    nd.right = ri;
    return idx;
}

int Cart::predict(const Dataset& data, std::size_t row) const {
    int i = 0;
    while (m_nodes[std::size_t(i)].feature >= 0) {
        const Node& n = m_nodes[std::size_t(i)];
        i = data.at(row, std::size_t(n.feature)) <= n.threshold ? n.left : n.right;
    }
    return m_nodes[std::size_t(i)].label;
}

} // namespace algoscope::rashomon
