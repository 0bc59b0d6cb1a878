#pragma once
// k-nearest neighbours on z-scored features (Euclidean distance), majority vote among the k
// nearest training points; a tie goes to the class of the nearest of the tied classes.
#include "rashomon/Learner.h"

namespace algoscope::rashomon {

class Knn final : public Learner {
public:
    explicit Knn(int k = 5) : m_k(k) {}
    std::string name() const override { return "knn"; }
    void fit(const Dataset& train) override;
    int predict(const Dataset& data, std::size_t row) const override;

private:
    int m_k;
    Dataset m_train;
    std::vector<double> m_mean, m_scale;
};

} // namespace algoscope::rashomon
