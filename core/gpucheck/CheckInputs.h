#pragma once
// Deterministic inputs for the GPU check lab. Values are small integers so that every sum and
// product is exact in uint32 and float: CPU and GPU must then agree bit for bit, and any
// difference is a bug, not rounding. util::Rng gives the same stream everywhere, so a
// (size, seed) pair names one input exactly.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace algoscope::gpucheck {

/// n values in [0, 16) from util::Rng(seed) (platform-independent stream). Their scan stays below
/// 2^32 up to n = 2^28.
std::vector<std::uint32_t> makeScanInput(std::size_t n, std::uint64_t seed);

struct SaxpyInput {
    float a = 0;
    std::vector<float> x, y;
};

/// a in {-4..4} without 0, x and y integers in [-1024, 1024]: |a*x + y| <= 5120, exact in float.
SaxpyInput makeSaxpyInput(std::size_t n, std::uint64_t seed);

} // namespace algoscope::gpucheck
