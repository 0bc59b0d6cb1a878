#include "rashomon/RandomForest.h"

#include <algorithm>
#include <cmath>

namespace algoscope::rashomon {

void RandomForest::fit(const Dataset& train) {
    m_classes = train.classes();
    m_forest.clear();
    util::Rng rng(m_seed);
    const std::size_t n = train.rows();
    const int mtry = std::max(1, int(std::lround(std::sqrt(double(train.cols())))));
    for (int t = 0; t < m_trees; ++t) {
        std::vector<std::size_t> rows(n);
        for (auto& r : rows)
            r = std::size_t(rng.below(n));
        Cart::Options o;
        o.maxDepth = 16;
        o.maxFeatures = mtry;
        o.seed = rng.nextU64();
        Cart tree(o);
        tree.fitRows(train, rows);
        m_forest.push_back(std::move(tree));
    }
}

int RandomForest::predict(const Dataset& data, std::size_t row) const {
    std::vector<int> votes(std::size_t(std::max(1, m_classes)), 0);
    for (const Cart& t : m_forest)
        ++votes[std::size_t(t.predict(data, row))];
    return int(std::max_element(votes.begin(), votes.end()) - votes.begin());
}

} // namespace algoscope::rashomon
