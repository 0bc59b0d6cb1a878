#pragma once
// Internal to the fused forward pass (NaFused.cpp): one segment of kLanes consecutive queries
// along the last axis, in one to four query rows of one dilation group, against the key rows of
// their windows.
//
// Data are planar per (batch, head, dilation group): QT/KT/VT[row][c][x] with x the group
// coordinate along the last axis, `pitch` floats per channel line, kPad floats of padding before x
// = 0 and at least kPad after the last x (line pointers point at x = 0), so vector loads a little
// outside the group stay inside the buffer. Padding holds zeros or stale copies of earlier
// inputs: always finite, and masked lanes multiply it by exactly 0. q is pre-scaled.
// Query lane l (x = x0 + l) sees, in every key row, keys xs[l] .. xe[l]-1. Written relative to
// the lane, key = x0 + l + r with r in [xs[l] - x0 - l, xe[l] - x0 - l); over the 16 lanes r
// runs over [rmin, rmax), which is exactly k values in the interior (r = -k/2 .. k-1-k/2) and a
// few more where the window is shifted at a border or by a stride. For a fixed r the 16 lanes'
// keys are 16 consecutive x, so ONE unaligned vector load serves all lanes: scores and the
// weighted sum of values are vertical FMAs over head_dim with no gathers, permutes or
// horizontal reductions; lanes for which x0 + l + r lies outside their window are masked. The
// bias index (key - query) + k - 1 = r + k - 1 is the same for all lanes (a broadcast).
// Up to four query rows (adjacent rows of the group, whose windows along the outer axes overlap
// in all but a few key rows in the interior) run together: each key or value vector loaded
// serves every query row whose window holds that key row, which divides the loads per FMA (a
// load that crosses a cache line, as 15 of 16 offsets do, costs two load slots).
// Softmax is online (Milakov & Gimelshein 2018; FlashAttention): a running max and sum per lane,
// the accumulator rescaled once per key row.
#include <cstdint>

namespace algoscope::attention::detail {

inline constexpr int kLanes = 16;
inline constexpr int kPad = 64;        // padding floats before x = 0 and after the last x
inline constexpr int kMaxOffsets = 64; // rmax - rmin handled by the AVX-512 kernel
inline constexpr int kMaxQueryRows = 4;

/// Query rows per block: as many as share each key load (at most kMaxQueryRows), except that
/// four rows keep at most 5 offsets of a key row in registers at once (NaFusedAvx512.cpp), so a
/// kernel of 6 or 7 would run as two register chunks where three rows need one: three rows were
/// 5% faster at k = 7 (56 x 56, head_dim 32); at k = 13 every block size needs two chunks and
/// four rows were as fast or faster. NaCounters models the same blocks.
inline int fusedBlockRows(int kernel) {
    return kernel == 6 || kernel == 7 ? 3 : kMaxQueryRows;
}

struct SegmentArgs {
    int queryRows = 1;                                ///< query rows in the block (1..4)
    const float* qt[kMaxQueryRows] = {};              ///< QT line of each query row
    int x0 = 0;                                       ///< first query (group coordinate)
    int lanes = 0;                                    ///< valid lanes (1..16)
    const int* xs = nullptr;                          ///< [16] window starts per lane
    const int* xe = nullptr;                          ///< [16] window ends per lane
    int rows = 0;                                     ///< key rows (union over query rows)
    const float* const* krows = nullptr;              ///< KT line of each key row
    const float* const* vrows = nullptr;              ///< VT line of each key row
    const unsigned char* rowMask = nullptr;           ///< per key row: bit i = query row i uses it
    const float* const* biasRows[kMaxQueryRows] = {}; ///< per query row, per key row: 2k-1
                                                      ///< bias values (null: no bias)
    int headDim = 0;
    std::int64_t pitch = 0;
    int kernel = 0;                 ///< k on the last axis
    int groupLength = 0;            ///< keys in the group along the last axis
    float* acc[kMaxQueryRows] = {}; ///< scratch [headDim][16] per row, 64-byte aligned
    float* out[kMaxQueryRows] = {}; ///< result [headDim][16] per row (normalised)
};

/// Portable: any segment.
void fusedSegmentPortable(const SegmentArgs& a);
/// AVX-512: segments with rmax - rmin <= kMaxOffsets and loads inside the padding. Returns
/// false (doing nothing) for other segments or when not compiled in.
bool fusedSegmentAvx512(const SegmentArgs& a);

/// Planar copy of one row of n tokens: dst[c * pitch + x] = scale * src[x * tokenStride + c]
/// for x < n, c < headDim (x = 0 at dst). AVX-512 16 x 16 transposes when simd.
void toPlanar(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
              float* dst, std::int64_t pitch, bool simd);
/// out[l * laneStride + c] = res[c * 16 + l] for l < lanes (AVX-512 transposes when simd).
void fromLanes(const float* res, int headDim, int lanes, float* out, std::int64_t laneStride,
               bool simd);
/// The AVX-512 halves of toPlanar and fromLanes (16 x 16 register transposes); false when not
/// compiled in. Callers check fusedAvx512Available().
bool toPlanarAvx512(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
                    float* dst, std::int64_t pitch);
bool fromLanesAvx512(const float* res, int headDim, int lanes, float* out, std::int64_t laneStride);
/// True when fusedSegmentAvx512 is compiled in and this CPU has AVX-512F.
bool fusedAvx512Available();

} // namespace algoscope::attention::detail
