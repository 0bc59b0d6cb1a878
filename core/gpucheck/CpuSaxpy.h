#pragma once
// CPU twin of gpu::GpuSaxpy: y = a*x + y element-wise, in float.
#include <span>
#include <vector>

namespace algoscope::gpucheck {

/// y[i] = a * x[i] + y[i]; x and y must have the same size (std::invalid_argument otherwise).
/// Written to round the product before the add, like the GPU kernel's `precise` expression (see
/// CpuSaxpy.cpp for when a compiler may still fuse). OpenMP-parallel for large inputs.
void cpuSaxpyInPlace(float a, std::span<const float> x, std::span<float> y);
/// Returns a*x + y without touching y.
std::vector<float> cpuSaxpy(float a, std::span<const float> x, std::span<const float> y);

} // namespace algoscope::gpucheck
