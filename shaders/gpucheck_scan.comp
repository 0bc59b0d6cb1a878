// Inclusive prefix sum of uint32 values (wrapping modulo 2^32, like the CPU twin
// core/gpucheck/CpuScan.h), in passes driven by core/gpu/GpuScan.cpp:
//
//   SCAN_PASS 0, block scan: workgroup g scans elements [g*BLOCK, (g+1)*BLOCK) in shared memory
//     with the work-efficient up-sweep / down-sweep of Blelloch ("Prefix sums and their
//     applications", CMU-CS-90-190, 1990) in the layout of Harris, Sengupta & Owens, "Parallel
//     prefix sum (scan) with CUDA", GPU Gems 3 ch. 39 (2007), Example 39-2; it writes the block
//     inclusive scan in place and the block total to sums[u_blockOffset + g].
//   SCAN_PASS 1, add back: once sums[] has itself been scanned (recursively, by these same two
//     passes), every element of block b > 0 gets sums[b - 1] added.
//
// Each invocation owns two elements, t and t + LOCAL_SIZE, so loads and stores are coalesced.
// The bank-conflict padding of GPU Gems 3 section 39.2.3 is left out for clarity: this kernel
// serves a correctness lab and order-of-magnitude timings.
#ifndef LOCAL_SIZE
#define LOCAL_SIZE 256
#endif
#ifndef SCAN_PASS
#define SCAN_PASS 0
#endif
#define BLOCK (2u * uint(LOCAL_SIZE))

layout(local_size_x = LOCAL_SIZE) in;

#include "gpu_index.glsl" // after the layout: it reads gl_WorkGroupSize

layout(std430, binding = 0) buffer Data {
    uint data[];
};
layout(std430, binding = 1) buffer Sums {
    uint sums[];
};

uniform uint u_count;       // elements of data[] to scan (one chunk of a longer array)
uniform uint u_blockOffset; // index in sums[] of this chunk's first block

#if SCAN_PASS == 0

shared uint s_tree[BLOCK];

// barrier() alone orders shared-memory accesses only on some drivers; the explicit
// memoryBarrierShared() makes the writes visible everywhere.
void syncGroup() {
    memoryBarrierShared();
    barrier();
}

void main() {
    const uint g = linearGroupIndex();
    const uint base = g * BLOCK;
    if (base >= u_count)
        return; // a surplus group of a folded dispatch: the whole group leaves together
    const uint t = gl_LocalInvocationID.x;
    const uint ia = t;
    const uint ib = t + uint(LOCAL_SIZE);
    const uint a = base + ia < u_count ? data[base + ia] : 0u;
    const uint b = base + ib < u_count ? data[base + ib] : 0u;
    s_tree[ia] = a;
    s_tree[ib] = b;

    // Up-sweep (reduce): after it, s_tree[BLOCK - 1] holds the block total.
    uint offset = 1u;
    for (uint d = BLOCK >> 1; d > 0u; d >>= 1) {
        syncGroup();
        if (t < d) {
            const uint ai = offset * (2u * t + 1u) - 1u;
            const uint bi = offset * (2u * t + 2u) - 1u;
            s_tree[bi] += s_tree[ai];
        }
        offset <<= 1;
    }
    syncGroup();
    if (t == 0u) {
        sums[u_blockOffset + g] = s_tree[BLOCK - 1u];
        s_tree[BLOCK - 1u] = 0u;
    }
    // Down-sweep: turns the reduction tree into the exclusive scan.
    for (uint d = 1u; d < BLOCK; d <<= 1) {
        offset >>= 1;
        syncGroup();
        if (t < d) {
            const uint ai = offset * (2u * t + 1u) - 1u;
            const uint bi = offset * (2u * t + 2u) - 1u;
            const uint left = s_tree[ai];
            s_tree[ai] = s_tree[bi];
            s_tree[bi] += left;
        }
    }
    syncGroup();
    // Exclusive + own value = inclusive.
    if (base + ia < u_count)
        data[base + ia] = s_tree[ia] + a;
    if (base + ib < u_count)
        data[base + ib] = s_tree[ib] + b;
}

#elif SCAN_PASS == 1

void main() {
    const uint g = linearGroupIndex();
    const uint base = g * BLOCK;
    const uint block = u_blockOffset + g; // index over the whole array, not just this chunk
    if (block == 0u || base >= u_count)
        return; // the first block is complete; surplus groups have nothing to do
    const uint add = sums[block - 1u];
    const uint ia = base + gl_LocalInvocationID.x;
    const uint ib = ia + uint(LOCAL_SIZE);
    if (ia < u_count)
        data[ia] += add;
    if (ib < u_count)
        data[ib] += add;
}

#else
#error SCAN_PASS must be 0 (block scan) or 1 (add back)
#endif
