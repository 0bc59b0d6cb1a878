#include "gpu/GpuScan.h"

#include "gpu/Dispatch.h"
#include "util/Error.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace algoscope::gpu {

namespace {

constexpr const char* kShader = "shaders/gpucheck_scan.comp";

ShaderProgram buildPass(int pass) {
    return ShaderProgram::fromResource(
        kShader,
        {{"LOCAL_SIZE", std::to_string(GpuScan::kLocalSize)}, {"SCAN_PASS", std::to_string(pass)}});
}

} // namespace

GpuScan::GpuScan(std::size_t chunkElements)
    : m_blockScan(buildPass(0)), m_addBack(buildPass(1)),
      m_chunk(chunkElements ? chunkElements
                            : std::max<std::size_t>(Buffer::chunkElements(sizeof(std::uint32_t)),
                                                    kBlockSize)) {
    if (m_chunk % kBlockSize != 0)
        throw std::invalid_argument("GpuScan: chunk of " + std::to_string(m_chunk) +
                                    " elements is not a multiple of the block size");
}

void GpuScan::scanInPlace(Buffer& data, std::size_t count) {
    if (count > kMaxCount)
        throw util::LimitError("GPU scan of " + std::to_string(count) +
                               " elements exceeds the limit of " + std::to_string(kMaxCount));
    if (count * sizeof(std::uint32_t) > data.sizeBytes())
        throw std::out_of_range("GpuScan::scanInPlace: buffer holds fewer than " +
                                std::to_string(count) + " elements");
    if (count == 0)
        return;
    // One block-sum buffer per level, all created before recursing: scanLevel holds a
    // reference to the level below's buffer, which growing m_sums there would invalidate.
    std::size_t levels = 0;
    for (std::size_t n = count; n > 1; n = (n + kBlockSize - 1) / kBlockSize)
        ++levels;
    if (m_sums.size() < std::max<std::size_t>(levels, 1))
        m_sums.resize(std::max<std::size_t>(levels, 1));
    scanLevel(data, count, 0);
}

void GpuScan::scanLevel(Buffer& data, std::size_t count, std::size_t level) {
    const std::size_t blocks = (count + kBlockSize - 1) / kBlockSize;
    if (m_sums[level].sizeBytes() < blocks * sizeof(std::uint32_t))
        m_sums[level] = Buffer(blocks * sizeof(std::uint32_t));

    // Runs one pass over every chunk; u_blockOffset tells the kernel where the chunk's blocks
    // sit in the sums buffer, which is bound whole (it is 512 times smaller than the data).
    auto eachChunk = [&](const ShaderProgram& pass) {
        for (std::size_t first = 0; first < count; first += m_chunk) {
            const std::size_t len = std::min(m_chunk, count - first);
            data.bindRange(0, first * sizeof(std::uint32_t), len * sizeof(std::uint32_t));
            m_sums[level].bindBase(1);
            pass.setUniform("u_count", static_cast<std::uint32_t>(len));
            pass.setUniform("u_blockOffset", static_cast<std::uint32_t>(first / kBlockSize));
            const std::size_t chunkBlocks = (len + kBlockSize - 1) / kBlockSize;
            dispatch1D(pass, std::uint64_t(chunkBlocks) * kLocalSize, kLocalSize);
        }
    };
    eachChunk(m_blockScan);
    if (blocks == 1)
        return; // the block scan was the whole scan
    scanLevel(m_sums[level], blocks, level + 1);
    eachChunk(m_addBack);
}

std::vector<std::uint32_t> GpuScan::inclusiveScan(std::span<const std::uint32_t> input) {
    if (input.empty())
        return {};
    Buffer data = Buffer::fromSpan(input);
    scanInPlace(data, input.size());
    return data.download<std::uint32_t>(input.size());
}

} // namespace algoscope::gpu
