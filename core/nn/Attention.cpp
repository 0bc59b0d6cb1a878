#include "nn/Attention.h"

#include "util/Error.h"

#include <cmath>
#include <limits>

namespace algoscope::nn {

CausalSelfAttention::CausalSelfAttention(const std::string& name, int dim, int heads,
                                         float ropeBase)
    : qkv(name + ".qkv", dim, 3 * dim), out(name + ".out", dim, dim), m_dim(dim), m_heads(heads),
      m_headDim(heads > 0 ? dim / heads : 0), m_ropeBase(ropeBase) {
    if (heads <= 0 || dim % heads != 0 || m_headDim % 2 != 0)
        throw util::Error("attention: dim " + std::to_string(dim) +
                          " must split into heads of an even size (heads " + std::to_string(heads) +
                          ")");
}

void CausalSelfAttention::init(util::Rng& rng) {
    qkv.init(rng);
    out.init(rng);
}

void CausalSelfAttention::ensureTables(int positions) const {
    if (m_cos.rows() >= positions)
        return;
    const int half = m_headDim / 2;
    m_cos.resize(positions, half);
    m_sin.resize(positions, half);
    for (int t = 0; t < positions; ++t)
        for (int i = 0; i < half; ++i) {
            const double theta = std::pow(double(m_ropeBase), -2.0 * i / double(m_headDim));
            m_cos(t, i) = float(std::cos(t * theta));
            m_sin(t, i) = float(std::sin(t * theta));
        }
}

void CausalSelfAttention::rotate(Eigen::Ref<Matrix> block, int firstPos, float sign) const {
    const int half = m_headDim / 2;
    for (Eigen::Index r = 0; r < block.rows(); ++r) {
        const int t = firstPos + int(r);
        for (int i = 0; i < half; ++i) {
            const float c = m_cos(t, i), s = sign * m_sin(t, i);
            const float a = block(r, 2 * i), b = block(r, 2 * i + 1);
            block(r, 2 * i) = a * c - b * s;
            block(r, 2 * i + 1) = a * s + b * c;
        }
    }
}

Matrix CausalSelfAttention::forward(const Matrix& x, int batch, int seq) {
    if (x.rows() != Eigen::Index(batch) * seq || x.cols() != m_dim)
        throw util::Error("attention: input shape does not match batch x seq x dim");
    m_batch = batch;
    m_seq = seq;
    ensureTables(seq);
    const Matrix proj = qkv.forward(x);
    m_q = proj.leftCols(m_dim);
    m_k = proj.middleCols(m_dim, m_dim);
    m_v = proj.rightCols(m_dim);
    m_probs.assign(std::size_t(batch * m_heads), Matrix());
    Matrix attn(x.rows(), m_dim);
    const float scale = 1.0f / std::sqrt(float(m_headDim));
#pragma omp parallel for schedule(dynamic)
    for (int bh = 0; bh < batch * m_heads; ++bh) {
        const int b = bh / m_heads, h = bh % m_heads;
        auto q = m_q.block(Eigen::Index(b) * seq, h * m_headDim, seq, m_headDim);
        auto k = m_k.block(Eigen::Index(b) * seq, h * m_headDim, seq, m_headDim);
        rotate(q, 0, 1.0f);
        rotate(k, 0, 1.0f);
        Matrix s(seq, seq);
        s.noalias() = (q * k.transpose()) * scale;
        // Causal softmax per row over keys 0..i (Eigen's vectorised exp).
        for (int i = 0; i < seq; ++i) {
            auto row = s.row(i).head(i + 1);
            const float mx = row.maxCoeff();
            row = (row.array() - mx).exp().matrix();
            row /= row.sum();
            s.row(i).tail(seq - i - 1).setZero();
        }
        attn.block(Eigen::Index(b) * seq, h * m_headDim, seq, m_headDim).noalias() =
            s * m_v.block(Eigen::Index(b) * seq, h * m_headDim, seq, m_headDim);
        m_probs[std::size_t(bh)] = std::move(s);
    }
    return out.forward(attn);
}

Matrix CausalSelfAttention::backward(const Matrix& dy) {
    const Matrix dattn = out.backward(dy);
    const int seq = m_seq;
    Matrix dproj(dattn.rows(), 3 * m_dim);
    const float scale = 1.0f / std::sqrt(float(m_headDim));
#pragma omp parallel for schedule(dynamic)
    for (int bh = 0; bh < m_batch * m_heads; ++bh) {
        const int b = bh / m_heads, h = bh % m_heads;
        const Eigen::Index r0 = Eigen::Index(b) * seq, c0 = h * m_headDim;
        const Matrix& p = m_probs[std::size_t(bh)];
        const auto dO = dattn.block(r0, c0, seq, m_headDim);
        const auto q = m_q.block(r0, c0, seq, m_headDim);
        const auto k = m_k.block(r0, c0, seq, m_headDim);
        const auto v = m_v.block(r0, c0, seq, m_headDim);
        // O = P V: dP = dO V^T, dV = P^T dO. Softmax: dS = P .* (dP - rowsum(dP .* P)).
        Matrix dp(seq, seq);
        dp.noalias() = dO * v.transpose();
        dproj.block(r0, 2 * m_dim + c0, seq, m_headDim).noalias() = p.transpose() * dO;
        Matrix ds = p.cwiseProduct(dp);
        const Eigen::VectorXf rowDot = ds.rowwise().sum();
        ds = (p.array() * (dp.array().colwise() - rowDot.array())).matrix() * scale;
        auto dq = dproj.block(r0, c0, seq, m_headDim);
        auto dk = dproj.block(r0, m_dim + c0, seq, m_headDim);
        dq.noalias() = ds * k;
        dk.noalias() = ds.transpose() * q;
        // The rotation is orthogonal: its gradient is the inverse rotation.
        rotate(dq, 0, -1.0f);
        rotate(dk, 0, -1.0f);
    }
    return qkv.backward(dproj);
}

Matrix CausalSelfAttention::step(const Matrix& x, int pos, KvCacheLayer& cache,
                                 int capacity) const {
    const int batch = int(x.rows());
    if (pos >= capacity)
        throw util::Error("attention: position beyond the cache capacity");
    ensureTables(capacity);
    if (int(cache.keys.size()) != batch) {
        cache.keys.assign(std::size_t(batch), Matrix::Zero(capacity, m_dim));
        cache.values.assign(std::size_t(batch), Matrix::Zero(capacity, m_dim));
    }
    Matrix proj = qkv.apply(x);
    Matrix attn(batch, m_dim);
    const float scale = 1.0f / std::sqrt(float(m_headDim));
    // No OpenMP here: a parallel region per generated token costs more than the work it splits
    // (batched decoding ran 2x slower per board than one board, and far slower on a busy
    // machine). LifeGptModel::predict splits whole boards across threads instead.
    for (int b = 0; b < batch; ++b) {
        Matrix& keys = cache.keys[std::size_t(b)];
        Matrix& values = cache.values[std::size_t(b)];
        keys.row(pos) = proj.block(b, m_dim, 1, m_dim);
        values.row(pos) = proj.block(b, 2 * m_dim, 1, m_dim);
        for (int h = 0; h < m_heads; ++h) {
            Matrix q = proj.block(b, h * m_headDim, 1, m_headDim);
            rotate(q, pos, 1.0f);
            rotate(keys.block(pos, h * m_headDim, 1, m_headDim), pos, 1.0f);
            const auto k = keys.block(0, h * m_headDim, pos + 1, m_headDim);
            Eigen::RowVectorXf s = (q * k.transpose()) * scale;
            const float mx = s.maxCoeff();
            s = (s.array() - mx).exp();
            s /= s.sum();
            attn.block(b, h * m_headDim, 1, m_headDim).noalias() =
                s * values.block(0, h * m_headDim, pos + 1, m_headDim);
        }
    }
    return out.apply(attn);
}

void CausalSelfAttention::collect(ParameterList& list) {
    qkv.collect(list);
    out.collect(list);
}

} // namespace algoscope::nn
