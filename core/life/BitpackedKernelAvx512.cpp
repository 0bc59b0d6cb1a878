// The AVX-512 kernel: V = __m512i, eight 64-bit words (512 cells) per instruction, with
// vpternlogq (any 3-input boolean function in one instruction: a full adder is two) and VBMI2's
// funnel shifts vpshldq/vpshrdq (the one-cell shift across word boundaries in one instruction).
// Needs AVX-512 F and VBMI2 (Ice Lake, Sapphire Rapids, Zen 4 and later); BitpackedEngine checks
// both. BitpackedKernel.h has the algorithm.
#include "life/BitpackedLayout.h"
#include "life/TargetRegion.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#if ALGOSCOPE_X86_SIMD
#include <immintrin.h>

ALGOSCOPE_TARGET_REGION("avx512f,avx512vl,avx512bw,avx512vbmi2,popcnt")
namespace algoscope::life::bitpacked {
namespace {

struct Avx512V {
    __m512i v;
    static constexpr std::size_t kWords = 8;

    static Avx512V load(const std::uint64_t* p) { return {_mm512_load_si512(p)}; }
    static Avx512V loadu(const std::uint64_t* p) { return {_mm512_loadu_si512(p)}; }
    static void store(std::uint64_t* p, Avx512V x) { _mm512_store_si512(p, x.v); }
    // vpshldq c, prev, 1: (c << 1) | (prev >> 63) per lane.
    static Avx512V shiftInLeft(Avx512V c, Avx512V prev) {
        return {_mm512_shldi_epi64(c.v, prev.v, 1)};
    }
    // vpshrdq c, next, 1: (c >> 1) | (next << 63) per lane.
    static Avx512V shiftInRight(Avx512V c, Avx512V next) {
        return {_mm512_shrdi_epi64(c.v, next.v, 1)};
    }
    template <int Imm> static Avx512V tern(Avx512V a, Avx512V b, Avx512V c) {
        return {_mm512_ternarylogic_epi64(a.v, b.v, c.v, Imm)};
    }
    static Avx512V mux(Avx512V s, Avx512V a, Avx512V b) {
        return {_mm512_ternarylogic_epi64(s.v, a.v, b.v, 0xCA)};
    }
    static Avx512V bxor(Avx512V a, Avx512V b) { return {_mm512_xor_si512(a.v, b.v)}; }
    static Avx512V band(Avx512V a, Avx512V b) { return {_mm512_and_si512(a.v, b.v)}; }
    static Avx512V ones() { return {_mm512_set1_epi64(-1)}; }
    static Avx512V zero() { return {_mm512_setzero_si512()}; }
    static std::uint64_t popcount(Avx512V x) {
        alignas(64) std::uint64_t w[8];
        _mm512_store_si512(w, x.v);
        std::uint64_t n = 0;
        for (int i = 0; i < 8; ++i)
            n += std::uint64_t(_mm_popcnt_u64(w[i]));
        return n;
    }
};

} // namespace

#include "life/BitpackedKernel.h"

void stepBandAvx512(const KernelArgs& args) {
    stepBandImpl<Avx512V>(args);
}

} // namespace algoscope::life::bitpacked
ALGOSCOPE_UNTARGET_REGION

#else
namespace algoscope::life::bitpacked {
void stepBandAvx512(const KernelArgs& args) {
    stepBandScalar(args);
}
} // namespace algoscope::life::bitpacked
#endif
