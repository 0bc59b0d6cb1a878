#pragma once
// Fuzz body of the neighbourhood-attention lab (same contract as FuzzBodies.h): untrusted .npy
// files become q/k/v tensors through attention::checkInputs, the validation every CLI run and
// the forward pass rely on (shapes, ranks, finite values, NATTEN's parameter rules).
//   bytes 0-3: kernel, dilation, stride, causal (one value for every axis, small ranges)
//   bytes 4- : a .npy file used as q, k and v
// On success, small problems run naive and fused, which must agree (float tolerance) whenever
// the inputs are moderate (|x| < 100, so no overflow can legitimately differ).
#include "attention/NaForward.h"
#include "util/Error.h"
#include "util/Npy.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace algoscope::fuzz {

struct NaFuzzInvariantError : std::logic_error {
    using std::logic_error::logic_error;
};

inline int fuzzNaInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4)
        return 0;
    try {
        const util::NpyArray a =
            util::parseNpy(std::string_view(reinterpret_cast<const char*>(data + 4), size - 4));
        if (a.dtype != "<f4")
            return 0;
        attention::Tensor t;
        t.shape = a.shape;
        const auto values = a.as<float>();
        t.data.assign(values.begin(), values.end());
        const int rank = int(t.shape.size()) - 3;
        attention::NaOptions o;
        o.params = attention::makeParams(rank < 1 || rank > 3 ? 1 : rank, {1 + data[0] % 9},
                                         {1 + data[1] % 4}, {1 + data[2] % 4}, {data[3] % 2});
        o.threads = 1;
        const attention::NaShape s = attention::checkInputs(t, t, t, o);
        if (std::uint64_t(t.data.size()) > 4096)
            return 0;
        for (float x : t.data)
            if (std::abs(x) >= 100.0f)
                return 0;
        const auto naive = attention::forwardCpu(attention::Impl::Naive, t, t, t, o).out;
        const auto fused = attention::forwardCpu(attention::Impl::Fused, t, t, t, o).out;
        for (std::size_t i = 0; i < naive.data.size(); ++i)
            if (!(std::abs(naive.data[i] - fused.data[i]) <= 1e-3f * (1 + std::abs(naive.data[i]))))
                throw NaFuzzInvariantError("naive and fused disagree at " + std::to_string(i) +
                                           " for " + std::to_string(s.tokens()) + " tokens");
    } catch (const util::Error&) {
    }
    return 0;
}

} // namespace algoscope::fuzz
