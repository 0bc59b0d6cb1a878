#pragma once
// CART (Breiman et al. 1984): a binary tree grown greedily on thresholds x_j <= t (midpoints of
// consecutive distinct values), each split minimising the weighted Gini impurity of the two
// children; grown until a node is pure, reaches maxDepth or has fewer than minSplit points.
// With maxFeatures > 0 each split looks at that many features drawn at random (random forests).
#include "rashomon/Learner.h"
#include "util/Rng.h"

namespace algoscope::rashomon {

class Cart final : public Learner {
public:
    struct Options {
        int maxDepth = 6;
        int minSplit = 2;
        int maxFeatures = 0; // 0: all
        std::uint64_t seed = 1;
    };
    Cart() = default;
    explicit Cart(const Options& o) : m_opt(o) {}
    std::string name() const override { return "cart"; }
    void fit(const Dataset& train) override;
    /// Fits on the listed rows (with repeats, for bootstrap samples).
    void fitRows(const Dataset& train, const std::vector<std::size_t>& rows);
    int predict(const Dataset& data, std::size_t row) const override;
    std::size_t nodeCount() const { return m_nodes.size(); }

private:
    struct Node {
        int feature = -1;
        double threshold = 0;
        int left = -1, right = -1; // left: x <= threshold
        int label = 0;
    };
    int grow(const Dataset& d, std::vector<std::size_t>& rows, int depth, util::Rng& rng);
    Options m_opt;
    std::vector<Node> m_nodes;
    int m_classes = 0;
};

} // namespace algoscope::rashomon
