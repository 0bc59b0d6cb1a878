#pragma once
// The linear Rashomon lab's GPU kernel (shaders/rashomon_hyperplanes.comp): the 0-1 loss of a
// batch of sampled hyperplanes on all points, one invocation per hyperplane. CPU twin:
// rashomon::evaluateErrors (tests/gpu/TestGpuRashomon.cpp compares them). Directions come from
// the CPU (the same stream as the CPU path), so both paths estimate from identical samples.
// Needs a current OpenGL 4.3 context for its whole life.
#include "gpu/Buffer.h"
#include "gpu/ShaderProgram.h"
#include "rashomon/LinearRashomon.h"

#include <cstdint>

namespace algoscope::gpu {

class GpuRashomon {
public:
    static constexpr std::uint32_t kLocalSize = 128;
    /// Uploads the points; throws util::Error without a current 4.3 context.
    explicit GpuRashomon(const rashomon::AugmentedPoints& points);
    /// errors[i] for directions[i * dim .. (i + 1) * dim); waits for the result.
    void evaluate(const float* directions, std::size_t count, std::uint32_t* errors);
    /// Seconds of GPU time of the last evaluate (GL timer query), or < 0 when unavailable.
    double lastKernelSeconds() const { return m_lastSeconds; }

private:
    ShaderProgram m_program;
    Buffer m_points, m_labels, m_dirs, m_errors;
    std::size_t m_n = 0, m_dim = 0, m_capacity = 0;
    double m_lastSeconds = -1;
};

} // namespace algoscope::gpu
