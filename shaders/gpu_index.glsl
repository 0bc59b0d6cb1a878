// Linear indices for 1D kernels launched with gpu::dispatch1D (core/gpu/Dispatch.h). When more
// workgroups are needed than GL_MAX_COMPUTE_WORK_GROUP_COUNT[0] (65535 on many drivers, i.e.
// 16M items at local size 256), dispatch1D folds them into a y dimension, and may launch a few
// extra groups at the end: kernels must index through these helpers and bounds-check the result.
// Include it after the layout(local_size_x = ...) line: gl_WorkGroupSize is undeclared before.

uint linearGroupIndex() {
    return gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
}

uint linearInvocationIndex() {
    return linearGroupIndex() * gl_WorkGroupSize.x + gl_LocalInvocationID.x;
}
