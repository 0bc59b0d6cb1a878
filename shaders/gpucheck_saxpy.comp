// y = a*x + y element-wise (BLAS level-1 saxpy); CPU twin in core/gpucheck/CpuSaxpy.h.
// `precise` forbids fusing the multiply and add into one fma, so the result is rounded twice
// exactly like the CPU twin's (GLSL 4.30 section 4.7.1); with the lab's small-integer inputs
// both are exact anyway, and results compare bit for bit.
#ifndef LOCAL_SIZE
#define LOCAL_SIZE 256
#endif

layout(local_size_x = LOCAL_SIZE) in;

#include "gpu_index.glsl" // after the layout: it reads gl_WorkGroupSize

layout(std430, binding = 0) readonly buffer X {
    float x[];
};
layout(std430, binding = 1) buffer Y {
    float y[];
};

uniform float u_a;
uniform uint u_count;

void main() {
    const uint i = linearInvocationIndex();
    if (i >= u_count)
        return;
    precise float product = u_a * x[i];
    precise float sum = product + y[i];
    y[i] = sum;
}
