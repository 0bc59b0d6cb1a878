#pragma once
// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, Algorithm 2)
// with bias correction, and clipping by the global gradient norm (Pascanu et al. 2013), as
// torch.optim.AdamW and torch.nn.utils.clip_grad_norm_.
#include "nn/Tensor.h"

#include <map>
#include <string>

namespace algoscope::nn {

struct AdamWConfig {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.01; // applied only to parameters with decay == true
};

class AdamW {
public:
    explicit AdamW(ParameterList params, AdamWConfig config = {});
    /// One update with learning rate lr from the accumulated gradients (not cleared).
    void step(double lr);
    long long steps() const { return m_t; }
    const ParameterList& parameters() const { return m_params; }

    /// Optimiser state as named tensors ("adam.m.<param>", "adam.v.<param>") for checkpoints.
    std::map<std::string, Matrix> state() const;
    void setState(const std::map<std::string, Matrix>& state, long long steps);

private:
    ParameterList m_params;
    AdamWConfig m_config;
    std::vector<Matrix> m_m, m_v;
    long long m_t = 0;
};

/// Scales all gradients so their global L2 norm is at most maxNorm; returns the norm before
/// clipping. A NaN or infinite norm throws util::Error (training diverged) instead of
/// spreading NaN into the weights.
double clipGradNorm(const ParameterList& params, double maxNorm);

} // namespace algoscope::nn
