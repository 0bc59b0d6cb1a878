#include "gpu/GpuLifeGpt.h"

#include "gpu/Dispatch.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuTimer.h"
#include "util/Error.h"

#include <cmath>
#include <map>
#include <string>

namespace algoscope::gpu {

namespace {
constexpr std::uint32_t kLocal = 64;
enum Op { Embed = 0, Norm = 1, LinearOp = 2, Attention = 3, Select = 4 };
} // namespace

GpuLifeGpt::GpuLifeGpt(const lifegpt::LifeGptModel& model)
    : m_grid(model.grid()), m_config(model.net().config()) {
    const int cells = m_grid * m_grid;
    m_capacity = 2 * cells + 2; // prompt (cells + 2) and the generated cells
    const int headDim = m_config.dim / m_config.heads;
    const std::int64_t shared = std::int64_t(m_capacity + headDim + kLocal) * 4;
    if (shared > GpuCaps::probe().maxSharedMemoryBytes())
        throw util::LimitError("gpu LifeGPT: a " + std::to_string(m_grid) + "x" +
                               std::to_string(m_grid) + " board's attention needs " +
                               std::to_string(shared) +
                               " bytes of shared memory, more than this driver's "
                               "GL_MAX_COMPUTE_SHARED_MEMORY_SIZE; use the CPU");
    // All parameters in one buffer, at recorded float offsets.
    nn::ParameterList params = const_cast<nn::TransformerLM&>(model.net()).parameters();
    std::map<std::string, const nn::Matrix*> byName;
    std::size_t total = 0;
    for (const nn::Parameter* p : params) {
        byName[p->name] = &p->value;
        total += std::size_t(p->value.size());
    }
    std::vector<float> packed;
    packed.reserve(total);
    auto place = [&](const std::string& name) {
        auto it = byName.find(name);
        if (it == byName.end())
            throw util::Error("gpu LifeGPT: the model has no parameter '" + name + "'");
        const std::uint32_t at = std::uint32_t(packed.size());
        packed.insert(packed.end(), it->second->data(), it->second->data() + it->second->size());
        return at;
    };
    m_embed = place("embed.weight");
    for (int l = 0; l < m_config.layers; ++l) {
        const std::string p = "blocks." + std::to_string(l);
        LayerOffsets o{};
        o.ln1g = place(p + ".ln1.weight");
        o.ln1b = place(p + ".ln1.bias");
        o.qkvW = place(p + ".attn.qkv.weight");
        o.qkvB = place(p + ".attn.qkv.bias");
        o.outW = place(p + ".attn.out.weight");
        o.outB = place(p + ".attn.out.bias");
        o.ln2g = place(p + ".ln2.weight");
        o.ln2b = place(p + ".ln2.bias");
        o.fc1W = place(p + ".mlp.fc1.weight");
        o.fc1B = place(p + ".mlp.fc1.bias");
        o.fc2W = place(p + ".mlp.fc2.weight");
        o.fc2B = place(p + ".mlp.fc2.bias");
        m_layers.push_back(o);
    }
    m_lnfG = place("ln_f.weight");
    m_lnfB = place("ln_f.bias");
    m_head = place("head.weight");
    if (packed.size() * sizeof(float) > Buffer::maxBindableBytes())
        throw util::LimitError("gpu LifeGPT: the weights exceed one shader storage binding");
    m_weights = Buffer::fromSpan(std::span<const float>(packed));
    // RoPE tables exactly as the CPU's (double precision, rounded once).
    const int half = headDim / 2;
    std::vector<float> rope(std::size_t(m_capacity) * std::size_t(half) * 2);
    for (int t = 0; t < m_capacity; ++t)
        for (int i = 0; i < half; ++i) {
            const double theta = std::pow(double(m_config.ropeBase), -2.0 * i / double(headDim));
            rope[(std::size_t(t) * half + i) * 2] = float(std::cos(t * theta));
            rope[(std::size_t(t) * half + i) * 2 + 1] = float(std::sin(t * theta));
        }
    m_rope = Buffer::fromSpan(std::span<const float>(rope));
    for (int op = 0; op < 5; ++op)
        m_programs[std::size_t(op)] = ShaderProgram::fromResource(
            "shaders/lifegpt_step.comp", {{"OP", std::to_string(op)},
                                          {"LOCAL_SIZE", std::to_string(kLocal)},
                                          {"HEAD_DIM", std::to_string(headDim)},
                                          {"MAX_SEQ", std::to_string(m_capacity)}});
}

GpuLifeGpt::~GpuLifeGpt() = default;

void GpuLifeGpt::linear(const Buffer& in, Buffer& out, int batch, int inWidth, int outWidth,
                        std::uint32_t weight, int bias, bool accumulate, bool gelu) {
    const ShaderProgram& p = m_programs[LinearOp];
    in.bindBase(1);
    out.bindBase(2);
    p.setUniform("u_batch", std::int32_t(batch));
    p.setUniform("u_in", std::int32_t(inWidth));
    p.setUniform("u_out", std::int32_t(outWidth));
    p.setUniform("u_weight", weight);
    p.setUniform("u_bias", std::int32_t(bias));
    p.setUniform("u_accumulate", std::int32_t(accumulate ? 1 : 0));
    p.setUniform("u_gelu", std::int32_t(gelu ? 1 : 0));
    dispatch1D(p, std::uint64_t(batch) * std::uint64_t(outWidth), kLocal);
}

void GpuLifeGpt::layerNorm(const Buffer& in, Buffer& out, int batch, std::uint32_t gamma,
                           std::uint32_t beta) {
    const ShaderProgram& p = m_programs[Norm];
    in.bindBase(1);
    out.bindBase(2);
    p.setUniform("u_batch", std::int32_t(batch));
    p.setUniform("u_in", std::int32_t(m_config.dim));
    p.setUniform("u_gamma", gamma);
    p.setUniform("u_beta", beta);
    dispatch1D(p, std::uint64_t(batch) * kLocal, kLocal); // one workgroup per row
}

std::vector<lifegpt::LifeGptModel::Prediction>
GpuLifeGpt::predict(const std::vector<life::Board>& boards, const util::TaskContext& ctx,
                    double* gpuMilliseconds) {
    for (const life::Board& b : boards)
        if (b.width() != std::uint32_t(m_grid) || b.height() != std::uint32_t(m_grid))
            throw util::Error("the board is " + std::to_string(b.width()) + "x" +
                              std::to_string(b.height()) + " but the model predicts " +
                              std::to_string(m_grid) + "x" + std::to_string(m_grid) + " boards");
    const int cells = m_grid * m_grid;
    const int promptLength = cells + 2;
    const int D = m_config.dim, V = m_config.vocab, H = m_config.mlpRatio * D;
    std::vector<lifegpt::LifeGptModel::Prediction> out(boards.size());
    double ms = 0;
    for (std::size_t first = 0; first < boards.size(); first += kMaxBatch) {
        const int B = int(std::min<std::size_t>(kMaxBatch, boards.size() - first));
        const std::size_t cacheFloats = std::size_t(B) * m_capacity * D;
        if (cacheFloats * sizeof(float) > Buffer::maxBindableBytes())
            throw util::LimitError("gpu LifeGPT: the KV cache exceeds one shader storage binding");
        std::vector<std::int32_t> prompts;
        prompts.reserve(std::size_t(B) * promptLength);
        for (int i = 0; i < B; ++i) {
            const std::vector<int> p = lifegpt::encodePrompt(boards[first + std::size_t(i)]);
            prompts.insert(prompts.end(), p.begin(), p.end());
        }
        std::vector<std::int32_t> firstTokens(static_cast<std::size_t>(B));
        for (int i = 0; i < B; ++i)
            firstTokens[std::size_t(i)] = prompts[std::size_t(i) * promptLength];
        Buffer tokens = Buffer::fromSpan(std::span<const std::int32_t>(firstTokens));
        Buffer promptBuf = Buffer::fromSpan(std::span<const std::int32_t>(prompts));
        std::vector<std::int32_t> zeros(std::size_t(B) * cells + 1, 0);
        Buffer result = Buffer::fromSpan(std::span<const std::int32_t>(zeros));
        Buffer confidence(std::size_t(B) * cells * sizeof(float));
        Buffer x(std::size_t(B) * D * sizeof(float)), h(std::size_t(B) * D * sizeof(float));
        Buffer qkv(std::size_t(B) * 3 * D * sizeof(float)),
            attn(std::size_t(B) * D * sizeof(float));
        Buffer mlp(std::size_t(B) * H * sizeof(float)), logits(std::size_t(B) * V * sizeof(float));
        std::vector<Buffer> kc, vc;
        for (int l = 0; l < m_config.layers; ++l) {
            kc.emplace_back(cacheFloats * sizeof(float));
            vc.emplace_back(cacheFloats * sizeof(float));
        }
        m_weights.bindBase(0);
        tokens.bindBase(3);
        GpuTimer timer;
        timer.begin();
        const int steps = promptLength + cells - 1;
        for (int pos = 0; pos < steps; ++pos) {
            if (pos % 64 == 0)
                ctx.checkCancelled();
            {
                const ShaderProgram& p = m_programs[Embed];
                x.bindBase(2);
                p.setUniform("u_batch", std::int32_t(B));
                p.setUniform("u_out", std::int32_t(D));
                p.setUniform("u_embed", m_embed);
                dispatch1D(p, std::uint64_t(B) * D, kLocal);
            }
            for (int l = 0; l < m_config.layers; ++l) {
                const LayerOffsets& o = m_layers[std::size_t(l)];
                layerNorm(x, h, B, o.ln1g, o.ln1b);
                linear(h, qkv, B, D, 3 * D, o.qkvW, int(o.qkvB), false, false);
                {
                    const ShaderProgram& p = m_programs[Attention];
                    qkv.bindBase(1);
                    attn.bindBase(2);
                    kc[std::size_t(l)].bindBase(4);
                    vc[std::size_t(l)].bindBase(5);
                    m_rope.bindBase(6);
                    p.setUniform("u_batch", std::int32_t(B));
                    p.setUniform("u_in", std::int32_t(D));
                    p.setUniform("u_heads", std::int32_t(m_config.heads));
                    p.setUniform("u_pos", std::int32_t(pos));
                    p.setUniform("u_capacity", std::int32_t(m_capacity));
                    dispatch1D(p, std::uint64_t(B) * m_config.heads * kLocal, kLocal);
                }
                linear(attn, x, B, D, D, o.outW, int(o.outB), true, false);
                layerNorm(x, h, B, o.ln2g, o.ln2b);
                linear(h, mlp, B, D, H, o.fc1W, int(o.fc1B), false, true);
                linear(mlp, x, B, H, D, o.fc2W, int(o.fc2B), true, false);
            }
            layerNorm(x, h, B, m_lnfG, m_lnfB);
            linear(h, logits, B, D, V, m_head, -1, false, false);
            {
                const ShaderProgram& p = m_programs[Select];
                logits.bindBase(1);
                confidence.bindBase(2);
                promptBuf.bindBase(4);
                result.bindBase(5);
                p.setUniform("u_batch", std::int32_t(B));
                p.setUniform("u_in", std::int32_t(V));
                p.setUniform("u_pos", std::int32_t(pos));
                p.setUniform("u_promptLength", std::int32_t(promptLength));
                p.setUniform("u_cells", std::int32_t(cells));
                dispatch1D(p, std::uint64_t(B), kLocal);
            }
        }
        timer.end();
        ms += timer.resultMilliseconds();
        const std::vector<std::int32_t> chosen = result.download<std::int32_t>();
        const std::vector<float> conf = confidence.download<float>();
        if (chosen[std::size_t(B) * cells] != 0)
            throw util::Error(
                "the model produced non-finite outputs (corrupt or diverged weights)");
        for (int i = 0; i < B; ++i) {
            lifegpt::LifeGptModel::Prediction& p = out[first + std::size_t(i)];
            p.board = life::Board{std::uint64_t(m_grid), std::uint64_t(m_grid)};
            p.confidence.assign(conf.begin() + std::ptrdiff_t(i) * cells,
                                conf.begin() + std::ptrdiff_t(i + 1) * cells);
            for (int c = 0; c < cells; ++c)
                if (chosen[std::size_t(i) * cells + std::size_t(c)] == lifegpt::Alive)
                    p.board.set(std::uint32_t(c % m_grid), std::uint32_t(c / m_grid), true);
        }
        ctx.report(double(first + std::size_t(B)) / double(boards.size()));
    }
    if (gpuMilliseconds)
        *gpuMilliseconds = ms;
    return out;
}

} // namespace algoscope::gpu
