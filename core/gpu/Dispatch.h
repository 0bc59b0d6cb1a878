#pragma once
// The one helper through which every kernel is launched: rounds workgroup counts up, checks them
// against GL_MAX_COMPUTE_WORK_GROUP_COUNT, issues glDispatchCompute and the memory barrier that
// makes the kernel's writes visible to what comes next (Qt's computegles31 example does the same
// three steps by hand at each call site; here they cannot be forgotten).
//
// Bind the program's buffers and set its uniforms first; the helper binds the program itself.
#include "gpu/ShaderProgram.h"

#include <glm/vec2.hpp>

#include <array>
#include <cstdint>

namespace algoscope::gpu {

/// Barrier bits, equal to the GL_*_BARRIER_BIT values (checked in Dispatch.cpp) so callers need
/// not include OpenGL headers.
inline constexpr std::uint32_t kBufferUpdateBarrier = 0x00000200;  // GL_BUFFER_UPDATE_BARRIER_BIT
inline constexpr std::uint32_t kShaderStorageBarrier = 0x00002000; // GL_SHADER_STORAGE_BARRIER_BIT
inline constexpr std::uint32_t kAllBarriers = 0xFFFFFFFF;          // GL_ALL_BARRIER_BITS
/// SSBO writes visible to the next dispatch (shader storage) and to glGetBufferSubData /
/// glBufferSubData (buffer update): what compute-then-read-back needs.
inline constexpr std::uint32_t kDefaultBarriers = kShaderStorageBarrier | kBufferUpdateBarrier;

using GroupCounts = std::array<std::uint32_t, 3>;

/// Workgroups for `items` invocations at `localSize` per group: ceil(items / localSize) groups,
/// folded into y when that exceeds maxCount[0] (kernels use linearInvocationIndex() from
/// shaders/gpu_index.glsl and bounds-check, as the fold may add a few groups). {0,0,0} for no
/// items. Throws util::LimitError when even the fold does not fit maxCount. Pure: no GL calls.
GroupCounts groupCounts1D(std::uint64_t items, std::uint32_t localSize,
                          const GroupCounts& maxCount);

/// Launches program over `items` invocations (nothing for 0 items). localSize must equal the
/// program's local_size_x (with y = z = 1); a mismatch is a programming error (std::logic_error).
/// Returns the groups launched.
GroupCounts dispatch1D(const ShaderProgram& program, std::uint64_t items, std::uint32_t localSize,
                       std::uint32_t barriers = kDefaultBarriers);

/// Launches program over an itemsX x itemsY grid with a localSize.x x localSize.y workgroup
/// (no folding: exceeding the maximum count in x or y throws util::LimitError).
GroupCounts dispatch2D(const ShaderProgram& program, std::uint64_t itemsX, std::uint64_t itemsY,
                       glm::uvec2 localSize, std::uint32_t barriers = kDefaultBarriers);

/// GL_MAX_COMPUTE_WORK_GROUP_COUNT of the current context.
GroupCounts maxGroupCounts();

} // namespace algoscope::gpu
