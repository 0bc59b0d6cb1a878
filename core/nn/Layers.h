#pragma once
// The building blocks with their backward passes: Linear, Embedding, LayerNorm, GELU and ReLU.
// Each layer caches what its backward pass needs during forward(); backward() ADDS parameter
// gradients (so gradient accumulation over micro-batches works) and returns the gradient of its
// input. Every backward pass is checked against central finite differences in tests/nn.
#include "nn/Tensor.h"
#include "util/Rng.h"

#include <span>

namespace algoscope::nn {

class Linear {
public:
    Linear() = default;
    Linear(const std::string& name, int in, int out, bool bias = true);
    /// PyTorch's default: weight and bias uniform in +-1/sqrt(in) (Kaiming-uniform with a=sqrt(5)).
    void init(util::Rng& rng);
    /// y = x W^T + b, x [n, in] -> [n, out].
    Matrix forward(const Matrix& x);
    /// Forward without caching (inference, KV-cache generation).
    Matrix apply(const Matrix& x) const;
    Matrix backward(const Matrix& dy);
    void collect(ParameterList& out);
    int inFeatures() const { return int(weight.value.cols()); }
    int outFeatures() const { return int(weight.value.rows()); }

    Parameter weight; // [out, in]
    Parameter bias;   // [1, out]; empty when constructed without bias
private:
    bool m_hasBias = true;
    Matrix m_x;
};

class Embedding {
public:
    Embedding() = default;
    Embedding(const std::string& name, int vocab, int dim);
    /// N(0, 0.02^2) as GPT-2.
    void init(util::Rng& rng);
    /// One row per token. Throws util::Error for a token outside [0, vocab).
    Matrix forward(std::span<const int> tokens);
    Matrix apply(std::span<const int> tokens) const;
    void backward(const Matrix& dy);
    void collect(ParameterList& out);

    Parameter weight; // [vocab, dim]
private:
    std::vector<int> m_tokens;
};

class LayerNorm {
public:
    LayerNorm() = default;
    LayerNorm(const std::string& name, int dim, float eps = 1e-5f);
    Matrix forward(const Matrix& x);
    Matrix apply(const Matrix& x) const;
    Matrix backward(const Matrix& dy);
    void collect(ParameterList& out);

    Parameter gamma; // [1, dim], "name.weight"
    Parameter beta;  // [1, dim], "name.bias"
private:
    float m_eps = 1e-5f;
    Matrix m_xhat;
    Eigen::VectorXf m_rstd;
};

/// GELU, tanh approximation (Hendrycks & Gimpel 2016; GPT-2's "gelu_new").
class Gelu {
public:
    Matrix forward(const Matrix& x);
    static Matrix apply(const Matrix& x);
    Matrix backward(const Matrix& dy) const;

private:
    Matrix m_x, m_t; // input and tanh(sqrt(2/pi) (x + 0.044715 x^3))
};

class Relu {
public:
    Matrix forward(const Matrix& x);
    static Matrix apply(const Matrix& x) { return x.cwiseMax(0.0f); }
    Matrix backward(const Matrix& dy) const;

private:
    Matrix m_x;
};

} // namespace algoscope::nn
