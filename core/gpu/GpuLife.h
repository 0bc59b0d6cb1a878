#pragma once
// The `gpu` Life engine: an OpenGL 4.3 compute shader (shaders/life_step.comp) on bit-packed
// cells, 32 per uint, in two shader storage buffers that swap roles every generation (double
// buffering), so N generations are N dispatches with no read-back in between. The population
// is counted on the GPU (shaders/life_popcount.comp: bitCount per word, a shared-memory
// reduction per workgroup, one atomicAdd per workgroup) and only that one uint64 is read back.
// CPU twin: life::NaiveEngine / life::BitpackedEngine (tests/gpu/TestGpuLife.cpp).
//
// Needs a current OpenGL 4.3 context (HeadlessContext in the CLI, tests and the GUI's worker)
// for its whole life, including destruction. The board must fit one SSBO binding
// (GL_MAX_SHADER_STORAGE_BLOCK_SIZE: 128 MiB on Mesa = 32768 x 32768 cells); bigger boards
// throw util::LimitError naming that limit.
#include "gpu/Buffer.h"
#include "gpu/ShaderProgram.h"
#include "life/LifeEngine.h"

#include <cstdint>
#include <optional>

namespace algoscope::gpu {

class GpuLife final : public life::LifeEngine {
public:
    static constexpr std::uint32_t kLocalSizeX = 16; // words per workgroup row
    static constexpr std::uint32_t kLocalSizeY = 16; // rows per workgroup

    /// Builds the kernels; throws util::Error without a current 4.3 context.
    GpuLife();
    ~GpuLife() override;

    std::string_view name() const override { return "gpu"; }
    void setBoard(const life::Board& board) override;
    void readBoard(life::Board& out) const override;
    /// Queues generations in batches that take a few milliseconds each (the batch size adapts
    /// to the measured speed), waits for each batch and polls ctx between batches.
    void step(std::uint64_t generations, const util::TaskContext& ctx = {}) override;
    std::uint64_t population() const override;

    /// The SSBO holding the current cells: row-major, wordsPerRow32() uints per row, cell x of
    /// a row at bit x % 32 of uint x / 32 (bits beyond the width are 0). A GL view sharing this
    /// context can draw it without a read-back. Valid until the next step or setBoard.
    const Buffer& cellBuffer() const noexcept { return m_cells[m_current]; }
    std::uint32_t wordsPerRow32() const noexcept { return m_wordsPerRow; }

private:
    void ensureStepProgram();
    void dispatchStep();

    ShaderProgram m_step; // compiled for m_stepRule (the rule is a compile-time constant)
    life::Rule m_stepRule;
    ShaderProgram m_popcount;
    Buffer m_cells[2];
    mutable Buffer m_count; // one uint64 as two uints (low, high), written by population()
    int m_current = 0;
    std::uint32_t m_wordsPerRow = 0;
    mutable std::optional<std::uint64_t> m_population; // cached until the next step/setBoard
    std::uint32_t m_batch = 1;                         // generations per batch (adaptive)
};

} // namespace algoscope::gpu
