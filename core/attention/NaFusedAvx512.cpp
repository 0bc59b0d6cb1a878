// The AVX-512 parts of the fused forward pass; NaFusedKernel.h has the algorithm.
// 16 queries per zmm register (one lane each), so scores and the weighted sum of values are
// vertical FMAs over head_dim: for head_dim 32 and k = 7, an interior segment does 7 x 32 FMAs
// per key row and query row for the scores and as many for the values, every multiply useful.
// Offsets are processed in register chunks (template N) of at most 8 (R <= 2) to 5 (R = 4) per
// query row, so the R x N score accumulators (R = 1 to 4 query rows) stay in zmm registers; one
// table of instantiations serves every chunk size. Also the planar copies and the output, as 16 x
// 16 register transposes (AVX-512 gathers and scatters were the slowest part on AMD Zen). Compiled
// for AVX-512 only in the region below; callers check fusedAvx512Available().
#include "attention/NaFusedKernel.h"
#include "life/TargetRegion.h" // the ISA-region macros (shared with the Life kernels)

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

#if ALGOSCOPE_X86_SIMD
// GCC 12 warns about the deliberately undefined registers inside its own avx512fintrin.h
// (_mm512_undefined_ps in masked intrinsics): false positives.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

ALGOSCOPE_TARGET_REGION("avx512f,avx512vl,avx512dq,fma")
namespace algoscope::attention::detail {
namespace {

constexpr int kChunk = 8; // most offsets per register chunk and query row

// exp for float lanes: Cephes expf's range reduction and degree-6 polynomial (max relative
// error about 2 ulp on [-87, 88]), with vscalefps for the 2^n factor. Inputs below -87.3
// (including -inf) give about 1.2e-38, a normal float (never a slow denormal, never NaN);
// callers zero masked lanes explicitly.
inline __m512 exp512(__m512 x) {
    x = _mm512_max_ps(x, _mm512_set1_ps(-87.33654f));
    x = _mm512_min_ps(x, _mm512_set1_ps(88.37626f));
    const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                          _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.9875691500E-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507E-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073E-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894E-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459E-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201E-1f));
    const __m512 r2 = _mm512_mul_ps(r, r);
    const __m512 y = _mm512_add_ps(_mm512_fmadd_ps(p, r2, r), _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(y, n);
}

// Keeps a loaded vector in a register. Without it GCC folds the load into every FMA that uses
// it (a memory operand each), so a key vector shared by R query rows was loaded R times, and
// an unaligned 512-bit load that crosses a cache line (15 of 16 offsets) costs two load slots:
// the kernel ran at half the FMA rate whatever R was.
inline __m512 inRegister(__m512 x) {
    asm("" : "+v"(x));
    return x;
}

using Scores = __m512[kMaxQueryRows][kMaxOffsets];

// Key vector n of a chunk: 16 consecutive keys from kr + n, or (P) those permuted by perm, which
// maps lane l to key kr + n + perm[l] (window-relative offsets at a border, NaFusedKernel.h).
template <bool P> inline __m512 keyVector(const float* kr, int n, __m512i perm) {
    const __m512 x = _mm512_loadu_ps(kr + n);
    return inRegister(P ? _mm512_permutexvar_ps(perm, x) : x);
}

// s[i][o0 + n] = q_i . K(offset o0 + n) for query rows i < R and n < N; k points at the first
// offset of lane 0 in channel 0. Each key vector loaded serves all R query rows.
template <int N, int R, bool P>
void scoresChunk(const float* const* q, const float* k, int headDim, std::int64_t pitch, int o0,
                 __m512i perm, Scores& s) {
    __m512 acc[R][N];
    for (int i = 0; i < R; ++i)
        for (int n = 0; n < N; ++n)
            acc[i][n] = _mm512_setzero_ps();
    for (int c = 0; c < headDim; ++c) {
        __m512 qv[R];
        for (int i = 0; i < R; ++i)
            qv[i] = inRegister(_mm512_loadu_ps(q[i] + c * pitch));
        const float* kr = k + c * pitch + o0;
        for (int n = 0; n < N; ++n) {
            const __m512 kv = keyVector<P>(kr, n, perm);
            for (int i = 0; i < R; ++i)
                acc[i][n] = _mm512_fmadd_ps(qv[i], kv, acc[i][n]);
        }
    }
    for (int i = 0; i < R; ++i)
        for (int n = 0; n < N; ++n)
            s[i][o0 + n] = acc[i][n];
}

// acc_i[c] = acc_i[c] * scale_i (first chunk only) + sum over n < N of p[i][o0 + n] * V(c, o0 + n)
// for query rows i < R. Two partial sums per row halve the FMA dependency chain.
template <int N, int R, bool P>
void valuesChunk(float* const* acc, const float* v, int headDim, std::int64_t pitch, int o0,
                 __m512i perm, const Scores& p, const __m512* scale, bool first) {
    __m512 pr[R][N];
    for (int i = 0; i < R; ++i)
        for (int n = 0; n < N; ++n)
            pr[i][n] = p[i][o0 + n];
    for (int c = 0; c < headDim; ++c) {
        const float* vr = v + c * pitch + o0;
        __m512 a[R], b[R];
        for (int i = 0; i < R; ++i) {
            a[i] = _mm512_load_ps(acc[i] + c * kLanes);
            if (first)
                a[i] = _mm512_mul_ps(a[i], scale[i]);
            b[i] = _mm512_setzero_ps();
        }
        for (int n = 0; n < N; ++n) {
            const __m512 vv = keyVector<P>(vr, n, perm);
            for (int i = 0; i < R; ++i) {
                if (n % 2 == 0)
                    a[i] = _mm512_fmadd_ps(pr[i][n], vv, a[i]);
                else
                    b[i] = _mm512_fmadd_ps(pr[i][n], vv, b[i]);
            }
        }
        for (int i = 0; i < R; ++i)
            _mm512_store_ps(acc[i] + c * kLanes, _mm512_add_ps(a[i], b[i]));
    }
}

using ScoresFn = void (*)(const float* const*, const float*, int, std::int64_t, int, __m512i,
                          Scores&);
using ValuesFn = void (*)(float* const*, const float*, int, std::int64_t, int, __m512i,
                          const Scores&, const __m512*, bool);

// Instantiations for N = 1 .. kChunk, one table per R and P (index [P][R - 1].f[N - 1]).
struct ChunkTable {
    ScoresFn scores[kChunk];
    ValuesFn values[kChunk];
};
template <int R, bool P, std::size_t... I>
constexpr ChunkTable chunkTable(std::index_sequence<I...>) {
    return {{&scoresChunk<int(I) + 1, R, P>...}, {&valuesChunk<int(I) + 1, R, P>...}};
}
template <bool P> constexpr std::array<ChunkTable, kMaxQueryRows> chunkTables() {
    static_assert(kMaxQueryRows == 4, "extend chunkTables");
    constexpr auto n = std::make_index_sequence<kChunk>();
    return {chunkTable<1, P>(n), chunkTable<2, P>(n), chunkTable<3, P>(n), chunkTable<4, P>(n)};
}
constexpr std::array<ChunkTable, kMaxQueryRows> kChunks[2] = {chunkTables<false>(),
                                                              chunkTables<true>()};

// Most offsets per chunk for R query rows: R x N score accumulators, R query vectors and a key
// vector (or R x N weights and 2R partial sums) must fit in the 32 zmm registers.
constexpr int chunkLimit(int R) {
    return R <= 2 ? kChunk : R == 3 ? 7 : 5;
}

// What one segment shares over its key rows.
struct Segment {
    const SegmentArgs* a;
    int rmin, nOff;
    int keyStart; // key of lane 0 at offset 0: x0 + rmin, or xs[0] in window-relative mode
    bool permute; // window-relative offsets with a non-identity lane map
    __m512i perm; // lane l -> key keyStart + o + perm[l]
    int chunk[kMaxQueryRows];     // offsets per chunk for R = 1 .. kMaxQueryRows query rows
    __mmask16 valid[kMaxOffsets]; // lanes whose window holds offset o
    __m512 m[kMaxQueryRows], l[kMaxQueryRows];
};

// One key row against the query rows listed in rowIdx (R of them): scores, online softmax
// update, weighted values.
template <int R> void keyRow(Segment& sg, int r, const int* rowIdx) {
    const SegmentArgs& a = *sg.a;
    const __m512 negInf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    const float* q[R];
    float* acc[R];
    for (int i = 0; i < R; ++i) {
        q[i] = a.qt[rowIdx[i]] + a.x0;
        acc[i] = a.acc[rowIdx[i]];
    }
    const float* k = a.krows[r] + sg.keyStart;
    const float* v = a.vrows[r] + sg.keyStart;
    const ChunkTable& fn = kChunks[sg.permute][R - 1];
    Scores s;
    const int chunk = sg.chunk[R - 1];
    for (int o0 = 0; o0 < sg.nOff; o0 += chunk) {
        const int n = sg.nOff - o0 < chunk ? sg.nOff - o0 : chunk;
        fn.scores[n - 1](q, k, a.headDim, a.pitch, o0, sg.perm, s);
    }
    __m512 corr[R];
    for (int i = 0; i < R; ++i) {
        const int row = rowIdx[i];
        const float* bias = a.biasRows[row] ? a.biasRows[row][r] : nullptr;
        __m512 mrow = negInf;
        for (int o = 0; o < sg.nOff; ++o) {
            if (bias) {
                // (key - query) + k - 1 = rmin + o + k - 1 for every lane.
                const int bi = sg.rmin + o + a.kernel - 1;
                if (bi >= 0 && bi <= 2 * a.kernel - 2)
                    s[i][o] = _mm512_add_ps(s[i][o], _mm512_set1_ps(bias[bi]));
            }
            s[i][o] = _mm512_mask_mov_ps(negInf, sg.valid[o], s[i][o]);
            mrow = _mm512_max_ps(mrow, s[i][o]);
        }
        const __m512 mnew = _mm512_max_ps(sg.m[row], mrow);
        corr[i] = exp512(_mm512_sub_ps(sg.m[row], mnew)); // ~1e-38 at the first row, times 0
        sg.m[row] = mnew;
        __m512 psum = _mm512_setzero_ps();
        for (int o = 0; o < sg.nOff; ++o) {
            s[i][o] = _mm512_maskz_mov_ps(sg.valid[o], exp512(_mm512_sub_ps(s[i][o], mnew)));
            psum = _mm512_add_ps(psum, s[i][o]);
        }
        sg.l[row] = _mm512_fmadd_ps(sg.l[row], corr[i], psum);
    }
    // The first chunk applies the rescaling, later chunks add on.
    for (int o0 = 0; o0 < sg.nOff; o0 += chunk) {
        const int n = sg.nOff - o0 < chunk ? sg.nOff - o0 : chunk;
        fn.values[n - 1](acc, v, a.headDim, a.pitch, o0, sg.perm, s, corr, o0 == 0);
    }
}

} // namespace

