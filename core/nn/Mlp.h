#pragma once
// A fully connected network with residual blocks, the trunk DeepCubeA and Q* use: input ->
// FC(h1) -> ReLU -> FC(h2) -> ReLU -> blocks x [FC(h2) -> LN -> ReLU -> FC(h2) -> LN, + skip,
// ReLU] -> FC(outputs). DeepCubeA normalises with BatchNorm; we use LayerNorm, which behaves the
// same in training and inference and does not depend on the batch (documented deviation).
#include "nn/Layers.h"

#include <map>
#include <string>

namespace algoscope::nn {

struct MlpConfig {
    int inputs = 144;
    int hidden1 = 256;
    int hidden2 = 128;
    int blocks = 2;
    int outputs = 12;

    std::map<std::string, std::string> toMetadata() const;
    static MlpConfig fromMetadata(const std::map<std::string, std::string>& meta);
    void validate() const;
};

class ResidualMlp {
public:
    explicit ResidualMlp(const MlpConfig& config);
    void init(std::uint64_t seed);
    const MlpConfig& config() const { return m_config; }
    ParameterList parameters();

    Matrix forward(const Matrix& x);
    Matrix apply(const Matrix& x) const;
    void backward(const Matrix& dy);

private:
    struct Block {
        Linear fc1, fc2;
        LayerNorm ln1, ln2;
        Relu relu1, relu2;
    };
    MlpConfig m_config;
    Linear m_in1, m_in2, m_out;
    Relu m_r1, m_r2;
    std::vector<Block> m_blocks;
};

} // namespace algoscope::nn
