#pragma once
// The forward pass of neighbourhood attention (NATTEN semantics, see NaIndex.h) in several
// implementations that all give the same result to float tolerance:
//   reference    full self-attention over all tokens in double precision with a mask built from
//                the index math; O(n^2), limited to kMaxReferenceTokens tokens
//   masked-gemm  the same masked full attention in float with Eigen GEMMs (QK^T, mask, softmax,
//                PV): the "just mask a dense attention" baseline; limited like reference
//   naive        per query, loop over its window (the classic CPU kernel)
//   gemm         unfused: for tiles of queries, scores = Q K^T over the tile's key range with
//                Eigen's GEMM, the window entries scattered into the score tensor
//                [batch, heads, *spatial, prod(k)] in memory, softmax there, then the weights
//                gathered back into dense tiles for P V
//   fused        segments of 16 queries along the last axis share one key/value range (window
//                start and end are monotone in the query index), online softmax over key rows,
//                no score tensor; AVX-512 where the CPU has it
// The GPU twins (gpu-naive, gpu-fused) live in core/gpu/GpuAttention.h.
//
// Layout as NATTEN 0.20+: q, k, v and the output are [batch, *spatial, heads, head_dim],
// float32, C order. Optional relative positional bias [heads, 2k-1 per axis] (NATTEN 0.17:
// added after scaling at index (key group coordinate - query group coordinate) + k-1).
// Scores: scale * q.k (+ bias), default scale head_dim^-0.5; keys outside the window are -inf.
#include "attention/NaIndex.h"
#include "util/TaskContext.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::attention {

/// A dense float32 tensor in C order.
struct Tensor {
    std::vector<std::int64_t> shape;
    std::vector<float> data;
    std::int64_t dim(int i) const { return shape[std::size_t(i)]; }
    std::size_t size() const { return data.size(); }
};

/// A tensor of the given shape with entries uniform in [-1, 1), deterministic in the seed (the
/// lab's, the CLI's and the benchmarks' random inputs). util::Error for an absurd shape.
Tensor uniformTensor(const std::vector<std::int64_t>& shape, std::uint64_t seed);

enum class Impl { Reference, MaskedGemm, Naive, Gemm, Fused, GpuNaive, GpuFused };

/// "reference", "masked-gemm", "naive", "gemm", "fused", "gpu-naive", "gpu-fused".
std::string_view implName(Impl impl);
/// Parses implName(); nullopt for anything else.
std::optional<Impl> parseImpl(std::string_view name);
/// All implementations, CPU ones first.
std::vector<Impl> allImpls();
inline bool isGpuImpl(Impl impl) {
    return impl == Impl::GpuNaive || impl == Impl::GpuFused;
}

/// Most tokens (product of spatial sizes) the O(n^2) implementations accept: their score matrix
/// is n x n per head (4096^2 floats = 64 MiB).
inline constexpr std::int64_t kMaxReferenceTokens = 4096;
/// Largest head_dim: the GPU kernels keep a head_dim accumulator per invocation in registers.
inline constexpr int kMaxHeadDim = 256;

struct NaOptions {
    NaParams params;
    std::optional<float> scale;  ///< default head_dim^-0.5
    const Tensor* rpb = nullptr; ///< [heads, 2k-1 per axis] or null
    bool wantScores = false;     ///< fill NaResult::scores (not with fused / gpu-fused)
    int threads = 0;             ///< OpenMP threads, 0 = all
};

/// Sizes of a checked problem.
struct NaShape {
    int batch = 0, heads = 0, headDim = 0;
    std::vector<int> sizes; ///< spatial sizes, outermost first
    std::int64_t tokens() const;
};

struct NaResult {
    Tensor out;    ///< [batch, *spatial, heads, head_dim]
    Tensor scores; ///< when asked: [batch, heads, *spatial, prod(k)], pre-softmax, -inf masked
};

/// Checks that q, k, v (and rpb) fit together and with params: rank 4..6 ([batch, 1-3 spatial,
/// heads, head_dim]), equal shapes, no empty dimension, finite values, head_dim <= kMaxHeadDim,
/// the bias shape, and NATTEN's parameter rules. Throws util::Error saying which array and why.
NaShape checkInputs(const Tensor& q, const Tensor& k, const Tensor& v, const NaOptions& options);

/// Runs a CPU implementation (GPU ones throw util::Error: use gpu::GpuAttention). Polls ctx
/// between tiles (util::Cancelled) and reports progress.
NaResult forwardCpu(Impl impl, const Tensor& q, const Tensor& k, const Tensor& v,
                    const NaOptions& options, const util::TaskContext& ctx = {});

/// Reads a float32 .npy file (C or Fortran order) as a Tensor; `what` names it in errors.
Tensor readTensorNpy(const std::string& path, const std::string& what);
/// Writes a Tensor as float32 .npy (C order), atomically.
void writeTensorNpy(const std::string& path, const Tensor& t);

/// The name of the vector instruction set the fused kernel uses on this CPU ("avx512" or
/// "portable").
std::string_view fusedIsa();
/// Forces the portable fused kernel (tests of the fallback); returns the previous setting.
bool setFusedPortableOnly(bool portableOnly);

} // namespace algoscope::attention
