// [SECTION] names and input checks  [SECTION] .npy  [SECTION] reference, masked-gemm, naive
#include "attention/NaForward.h"

#include "attention/NaGeometry.h"
#include "util/Error.h"
#include "util/Limits.h"
#include "util/Npy.h"
#include "util/Rng.h"

// GCC 12 warns about the deliberately undefined registers in its own avx512fintrin.h
// (_mm512_undefined_ps in masked intrinsics) once Eigen is built for AVX-512 (-march=native):
// false positives.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>

namespace algoscope::attention {

// ---------------------------------------------------------------------------------------------
// [SECTION] names and input checks

std::string_view implName(Impl impl) {
    switch (impl) {
    case Impl::Reference:
        return "reference";
    case Impl::MaskedGemm:
        return "masked-gemm";
    case Impl::Naive:
        return "naive";
    case Impl::Gemm:
        return "gemm";
    case Impl::Fused:
        return "fused";
    case Impl::GpuNaive:
        return "gpu-naive";
    case Impl::GpuFused:
        return "gpu-fused";
    }
    return "?";
}

std::vector<Impl> allImpls() {
    return {Impl::Reference, Impl::MaskedGemm, Impl::Naive,   Impl::Gemm,
            Impl::Fused,     Impl::GpuNaive,   Impl::GpuFused};
}

std::optional<Impl> parseImpl(std::string_view name) {
    for (Impl i : allImpls())
        if (implName(i) == name)
            return i;
    return std::nullopt;
}

std::int64_t NaShape::tokens() const {
    std::int64_t n = 1;
    for (int s : sizes)
        n *= s;
    return n;
}

namespace {

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + ")";
}

void checkFinite(const Tensor& t, const char* what) {
    // A branch-free pass first (the exponent bits of inf and NaN are all ones; this OR
    // reduction vectorises), the position only when something is wrong.
    std::uint32_t bad = 0;
    for (float x : t.data) {
        std::uint32_t bits;
        std::memcpy(&bits, &x, sizeof bits);
        bad |= std::uint32_t((bits & 0x7f800000u) == 0x7f800000u);
    }
    if (!bad)
        return;
    for (std::size_t i = 0; i < t.data.size(); ++i)
        if (!std::isfinite(t.data[i]))
            throw util::Error(std::string(what) + " holds a non-finite value (" +
                              std::to_string(t.data[i]) + ") at flat index " + std::to_string(i));
}

} // namespace

Tensor uniformTensor(const std::vector<std::int64_t>& shape, std::uint64_t seed) {
    Tensor t;
    t.shape = shape;
    t.data.resize(util::checkedElementCount(shape, "random tensor"));
    util::Rng rng(seed);
    for (float& x : t.data)
        x = float(rng.uniform(-1.0, 1.0));
    return t;
}

NaShape checkInputs(const Tensor& q, const Tensor& k, const Tensor& v, const NaOptions& options) {
    const std::size_t rank = q.shape.size();
    if (rank < 4 || rank > 6)
        throw util::Error("q has shape " + shapeText(q.shape) +
                          "; expected [batch, *spatial (1 to 3 axes), heads, head_dim]");
    if (k.shape != q.shape)
        throw util::Error("k has shape " + shapeText(k.shape) + " but q has " + shapeText(q.shape) +
                          "; q, k and v must have the same shape");
    if (v.shape != q.shape)
        throw util::Error("v has shape " + shapeText(v.shape) + " but q has " + shapeText(q.shape) +
                          "; q, k and v must have the same shape");
    for (std::int64_t d : q.shape)
        if (d < 1 || d > std::numeric_limits<int>::max())
            throw util::Error("q has shape " + shapeText(q.shape) +
                              "; every dimension must be between 1 and 2^31-1");
    const std::size_t count = util::checkedElementCount(q.shape, "q");
    for (const Tensor* t : {&q, &k, &v})
        if (t->data.size() != count)
            throw util::Error("tensor data does not match its shape " + shapeText(t->shape));
    NaShape s;
    s.batch = int(q.shape[0]);
    s.heads = int(q.shape[rank - 2]);
    s.headDim = int(q.shape[rank - 1]);
    for (std::size_t a = 1; a < rank - 2; ++a)
        s.sizes.push_back(int(q.shape[a]));
    if (s.headDim > kMaxHeadDim)
        throw util::LimitError("head_dim " + std::to_string(s.headDim) + " exceeds kMaxHeadDim (" +
                               std::to_string(kMaxHeadDim) +
                               "); raise it in core/attention/NaForward.h");
    validate(options.params, s.sizes, options.rpb != nullptr);
    if (options.rpb) {
        std::vector<std::int64_t> want{s.heads};
        for (const auto& a : options.params.axes)
            want.push_back(2 * a.kernel - 1);
        if (options.rpb->shape != want)
            throw util::Error("rpb has shape " + shapeText(options.rpb->shape) +
                              "; expected [heads, 2k-1 per axis] = " + shapeText(want));
        if (options.rpb->data.size() != util::checkedElementCount(want, "rpb"))
            throw util::Error("rpb data does not match its shape");
        checkFinite(*options.rpb, "rpb");
    }
    if (options.scale && !std::isfinite(*options.scale))
        throw util::Error("scale must be finite");
    checkFinite(q, "q");
    checkFinite(k, "k");
    checkFinite(v, "v");
    return s;
}

