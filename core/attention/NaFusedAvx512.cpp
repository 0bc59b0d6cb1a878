// The AVX-512 parts of the fused forward pass; NaFusedKernel.h has the algorithm.
// 16 queries per zmm register (one lane each), so scores and the weighted sum of values are
// vertical FMAs over head_dim: for head_dim 32 and k = 7, an interior segment does 7 x 32 FMAs
// per key row for the scores and as many for the values, every multiply useful. Offsets are
// processed in register chunks of up to 8 accumulators (template N) so the compiler keeps them
// in zmm registers. Also the planar copies (gathers) and the output scatter.
// Compiled for AVX-512 only in the region below; callers check fusedAvx512Available().
#include "attention/NaFusedKernel.h"
#include "life/TargetRegion.h" // the ISA-region macros (shared with the Life kernels)

#include <cstdint>
#include <limits>

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

// Scores of relative offsets o0 .. o0+N-1 (k points at offset 0 of lane 0) into s[o0..].
template <int N>
inline void scoresChunk(const float* q, const float* k, int headDim, std::int64_t pitch, int o0,
                        __m512* s) {
    __m512 acc[N];
    for (int i = 0; i < N; ++i)
        acc[i] = _mm512_setzero_ps();
    for (int c = 0; c < headDim; ++c) {
        const __m512 qv = _mm512_loadu_ps(q + c * pitch);
        const float* kr = k + c * pitch + o0;
        for (int i = 0; i < N; ++i)
            acc[i] = _mm512_fmadd_ps(qv, _mm512_loadu_ps(kr + i), acc[i]);
    }
    for (int i = 0; i < N; ++i)
        s[o0 + i] = acc[i];
}

// acc[c] = acc[c] * scale + sum over offsets o0 .. o0+N-1 of p[o] * V(c, o).
template <int N>
inline void valuesChunk(float* accp, const float* v, int headDim, std::int64_t pitch, int o0,
                        const __m512* p, __m512 scale) {
    __m512 pr[N];
    for (int i = 0; i < N; ++i)
        pr[i] = p[o0 + i];
    for (int c = 0; c < headDim; ++c) {
        __m512 acc = _mm512_mul_ps(_mm512_load_ps(accp + c * kLanes), scale);
        const float* vr = v + c * pitch + o0;
        for (int i = 0; i < N; ++i)
            acc = _mm512_fmadd_ps(pr[i], _mm512_loadu_ps(vr + i), acc);
        _mm512_store_ps(accp + c * kLanes, acc);
    }
}

void scores(const float* q, const float* k, int headDim, std::int64_t pitch, int o0, int n,
            __m512* s) {
    switch (n) {
    case 1:
        scoresChunk<1>(q, k, headDim, pitch, o0, s);
        break;
    case 2:
        scoresChunk<2>(q, k, headDim, pitch, o0, s);
        break;
    case 3:
        scoresChunk<3>(q, k, headDim, pitch, o0, s);
        break;
    case 4:
        scoresChunk<4>(q, k, headDim, pitch, o0, s);
        break;
    case 5:
        scoresChunk<5>(q, k, headDim, pitch, o0, s);
        break;
    case 6:
        scoresChunk<6>(q, k, headDim, pitch, o0, s);
        break;
    case 7:
        scoresChunk<7>(q, k, headDim, pitch, o0, s);
        break;
    default:
        scoresChunk<8>(q, k, headDim, pitch, o0, s);
        break;
    }
}

void values(float* acc, const float* v, int headDim, std::int64_t pitch, int o0, int n,
            const __m512* p, __m512 scale) {
    switch (n) {
    case 1:
        valuesChunk<1>(acc, v, headDim, pitch, o0, p, scale);
        break;
    case 2:
        valuesChunk<2>(acc, v, headDim, pitch, o0, p, scale);
        break;
    case 3:
        valuesChunk<3>(acc, v, headDim, pitch, o0, p, scale);
        break;
    case 4:
        valuesChunk<4>(acc, v, headDim, pitch, o0, p, scale);
        break;
    case 5:
        valuesChunk<5>(acc, v, headDim, pitch, o0, p, scale);
        break;
    case 6:
        valuesChunk<6>(acc, v, headDim, pitch, o0, p, scale);
        break;
    case 7:
        valuesChunk<7>(acc, v, headDim, pitch, o0, p, scale);
        break;
    default:
        valuesChunk<8>(acc, v, headDim, pitch, o0, p, scale);
        break;
    }
}

} // namespace

