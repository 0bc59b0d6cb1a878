#include "nn/Mlp.h"

#include "util/Error.h"

#include <charconv>

namespace algoscope::nn {

std::map<std::string, std::string> MlpConfig::toMetadata() const {
    return {{"arch", "residual-mlp"},
            {"arch.inputs", std::to_string(inputs)},
            {"arch.hidden1", std::to_string(hidden1)},
            {"arch.hidden2", std::to_string(hidden2)},
            {"arch.blocks", std::to_string(blocks)},
            {"arch.outputs", std::to_string(outputs)}};
}

MlpConfig MlpConfig::fromMetadata(const std::map<std::string, std::string>& meta) {
    auto integer = [&](const char* key) {
        auto it = meta.find(key);
        if (it == meta.end())
            throw util::Error(std::string("model metadata has no '") + key + "'");
        int v = 0;
        const std::string& s = it->second;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size())
            throw util::Error(std::string("model metadata '") + key + "' is not an integer");
        return v;
    };
    auto arch = meta.find("arch");
    if (arch == meta.end() || arch->second != "residual-mlp")
        throw util::Error("model architecture is not 'residual-mlp'");
    MlpConfig c;
    c.inputs = integer("arch.inputs");
    c.hidden1 = integer("arch.hidden1");
    c.hidden2 = integer("arch.hidden2");
    c.blocks = integer("arch.blocks");
    c.outputs = integer("arch.outputs");
    c.validate();
    return c;
}

void MlpConfig::validate() const {
    auto in = [](int v, int lo, int hi, const char* what) {
        if (v < lo || v > hi)
            throw util::Error(std::string("MLP ") + what + " must be in [" + std::to_string(lo) +
                              ", " + std::to_string(hi) + "], got " + std::to_string(v));
    };
    in(inputs, 1, 1 << 20, "input size");
    in(hidden1, 1, 1 << 16, "first width");
    in(hidden2, 1, 1 << 16, "second width");
    in(blocks, 0, 64, "residual block count");
    in(outputs, 1, 1 << 16, "output size");
}

ResidualMlp::ResidualMlp(const MlpConfig& config)
    : m_config(config), m_in1("in1", config.inputs, config.hidden1),
      m_in2("in2", config.hidden1, config.hidden2), m_out("out", config.hidden2, config.outputs) {
    config.validate();
    for (int i = 0; i < config.blocks; ++i) {
        const std::string p = "blocks." + std::to_string(i);
        Block b;
        b.fc1 = Linear(p + ".fc1", config.hidden2, config.hidden2);
        b.fc2 = Linear(p + ".fc2", config.hidden2, config.hidden2);
        b.ln1 = LayerNorm(p + ".ln1", config.hidden2);
        b.ln2 = LayerNorm(p + ".ln2", config.hidden2);
        m_blocks.push_back(std::move(b));
    }
}

void ResidualMlp::init(std::uint64_t seed) {
    util::Rng rng(seed);
    m_in1.init(rng);
    m_in2.init(rng);
    for (Block& b : m_blocks) {
        b.fc1.init(rng);
        b.fc2.init(rng);
    }
    m_out.init(rng);
}

ParameterList ResidualMlp::parameters() {
    ParameterList list;
    m_in1.collect(list);
    m_in2.collect(list);
    for (Block& b : m_blocks) {
        b.fc1.collect(list);
        b.ln1.collect(list);
        b.fc2.collect(list);
        b.ln2.collect(list);
    }
    m_out.collect(list);
    return list;
}

Matrix ResidualMlp::forward(const Matrix& x) {
    Matrix h = m_r2.forward(m_in2.forward(m_r1.forward(m_in1.forward(x))));
    for (Block& b : m_blocks) {
        Matrix y = b.ln2.forward(b.fc2.forward(b.relu1.forward(b.ln1.forward(b.fc1.forward(h)))));
        h = b.relu2.forward(h + y);
    }
    return m_out.forward(h);
}

Matrix ResidualMlp::apply(const Matrix& x) const {
    Matrix h = Relu::apply(m_in2.apply(Relu::apply(m_in1.apply(x))));
    for (const Block& b : m_blocks) {
        Matrix y = b.ln2.apply(b.fc2.apply(Relu::apply(b.ln1.apply(b.fc1.apply(h)))));
        h = Relu::apply(h + y);
    }
    return m_out.apply(h);
}

void ResidualMlp::backward(const Matrix& dy) {
    Matrix dh = m_out.backward(dy);
    for (auto it = m_blocks.rbegin(); it != m_blocks.rend(); ++it) {
        Block& b = *it;
        const Matrix dsum = b.relu2.backward(dh);
        dh = dsum +
             b.fc1.backward(b.ln1.backward(b.relu1.backward(b.fc2.backward(b.ln2.backward(dsum)))));
    }
    m_in1.backward(m_r1.backward(m_in2.backward(m_r2.backward(dh))));
}

} // namespace algoscope::nn
