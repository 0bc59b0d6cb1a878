#pragma once
// Inclusive prefix sum of uint32 on the GPU (shaders/gpucheck_scan.comp): per-workgroup
// Blelloch scan in shared memory, then the block totals are scanned by the same kernels one
// level up and added back (three levels cover 2^27 elements at 512 per block). Arrays longer than
// one SSBO binding may show (GL_MAX_SHADER_STORAGE_BLOCK_SIZE, 128 MiB = 2^25 uint32 on Mesa) are
// bound and scanned in chunks whose block totals land side by side in one sums buffer, so the
// length is limited by GPU memory and kMaxCount only. CPU twin: gpucheck::cpuInclusiveScan.
#include "gpu/Buffer.h"
#include "gpu/ShaderProgram.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace algoscope::gpu {

class GpuScan {
public:
    static constexpr std::uint32_t kLocalSize = 256;
    static constexpr std::uint32_t kBlockSize = 2 * kLocalSize; // elements per workgroup
    /// Indices inside the kernel are uint32; this leaves headroom for a folded dispatch.
    static constexpr std::size_t kMaxCount = std::size_t(1) << 31;

    /// Builds the kernels; needs a current OpenGL 4.3 context (throws util::Error otherwise).
    /// chunkElements 0 binds as much as the driver allows; tests pass a small multiple of
    /// kBlockSize (a power of two) to exercise the chunked path on short arrays.
    explicit GpuScan(std::size_t chunkElements = 0);

    /// Scans the first count uint32 of data in place. Scratch buffers for the block totals are
    /// kept and reused by later calls. Throws util::LimitError above kMaxCount.
    void scanInPlace(Buffer& data, std::size_t count);
    /// Upload, scan, download.
    std::vector<std::uint32_t> inclusiveScan(std::span<const std::uint32_t> input);

private:
    void scanLevel(Buffer& data, std::size_t count, std::size_t level);

    ShaderProgram m_blockScan;
    ShaderProgram m_addBack;
    std::vector<Buffer> m_sums; // block totals, one buffer per recursion level
    std::size_t m_chunk = 0;    // elements per binding, a multiple of kBlockSize
};

} // namespace algoscope::gpu
