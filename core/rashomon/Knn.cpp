#include "rashomon/Knn.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace algoscope::rashomon {

void Knn::fit(const Dataset& train) {
    if (train.rows() == 0)
        throw util::Error("k-NN: empty training set");
    m_train = train;
    const std::size_t p = train.cols(), n = train.rows();
    m_mean.assign(p, 0);
    m_scale.assign(p, 1);
    for (std::size_t j = 0; j < p; ++j) {
        double s = 0, s2 = 0;
        for (std::size_t i = 0; i < n; ++i) {
            s += train.at(i, j);
            s2 += train.at(i, j) * train.at(i, j);
        }
        m_mean[j] = s / double(n);
        const double var = std::max(0.0, s2 / double(n) - m_mean[j] * m_mean[j]);
        m_scale[j] = var > 0 ? std::sqrt(var) : 1.0;
    }
}

int Knn::predict(const Dataset& data, std::size_t row) const {
    const std::size_t n = m_train.rows(), p = m_train.cols();
    std::vector<std::pair<double, int>> dist(n);
    for (std::size_t i = 0; i < n; ++i) {
        double s = 0;
        for (std::size_t j = 0; j < p; ++j) {
            const double a = (data.at(row, j) - m_train.at(i, j)) / m_scale[j];
            s += a * a;
        }
        dist[i] = {s, m_train.y[i]};
    }
    const std::size_t k = std::min<std::size_t>(std::size_t(std::max(1, m_k)), n);
    std::partial_sort(dist.begin(), dist.begin() + std::ptrdiff_t(k), dist.end());
    std::vector<int> votes(std::size_t(m_train.classes()), 0);
    for (std::size_t i = 0; i < k; ++i)
        ++votes[std::size_t(dist[i].second)];
    const int top = *std::max_element(votes.begin(), votes.end());
    for (std::size_t i = 0; i < k; ++i) // nearest among the tied classes
        if (votes[std::size_t(dist[i].second)] == top)
            return dist[i].second;
    return 0;
}

} // namespace algoscope::rashomon
