// The portable kernel: V = one 64-bit word, plain C++ (BitpackedKernel.h has the algorithm).
// It is what runs on a CPU without AVX2 and what the SIMD kernels are tested against.
#include "life/BitpackedLayout.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace algoscope::life::bitpacked {
namespace {

struct ScalarV {
    std::uint64_t v;
    static constexpr std::size_t kWords = 1;

    static ScalarV load(const std::uint64_t* p) { return {*p}; }
    static ScalarV loadu(const std::uint64_t* p) { return {*p}; }
    static void store(std::uint64_t* p, ScalarV x) { *p = x.v; }
    static ScalarV shiftInLeft(ScalarV c, ScalarV prev) { return {(c.v << 1) | (prev.v >> 63)}; }
    static ScalarV shiftInRight(ScalarV c, ScalarV next) { return {(c.v >> 1) | (next.v << 63)}; }
    template <int Imm> static ScalarV tern(ScalarV a, ScalarV b, ScalarV c);
    static ScalarV mux(ScalarV s, ScalarV a, ScalarV b) { return {b.v ^ ((a.v ^ b.v) & s.v)}; }
    static ScalarV bxor(ScalarV a, ScalarV b) { return {a.v ^ b.v}; }
    static ScalarV band(ScalarV a, ScalarV b) { return {a.v & b.v}; }
    static ScalarV ones() { return {~std::uint64_t{0}}; }
    static ScalarV zero() { return {0}; }
    static std::uint64_t popcount(ScalarV x) { return std::uint64_t(__builtin_popcountll(x.v)); }
};

} // namespace
} // namespace algoscope::life::bitpacked

namespace algoscope::life::bitpacked {
#include "life/BitpackedKernel.h"

template <int Imm> ScalarV ScalarV::tern(ScalarV a, ScalarV b, ScalarV c) {
    return {ternEmulate<Imm>(a.v, b.v, c.v)};
}

void stepBandScalar(const KernelArgs& args) {
    stepBandImpl<ScalarV>(args);
}

} // namespace algoscope::life::bitpacked