bool fusedSegmentAvx512(const SegmentArgs& a) {
    Segment sg;
    sg.a = &a;
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i xs = _mm512_loadu_si512(a.xs), xe = _mm512_loadu_si512(a.xe);
    int xsMin = a.xs[0], xsMax = a.xs[0], width = 0;
    for (int l = 0; l < kLanes; ++l) {
        xsMin = a.xs[l] < xsMin ? a.xs[l] : xsMin;
        xsMax = a.xs[l] > xsMax ? a.xs[l] : xsMax;
        width = a.xe[l] - a.xs[l] > width ? a.xe[l] - a.xs[l] : width;
    }
    bool bias = false;
    for (int i = 0; i < a.queryRows; ++i)
        bias = bias || a.biasRows[i] != nullptr;
    if (!bias && xsMax - xsMin < kLanes && width <= kMaxOffsets &&
        xsMin + width + kLanes <= a.groupLength + kPad) {
        // Window-relative offsets: lane l's key at offset o is xs[l] + o (o < xe[l] - xs[l]),
        // i.e. lane xs[l] - xs_min of the vector loaded at xs_min + o. k offsets per key row
        // wherever the segment is; relative to the query a border segment needed up to
        // k + k/2 (its lanes' windows are shifted by different amounts). In the interior the
        // map is the identity and no permute runs. The bias index would differ per lane, so
        // biased segments take the offsets relative to the query below.
        const __m512i perm = _mm512_sub_epi32(xs, _mm512_set1_epi32(xsMin));
        sg.keyStart = xsMin;
        sg.rmin = 0;
        sg.nOff = width;
        sg.perm = perm;
        sg.permute = _mm512_cmpneq_epi32_mask(perm, lane) != 0;
        for (int o = 0; o < width; ++o)
            sg.valid[o] = _mm512_cmplt_epi32_mask(_mm512_add_epi32(xs, _mm512_set1_epi32(o)), xe);
    } else {
        int rmin = 1 << 30, rmax = -(1 << 30);
        for (int l = 0; l < kLanes; ++l) {
            const int x = a.x0 + (l < a.lanes ? l : a.lanes - 1);
            rmin = a.xs[l] - x < rmin ? a.xs[l] - x : rmin;
            rmax = a.xe[l] - x > rmax ? a.xe[l] - x : rmax;
        }
        const int nOff = rmax - rmin;
        // Loads touch x0 + rmin .. x0 + rmax + 14: keep them inside the zero padding.
        if (nOff > kMaxOffsets || a.x0 + rmin < -kPad ||
            a.x0 + rmax + kLanes > a.groupLength + kPad)
            return false;
        sg.keyStart = a.x0 + rmin;
        sg.rmin = rmin;
        sg.nOff = nOff;
        sg.perm = lane;
        sg.permute = false;
        // Lane l's key at offset o is x0 + l + rmin + o; it counts iff xs[l] <= key < xe[l].
        const __m512i key0 = _mm512_add_epi32(_mm512_set1_epi32(a.x0 + rmin), lane);
        for (int o = 0; o < nOff; ++o) {
            const __m512i key = _mm512_add_epi32(key0, _mm512_set1_epi32(o));
            sg.valid[o] = _mm512_cmpge_epi32_mask(key, xs) & _mm512_cmplt_epi32_mask(key, xe);
        }
    }
    // Equal chunks of at most chunkLimit(R) offsets: 10 offsets run as 5 + 5 (independent FMA
    // chains each), not 8 + 2, whose 2-chain tail would wait on FMA latency.
    for (int R = 1; R <= kMaxQueryRows; ++R) {
        const int chunks = (sg.nOff + chunkLimit(R) - 1) / chunkLimit(R);
        sg.chunk[R - 1] = (sg.nOff + chunks - 1) / chunks;
    }
    for (int i = 0; i < a.queryRows; ++i) {
        for (int c = 0; c < a.headDim; ++c)
            _mm512_store_ps(a.acc[i] + c * kLanes, _mm512_setzero_ps());
        sg.m[i] = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
        sg.l[i] = _mm512_setzero_ps();
    }
    // Each key row runs once for all the query rows that use it.
    for (int r = 0; r < a.rows; ++r) {
        const unsigned mask = a.rowMask ? a.rowMask[r] : 1u;
        int rowIdx[kMaxQueryRows], n = 0;
        for (int i = 0; i < a.queryRows; ++i)
            if (mask & (1u << i))
                rowIdx[n++] = i;
        switch (n) {
        case 1:
            keyRow<1>(sg, r, rowIdx);
            break;
        case 2:
            keyRow<2>(sg, r, rowIdx);
            break;
        case 3:
            keyRow<3>(sg, r, rowIdx);
            break;
        case 4:
            keyRow<4>(sg, r, rowIdx);
            break;
        default:
            break;
        }
    }
    for (int i = 0; i < a.queryRows; ++i) {
        const __m512 inv = _mm512_div_ps(_mm512_set1_ps(1.0f), sg.l[i]);
        for (int c = 0; c < a.headDim; ++c)
            _mm512_store_ps(a.out[i] + c * kLanes,
                            _mm512_mul_ps(_mm512_load_ps(a.acc[i] + c * kLanes), inv));
    }
    return true;
}

