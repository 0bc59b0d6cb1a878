#pragma once
// y = a*x + y on the GPU (shaders/gpucheck_saxpy.comp). CPU twin: gpucheck::cpuSaxpy.
// Arrays longer than one SSBO binding allows are processed in chunks.
#include "gpu/Buffer.h"
#include "gpu/ShaderProgram.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace algoscope::gpu {

class GpuSaxpy {
public:
    static constexpr std::uint32_t kLocalSize = 256;

    /// Builds the kernel; needs a current OpenGL 4.3 context (throws util::Error otherwise).
    /// chunkElements 0 binds as much as the driver allows; tests pass a small power of two to
    /// exercise the chunked path on short arrays.
    explicit GpuSaxpy(std::size_t chunkElements = 0);

    /// y[i] = a * x[i] + y[i] for the first count floats of the buffers.
    void run(float a, const Buffer& x, Buffer& y, std::size_t count);
    /// Upload, compute, download; x and y must have the same length (std::invalid_argument).
    std::vector<float> run(float a, std::span<const float> x, std::span<const float> y);

private:
    ShaderProgram m_program;
    std::size_t m_chunk;
};

} // namespace algoscope::gpu
