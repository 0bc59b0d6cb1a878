#include "gpucheck/CheckInputs.h"

#include "util/Rng.h"

namespace algoscope::gpucheck {

std::vector<std::uint32_t> makeScanInput(std::size_t n, std::uint64_t seed) {
    util::Rng rng(seed);
    std::vector<std::uint32_t> v(n);
    for (auto& x : v)
        x = static_cast<std::uint32_t>(rng.below(16));
    return v;
}

SaxpyInput makeSaxpyInput(std::size_t n, std::uint64_t seed) {
    util::Rng rng(seed);
    SaxpyInput in;
    const auto k = static_cast<int>(rng.below(8)); // 0..7 -> -4..-1, 1..4
    in.a = static_cast<float>(k < 4 ? k - 4 : k - 3);
    in.x.resize(n);
    in.y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        in.x[i] = static_cast<float>(static_cast<int>(rng.below(2049)) - 1024);
        in.y[i] = static_cast<float>(static_cast<int>(rng.below(2049)) - 1024);
    }
    return in;
}

} // namespace algoscope::gpucheck
