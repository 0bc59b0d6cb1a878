#pragma once
// A decoder-only transformer language model (GPT-2's pre-norm block: x + attn(ln1(x)), then
// x + mlp(ln2(x)), final layer norm, linear head), with rotary positions and no absolute position
// embedding, as LifeGPT (Berkovich & Buehler). Forward and backward for training with teacher
// forcing; step() for generation with a KV cache.
#include "nn/Attention.h"
#include "nn/Layers.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace algoscope::nn {

struct TransformerConfig {
    int vocab = 4;
    int dim = 64;
    int layers = 2;
    int heads = 4;
    int mlpRatio = 4;
    int maxSeq = 256; // longest sequence step() can generate
    float ropeBase = 10000.0f;

    /// As safetensors metadata ("arch.dim" = "64", ...) and back; fromMetadata throws util::Error
    /// naming a missing or invalid field.
    std::map<std::string, std::string> toMetadata() const;
    static TransformerConfig fromMetadata(const std::map<std::string, std::string>& meta,
                                          std::uint64_t maxParameters = kMaxParameters);
    /// Throws util::Error for a configuration that cannot be built (sizes, divisibility), and
    /// util::LimitError for more than maxParameters parameters (checked before any allocation,
    /// so a corrupt or hostile model file cannot ask for terabytes).
    void validate(std::uint64_t maxParameters = kMaxParameters) const;
    /// Exact number of trainable scalars of this architecture.
    std::uint64_t parameterCount() const;
    static constexpr std::uint64_t kMaxParameters = std::uint64_t(1) << 28; // 1 GiB of floats
};

struct TransformerBlock {
    LayerNorm ln1, ln2;
    CausalSelfAttention attn;
    Linear fc1, fc2;
    Gelu gelu;
};

/// Keys and values of every layer, for a batch of sequences being generated.
struct KvCache {
    std::vector<KvCacheLayer> layers;
    int length = 0; // positions filled
    int batch = 0;
};

class TransformerLM {
public:
    explicit TransformerLM(const TransformerConfig& config);
    void init(std::uint64_t seed);

    const TransformerConfig& config() const { return m_config; }
    ParameterList parameters();

    /// tokens: batch sequences of length seq, stacked. Returns logits [batch*seq, vocab].
    Matrix forward(std::span<const int> tokens, int batch, int seq);
    /// Gradient of the loss with respect to the logits of the last forward().
    void backward(const Matrix& dlogits);

    /// Generation: feed one token per sequence (tokens.size() == cache.batch, or starts a new
    /// cache of that batch when cache.length == 0) and get the next-token logits [batch, vocab].
    Matrix step(std::span<const int> tokens, KvCache& cache) const;

    /// Attention probabilities of the last forward(): layer, sequence, head -> [seq, seq].
    const Matrix& attention(int layer, int b, int head) const {
        return m_blocks[std::size_t(layer)].attn.probabilities(b, head);
    }

private:
    TransformerConfig m_config;
    Embedding m_embed;
    std::vector<TransformerBlock> m_blocks;
    LayerNorm m_lnFinal;
    Linear m_head;
};

} // namespace algoscope::nn
