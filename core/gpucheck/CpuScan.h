#pragma once
// CPU twin of gpu::GpuScan: inclusive prefix sum of uint32, wrapping modulo 2^32 exactly like the
// GPU kernel, so the two compare bit for bit.
#include <cstdint>
#include <span>
#include <vector>

namespace algoscope::gpucheck {

/// out[i] = in[0] + ... + in[i] (mod 2^32). in and out must have the same size and may be the
/// same span (in-place). Large inputs use OpenMP: each thread scans a contiguous chunk, the
/// chunk totals are scanned, then each thread adds its offset (two passes over memory).
void cpuInclusiveScan(std::span<const std::uint32_t> in, std::span<std::uint32_t> out);
std::vector<std::uint32_t> cpuInclusiveScan(std::span<const std::uint32_t> in);

} // namespace algoscope::gpucheck
