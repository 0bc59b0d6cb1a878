#include "gpucheck/CpuSaxpy.h"

#include <cstdint>
#include <stdexcept>

namespace algoscope::gpucheck {

namespace {

// Memory-bound: threads pay off only once the arrays leave the cache.
constexpr std::int64_t kParallelThreshold = std::int64_t(1) << 16;

} // namespace

void cpuSaxpyInPlace(float a, std::span<const float> x, std::span<float> y) {
    if (x.size() != y.size())
        throw std::invalid_argument("cpuSaxpyInPlace: x and y sizes differ");
    const auto n = static_cast<std::int64_t>(x.size());
    const float* xs = x.data();
    float* ys = y.data();
    // Two statements so clang (contraction within a statement only) never fuses them; GCC may
    // fuse across statements when built for an FMA target (-march=haswell and up). The lab's
    // inputs are small integers, exact with or without fma, so results still match bit for bit.
#pragma omp parallel for simd if (n >= kParallelThreshold) schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
        const float product = a * xs[i];
        ys[i] = product + ys[i];
    }
}

std::vector<float> cpuSaxpy(float a, std::span<const float> x, std::span<const float> y) {
    std::vector<float> out(y.begin(), y.end());
    cpuSaxpyInPlace(a, x, out);
    return out;
}

} // namespace algoscope::gpucheck
