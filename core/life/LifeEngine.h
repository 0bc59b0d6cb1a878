#pragma once
// One interface for every way of running Life: `naive` (a byte per cell, the readable
// reference), `bitpacked` (64 cells per word, SIMD and OpenMP: the fast CPU engine) and `gpu`
// (gpu::GpuLife, an OpenGL compute shader; lives in core/gpu). All engines give identical
// boards for the same board, rule and topology; tests/life and tests/gpu check that.
//
// An engine owns its board between calls, in whatever layout suits it; board()/readBoard()
// convert to the Board exchange format. Changing the rule or topology takes effect at the next
// step. Engines are not thread-safe: use one from one thread at a time (the GPU one from the
// thread where its context is current).
#include "life/Board.h"
#include "life/Rule.h"
#include "life/Topology.h"
#include "util/TaskContext.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::life {

class LifeEngine {
public:
    virtual ~LifeEngine() = default;
    LifeEngine(const LifeEngine&) = delete;
    LifeEngine& operator=(const LifeEngine&) = delete;

    /// "naive", "bitpacked" or "gpu".
    virtual std::string_view name() const = 0;

    /// Replaces the board (its size becomes the engine's size). The generation counter is left
    /// as it is: call setGeneration(0) to start over. Throws util::LimitError when this engine
    /// cannot hold a board of that size.
    virtual void setBoard(const Board& board) = 0;
    /// Copies the current cells into out (reusing its storage when the size matches).
    virtual void readBoard(Board& out) const = 0;
    Board board() const {
        Board b;
        readBoard(b);
        return b;
    }
    std::uint32_t width() const noexcept { return m_width; }
    std::uint32_t height() const noexcept { return m_height; }

    void setRule(const Rule& rule) { m_rule = rule; }
    const Rule& rule() const noexcept { return m_rule; }
    void setTopology(Topology topology) { m_topology = topology; }
    Topology topology() const noexcept { return m_topology; }
    /// Worker threads for CPU engines (0 = OpenMP's default, all cores); ignored by the GPU one.
    void setThreads(int threads) { m_threads = threads < 0 ? 0 : threads; }
    int threads() const noexcept { return m_threads; }

    /// Advances `generations` generations. Polls ctx every few milliseconds; on cancellation it
    /// throws util::Cancelled and the engine holds the last COMPLETE generation (generation()
    /// says which), never a half-updated board. Reports progress as generations done / asked.
    virtual void step(std::uint64_t generations, const util::TaskContext& ctx = {}) = 0;

    std::uint64_t generation() const noexcept { return m_generation; }
    void setGeneration(std::uint64_t g) noexcept { m_generation = g; }

    virtual std::uint64_t population() const = 0;
    /// Smallest rectangle of live cells; nullopt for an empty board.
    virtual std::optional<CellRect> boundingBox() const { return board().boundingBox(); }
    /// Board::hash() of the current cells (engines may compute it without building a Board).
    virtual std::uint64_t hash() const { return board().hash(); }

protected:
    LifeEngine() = default;

    std::uint32_t m_width = 0, m_height = 0;
    Rule m_rule;
    Topology m_topology = Topology::Torus;
    int m_threads = 0;
    std::uint64_t m_generation = 0;
};

/// The CPU engines by name: "naive" or "bitpacked" (case-sensitive). Throws util::Error naming
/// the valid names otherwise ("gpu" lives in core/gpu: construct gpu::GpuLife directly).
std::unique_ptr<LifeEngine> makeCpuEngine(std::string_view name);
/// {"naive", "bitpacked"}.
std::vector<std::string> cpuEngineNames();

} // namespace algoscope::life
