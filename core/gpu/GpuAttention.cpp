#include "gpu/GpuAttention.h"

#include "attention/NaIndex.h"
#include "gpu/Buffer.h"
#include "gpu/Dispatch.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuTimer.h"
#include "util/Error.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <cmath>

namespace algoscope::gpu {

using attention::Impl;

// Programs are built on first use (one per head_dim and tile span); building them throws
// util::Error without a current 4.3 context.
GpuAttention::GpuAttention() = default;

GpuAttention::~GpuAttention() = default;

ShaderProgram& GpuAttention::program(Impl impl, int headDim, int span) {
    const auto key = std::make_tuple(int(impl), headDim, span);
    auto it = m_programs.find(key);
    if (it != m_programs.end())
        return it->second;
    ShaderProgram p =
        impl == Impl::GpuNaive
            ? ShaderProgram::fromResource("shaders/na_naive.comp",
                                          {{"LOCAL_SIZE", std::to_string(kNaiveLocal)},
                                           {"HEAD_DIM", std::to_string(headDim)}})
            : ShaderProgram::fromResource("shaders/na_fused.comp",
                                          {{"TILE", std::to_string(kTile)},
                                           {"HEAD_DIM", std::to_string(headDim)},
                                           {"SPAN", std::to_string(span)}});
    return m_programs.emplace(key, std::move(p)).first->second;
}

attention::Tensor GpuAttention::forward(Impl impl, const attention::Tensor& q,
                                        const attention::Tensor& k, const attention::Tensor& v,
                                        const attention::NaOptions& options,
                                        const util::TaskContext& ctx, double* gpuMilliseconds) {
    if (!attention::isGpuImpl(impl))
        throw util::Error("GpuAttention runs gpu-naive and gpu-fused, not " +
                          std::string(attention::implName(impl)));
    if (options.wantScores)
        throw util::Error(std::string(attention::implName(impl)) +
                          " keeps no score tensor; ask naive, gemm or reference for the scores");
    const attention::NaShape s = attention::checkInputs(q, k, v, options);
    ctx.checkCancelled();
    // Pad to three axes (outer axes of length 1 and kernel 1), as the CPU kernels do.
    int L[3] = {1, 1, 1};
    attention::AxisParams p[3] = {{1, 1, 1, false}, {1, 1, 1, false}, {1, 1, 1, false}};
    const int off = 3 - int(s.sizes.size());
    for (std::size_t a = 0; a < s.sizes.size(); ++a) {
        L[off + int(a)] = s.sizes[a];
        p[off + int(a)] = options.params.axes[a];
    }
    const std::size_t bytes = q.data.size() * sizeof(float);
    if (bytes > Buffer::maxBindableBytes())
        throw util::LimitError("q, k and v of " + std::to_string(bytes >> 20) +
                               " MiB each exceed this driver's GL_MAX_SHADER_STORAGE_BLOCK_SIZE (" +
                               std::to_string(Buffer::maxBindableBytes() >> 20) +
                               " MiB); use a CPU implementation");
    // The widest key range of a fused tile (exact, from the monotone windows).
    int span = 1, segments = 1;
    if (impl == Impl::GpuFused) {
        segments = 0;
        for (int g = 0; g < p[2].dilation; ++g) {
            const int Lg = attention::groupLength(L[2], p[2].dilation, g);
            segments = std::max(segments, (Lg + kTile - 1) / kTile);
            for (int i0 = 0; i0 < Lg; i0 += kTile) {
                const int i1 = std::min(i0 + kTile, Lg);
                span = std::max(
                    span, attention::axisWindow(L[2], p[2], (i1 - 1) * p[2].dilation + g).end -
                              attention::axisWindow(L[2], p[2], i0 * p[2].dilation + g).start);
            }
        }
        const std::int64_t shared = 2LL * span * s.headDim * 4;
        const std::int64_t limit = GpuCaps::probe().maxSharedMemoryBytes();
        if (shared > limit)
            throw util::LimitError("gpu-fused: a tile's keys and values need " +
                                   std::to_string(shared) +
                                   " bytes of shared memory, more than this driver's "
                                   "GL_MAX_COMPUTE_SHARED_MEMORY_SIZE (" +
                                   std::to_string(limit) + "); use gpu-naive");
    }
    ShaderProgram& prog = program(impl, s.headDim, span);
    Buffer bq = Buffer::fromSpan(std::span<const float>(q.data));
    Buffer bk = Buffer::fromSpan(std::span<const float>(k.data));
    Buffer bv = Buffer::fromSpan(std::span<const float>(v.data));
    const float zero = 0.0f;
    Buffer bb = options.rpb ? Buffer::fromSpan(std::span<const float>(options.rpb->data))
                            : Buffer::fromSpan(std::span<const float>(&zero, 1));
    Buffer bo(bytes);
    bq.bindBase(0);
    bk.bindBase(1);
    bv.bindBase(2);
    bb.bindBase(3);
    bo.bindBase(4);
    for (int a = 0; a < 3; ++a) {
        const std::string i = "[" + std::to_string(a) + "]";
        prog.setUniform(("u_L" + i).c_str(), std::int32_t(L[a]));
        prog.setUniform(("u_k" + i).c_str(), std::int32_t(p[a].kernel));
        prog.setUniform(("u_d" + i).c_str(), std::int32_t(p[a].dilation));
        prog.setUniform(("u_s" + i).c_str(), std::int32_t(p[a].stride));
        prog.setUniform(("u_causal" + i).c_str(), std::int32_t(p[a].causal ? 1 : 0));
    }
    const float scale = options.scale ? *options.scale : 1.0f / std::sqrt(float(s.headDim));
    prog.setUniform("u_heads", std::int32_t(s.heads));
    prog.setUniform("u_scale", scale);
    prog.setUniform("u_hasBias", std::int32_t(options.rpb ? 1 : 0));
    GpuTimer timer;
    timer.begin();
    if (impl == Impl::GpuNaive) {
        const std::uint64_t total = std::uint64_t(s.batch) * std::uint64_t(s.tokens()) * s.heads;
        prog.setUniform("u_total", std::uint32_t(total));
        dispatch1D(prog, total, kNaiveLocal);
    } else {
        prog.setUniform("u_segments", std::int32_t(segments));
        const std::uint64_t groupsX = std::uint64_t(segments) * p[2].dilation;
        const std::uint64_t groupsY = std::uint64_t(L[0]) * L[1] * s.batch * s.heads;
        dispatch2D(prog, groupsX * kTile, groupsY, {kTile, 1});
    }
    timer.end();
    const double ms = timer.resultMilliseconds();
    if (gpuMilliseconds)
        *gpuMilliseconds = ms;
    ctx.checkCancelled();
    attention::Tensor out;
    out.shape = q.shape;
    out.data = bo.download<float>(q.data.size());
    ctx.report(1.0, std::string(attention::implName(impl)));
    return out;
}

} // namespace algoscope::gpu