namespace {

// In-place transpose of 16 rows of 16 floats: unpack pairs of rows, shuffle quadruples within
// 128-bit lanes (then lane k of u[4i + j] holds column 4k + j of rows 4i..4i+3), and gather the
// 128-bit lanes of the four quadruples.
inline void transpose16(__m512 r[16]) {
    __m512 t[16];
    for (int i = 0; i < 8; ++i) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    __m512 u[16];
    for (int i = 0; i < 4; ++i) {
        u[4 * i + 0] = _mm512_shuffle_ps(t[4 * i + 0], t[4 * i + 2], _MM_SHUFFLE(1, 0, 1, 0));
        u[4 * i + 1] = _mm512_shuffle_ps(t[4 * i + 0], t[4 * i + 2], _MM_SHUFFLE(3, 2, 3, 2));
        u[4 * i + 2] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(1, 0, 1, 0));
        u[4 * i + 3] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    for (int j = 0; j < 4; ++j) {
        const __m512 a02 = _mm512_shuffle_f32x4(u[j], u[4 + j], _MM_SHUFFLE(2, 0, 2, 0));
        const __m512 b02 = _mm512_shuffle_f32x4(u[8 + j], u[12 + j], _MM_SHUFFLE(2, 0, 2, 0));
        const __m512 a13 = _mm512_shuffle_f32x4(u[j], u[4 + j], _MM_SHUFFLE(3, 1, 3, 1));
        const __m512 b13 = _mm512_shuffle_f32x4(u[8 + j], u[12 + j], _MM_SHUFFLE(3, 1, 3, 1));
        r[j] = _mm512_shuffle_f32x4(a02, b02, _MM_SHUFFLE(2, 0, 2, 0));      // column j
        r[8 + j] = _mm512_shuffle_f32x4(a02, b02, _MM_SHUFFLE(3, 1, 3, 1));  // column 8 + j
        r[4 + j] = _mm512_shuffle_f32x4(a13, b13, _MM_SHUFFLE(2, 0, 2, 0));  // column 4 + j
        r[12 + j] = _mm512_shuffle_f32x4(a13, b13, _MM_SHUFFLE(3, 1, 3, 1)); // column 12 + j
    }
}

inline __mmask16 firstLanes(int n) {
    return n >= kLanes ? __mmask16(0xFFFF) : __mmask16((1u << n) - 1);
}

// dst[j * dstStride + i] = scale * src[i * srcStride + j] for i < rows, j < cols (both <= 16).
// srcWhole: all 16 floats of each source row may be read; dstWhole: all 16 of each destination
// row may be written (the rest as 0). Masked loads and stores only where needed: AVX-512 masked
// stores are slow on AMD Zen (they were a third of this function's time).
inline void transposeBlock(const float* src, std::int64_t srcStride, int rows, int cols,
                           float scale, float* dst, std::int64_t dstStride, bool srcWhole,
                           bool dstWhole) {
    __m512 r[16];
    const __mmask16 colMask = firstLanes(cols), rowMask = firstLanes(rows);
    const bool fullLoads = srcWhole || cols == kLanes;
    for (int i = 0; i < kLanes; ++i)
        r[i] = i >= rows   ? _mm512_setzero_ps()
               : fullLoads ? _mm512_loadu_ps(src + i * srcStride)
                           : _mm512_maskz_loadu_ps(colMask, src + i * srcStride);
    transpose16(r);
    const __m512 sc = _mm512_set1_ps(scale);
    const bool fullStores = dstWhole || rows == kLanes;
    for (int j = 0; j < cols; ++j) {
        const __m512 x = _mm512_mul_ps(r[j], sc);
        if (fullStores)
            _mm512_storeu_ps(dst + j * dstStride, x);
        else
            _mm512_mask_storeu_ps(dst + j * dstStride, rowMask, x);
    }
}

} // namespace

