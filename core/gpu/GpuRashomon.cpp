#include "gpu/GpuRashomon.h"

#include "gpu/Dispatch.h"
#include "gpu/GpuTimer.h"
#include "util/Error.h"

#include <algorithm>
#include <span>

namespace algoscope::gpu {

GpuRashomon::GpuRashomon(const rashomon::AugmentedPoints& points)
    : m_program(ShaderProgram::fromResource("shaders/rashomon_hyperplanes.comp",
                                            {{"LOCAL_SIZE", std::to_string(kLocalSize)}})),
      m_n(points.n), m_dim(points.dim) {
    if (points.n == 0 || points.dim == 0)
        throw util::Error("GPU hyperplanes: no points");
    if (points.x.size() * sizeof(float) > Buffer::maxBindableBytes())
        throw util::LimitError("GPU hyperplanes: the points exceed one shader storage binding "
                               "(GL_MAX_SHADER_STORAGE_BLOCK_SIZE)");
    m_points = Buffer::fromSpan(std::span<const float>(points.x));
    std::vector<std::uint32_t> labels(points.y.begin(), points.y.end());
    m_labels = Buffer::fromSpan(std::span<const std::uint32_t>(labels));
}

void GpuRashomon::evaluate(const float* directions, std::size_t count, std::uint32_t* errors) {
    if (count == 0)
        return;
    // Chunks keep the direction buffer inside one binding.
    const std::size_t maxChunk = std::max<std::size_t>(
        1, std::min<std::size_t>(1u << 20, Buffer::maxBindableBytes() / (m_dim * sizeof(float))));
    GpuTimer timer;
    timer.begin();
    for (std::size_t first = 0; first < count; first += maxChunk) {
        const std::size_t len = std::min(maxChunk, count - first);
        if (len > m_capacity) {
            m_dirs = Buffer(len * m_dim * sizeof(float));
            m_errors = Buffer(len * sizeof(std::uint32_t));
            m_capacity = len;
        }
        m_dirs.upload(std::span<const float>(directions + first * m_dim, len * m_dim));
        m_points.bindBase(0);
        m_labels.bindBase(1);
        m_dirs.bindBase(2);
        m_errors.bindBase(3);
        m_program.setUniform("u_count", std::uint32_t(len));
        m_program.setUniform("u_n", std::uint32_t(m_n));
        m_program.setUniform("u_dim", std::uint32_t(m_dim));
        dispatch1D(m_program, len, kLocalSize);
        m_errors.download(std::span<std::uint32_t>(errors + first, len));
    }
    timer.end();
    m_lastSeconds = timer.resultMilliseconds() * 1e-3;
}

} // namespace algoscope::gpu
