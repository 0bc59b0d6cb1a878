// One kernel of LifeGPT's greedy decoding step on the GPU (core/gpu/GpuLifeGpt.cpp), chosen by
// the OP define; the CPU twin is nn::TransformerLM::step and LifeGptModel::predict. Every
// sequence of the batch is at the same position u_pos. Weights live in one buffer (binding 0)
// at the float offsets passed as uniforms; activations are [batch, width] row-major.
//   OP 0 embed      x[b, c] = E[token[b], c]
//   OP 1 layernorm  y = (x - mean) / sqrt(var + 1e-5) * gamma + beta, one workgroup per row
//   OP 2 linear     y[b, o] (+)= bias[o] + sum_i x[b, i] W[o, i], optional GELU (tanh form)
//   OP 3 attention  one workgroup per (sequence, head): rotate q and k (RoPE tables from the
//                   CPU), append k and v to the cache, softmax over positions 0..u_pos, P V
//   OP 4 select     next token: the prompt's while in the prompt, else the likelier cell token
//                   (its softmax probability over the vocabulary is the confidence)
#ifndef LOCAL_SIZE
#define LOCAL_SIZE 64
#endif

layout(local_size_x = LOCAL_SIZE) in;

#include "gpu_index.glsl"

layout(std430, binding = 0) readonly buffer Weights {
    float w[];
};
layout(std430, binding = 1) readonly buffer In {
    float xin[];
};
layout(std430, binding = 2) buffer Out {
    float y[];
};
layout(std430, binding = 3) buffer Tokens {
    int token[];
};

uniform int u_batch;
uniform int u_in;  // input width
uniform int u_out; // output width

#if OP == 0
uniform uint u_embed; // offset of E [vocab, width]
void main() {
    const uint i = linearInvocationIndex();
    if (i >= uint(u_batch * u_out))
        return;
    const uint b = i / uint(u_out), c = i % uint(u_out);
    y[i] = w[u_embed + uint(token[b]) * uint(u_out) + c];
}

#elif OP == 1
uniform uint u_gamma, u_beta;
shared float s_sum[LOCAL_SIZE];
shared float s_sq[LOCAL_SIZE];
void main() {
    const uint b = linearGroupIndex();
    if (b >= uint(u_batch))
        return;
    const uint t = gl_LocalInvocationID.x;
    const uint n = uint(u_in);
    float sum = 0.0;
    for (uint c = t; c < n; c += LOCAL_SIZE)
        sum += xin[b * n + c];
    s_sum[t] = sum;
    barrier();
    for (uint s = LOCAL_SIZE / 2; s > 0; s >>= 1) {
        if (t < s)
            s_sum[t] += s_sum[t + s];
        barrier();
    }
    const float mean = s_sum[0] / float(n);
    float sq = 0.0;
    for (uint c = t; c < n; c += LOCAL_SIZE) {
        const float d = xin[b * n + c] - mean;
        sq += d * d;
    }
    s_sq[t] = sq;
    barrier();
    for (uint s = LOCAL_SIZE / 2; s > 0; s >>= 1) {
        if (t < s)
            s_sq[t] += s_sq[t + s];
        barrier();
    }
    const float rstd = inversesqrt(s_sq[0] / float(n) + 1e-5);
    for (uint c = t; c < n; c += LOCAL_SIZE)
        y[b * n + c] = (xin[b * n + c] - mean) * rstd * w[u_gamma + c] + w[u_beta + c];
}

#elif OP == 2
uniform uint u_weight;  // W [out, in]
uniform int u_bias;     // offset of the bias, or -1
uniform int u_accumulate;
uniform int u_gelu;
void main() {
    const uint i = linearInvocationIndex();
    if (i >= uint(u_batch * u_out))
        return;
    const uint b = i / uint(u_out), o = i % uint(u_out);
    const uint n = uint(u_in);
    float acc = u_bias >= 0 ? w[uint(u_bias) + o] : 0.0;
    const uint wr = u_weight + o * n, xr = b * n;
    for (uint k = 0; k < n; ++k)
        acc += xin[xr + k] * w[wr + k];
    if (u_gelu != 0) {
        const float inner = 0.7978845608028654 * (acc + 0.044715 * acc * acc * acc);
        acc = 0.5 * acc * (1.0 + tanh(inner));
    }
    if (u_accumulate != 0)
        acc += y[i];
    y[i] = acc;
}

