#pragma once
// Memory layout of BitpackedEngine and the entry points of its SIMD kernels (one translation
// unit per instruction set: BitpackedKernelScalar.cpp, BitpackedKernelAvx2.cpp,
// BitpackedKernelAvx512.cpp; the shared template code is BitpackedKernel.h).
//
// Layout: a row is `stride` 64-bit words; its n = ceil(W/64) cell words start at word
// kRowDataOffset (8, so the data of every row is 64-byte aligned for the vector loads), cell x
// at bit x % 64 of data word x / 64. Around the data sit "ghost" bits that hold what lies
// beyond the row's ends, so the kernel never branches on the left and right edges:
//   word kRowDataOffset - 1, bit 63    the cell left of x = 0: cell W-1 on a torus, 0 on a plane
//   bit W of the row (bit W % 64 of the  the cell right of x = W-1: cell 0 on a torus, 0 on a
//   last data word, or bit 0 of the      plane
//   word after it when W % 64 == 0)
// Every data word is then updated from (its word, the word before, the word after) alone, with
// the same shifts everywhere. The kernel processes vecWords = roundUp(n, 8) words per row (whole
// 512-bit vectors), so words n..vecWords-1 get garbage; it is confined there (word j's result
// depends only on words j-1..j+1) and the ghosts are rewritten after every row (fixGhosts).
// Bits of the last data word above W, other than the ghost, are kept 0.
#include <cstddef>
#include <cstdint>

namespace algoscope::life::bitpacked {

inline constexpr std::size_t kRowDataOffset = 8;
inline constexpr std::size_t kVectorWords = 8; // the widest vector: 512 bits

// One call computes `rows` consecutive output rows of one generation. srcRows[i] is the data of
// the source row just above output row i (so srcRows[i + 1] is the row itself and srcRows[i + 2]
// the row below): rows + 2 pointers. The caller resolves wrap-around, dead borders (a zero row)
// and the engine's temporal blocking (rows in a thread's private buffers) through these tables.
struct KernelArgs {
    const std::uint64_t* const* srcRows = nullptr; // rows + 2 entries
    std::uint64_t* const* dstRows = nullptr;       // rows entries
    std::uint32_t rows = 0;
    std::size_t dataWords = 0; // n = ceil(W / 64)
    std::size_t vecWords = 0;  // roundUp(n, kVectorWords)
    std::uint32_t width = 0;
    bool torus = true;
    std::uint16_t birth = 0, survival = 0; // Rule masks
    bool countPopulation = false;          // set *population to the new rows' live cells
    std::uint64_t* population = nullptr;
};

using KernelFn = void (*)(const KernelArgs&);

void stepBandScalar(const KernelArgs& args);
/// Defined only on x86-64 with GCC or Clang; callers check the CPU first.
void stepBandAvx2(const KernelArgs& args);
void stepBandAvx512(const KernelArgs& args);

/// Rewrites the ghost bits of one row (data points at the row's first data word) and clears
/// the bits above W in its last data word.
inline void fixGhosts(std::uint64_t* data, std::uint32_t width, std::size_t dataWords,
                      bool torus) noexcept {
    const unsigned rem = width & 63;
    std::uint64_t& last = data[dataWords - 1];
    if (rem)
        last &= (std::uint64_t{1} << rem) - 1;
    const std::uint64_t cellLast = (last >> ((width - 1) & 63)) & 1u; // cell W-1
    const std::uint64_t cellFirst = data[0] & 1u;                     // cell 0
    data[-1] = torus ? cellLast << 63 : 0;
    if (rem)
        last |= (torus ? cellFirst : 0) << rem;
    else
        data[dataWords] = torus ? cellFirst : 0;
}

} // namespace algoscope::life::bitpacked
