#pragma once
// Types of the small neural-network library (core/nn). Activations are row-major float
// matrices with one row per token or sample ([rows, features]), so a batch of B sequences of
// length T is a [B*T, dim] matrix and Eigen's GEMM does the heavy lifting. Parameters follow
// PyTorch's layouts (Linear weight [out, in]) so weights trained there load unchanged.
#include <Eigen/Core>

#include <string>
#include <vector>

namespace algoscope::nn {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic, Eigen::RowMajor>;

/// A trainable tensor: its value, the gradient accumulated by backward passes, and whether
/// AdamW applies weight decay to it (matrices yes; biases, norms and embeddings no, as in GPT-2).
struct Parameter {
    std::string name; // "blocks.0.attn.qkv.weight": the key in safetensors files
    Matrix value;
    Matrix grad;
    bool decay = true;

    Parameter() = default;
    Parameter(std::string n, Eigen::Index rows, Eigen::Index cols, bool d = true)
        : name(std::move(n)), value(Matrix::Zero(rows, cols)), grad(Matrix::Zero(rows, cols)),
          decay(d) {}
    void zeroGrad() { grad.setZero(); }
};

using ParameterList = std::vector<Parameter*>;

/// Sets every gradient to zero.
inline void zeroGrad(const ParameterList& params) {
    for (Parameter* p : params)
        p->zeroGrad();
}

/// Total number of trainable scalars.
inline std::size_t parameterCount(const ParameterList& params) {
    std::size_t n = 0;
    for (const Parameter* p : params)
        n += std::size_t(p->value.size());
    return n;
}

} // namespace algoscope::nn
