#include "nn/Transformer.h"

#include "util/Error.h"

#include <charconv>

namespace algoscope::nn {

// [SECTION] configuration ----------------------------------------------------------------------

std::map<std::string, std::string> TransformerConfig::toMetadata() const {
    return {{"arch", "transformer-lm"},
            {"arch.vocab", std::to_string(vocab)},
            {"arch.dim", std::to_string(dim)},
            {"arch.layers", std::to_string(layers)},
            {"arch.heads", std::to_string(heads)},
            {"arch.mlp_ratio", std::to_string(mlpRatio)},
            {"arch.max_seq", std::to_string(maxSeq)},
            {"arch.rope_base", std::to_string(ropeBase)}};
}

TransformerConfig TransformerConfig::fromMetadata(const std::map<std::string, std::string>& meta,
                                                  std::uint64_t maxParameters) {
    auto field = [&](const char* key) -> const std::string& {
        auto it = meta.find(key);
        if (it == meta.end())
            throw util::Error(std::string("model metadata has no '") + key + "'");
        return it->second;
    };
    auto integer = [&](const char* key) {
        const std::string& s = field(key);
        int v = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size())
            throw util::Error(std::string("model metadata '") + key + "' is not an integer: '" + s +
                              "'");
        return v;
    };
    if (field("arch") != "transformer-lm")
        throw util::Error("model architecture is '" + field("arch") +
                          "', expected 'transformer-lm'");
    TransformerConfig c;
    c.vocab = integer("arch.vocab");
    c.dim = integer("arch.dim");
    c.layers = integer("arch.layers");
    c.heads = integer("arch.heads");
    c.mlpRatio = integer("arch.mlp_ratio");
    c.maxSeq = integer("arch.max_seq");
    try {
        c.ropeBase = std::stof(field("arch.rope_base"));
    } catch (const std::exception&) {
        throw util::Error("model metadata 'arch.rope_base' is not a number");
    }
    c.validate(maxParameters);
    return c;
}

std::uint64_t TransformerConfig::parameterCount() const {
    const std::uint64_t d = std::uint64_t(dim), v = std::uint64_t(vocab),
                        h = std::uint64_t(mlpRatio) * d;
    const std::uint64_t perLayer = 2 * d               // ln1
                                   + 3 * d * d + 3 * d // qkv
                                   + d * d + d         // out
                                   + 2 * d             // ln2
                                   + d * h + h         // fc1
                                   + h * d + d;        // fc2
    return v * d + std::uint64_t(layers) * perLayer + 2 * d + d * v;
}

void TransformerConfig::validate(std::uint64_t maxParameters) const {
    auto in = [](int v, int lo, int hi, const char* what) {
        if (v < lo || v > hi)
            throw util::Error(std::string("transformer ") + what + " must be in [" +
                              std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                              std::to_string(v));
    };
    in(vocab, 2, 65536, "vocabulary");
    in(dim, 2, 8192, "width");
    in(layers, 1, 128, "depth");
    in(heads, 1, 256, "head count");
    in(mlpRatio, 1, 16, "MLP ratio");
    in(maxSeq, 1, 1 << 20, "maximum sequence length");
    if (dim % heads != 0 || (dim / heads) % 2 != 0)
        throw util::Error("transformer width " + std::to_string(dim) +
                          " must split into heads of an even size (heads " + std::to_string(heads) +
                          ")");
    if (!(ropeBase > 1.0f))
        throw util::Error("rotary base must be greater than 1");
    if (parameterCount() > maxParameters)
        throw util::LimitError("transformer with " + std::to_string(parameterCount()) +
                               " parameters exceeds the limit of " + std::to_string(maxParameters));
}

// [SECTION] model
// ----------------------------------------------------------------------------------

TransformerLM::TransformerLM(const TransformerConfig& config)
    : m_config(config), m_embed("embed", config.vocab, config.dim), m_lnFinal("ln_f", config.dim),
      m_head("head", config.dim, config.vocab, false) {
    config.validate();
    for (int l = 0; l < config.layers; ++l) {
        const std::string p = "blocks." + std::to_string(l);
        TransformerBlock b;
        b.ln1 = LayerNorm(p + ".ln1", config.dim);
        b.ln2 = LayerNorm(p + ".ln2", config.dim);
        b.attn = CausalSelfAttention(p + ".attn", config.dim, config.heads, config.ropeBase);
        b.attn.precomputeRotations(config.maxSeq); // step() is then read-only: thread-safe
        b.fc1 = Linear(p + ".mlp.fc1", config.dim, config.mlpRatio * config.dim);
        b.fc2 = Linear(p + ".mlp.fc2", config.mlpRatio * config.dim, config.dim);
        m_blocks.push_back(std::move(b));
    }
}

void TransformerLM::init(std::uint64_t seed) {
    util::Rng rng(seed);
    m_embed.init(rng);
    for (TransformerBlock& b : m_blocks) {
        b.attn.init(rng);
        b.fc1.init(rng);
        b.fc2.init(rng);
    }
    m_head.init(rng);
}

ParameterList TransformerLM::parameters() {
    ParameterList list;
    m_embed.collect(list);
    for (TransformerBlock& b : m_blocks) {
        b.ln1.collect(list);
        b.attn.collect(list);
        b.ln2.collect(list);
        b.fc1.collect(list);
        b.fc2.collect(list);
    }
    m_lnFinal.collect(list);
    m_head.collect(list);
    return list;
}

Matrix TransformerLM::forward(std::span<const int> tokens, int batch, int seq) {
    if (std::size_t(batch) * std::size_t(seq) != tokens.size())
        throw util::Error("transformer: token count does not match batch x seq");
    Matrix x = m_embed.forward(tokens);
    for (TransformerBlock& b : m_blocks) {
        x += b.attn.forward(b.ln1.forward(x), batch, seq);
        x += b.fc2.forward(b.gelu.forward(b.fc1.forward(b.ln2.forward(x))));
    }
    return m_head.forward(m_lnFinal.forward(x));
}

void TransformerLM::backward(const Matrix& dlogits) {
    Matrix dx = m_lnFinal.backward(m_head.backward(dlogits));
    for (auto it = m_blocks.rbegin(); it != m_blocks.rend(); ++it) {
        TransformerBlock& b = *it;
        dx += b.ln2.backward(b.fc1.backward(b.gelu.backward(b.fc2.backward(dx))));
        dx += b.ln1.backward(b.attn.backward(dx));
    }
    m_embed.backward(dx);
}

Matrix TransformerLM::step(std::span<const int> tokens, KvCache& cache) const {
    if (cache.length == 0) {
        cache.batch = int(tokens.size());
        cache.layers.assign(m_blocks.size(), KvCacheLayer{});
    }
    if (int(tokens.size()) != cache.batch)
        throw util::Error("transformer: one token per sequence of the cache is needed");
    if (cache.length >= m_config.maxSeq)
        throw util::LimitError("transformer: sequence longer than the model's maximum of " +
                               std::to_string(m_config.maxSeq));
    Matrix x = m_embed.apply(tokens);
    for (std::size_t l = 0; l < m_blocks.size(); ++l) {
        const TransformerBlock& b = m_blocks[l];
        x += b.attn.step(b.ln1.apply(x), cache.length, cache.layers[l], m_config.maxSeq);
        x += b.fc2.apply(Gelu::apply(b.fc1.apply(b.ln2.apply(x))));
    }
    ++cache.length;
    return m_head.apply(m_lnFinal.apply(x));
}

} // namespace algoscope::nn