bool toPlanarAvx512(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
                    float* dst, std::int64_t pitch) {
    // The rows come from the [tokens, heads, head_dim] tensors, one short line per token with
    // other heads' data in between: a stride the hardware prefetcher did not follow, so the
    // masked loads waited on memory. Prefetch the lines two blocks ahead.
    constexpr int kAhead = 2 * kLanes;
    for (int x0 = 0; x0 < n; x0 += kLanes) {
        for (int i = x0 + kAhead; i < x0 + kAhead + kLanes && i < n; ++i)
            for (int c = 0; c < headDim; c += 16)
                _mm_prefetch(reinterpret_cast<const char*>(src + i * tokenStride + c), _MM_HINT_T0);
        for (int c0 = 0; c0 < headDim; c0 += kLanes)
            transposeBlock(
                src + x0 * tokenStride + c0, tokenStride, n - x0 < kLanes ? n - x0 : kLanes,
                headDim - c0 < kLanes ? headDim - c0 : kLanes, scale, dst + c0 * pitch + x0, pitch,
                false, true); // a line holds at least kPad floats after the last x
    }
    return true;
}

bool fromLanesAvx512(const float* res, int headDim, int lanes, float* out,
                     std::int64_t laneStride) {
    for (int c0 = 0; c0 < headDim; c0 += kLanes)
        transposeBlock(res + c0 * kLanes, kLanes, headDim - c0 < kLanes ? headDim - c0 : kLanes,
                       lanes, 1.0f, out + c0, laneStride, true, false);
    return true;
}

} // namespace algoscope::attention::detail
ALGOSCOPE_UNTARGET_REGION

namespace algoscope::attention::detail {
bool fusedAvx512Available() {
    return __builtin_cpu_supports("avx512f");
}
} // namespace algoscope::attention::detail

#else
namespace algoscope::attention::detail {
bool fusedSegmentAvx512(const SegmentArgs&) {
    return false;
}
bool fusedAvx512Available() {
    return false;
}
bool toPlanarAvx512(const float*, std::int64_t, int, int, float, float*, std::int64_t) {
    return false;
}
bool fromLanesAvx512(const float*, int, int, float*, std::int64_t) {
    return false;
}
} // namespace algoscope::attention::detail
#endif
