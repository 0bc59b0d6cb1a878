// Population of a bit-packed Life board (core/gpu/GpuLife.cpp): each invocation adds bitCount()
// of a strided run of words, a workgroup sums its invocations in shared memory (a tree
// reduction), and one invocation per workgroup adds the total to a 64-bit counter kept as two
// uints, carrying into the high word when the low one wraps. Padding bits are 0, so whole words
// are counted. CPU twin: life::Board::population().
#ifndef LOCAL_SIZE
#define LOCAL_SIZE 256
#endif

layout(local_size_x = LOCAL_SIZE) in;

#include "gpu_index.glsl"

layout(std430, binding = 0) readonly buffer Cells {
    uint cells[];
};
layout(std430, binding = 1) buffer Count {
    uint countLow;
    uint countHigh;
};

uniform uint u_words;          // words to count
uniform uint u_wordsPerThread; // consecutive words per invocation

shared uint s_sum[LOCAL_SIZE];

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint first = linearInvocationIndex() * u_wordsPerThread;
    uint sum = 0u;
    for (uint k = 0u; k < u_wordsPerThread; ++k) {
        const uint w = first + k;
        if (w < u_words)
            sum += uint(bitCount(cells[w]));
    }
    s_sum[t] = sum;
    for (uint stride = uint(LOCAL_SIZE) / 2u; stride > 0u; stride >>= 1) {
        memoryBarrierShared();
        barrier();
        if (t < stride)
            s_sum[t] += s_sum[t + stride];
    }
    if (t == 0u && s_sum[0] != 0u) {
        const uint old = atomicAdd(countLow, s_sum[0]);
        if (old + s_sum[0] < old)
            atomicAdd(countHigh, 1u); // the low word wrapped
    }
}
