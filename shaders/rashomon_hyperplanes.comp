// 0-1 loss of many hyperplanes through the origin of the bias-augmented space (the linear
// Rashomon ratio's Monte Carlo, core/rashomon/LinearRashomon.h). One invocation per direction w:
// errors[w] = #{i : (w . x_i > 0) != y_i}. CPU twin: rashomon::evaluateErrors, which sums the
// products in the same coordinate order; `precise` keeps the multiply and add unfused here.
#ifndef LOCAL_SIZE
#define LOCAL_SIZE 128
#endif

layout(local_size_x = LOCAL_SIZE) in;

#include "gpu_index.glsl" // after the layout: it reads gl_WorkGroupSize

layout(std430, binding = 0) readonly buffer Points {
    float points[]; // n * dim, row-major
};
layout(std430, binding = 1) readonly buffer Labels {
    uint labels[]; // n, 0 or 1
};
layout(std430, binding = 2) readonly buffer Directions {
    float dirs[]; // count * dim, row-major
};
layout(std430, binding = 3) writeonly buffer Errors {
    uint errors[]; // count
};

uniform uint u_count;
uniform uint u_n;
uniform uint u_dim;

void main() {
    const uint w = linearInvocationIndex();
    if (w >= u_count)
        return;
    const uint base = w * u_dim;
    uint err = 0u;
    for (uint i = 0u; i < u_n; ++i) {
        const uint pb = i * u_dim;
        precise float acc = 0.0;
        for (uint k = 0u; k < u_dim; ++k) {
            precise float prod = points[pb + k] * dirs[base + k];
            acc = acc + prod;
        }
        const uint predicted = acc > 0.0 ? 1u : 0u;
        err += predicted != labels[i] ? 1u : 0u;
    }
    errors[w] = err;
}
