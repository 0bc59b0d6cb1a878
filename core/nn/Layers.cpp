#include "nn/Layers.h"

#include "util/Error.h"

#include <cmath>

namespace algoscope::nn {

// [SECTION] Linear -------------------------------------------------------------------------------

Linear::Linear(const std::string& name, int in, int out, bool bias)
    : weight(name + ".weight", out, in, true), m_hasBias(bias) {
    if (bias)
        this->bias = Parameter(name + ".bias", 1, out, false);
}

void Linear::init(util::Rng& rng) {
    const double bound = 1.0 / std::sqrt(double(weight.value.cols()));
    for (Eigen::Index i = 0; i < weight.value.size(); ++i)
        weight.value.data()[i] = float(rng.uniform(-bound, bound));
    if (m_hasBias)
        for (Eigen::Index i = 0; i < bias.value.size(); ++i)
            bias.value.data()[i] = float(rng.uniform(-bound, bound));
}

Matrix Linear::apply(const Matrix& x) const {
    Matrix y(x.rows(), weight.value.rows());
    y.noalias() = x * weight.value.transpose();
    if (m_hasBias)
        y.rowwise() += bias.value.row(0);
    return y;
}

Matrix Linear::forward(const Matrix& x) {
    m_x = x;
    return apply(x);
}

Matrix Linear::backward(const Matrix& dy) {
    weight.grad.noalias() += dy.transpose() * m_x;
    if (m_hasBias)
        bias.grad.row(0) += dy.colwise().sum();
    Matrix dx(dy.rows(), weight.value.cols());
    dx.noalias() = dy * weight.value;
    return dx;
}

void Linear::collect(ParameterList& out) {
    out.push_back(&weight);
    if (m_hasBias)
        out.push_back(&bias);
}

// [SECTION] Embedding ----------------------------------------------------------------------------

Embedding::Embedding(const std::string& name, int vocab, int dim)
    : weight(name + ".weight", vocab, dim, false) {}

void Embedding::init(util::Rng& rng) {
    for (Eigen::Index i = 0; i < weight.value.size(); ++i)
        weight.value.data()[i] = float(0.02 * rng.normal());
}

Matrix Embedding::apply(std::span<const int> tokens) const {
    Matrix y(Eigen::Index(tokens.size()), weight.value.cols());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i] < 0 || tokens[i] >= weight.value.rows())
            throw util::Error("token " + std::to_string(tokens[i]) + " at position " +
                              std::to_string(i) + " is outside the vocabulary of " +
                              std::to_string(weight.value.rows()));
        y.row(Eigen::Index(i)) = weight.value.row(tokens[i]);
    }
    return y;
}

Matrix Embedding::forward(std::span<const int> tokens) {
    m_tokens.assign(tokens.begin(), tokens.end());
    return apply(tokens);
}

void Embedding::backward(const Matrix& dy) {
    for (std::size_t i = 0; i < m_tokens.size(); ++i)
        weight.grad.row(m_tokens[i]) += dy.row(Eigen::Index(i));
}

void Embedding::collect(ParameterList& out) {
    out.push_back(&weight);
}

// [SECTION] LayerNorm ----------------------------------------------------------------------------

LayerNorm::LayerNorm(const std::string& name, int dim, float eps)
    : gamma(name + ".weight", 1, dim, false), beta(name + ".bias", 1, dim, false), m_eps(eps) {
    gamma.value.setOnes();
}

Matrix LayerNorm::apply(const Matrix& x) const {
    Matrix y(x.rows(), x.cols());
    const float inv = 1.0f / float(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float mean = x.row(r).sum() * inv;
        const float var = (x.row(r).array() - mean).square().sum() * inv;
        const float rstd = 1.0f / std::sqrt(var + m_eps);
        y.row(r) = ((x.row(r).array() - mean) * rstd * gamma.value.row(0).array() +
                    beta.value.row(0).array())
                       .matrix();
    }
    return y;
}

Matrix LayerNorm::forward(const Matrix& x) {
    m_xhat.resize(x.rows(), x.cols());
    m_rstd.resize(x.rows());
    const float inv = 1.0f / float(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const float mean = x.row(r).sum() * inv;
        const float var = (x.row(r).array() - mean).square().sum() * inv;
        m_rstd[r] = 1.0f / std::sqrt(var + m_eps);
        m_xhat.row(r) = (x.row(r).array() - mean) * m_rstd[r];
    }
    Matrix y = m_xhat;
    y.array().rowwise() *= gamma.value.row(0).array();
    y.rowwise() += beta.value.row(0);
    return y;
}

Matrix LayerNorm::backward(const Matrix& dy) {
    gamma.grad.row(0) += (dy.array() * m_xhat.array()).colwise().sum().matrix();
    beta.grad.row(0) += dy.colwise().sum();
    Matrix dx(dy.rows(), dy.cols());
    const float inv = 1.0f / float(dy.cols());
    for (Eigen::Index r = 0; r < dy.rows(); ++r) {
        const Eigen::ArrayXf dxhat = (dy.row(r).array() * gamma.value.row(0).array()).transpose();
        const Eigen::ArrayXf xhat = m_xhat.row(r).array().transpose();
        const float meanD = dxhat.sum() * inv;
        const float meanDX = (dxhat * xhat).sum() * inv;
        dx.row(r) = (m_rstd[r] * (dxhat - meanD - xhat * meanDX)).transpose().matrix();
    }
    return dx;
}

void LayerNorm::collect(ParameterList& out) {
    out.push_back(&gamma);
    out.push_back(&beta);
}

// [SECTION] activations --------------------------------------------------------------------------

namespace {
constexpr float kGeluC = 0.7978845608028654f; // sqrt(2 / pi)
constexpr float kGeluA = 0.044715f;
} // namespace

// Eigen's vectorised tanh (a rational approximation accurate to float precision) instead of
// std::tanh per element: GELU was a fifth of a training step with the scalar call.
Matrix Gelu::apply(const Matrix& x) {
    const Eigen::ArrayXXf v = x.array();
    const Eigen::ArrayXXf t = (kGeluC * (v + kGeluA * v.cube())).tanh();
    return (0.5f * v * (1.0f + t)).matrix();
}

Matrix Gelu::forward(const Matrix& x) {
    m_x = x;
    const Eigen::ArrayXXf v = x.array();
    m_t = (kGeluC * (v + kGeluA * v.cube())).tanh().matrix();
    return (0.5f * v * (1.0f + m_t.array())).matrix();
}

Matrix Gelu::backward(const Matrix& dy) const {
    const Eigen::ArrayXXf v = m_x.array(), t = m_t.array();
    const Eigen::ArrayXXf du = kGeluC * (1.0f + 3.0f * kGeluA * v.square());
    return (dy.array() * (0.5f * (1.0f + t) + 0.5f * v * (1.0f - t.square()) * du)).matrix();
}

Matrix Relu::forward(const Matrix& x) {
    m_x = x;
    return apply(x);
}

Matrix Relu::backward(const Matrix& dy) const {
    return dy.binaryExpr(m_x, [](float g, float v) { return v > 0.0f ? g : 0.0f; });
}

} // namespace algoscope::nn