bool fusedSegmentAvx512(const SegmentArgs& a) {
    const int K = a.kernel;
    int rmin = 1 << 30, rmax = -(1 << 30);
    for (int l = 0; l < kLanes; ++l) {
        const int x = a.x0 + (l < a.lanes ? l : a.lanes - 1);
        rmin = a.xs[l] - x < rmin ? a.xs[l] - x : rmin;
        rmax = a.xe[l] - x > rmax ? a.xe[l] - x : rmax;
    }
    const int nOff = rmax - rmin;
    // Loads touch x0 + rmin .. x0 + rmax + 14: keep them inside the zero padding.
    if (nOff > kMaxOffsets || a.x0 + rmin < -kPad || a.x0 + rmax + kLanes > a.groupLength + kPad)
        return false;
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    // Lane l's key at offset o is x0 + l + rmin + o; it counts iff xs[l] <= key < xe[l].
    const __m512i xs = _mm512_loadu_si512(a.xs), xe = _mm512_loadu_si512(a.xe);
    const __m512i key0 = _mm512_add_epi32(_mm512_set1_epi32(a.x0 + rmin), lane);
    __mmask16 valid[kMaxOffsets];
    for (int o = 0; o < nOff; ++o) {
        const __m512i key = _mm512_add_epi32(key0, _mm512_set1_epi32(o));
        valid[o] = _mm512_cmpge_epi32_mask(key, xs) & _mm512_cmplt_epi32_mask(key, xe);
    }
    for (int c = 0; c < a.headDim; ++c)
        _mm512_store_ps(a.acc + c * kLanes, _mm512_setzero_ps());
    const __m512 negInf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    __m512 m = negInf, l = _mm512_setzero_ps();
    __m512 s[kMaxOffsets];
    const float* q = a.qt + a.x0;
    // Equal chunks of at most 8 offsets: 10 offsets run as 5 + 5 (five independent FMA chains
    // each), not 8 + 2, whose 2-chain tail would wait on FMA latency.
    const int chunks = (nOff + 7) / 8;
    const int chunk = (nOff + chunks - 1) / chunks;
    for (int r = 0; r < a.rows; ++r) {
        const float* k = a.krows[r] + a.x0 + rmin;
        const float* v = a.vrows[r] + a.x0 + rmin;
        for (int o0 = 0; o0 < nOff; o0 += chunk)
            scores(q, k, a.headDim, a.pitch, o0, nOff - o0 < chunk ? nOff - o0 : chunk, s);
        __m512 mrow = negInf;
        for (int o = 0; o < nOff; ++o) {
            if (a.biasRows) {
                // (key - query) + k - 1 = rmin + o + k - 1 for every lane.
                const int bi = rmin + o + K - 1;
                if (bi >= 0 && bi <= 2 * K - 2)
                    s[o] = _mm512_add_ps(s[o], _mm512_set1_ps(a.biasRows[r][bi]));
            }
            s[o] = _mm512_mask_mov_ps(negInf, valid[o], s[o]);
            mrow = _mm512_max_ps(mrow, s[o]);
        }
        const __m512 mnew = _mm512_max_ps(m, mrow);
        const __m512 corr = exp512(_mm512_sub_ps(m, mnew)); // ~1e-38 at the first row, times 0
        m = mnew;
        __m512 psum = _mm512_setzero_ps();
        for (int o = 0; o < nOff; ++o) {
            s[o] = _mm512_maskz_mov_ps(valid[o], exp512(_mm512_sub_ps(s[o], mnew)));
            psum = _mm512_add_ps(psum, s[o]);
        }
        l = _mm512_fmadd_ps(l, corr, psum);
        // The first chunk applies the rescaling, later chunks add on.
        for (int o0 = 0; o0 < nOff; o0 += chunk)
            values(a.acc, v, a.headDim, a.pitch, o0, nOff - o0 < chunk ? nOff - o0 : chunk, s,
                   o0 == 0 ? corr : _mm512_set1_ps(1.0f));
    }
    const __m512 inv = _mm512_div_ps(_mm512_set1_ps(1.0f), l);
    for (int c = 0; c < a.headDim; ++c)
        _mm512_store_ps(a.out + c * kLanes, _mm512_mul_ps(_mm512_load_ps(a.acc + c * kLanes), inv));
    return true;
}

namespace {

void toPlanarAvx512(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
                    float* dst, std::int64_t pitch) {
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512 sc = _mm512_set1_ps(scale);
    for (int x0 = 0; x0 < n; x0 += kLanes) {
        const __mmask16 mask =
            n - x0 >= kLanes ? __mmask16(0xFFFF) : __mmask16((1u << (n - x0)) - 1);
        const float* base = src + x0 * tokenStride;
        const __m512i idx = _mm512_mullo_epi32(lane, _mm512_set1_epi32(int(tokenStride)));
        for (int c = 0; c < headDim; ++c) {
            const __m512 v = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), mask, idx, base + c, 4);
            _mm512_mask_storeu_ps(dst + c * pitch + x0, mask, _mm512_mul_ps(v, sc));
        }
    }
}

} // namespace
} // namespace algoscope::attention::detail
ALGOSCOPE_UNTARGET_REGION

namespace algoscope::attention::detail {
bool fusedAvx512Available() {
    return __builtin_cpu_supports("avx512f");
}

void toPlanar(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
              float* dst, std::int64_t pitch, bool simd) {
    // Gather indices are int32: 16 * tokenStride must fit (checked, else the scalar loop).
    if (simd && tokenStride < (std::int64_t(1) << 26)) {
        toPlanarAvx512(src, tokenStride, n, headDim, scale, dst, pitch);
        return;
    }
    for (int x = 0; x < n; ++x)
        for (int c = 0; c < headDim; ++c)
            dst[c * pitch + x] = scale * src[x * tokenStride + c];
}

void fromLanes(const float* res, int headDim, int lanes, float* out, std::int64_t laneStride,
               bool simd) {
    // Plain loops: contiguous stores per query beat AVX-512 scatters here.
    (void)simd;
    for (int l = 0; l < lanes; ++l)
        for (int c = 0; c < headDim; ++c)
            out[l * laneStride + c] = res[c * kLanes + l];
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
void toPlanar(const float* src, std::int64_t tokenStride, int n, int headDim, float scale,
              float* dst, std::int64_t pitch, bool) {
    for (int x = 0; x < n; ++x)
        for (int c = 0; c < headDim; ++c)
            dst[c * pitch + x] = scale * src[x * tokenStride + c];
}
void fromLanes(const float* res, int headDim, int lanes, float* out, std::int64_t laneStride,
               bool) {
    for (int l = 0; l < lanes; ++l)
        for (int c = 0; c < headDim; ++c)
            out[l * laneStride + c] = res[c * kLanes + l];
}
} // namespace algoscope::attention::detail
#endif
