#include "nn/Loss.h"

#include "util/Error.h"

#include <cmath>

namespace algoscope::nn {

CrossEntropyResult softmaxCrossEntropy(const Matrix& logits, std::span<const int> targets,
                                       std::span<const float> weights, Matrix* dlogits) {
    const Eigen::Index rows = logits.rows(), vocab = logits.cols();
    if (targets.size() != std::size_t(rows) ||
        (!weights.empty() && weights.size() != targets.size()))
        throw util::Error("cross-entropy: one target (and weight) per row is needed");
    CrossEntropyResult r;
    double weightSum = 0;
    for (Eigen::Index i = 0; i < rows; ++i)
        weightSum += weights.empty() ? 1.0 : double(weights[std::size_t(i)]);
    if (dlogits)
        dlogits->setZero(rows, vocab);
    if (weightSum <= 0)
        return r;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const float w = weights.empty() ? 1.0f : weights[std::size_t(i)];
        if (w <= 0)
            continue;
        const int t = targets[std::size_t(i)];
        if (t < 0 || t >= vocab)
            throw util::Error("cross-entropy: target " + std::to_string(t) + " out of range");
        Eigen::Index arg = 0;
        const float mx = logits.row(i).maxCoeff(&arg);
        const Eigen::ArrayXf e = (logits.row(i).array() - mx).exp().transpose();
        const float sum = e.sum();
        r.loss += double(w) * (std::log(double(sum)) - double(logits(i, t) - mx));
        ++r.counted;
        if (arg == t)
            ++r.correct;
        if (dlogits) {
            dlogits->row(i) = (e / sum).transpose().matrix() * float(w / weightSum);
            (*dlogits)(i, t) -= float(w / weightSum);
        }
    }
    r.loss /= weightSum;
    return r;
}

double selectedMse(const Matrix& out, std::span<const int> cols, std::span<const float> target,
                   Matrix* dout) {
    const Eigen::Index rows = out.rows();
    if (cols.size() != std::size_t(rows) || target.size() != std::size_t(rows))
        throw util::Error("mse: one column and target per row is needed");
    if (dout)
        dout->setZero(rows, out.cols());
    if (rows == 0)
        return 0;
    double loss = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const int c = cols[std::size_t(i)];
        if (c < 0 || c >= out.cols())
            throw util::Error("mse: column out of range");
        const double d = double(out(i, c)) - double(target[std::size_t(i)]);
        loss += d * d;
        if (dout)
            (*dout)(i, c) = float(2.0 * d / double(rows));
    }
    return loss / double(rows);
}

} // namespace algoscope::nn
