#pragma once
// The fast CPU engine: 64 cells per 64-bit word, neighbour counts by bit-sliced adders (every
// bit of a word is a separate cell, so one logical instruction updates 64, 256 or 512 cells),
// AVX-512 or AVX2 chosen at run time with a portable 64-bit fallback, OpenMP over row bands.
// How it works, trick by trick: core/life/BitpackedKernel.h.
#include "life/LifeEngine.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace algoscope::life {

class BitpackedEngine final : public LifeEngine {
public:
    /// Instruction sets the kernel can use; Auto picks the best this CPU supports.
    enum class Isa { Auto, Scalar, Avx2, Avx512 };

    explicit BitpackedEngine(Isa isa = Isa::Auto);
    ~BitpackedEngine() override;

    std::string_view name() const override { return "bitpacked"; }
    void setBoard(const Board& board) override;
    void readBoard(Board& out) const override;
    void step(std::uint64_t generations, const util::TaskContext& ctx = {}) override;
    std::uint64_t population() const override;
    std::optional<CellRect> boundingBox() const override;
    std::uint64_t hash() const override;

    /// The instruction set in use ("avx512", "avx2" or "scalar").
    std::string_view isaName() const noexcept;
    /// Whether this CPU and build can run the given ISA (Auto and Scalar: always).
    static bool isaSupported(Isa isa) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace algoscope::life
