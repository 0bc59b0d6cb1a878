#include "gpu/GpuSaxpy.h"

#include "gpu/Dispatch.h"
#include "util/Error.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace algoscope::gpu {

GpuSaxpy::GpuSaxpy(std::size_t chunkElements)
    : m_program(ShaderProgram::fromResource("shaders/gpucheck_saxpy.comp",
                                            {{"LOCAL_SIZE", std::to_string(kLocalSize)}})),
      m_chunk(chunkElements ? chunkElements : Buffer::chunkElements(sizeof(float))) {}

void GpuSaxpy::run(float a, const Buffer& x, Buffer& y, std::size_t count) {
    if (count * sizeof(float) > x.sizeBytes() || count * sizeof(float) > y.sizeBytes())
        throw std::out_of_range("GpuSaxpy::run: buffers hold fewer than " + std::to_string(count) +
                                " floats");
    if (count > 0xFFFFFFFFu)
        throw util::LimitError("GPU saxpy of " + std::to_string(count) +
                               " elements exceeds the 32-bit index range");
    if (count == 0)
        return;
    m_program.setUniform("u_a", a);
    // Chunks keep each binding within GL_MAX_SHADER_STORAGE_BLOCK_SIZE (see Buffer.h).
    for (std::size_t first = 0; first < count; first += m_chunk) {
        const std::size_t len = std::min(m_chunk, count - first);
        x.bindRange(0, first * sizeof(float), len * sizeof(float));
        y.bindRange(1, first * sizeof(float), len * sizeof(float));
        m_program.setUniform("u_count", static_cast<std::uint32_t>(len));
        dispatch1D(m_program, len, kLocalSize);
    }
}

std::vector<float> GpuSaxpy::run(float a, std::span<const float> x, std::span<const float> y) {
    if (x.size() != y.size())
        throw std::invalid_argument("GpuSaxpy::run: x has " + std::to_string(x.size()) +
                                    " elements, y has " + std::to_string(y.size()));
    if (x.empty())
        return {};
    const Buffer xb = Buffer::fromSpan(x);
    Buffer yb = Buffer::fromSpan(y);
    run(a, xb, yb, x.size());
    return yb.download<float>(y.size());
}

} // namespace algoscope::gpu
