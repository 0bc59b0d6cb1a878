#include "rashomon/LogisticRegression.h"

#include "util/Error.h"

#include <cmath>

namespace algoscope::rashomon {

void LogisticRegression::fit(const Dataset& train) {
    const std::size_t n = train.rows(), p = train.cols();
    const int C = train.classes();
    if (n == 0)
        throw util::Error("logistic regression: empty training set");
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
    Eigen::MatrixXd X(Eigen::Index(n), Eigen::Index(p + 1));
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(Eigen::Index(n), C);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < p; ++j)
            X(Eigen::Index(i), Eigen::Index(j)) = (train.at(i, j) - m_mean[j]) / m_scale[j];
        X(Eigen::Index(i), Eigen::Index(p)) = 1.0;
        Y(Eigen::Index(i), train.y[i]) = 1.0;
    }
    // Step 1/L: the softmax cross-entropy's Hessian is bounded by ||X||_2^2 / (2n) (plus l2).
    const double frob2 = X.squaredNorm();
    const double step = 1.0 / (0.5 * frob2 / double(n) + m_l2);
    m_w = Eigen::MatrixXd::Zero(Eigen::Index(p + 1), C);
    for (int it = 0; it < m_iterations; ++it) {
        Eigen::MatrixXd Z = X * m_w;
        for (Eigen::Index i = 0; i < Z.rows(); ++i) {
            const double mx = Z.row(i).maxCoeff();
            Z.row(i) = (Z.row(i).array() - mx).exp();
            Z.row(i) /= Z.row(i).sum();
        }
        Eigen::MatrixXd grad = X.transpose() * (Z - Y) / double(n);
        grad.topRows(Eigen::Index(p)) += m_l2 * m_w.topRows(Eigen::Index(p));
        m_w -= step * grad;
        if (grad.cwiseAbs().maxCoeff() < 1e-7)
            break;
    }
}

int LogisticRegression::predict(const Dataset& data, std::size_t row) const {
    const std::size_t p = m_mean.size();
    Eigen::VectorXd x(Eigen::Index(p + 1));
    for (std::size_t j = 0; j < p; ++j)
        x[Eigen::Index(j)] = (data.at(row, j) - m_mean[j]) / m_scale[j];
    x[Eigen::Index(p)] = 1.0;
    Eigen::VectorXd z = m_w.transpose() * x;
    Eigen::Index k = 0;
    z.maxCoeff(&k);
    return int(k);
}

std::vector<double> LogisticRegression::binaryDirection(const std::vector<double>& mean,
                                                        const std::vector<double>& scale) const {
    if (m_w.cols() != 2)
        throw util::Error("binaryDirection needs a two-class model");
    const std::size_t p = m_mean.size();
    // Score s(x) = sum_j v_j (x_j - m_j) / s_j + b with v = w1 - w0. In other units (mean',
    // scale'): x_j = z'_j scale'_j + mean'_j, so s = sum_j v_j scale'_j / s_j z'_j + const.
    std::vector<double> d(p + 1);
    double b = m_w(Eigen::Index(p), 1) - m_w(Eigen::Index(p), 0);
    for (std::size_t j = 0; j < p; ++j) {
        const double v = m_w(Eigen::Index(j), 1) - m_w(Eigen::Index(j), 0);
        d[j] = v * scale[j] / m_scale[j];
        b += v * (mean[j] - m_mean[j]) / m_scale[j];
    }
    d[p] = b;
    return d;
}

} // namespace algoscope::rashomon
