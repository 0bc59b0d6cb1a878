#pragma once
// The reference engine: one byte per cell, every cell counts its eight neighbours one by one.
// Written to be obviously right (it is what the other engines are tested against), not fast:
// about 1e8 to 2e8 cell-updates per second.
#include "life/LifeEngine.h"

#include <cstdint>
#include <vector>

namespace algoscope::life {

class NaiveEngine final : public LifeEngine {
public:
    std::string_view name() const override { return "naive"; }
    void setBoard(const Board& board) override;
    void readBoard(Board& out) const override;
    void step(std::uint64_t generations, const util::TaskContext& ctx = {}) override;
    std::uint64_t population() const override;

private:
    void stepOnce(const util::TaskContext& ctx);

    std::vector<std::uint8_t> m_cells, m_next; // row-major, 0 or 1
};

} // namespace algoscope::life
