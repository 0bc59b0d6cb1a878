#pragma once
// Multinomial logistic regression (softmax) on z-scored features with a small L2 penalty,
// fitted by full-batch gradient descent with a fixed step on the mean cross-entropy (convex, so
// the fixed step 1 / L with L bounding the Hessian converges; Eigen does the linear algebra).
#include "rashomon/Learner.h"

#include <Eigen/Dense>

namespace algoscope::rashomon {

class LogisticRegression final : public Learner {
public:
    explicit LogisticRegression(double l2 = 1e-3, int iterations = 2000)
        : m_l2(l2), m_iterations(iterations) {}
    std::string name() const override { return "logistic"; }
    void fit(const Dataset& train) override;
    int predict(const Dataset& data, std::size_t row) const override;

    /// Two classes only: the decision "class 1" as a direction (w_1..w_p, b) in the space of
    /// features standardised by (mean, scale): w.z + b > 0.
    std::vector<double> binaryDirection(const std::vector<double>& mean,
                                        const std::vector<double>& scale) const;

private:
    double m_l2;
    int m_iterations;
    std::vector<double> m_mean, m_scale;
    Eigen::MatrixXd m_w; // (p + 1) x C, last row the bias
};

} // namespace algoscope::rashomon
