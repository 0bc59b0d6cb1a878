#include "gpu/Dispatch.h"

#include "gpu/GlError.h"
#include "util/Error.h"

#include <epoxy/gl.h>

#include <stdexcept>
#include <string>

namespace algoscope::gpu {

static_assert(kBufferUpdateBarrier == GL_BUFFER_UPDATE_BARRIER_BIT);
static_assert(kShaderStorageBarrier == GL_SHADER_STORAGE_BARRIER_BIT);
static_assert(kAllBarriers == GL_ALL_BARRIER_BITS);

namespace {

std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
    return (a + b - 1) / b;
}

void launch(const ShaderProgram& program, const GroupCounts& groups, std::uint32_t barriers) {
    program.use();
    glDispatchCompute(groups[0], groups[1], groups[2]);
    if (barriers)
        glMemoryBarrier(barriers);
    GlError::check("dispatch of " + program.name());
}

void checkLocalSize(const ShaderProgram& program, std::uint32_t x, std::uint32_t y) {
    const auto& ls = program.localSize();
    if (ls[0] != x || ls[1] != y || ls[2] != 1)
        throw std::logic_error("dispatch of " + program.name() + " with local size " +
                               std::to_string(x) + "x" + std::to_string(y) +
                               ", but the shader declares " + std::to_string(ls[0]) + "x" +
                               std::to_string(ls[1]) + "x" + std::to_string(ls[2]));
}

} // namespace

GroupCounts maxGroupCounts() {
    GroupCounts max{};
    for (GLuint i = 0; i < 3; ++i) {
        GLint v = 0;
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_COUNT, i, &v);
        max[i] = static_cast<std::uint32_t>(v);
    }
    return max;
}

GroupCounts groupCounts1D(std::uint64_t items, std::uint32_t localSize,
                          const GroupCounts& maxCount) {
    if (localSize == 0)
        throw std::logic_error("groupCounts1D: local size 0");
    if (items == 0)
        return {0, 0, 0};
    const std::uint64_t groups = ceilDiv(items, localSize);
    if (groups <= maxCount[0])
        return {static_cast<std::uint32_t>(groups), 1, 1};
    // Fold: as few rows as possible, then as few columns as fit those rows; gx * gy - groups
    // surplus groups (< gy) find nothing to do after the kernel's bounds check.
    const std::uint64_t gy = ceilDiv(groups, maxCount[0]);
    const std::uint64_t gx = ceilDiv(groups, gy);
    if (gy > maxCount[1])
        throw util::LimitError("a dispatch of " + std::to_string(items) +
                               " items needs more workgroups than this driver allows (" +
                               std::to_string(maxCount[0]) + " x " + std::to_string(maxCount[1]) +
                               ")");
    return {static_cast<std::uint32_t>(gx), static_cast<std::uint32_t>(gy), 1};
}

GroupCounts dispatch1D(const ShaderProgram& program, std::uint64_t items, std::uint32_t localSize,
                       std::uint32_t barriers) {
    checkLocalSize(program, localSize, 1);
    const GroupCounts groups = groupCounts1D(items, localSize, maxGroupCounts());
    if (groups[0] == 0)
        return groups;
    launch(program, groups, barriers);
    return groups;
}

GroupCounts dispatch2D(const ShaderProgram& program, std::uint64_t itemsX, std::uint64_t itemsY,
                       glm::uvec2 localSize, std::uint32_t barriers) {
    checkLocalSize(program, localSize.x, localSize.y);
    if (itemsX == 0 || itemsY == 0)
        return {0, 0, 0};
    const GroupCounts max = maxGroupCounts();
    const std::uint64_t gx = ceilDiv(itemsX, localSize.x);
    const std::uint64_t gy = ceilDiv(itemsY, localSize.y);
    if (gx > max[0] || gy > max[1])
        throw util::LimitError("a dispatch of " + std::to_string(itemsX) + " x " +
                               std::to_string(itemsY) + " items needs " + std::to_string(gx) +
                               " x " + std::to_string(gy) + " workgroups; this driver allows " +
                               std::to_string(max[0]) + " x " + std::to_string(max[1]));
    const GroupCounts groups{static_cast<std::uint32_t>(gx), static_cast<std::uint32_t>(gy), 1};
    launch(program, groups, barriers);
    return groups;
}

} // namespace algoscope::gpu