namespace detail {

Geometry makeGeometry(const NaShape& shape, const NaOptions& options) {
    Geometry g;
    g.rank = int(shape.sizes.size());
    g.batch = shape.batch;
    g.heads = shape.heads;
    g.headDim = shape.headDim;
    const int off = 3 - g.rank;
    for (int a = 0; a < g.rank; ++a) {
        g.L[std::size_t(off + a)] = shape.sizes[std::size_t(a)];
        g.p[std::size_t(off + a)] = options.params.axes[std::size_t(a)];
    }
    g.tokens = shape.tokens();
    g.scale = options.scale ? *options.scale : 1.0f / std::sqrt(float(shape.headDim));
    if (options.rpb) {
        g.rpb = options.rpb->data.data();
        for (int a = 0; a < 3; ++a)
            g.rpbDim[std::size_t(a)] = 2 * g.p[std::size_t(a)].kernel - 1;
    }
    g.window = std::int64_t(g.p[0].kernel) * g.p[1].kernel * g.p[2].kernel;
    return g;
}

EigenThreadsScope::EigenThreadsScope(int threads) : m_previous(Eigen::nbThreads()) {
    Eigen::setNbThreads(threads);
}

EigenThreadsScope::~EigenThreadsScope() {
    Eigen::setNbThreads(m_previous);
}

std::array<AxisTable, 3> axisTables(const Geometry& g) {
    std::array<AxisTable, 3> t;
    for (int a = 0; a < 3; ++a)
        for (int x = 0; x < g.L[std::size_t(a)]; ++x)
            t[std::size_t(a)].w.push_back(g.window3(a, x));
    return t;
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// [SECTION] .npy

Tensor readTensorNpy(const std::string& path, const std::string& what) {
    util::NpyArray a;
    try {
        a = util::readNpy(path);
    } catch (const util::Error& e) {
        throw util::Error(what + " (" + path + "): " + e.what());
    }
    if (a.dtype != "<f4")
        throw util::Error(what + " (" + path + "): dtype " + a.dtype +
                          " is not float32 ('<f4'); convert with .astype(np.float32)");
    Tensor t;
    t.shape = a.shape;
    const auto values = a.as<float>();
    t.data.assign(values.begin(), values.end());
    return t;
}

void writeTensorNpy(const std::string& path, const Tensor& t) {
    util::writeNpy(path, t.data.data(), t.shape);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] reference, masked-gemm, naive

namespace detail {

namespace {

// mask[query][key] for the padded 3-D geometry, from the per-axis index math.
bool inWindow(const std::array<AxisTable, 3>& t, const Geometry& g, const int qc[3],
              const int kc[3]) {
    for (int a = 0; a < 3; ++a) {
        const AxisWindow& w = t[std::size_t(a)].w[std::size_t(qc[a])];
        const int d = g.p[std::size_t(a)].dilation;
        if (kc[a] % d != w.group)
            return false;
        const int j = kc[a] / d;
        if (j < w.start || j >= w.end)
            return false;
    }
    return true;
}

void coords(const Geometry& g, std::int64_t tok, int c[3]) {
    c[2] = int(tok % g.L[2]);
    c[1] = int((tok / g.L[2]) % g.L[1]);
    c[0] = int(tok / (std::int64_t(g.L[2]) * g.L[1]));
}

// Position of key kc inside query qc's window as a flat score-tensor index (row-major over the
// window offsets, last axis fastest).
std::int64_t windowSlot(const std::array<AxisTable, 3>& t, const Geometry& g, const int qc[3],
                        const int kc[3]) {
    std::int64_t slot = 0;
    for (int a = 0; a < 3; ++a) {
        const AxisWindow& w = t[std::size_t(a)].w[std::size_t(qc[a])];
        slot = slot * g.p[std::size_t(a)].kernel + (kc[a] / g.p[std::size_t(a)].dilation - w.start);
    }
    return slot;
}

void checkReferenceSize(const Geometry& g, const char* name) {
    if (g.tokens > kMaxReferenceTokens)
        throw util::LimitError(std::string(name) + ": " + std::to_string(g.tokens) +
                               " tokens exceeds kMaxReferenceTokens (" +
                               std::to_string(kMaxReferenceTokens) +
                               ") of the O(n^2) implementations; use naive, gemm or fused, or "
                               "raise it in core/attention/NaForward.h");
}

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

} // namespace

void forwardReference(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                      float* scores, const util::TaskContext& ctx) {
    checkReferenceSize(g, "reference");
    const auto tables = axisTables(g);
    const std::int64_t N = g.tokens;
    const int D = g.headDim;
    std::vector<double> s(static_cast<std::size_t>(N), 0.0);
    std::vector<char> mask(static_cast<std::size_t>(N));
    std::vector<double> acc(static_cast<std::size_t>(D));
    for (int b = 0; b < g.batch; ++b)
        for (int h = 0; h < g.heads; ++h) {
            ctx.checkCancelled();
            ctx.report(double(b * g.heads + h) / double(g.batch * g.heads), "reference");
            for (std::int64_t i = 0; i < N; ++i) {
                if ((i & 15) == 0)
                    ctx.checkCancelled();
                int qc[3];
                coords(g, i, qc);
                const float* qi = q + g.qkvOffset(b, i, h);
                double mx = -std::numeric_limits<double>::infinity();
                for (std::int64_t j = 0; j < N; ++j) {
                    int kc[3];
                    coords(g, j, kc);
                    mask[std::size_t(j)] = inWindow(tables, g, qc, kc);
                    if (!mask[std::size_t(j)])
                        continue;
                    const float* kj = k + g.qkvOffset(b, j, h);
                    double dot = 0;
                    for (int c = 0; c < D; ++c)
                        dot += double(qi[c]) * double(kj[c]);
                    double sc = double(g.scale) * dot;
                    if (g.rpb) {
                        int dd[3];
                        for (int a = 0; a < 3; ++a) {
                            const int d = g.p[std::size_t(a)].dilation;
                            dd[a] = kc[a] / d - qc[a] / d;
                        }
                        sc += double(g.bias(h, dd[0], dd[1], dd[2]));
                    }
                    s[std::size_t(j)] = sc;
                    mx = std::max(mx, sc);
                    if (scores)
                        scores[g.scoreOffset(b, h, i) + windowSlot(tables, g, qc, kc)] = float(sc);
                }
                double sum = 0;
                std::fill(acc.begin(), acc.end(), 0.0);
                for (std::int64_t j = 0; j < N; ++j) {
                    if (!mask[std::size_t(j)])
                        continue;
                    const double p = std::exp(s[std::size_t(j)] - mx);
                    sum += p;
                    const float* vj = v + g.qkvOffset(b, j, h);
                    for (int c = 0; c < D; ++c)
                        acc[std::size_t(c)] += p * double(vj[c]);
                }
                float* o = out + g.qkvOffset(b, i, h);
                for (int c = 0; c < D; ++c)
                    o[c] = float(acc[std::size_t(c)] / sum);
            }
        }
}

void forwardMaskedGemm(const Geometry& g, const float* q, const float* k, const float* v,
                       float* out, float* scores, const util::TaskContext& ctx, int threads) {
    checkReferenceSize(g, "masked-gemm");
    using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using Stride = Eigen::OuterStride<>;
    const auto tables = axisTables(g);
    const std::int64_t N = g.tokens;
    const int D = g.headDim;
    // The additive mask (0 inside the window, -inf outside), as a dense attention with an
    // attn_mask receives it, is built once from the neighbour lists; a bias is added to the
    // window entries of each head's scores.
    RowMat S(N, N), maskAdd(N, N), O(N, D);
    const EigenThreadsScope eigenThreads(threads > 0 ? threads : omp_get_max_threads());
    maskAdd.setConstant(kNegInf);
    std::vector<std::int64_t> window; // flat keys of query i, its bias offsets alongside
    std::vector<std::array<int, 3>> biasIndex;
    auto windowOf = [&](std::int64_t i) {
        int qc[3];
        coords(g, i, qc);
        window.clear();
        biasIndex.clear();
        const AxisWindow& wz = tables[0].w[std::size_t(qc[0])];
        const AxisWindow& wy = tables[1].w[std::size_t(qc[1])];
        const AxisWindow& wx = tables[2].w[std::size_t(qc[2])];
        for (int jz = wz.start; jz < wz.end; ++jz)
            for (int jy = wy.start; jy < wy.end; ++jy)
                for (int jx = wx.start; jx < wx.end; ++jx) {
                    window.push_back(g.token(jz * g.p[0].dilation + wz.group,
                                             jy * g.p[1].dilation + wy.group,
                                             jx * g.p[2].dilation + wx.group));
                    biasIndex.push_back({jz - qc[0] / g.p[0].dilation, jy - qc[1] / g.p[1].dilation,
                                         jx - qc[2] / g.p[2].dilation});
                }
    };
    for (std::int64_t i = 0; i < N; ++i) {
        if ((i & 255) == 0)
            ctx.checkCancelled();
        windowOf(i);
        for (std::int64_t j : window)
            maskAdd(i, j) = 0.0f;
    }
    for (int b = 0; b < g.batch; ++b)
        for (int h = 0; h < g.heads; ++h) {
            ctx.checkCancelled();
            ctx.report(double(b * g.heads + h) / double(g.batch * g.heads), "masked-gemm");
            // q, k, v of head h are strided views of the [batch, tokens, heads, dim] tensors.
            Eigen::Map<const RowMat, 0, Stride> Q(q + g.qkvOffset(b, 0, h), N, D,
                                                  Stride(g.heads * D));
            Eigen::Map<const RowMat, 0, Stride> K(k + g.qkvOffset(b, 0, h), N, D,
                                                  Stride(g.heads * D));
            Eigen::Map<const RowMat, 0, Stride> V(v + g.qkvOffset(b, 0, h), N, D,
                                                  Stride(g.heads * D));
            // GEMMs in bands of rows, so that cancelling takes effect between bands.
            constexpr Eigen::Index kBand = 256;
            for (Eigen::Index i0 = 0; i0 < N; i0 += kBand) {
                ctx.checkCancelled();
                const Eigen::Index nb = std::min<Eigen::Index>(kBand, N - i0);
                S.middleRows(i0, nb).noalias() = g.scale * (Q.middleRows(i0, nb) * K.transpose());
                S.middleRows(i0, nb) += maskAdd.middleRows(i0, nb);
            }
            if (g.rpb || scores)
                for (std::int64_t i = 0; i < N; ++i) {
                    windowOf(i);
                    for (std::size_t n = 0; n < window.size(); ++n) {
                        const auto& d = biasIndex[n];
                        if (g.rpb)
                            S(i, window[n]) += g.bias(h, d[0], d[1], d[2]);
                        if (scores) {
                            // Slot in the window, row-major from its start.
                            int qc[3], kc[3];
                            coords(g, i, qc);
                            coords(g, window[n], kc);
                            scores[g.scoreOffset(b, h, i) + windowSlot(tables, g, qc, kc)] =
                                S(i, window[n]);
                        }
                    }
                }
            // Masked entries are set to exactly 0: Eigen's vectorised exp clamps -inf to about
            // 1e-39, a denormal, and denormals made the P V product 50x slower.
            for (std::int64_t i = 0; i < N; ++i) {
                if ((i & 255) == 0)
                    ctx.checkCancelled();
                auto row = S.row(i);
                const float mx = row.maxCoeff();
                row = (maskAdd.row(i).array() == kNegInf).select(0.0f, (row.array() - mx).exp());
                row /= row.sum();
            }
            for (Eigen::Index i0 = 0; i0 < N; i0 += kBand) {
                ctx.checkCancelled();
                const Eigen::Index nb = std::min<Eigen::Index>(kBand, N - i0);
                O.middleRows(i0, nb).noalias() = S.middleRows(i0, nb) * V;
            }
            for (std::int64_t i = 0; i < N; ++i)
                std::copy_n(O.row(i).data(), D, out + g.qkvOffset(b, i, h));
        }
}

void forwardNaive(const Geometry& g, const float* q, const float* k, const float* v, float* out,
                  float* scores, const util::TaskContext& ctx, int threads) {
    const auto tables = axisTables(g);
    const int D = g.headDim;
    const std::int64_t rows = std::int64_t(g.batch) * g.heads * g.L[0] * g.L[1];
    std::atomic<bool> stop{false};
    std::atomic<std::int64_t> done{0};
    const int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel num_threads(nt)
    {
        std::vector<float> s(static_cast<std::size_t>(g.window));
#pragma omp for schedule(dynamic, 4)
        for (std::int64_t r = 0; r < rows; ++r) {
            if (stop.load(std::memory_order_relaxed))
                continue;
            if (ctx.isCancelled()) {
                stop = true;
                continue;
            }
            const int y = int(r % g.L[1]);
            const int z = int((r / g.L[1]) % g.L[0]);
            const int h = int((r / (std::int64_t(g.L[1]) * g.L[0])) % g.heads);
            const int b = int(r / (std::int64_t(g.L[1]) * g.L[0] * g.heads));
            const AxisWindow wz = tables[0].w[std::size_t(z)], wy = tables[1].w[std::size_t(y)];
            for (int x = 0; x < g.L[2]; ++x) {
                if ((x & 7) == 0 && ctx.isCancelled()) {
                    stop = true;
                    break;
                }
                const AxisWindow wx = tables[2].w[std::size_t(x)];
                const float* qi = q + g.qkvOffset(b, g.token(z, y, x), h);
                float mx = kNegInf;
                float* srow = scores ? scores + g.scoreOffset(b, h, g.token(z, y, x)) : nullptr;
                if (srow)
                    std::fill_n(srow, g.window, kNegInf);
                // Pass 1: scores of the window, row-major from the window start.
                for (int jz = wz.start; jz < wz.end; ++jz)
                    for (int jy = wy.start; jy < wy.end; ++jy)
                        for (int jx = wx.start; jx < wx.end; ++jx) {
                            const int kz = jz * g.p[0].dilation + wz.group;
                            const int ky = jy * g.p[1].dilation + wy.group;
                            const int kx = jx * g.p[2].dilation + wx.group;
                            const float* kj = k + g.qkvOffset(b, g.token(kz, ky, kx), h);
                            float dot = 0;
                            for (int c = 0; c < D; ++c)
                                dot += qi[c] * kj[c];
                            float sc = g.scale * dot;
                            if (g.rpb)
                                sc += g.bias(h, jz - z / g.p[0].dilation, jy - y / g.p[1].dilation,
                                             jx - x / g.p[2].dilation);
                            const std::int64_t slot =
                                ((std::int64_t(jz - wz.start) * g.p[1].kernel + (jy - wy.start)) *
                                     g.p[2].kernel +
                                 (jx - wx.start));
                            s[std::size_t(slot)] = sc;
                            if (srow)
                                srow[slot] = sc;
                            mx = std::max(mx, sc);
                        }
                // Pass 2: softmax and the weighted sum of values.
                float* o = out + g.qkvOffset(b, g.token(z, y, x), h);
                std::fill_n(o, D, 0.0f);
                float sum = 0;
                for (int jz = wz.start; jz < wz.end; ++jz)
                    for (int jy = wy.start; jy < wy.end; ++jy)
                        for (int jx = wx.start; jx < wx.end; ++jx) {
                            const std::int64_t slot =
                                ((std::int64_t(jz - wz.start) * g.p[1].kernel + (jy - wy.start)) *
                                     g.p[2].kernel +
                                 (jx - wx.start));
                            const float p = std::exp(s[std::size_t(slot)] - mx);
                            sum += p;
                            const int kz = jz * g.p[0].dilation + wz.group;
                            const int ky = jy * g.p[1].dilation + wy.group;
                            const int kx = jx * g.p[2].dilation + wx.group;
                            const float* vj = v + g.qkvOffset(b, g.token(kz, ky, kx), h);
                            for (int c = 0; c < D; ++c)
                                o[c] += p * vj[c];
                        }
                const float inv = 1.0f / sum;
                for (int c = 0; c < D; ++c)
                    o[c] *= inv;
            }
            const std::int64_t n = ++done;
            if (omp_get_thread_num() == 0)
                ctx.report(double(n) / double(rows), "naive");
        }
    }
    ctx.checkCancelled();
}

} // namespace detail

NaResult forwardCpu(Impl impl, const Tensor& q, const Tensor& k, const Tensor& v,
                    const NaOptions& options, const util::TaskContext& ctx) {
    const NaShape shape = checkInputs(q, k, v, options);
    const detail::Geometry g = detail::makeGeometry(shape, options);
    if (options.wantScores && (impl == Impl::Fused || isGpuImpl(impl)))
        throw util::Error(std::string(implName(impl)) +
                          " keeps no score tensor (that is the point of fusing); ask naive, "
                          "gemm, masked-gemm or reference for the scores");
    NaResult r;
    r.out.shape = q.shape;
    r.out.data.assign(q.data.size(), 0.0f);
    float* scores = nullptr;
    if (options.wantScores) {
        r.scores.shape = {shape.batch, shape.heads};
        for (int s : shape.sizes)
            r.scores.shape.push_back(s);
        r.scores.shape.push_back(options.params.windowVolume());
        const std::uint64_t n = util::checkedElementCount(r.scores.shape, "score tensor");
        util::checkLimit(util::checkedMul(n, 4, "score tensor"), util::kMaxTensorBytes,
                         "kMaxTensorBytes", "score tensor");
        r.scores.data.assign(n, -std::numeric_limits<float>::infinity());
        scores = r.scores.data.data();
    }
    const int threads = options.threads;
    switch (impl) {
    case Impl::Reference:
        detail::forwardReference(g, q.data.data(), k.data.data(), v.data.data(), r.out.data.data(),
                                 scores, ctx);
        break;
    case Impl::MaskedGemm:
        detail::forwardMaskedGemm(g, q.data.data(), k.data.data(), v.data.data(), r.out.data.data(),
                                  scores, ctx, threads);
        break;
    case Impl::Naive:
        detail::forwardNaive(g, q.data.data(), k.data.data(), v.data.data(), r.out.data.data(),
                             scores, ctx, threads);
        break;
    case Impl::Gemm:
        detail::forwardGemm(g, q.data.data(), k.data.data(), v.data.data(), r.out.data.data(),
                            scores, ctx, threads);
        break;
    case Impl::Fused:
        detail::forwardFused(g, q.data.data(), k.data.data(), v.data.data(), r.out.data.data(), ctx,
                             threads);
        break;
    case Impl::GpuNaive:
    case Impl::GpuFused:
        throw util::Error(std::string(implName(impl)) +
                          " runs on the GPU: use gpu::GpuAttention with an OpenGL 4.3 context");
    }
    ctx.report(1.0, std::string(implName(impl)));
    return r;
}

} // namespace algoscope::attention
