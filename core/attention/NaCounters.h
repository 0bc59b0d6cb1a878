#pragma once
// Work and data-movement model of each implementation, computed exactly from the index math and
// each implementation's tiling (no timing): where unfused kernels lose time (Hassani et al.,
// "Faster Neighborhood Attention", NeurIPS 2024: the score tensor's round trip through memory,
// N * prod(k) values, and the gather/scatter around the GEMMs).
//   useful FLOPs    4 * head_dim per attention weight (2 for q.k, 2 for p.v), the same for all
//   executed FLOPs  what the implementation multiplies, including masked or padded work
//   score bytes     bytes of the score tensor moved through memory (0 when fused)
//   q/k/v bytes     bytes of q, k, v loaded by the tiles (a key used by two tiles counts twice)
//   K/V per tile    key + value bytes one query tile loads, and that tile's query count
// Arithmetic intensity = useful FLOPs / (q/k/v + score + output bytes).
#include "attention/NaForward.h"

#include <string>

namespace algoscope::attention {

struct NaCounters {
    Impl impl = Impl::Reference;
    double usefulFlops = 0;
    double executedFlops = 0;
    double scoreBytes = 0;
    double qkvBytes = 0;
    double outBytes = 0;
    double kvBytesPerTile = 0; ///< average over tiles
    double queriesPerTile = 0;
    double attentionWeights = 0;
    double totalBytes() const { return scoreBytes + qkvBytes + outBytes; }
    double intensity() const { return totalBytes() > 0 ? usefulFlops / totalBytes() : 0; }
};

/// The counters of impl for this problem (params must be valid for shape.sizes).
NaCounters countWork(Impl impl, const NaShape& shape, const NaParams& params);

} // namespace algoscope::attention
