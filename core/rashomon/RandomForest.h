#pragma once
// Random forest (Breiman, Machine Learning 45, 2001): trees fitted on bootstrap samples, each
// split choosing among sqrt(p) random features, grown deep (depth <= 16); majority vote.
#include "rashomon/Cart.h"

namespace algoscope::rashomon {

class RandomForest final : public Learner {
public:
    explicit RandomForest(int trees = 100, std::uint64_t seed = 1) : m_trees(trees), m_seed(seed) {}
    std::string name() const override { return "forest"; }
    void fit(const Dataset& train) override;
    int predict(const Dataset& data, std::size_t row) const override;

private:
    int m_trees;
    std::uint64_t m_seed;
    int m_classes = 0;
    std::vector<Cart> m_forest;
};

} // namespace algoscope::rashomon
