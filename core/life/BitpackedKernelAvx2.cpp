// The AVX2 kernel: V = __m256i, four 64-bit words (256 cells) per instruction; no 3-input
// logic instruction, so full adders take five operations instead of two. BitpackedKernel.h has
// the algorithm; BitpackedEngine picks this kernel when the CPU has AVX2 but not AVX-512 VBMI2.
#include "life/BitpackedLayout.h"
#include "life/TargetRegion.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#if ALGOSCOPE_X86_SIMD
#include <immintrin.h>

ALGOSCOPE_TARGET_REGION("avx2,popcnt")
namespace algoscope::life::bitpacked {
namespace {

struct Avx2V {
    __m256i v;
    static constexpr std::size_t kWords = 4;

    static Avx2V load(const std::uint64_t* p) {
        return {_mm256_load_si256(reinterpret_cast<const __m256i*>(p))};
    }
    static Avx2V loadu(const std::uint64_t* p) {
        return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))};
    }
    static void store(std::uint64_t* p, Avx2V x) {
        _mm256_store_si256(reinterpret_cast<__m256i*>(p), x.v);
    }
    static Avx2V shiftInLeft(Avx2V c, Avx2V prev) {
        return {_mm256_or_si256(_mm256_slli_epi64(c.v, 1), _mm256_srli_epi64(prev.v, 63))};
    }
    static Avx2V shiftInRight(Avx2V c, Avx2V next) {
        return {_mm256_or_si256(_mm256_srli_epi64(c.v, 1), _mm256_slli_epi64(next.v, 63))};
    }
    template <int Imm> static Avx2V tern(Avx2V a, Avx2V b, Avx2V c);
    static Avx2V mux(Avx2V s, Avx2V a, Avx2V b) {
        return {_mm256_xor_si256(b.v, _mm256_and_si256(_mm256_xor_si256(a.v, b.v), s.v))};
    }
    static Avx2V bxor(Avx2V a, Avx2V b) { return {_mm256_xor_si256(a.v, b.v)}; }
    static Avx2V band(Avx2V a, Avx2V b) { return {_mm256_and_si256(a.v, b.v)}; }
    static Avx2V ones() { return {_mm256_set1_epi64x(-1)}; }
    static Avx2V zero() { return {_mm256_setzero_si256()}; }
    static std::uint64_t popcount(Avx2V x) {
        return std::uint64_t(_mm_popcnt_u64(std::uint64_t(_mm256_extract_epi64(x.v, 0))) +
                             _mm_popcnt_u64(std::uint64_t(_mm256_extract_epi64(x.v, 1))) +
                             _mm_popcnt_u64(std::uint64_t(_mm256_extract_epi64(x.v, 2))) +
                             _mm_popcnt_u64(std::uint64_t(_mm256_extract_epi64(x.v, 3))));
    }
};

} // namespace

#include "life/BitpackedKernel.h"

// GCC and Clang define the bitwise operators on __m256i (a vector of long long), which is all
// ternEmulate needs.
template <int Imm> Avx2V Avx2V::tern(Avx2V a, Avx2V b, Avx2V c) {
    return {ternEmulate<Imm>(a.v, b.v, c.v)};
}

void stepBandAvx2(const KernelArgs& args) {
    stepBandImpl<Avx2V>(args);
}

} // namespace algoscope::life::bitpacked
ALGOSCOPE_UNTARGET_REGION

#else
namespace algoscope::life::bitpacked {
void stepBandAvx2(const KernelArgs& args) {
    stepBandScalar(args);
}
} // namespace algoscope::life::bitpacked
#endif
