#pragma once
// LifeGPT's greedy next-board prediction on the GPU (OpenGL 4.3 compute,
// shaders/lifegpt_step.comp): the same decoding as LifeGptModel::predict at temperature 0 (the CPU
// twin and reference, compared in tests/gpu/TestGpuLifeGpt.cpp): the prompt is fed token by token
// into a KV cache, then the N*N cells are generated one at a time, every sequence of a batch at the
// same position. The whole decode runs without read-backs (embedding, layer norms, the linear
// layers, RoPE attention over the cache, and the choice of the next token are kernels); the boards
// and confidences are downloaded once at the end.
//
// Weights are uploaded once, in the constructor. Needs a current OpenGL 4.3 context for its
// whole life; throws util::LimitError when a buffer or the attention's shared memory would
// exceed this driver's limits (the CPU path then serves).
#include "gpu/Buffer.h"
#include "gpu/ShaderProgram.h"
#include "lifegpt/LifeGpt.h"
#include "util/TaskContext.h"

#include <array>
#include <vector>

namespace algoscope::gpu {

class GpuLifeGpt {
public:
    explicit GpuLifeGpt(const lifegpt::LifeGptModel& model);
    ~GpuLifeGpt();

    int grid() const { return m_grid; }
    /// Greedy prediction of each board's successor (boards must be grid x grid; util::Error
    /// otherwise). Boards run in batches of up to maxBatch. gpuMilliseconds, when given,
    /// receives the kernels' time (GpuTimer) summed over batches.
    std::vector<lifegpt::LifeGptModel::Prediction> predict(const std::vector<life::Board>& boards,
                                                           const util::TaskContext& ctx = {},
                                                           double* gpuMilliseconds = nullptr);

    static constexpr int kMaxBatch = 64;

private:
    struct LayerOffsets {
        std::uint32_t ln1g, ln1b, qkvW, qkvB, outW, outB, ln2g, ln2b, fc1W, fc1B, fc2W, fc2B;
    };
    void linear(const Buffer& in, Buffer& out, int batch, int inWidth, int outWidth,
                std::uint32_t weight, int bias, bool accumulate, bool gelu);
    void layerNorm(const Buffer& in, Buffer& out, int batch, std::uint32_t gamma,
                   std::uint32_t beta);

    int m_grid = 0;
    nn::TransformerConfig m_config;
    int m_capacity = 0; // positions a sequence needs (prompt + cells)
    std::vector<LayerOffsets> m_layers;
    std::uint32_t m_embed = 0, m_lnfG = 0, m_lnfB = 0, m_head = 0;
    Buffer m_weights, m_rope;
    std::array<ShaderProgram, 5> m_programs;
};

} // namespace algoscope::gpu
