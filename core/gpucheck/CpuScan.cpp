#include "gpucheck/CpuScan.h"

#include <omp.h>

#include <stdexcept>

namespace algoscope::gpucheck {

namespace {

// Below this the threads' start-up costs more than the sequential scan (measured ~40 us for a
// parallel region on a desktop; 2^16 elements scan in about that long).
constexpr std::size_t kParallelThreshold = std::size_t(1) << 16;

void sequentialScan(const std::uint32_t* in, std::uint32_t* out, std::size_t n,
                    std::uint32_t carry) {
    for (std::size_t i = 0; i < n; ++i) {
        carry += in[i];
        out[i] = carry;
    }
}

} // namespace

void cpuInclusiveScan(std::span<const std::uint32_t> in, std::span<std::uint32_t> out) {
    if (in.size() != out.size())
        throw std::invalid_argument("cpuInclusiveScan: input and output sizes differ");
    const std::size_t n = in.size();
    if (n < kParallelThreshold || omp_get_max_threads() == 1) {
        sequentialScan(in.data(), out.data(), n, 0);
        return;
    }
    std::vector<std::uint32_t> offsets(static_cast<std::size_t>(omp_get_max_threads()) + 1, 0);
#pragma omp parallel
    {
        const auto threads = static_cast<std::size_t>(omp_get_num_threads());
        const auto t = static_cast<std::size_t>(omp_get_thread_num());
        const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
        sequentialScan(in.data() + begin, out.data() + begin, end - begin, 0);
        offsets[t + 1] = end > begin ? out[end - 1] : 0;
#pragma omp barrier
#pragma omp single
        for (std::size_t i = 1; i <= threads; ++i)
            offsets[i] += offsets[i - 1];
        // implicit barrier after single
        const std::uint32_t add = offsets[t];
        if (add != 0)
            for (std::size_t i = begin; i < end; ++i)
                out[i] += add;
    }
}

std::vector<std::uint32_t> cpuInclusiveScan(std::span<const std::uint32_t> in) {
    std::vector<std::uint32_t> out(in.size());
    cpuInclusiveScan(in, out);
    return out;
}

} // namespace algoscope::gpucheck
