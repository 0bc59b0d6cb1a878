#pragma once
// Multi-head causal self-attention with rotary position encoding (RoPE: Su et al., "RoFormer",
// 2021, eq. 34): for position t and pair i of a head's channels (2i, 2i+1), the query and key
// are rotated by the angle t * base^(-2i/head_dim). Scores depend only on relative positions, and
// the model has no absolute position embedding (as LifeGPT). Scale 1/sqrt(head_dim).
// Layout: qkv = x W_qkv^T gives [q | k | v], each [rows, dim] with heads side by side (head h
// owns channels h*hd .. h*hd+hd-1), as PyTorch's fused in-projection; out = attn W_out^T.
#include "nn/Layers.h"

#include <vector>

namespace algoscope::nn {

/// Keys and values of the positions generated so far, for one layer and a batch of sequences.
struct KvCacheLayer {
    std::vector<Matrix> keys;   // per sequence: [capacity, dim], rows 0..length-1 valid (rotated)
    std::vector<Matrix> values; // per sequence: [capacity, dim]
};

class CausalSelfAttention {
public:
    CausalSelfAttention() = default;
    CausalSelfAttention(const std::string& name, int dim, int heads, float ropeBase = 10000.0f);
    void init(util::Rng& rng);

    /// x: [batch*seq, dim], sequences stacked. Caches what backward needs, including the
    /// attention probabilities (see probabilities()).
    Matrix forward(const Matrix& x, int batch, int seq);
    Matrix backward(const Matrix& dy);
    /// One new position per sequence with cached keys/values: x [batch, dim] at position `pos`
    /// (the same for every sequence). Appends to cache. Returns [batch, dim].
    Matrix step(const Matrix& x, int pos, KvCacheLayer& cache, int capacity) const;
    void collect(ParameterList& out);
    /// Computes the RoPE tables for positions 0..positions-1 now. step() and forward() only read
    /// them afterwards (up to that length), so several threads may then decode with one model.
    void precomputeRotations(int positions) { ensureTables(positions); }

    /// Attention probabilities of the last forward(): [seq, seq] for sequence b, head h
    /// (row = query position, column = key position; zero above the diagonal).
    const Matrix& probabilities(int b, int h) const {
        return m_probs[std::size_t(b * m_heads + h)];
    }
    int heads() const { return m_heads; }
    int dim() const { return m_dim; }

    Linear qkv;
    Linear out;

private:
    /// Rotates the pairs of columns of one head's block in place; sign -1 applies the inverse.
    void rotate(Eigen::Ref<Matrix> block, int firstPos, float sign) const;
    void ensureTables(int positions) const;

    int m_dim = 0, m_heads = 0, m_headDim = 0;
    float m_ropeBase = 10000.0f;
    int m_batch = 0, m_seq = 0;
    Matrix m_q, m_k, m_v;        // rotated q, k and v: [batch*seq, dim]
    std::vector<Matrix> m_probs; // [batch*heads] of [seq, seq]
    mutable Matrix m_cos, m_sin; // [positions, headDim/2]
};

} // namespace algoscope::nn
