#pragma once
// Neighbourhood attention forward on the GPU (OpenGL 4.3 compute): gpu-naive
// (shaders/na_naive.comp, one invocation per query and head, online softmax over its window)
// and gpu-fused (shaders/na_fused.comp, a workgroup per tile of 32 queries along the last axis
// sharing one key/value range loaded into shared memory per key row). NATTEN semantics from
// shaders/na_index.glsl, the twin of core/attention/NaIndex.h. CPU twins: forwardCpu(naive /
// fused), compared in tests/gpu/TestGpuAttention.cpp.
//
// Needs a current OpenGL 4.3 context for its whole life. Each array must fit one SSBO binding
// (GL_MAX_SHADER_STORAGE_BLOCK_SIZE, 128 MiB on Mesa) and the fused tile's keys and values must
// fit GL_MAX_COMPUTE_SHARED_MEMORY_SIZE; otherwise util::LimitError names the limit.
#include "attention/NaForward.h"
#include "gpu/ShaderProgram.h"

#include <map>
#include <tuple>

namespace algoscope::gpu {

class GpuAttention {
public:
    static constexpr int kTile = 32;       ///< queries per gpu-fused workgroup
    static constexpr int kNaiveLocal = 64; ///< invocations per gpu-naive workgroup

    GpuAttention();
    ~GpuAttention();

    /// Runs impl (GpuNaive or GpuFused). gpuMilliseconds, when given, receives the kernel time
    /// (GpuTimer: timer query, or wall time with glFinish on llvmpipe). Uploads and downloads
    /// are not included in it.
    attention::Tensor forward(attention::Impl impl, const attention::Tensor& q,
                              const attention::Tensor& k, const attention::Tensor& v,
                              const attention::NaOptions& options,
                              const util::TaskContext& ctx = {}, double* gpuMilliseconds = nullptr);

private:
    ShaderProgram& program(attention::Impl impl, int headDim, int span);
    std::map<std::tuple<int, int, int>, ShaderProgram> m_programs; // (impl, head_dim, span)
};

} // namespace algoscope::gpu