#elif OP == 3
// xin = qkv [batch, 3 * width]; y = attention output [batch, width].
layout(std430, binding = 4) coherent buffer KCache {
    float kc[]; // [batch, capacity, width]
};
layout(std430, binding = 5) coherent buffer VCache {
    float vc[];
};
layout(std430, binding = 6) readonly buffer Rope {
    float rope[]; // [capacity, headDim / 2, 2]: cos, sin
};
uniform int u_heads;
uniform int u_pos;
uniform int u_capacity;
shared float s_q[HEAD_DIM];
shared float s_p[MAX_SEQ];
shared float s_red[LOCAL_SIZE];
void main() {
    const uint g = linearGroupIndex();
    if (g >= uint(u_batch * u_heads))
        return;
    const uint b = g / uint(u_heads), h = g % uint(u_heads);
    const uint t = gl_LocalInvocationID.x;
    const uint width = uint(u_in), hd = HEAD_DIM, half_ = HEAD_DIM / 2;
    const uint row = b * 3u * width, c0 = h * hd;
    const uint pos = uint(u_pos);
    const uint cacheRow = (b * uint(u_capacity) + pos) * width;
    // Rotate q (into shared memory) and k (into the cache); copy v.
    for (uint i = t; i < half_; i += LOCAL_SIZE) {
        const float c = rope[(pos * half_ + i) * 2u], s = rope[(pos * half_ + i) * 2u + 1u];
        const float qa = xin[row + c0 + 2u * i], qb = xin[row + c0 + 2u * i + 1u];
        s_q[2u * i] = qa * c - qb * s;
        s_q[2u * i + 1u] = qa * s + qb * c;
        const float ka = xin[row + width + c0 + 2u * i], kb = xin[row + width + c0 + 2u * i + 1u];
        kc[cacheRow + c0 + 2u * i] = ka * c - kb * s;
        kc[cacheRow + c0 + 2u * i + 1u] = ka * s + kb * c;
    }
    for (uint i = t; i < hd; i += LOCAL_SIZE)
        vc[cacheRow + c0 + i] = xin[row + 2u * width + c0 + i];
    memoryBarrierBuffer();
    memoryBarrierShared();
    barrier();
    const float scale = inversesqrt(float(hd));
    float mx = -3.4e38;
    for (uint j = t; j <= pos; j += LOCAL_SIZE) {
        const uint kr = (b * uint(u_capacity) + j) * width + c0;
        float s = 0.0;
        for (uint i = 0; i < hd; ++i)
            s += s_q[i] * kc[kr + i];
        s *= scale;
        s_p[j] = s;
        mx = max(mx, s);
    }
    s_red[t] = mx;
    barrier();
    for (uint s = LOCAL_SIZE / 2; s > 0; s >>= 1) {
        if (t < s)
            s_red[t] = max(s_red[t], s_red[t + s]);
        barrier();
    }
    mx = s_red[0];
    barrier();
    float sum = 0.0;
    for (uint j = t; j <= pos; j += LOCAL_SIZE) {
        const float e = exp(s_p[j] - mx);
        s_p[j] = e;
        sum += e;
    }
    s_red[t] = sum;
    barrier();
    for (uint s = LOCAL_SIZE / 2; s > 0; s >>= 1) {
        if (t < s)
            s_red[t] += s_red[t + s];
        barrier();
    }
    const float inv = 1.0 / s_red[0];
    for (uint i = t; i < hd; i += LOCAL_SIZE) {
        float acc = 0.0;
        for (uint j = 0; j <= pos; ++j)
            acc += s_p[j] * vc[(b * uint(u_capacity) + j) * width + c0 + i];
        y[b * width + c0 + i] = acc * inv;
    }
}

#elif OP == 4
// xin = logits [batch, vocab]; y = confidence [batch, cells].
layout(std430, binding = 4) readonly buffer Prompts {
    int prompt[]; // [batch, promptLength]
};
layout(std430, binding = 5) buffer Result {
    int result[]; // [batch, cells] chosen cell tokens; result[batch * cells] = non-finite flag
};
uniform int u_pos;          // the position just computed
uniform int u_promptLength; // start, cells, separator
uniform int u_cells;
void main() {
    const uint b = linearInvocationIndex();
    if (b >= uint(u_batch))
        return;
    const int next = u_pos + 1;
    if (next < u_promptLength) {
        token[b] = prompt[b * uint(u_promptLength) + uint(next)];
        return;
    }
    const uint v = uint(u_in);
    float mx = -3.4e38;
    bool finite = true;
    for (uint k = 0; k < v; ++k) {
        const float l = xin[b * v + k];
        finite = finite && !isnan(l) && !isinf(l);
        mx = max(mx, l);
    }
    if (!finite)
        result[uint(u_batch) * uint(u_cells)] = 1;
    float sum = 0.0;
    for (uint k = 0; k < v; ++k)
        sum += exp(xin[b * v + k] - mx);
    const int chosen = xin[b * v + 1u] > xin[b * v] ? 1 : 0; // Alive = 1, Dead = 0
    const uint cell = uint(next - u_promptLength);
    result[b * uint(u_cells) + cell] = chosen;
    y[b * uint(u_cells) + cell] = exp(xin[b * v + uint(chosen)] - mx) / sum;
    token[b] = chosen;
}
#endif
