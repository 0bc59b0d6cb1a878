#pragma once
// Random soups: every cell alive with probability `density`, from util::Rng (xoshiro256**), so a
// (size, density, seed) triple gives the same board on every machine. Cells are drawn row by
// row, left to right, one Rng::bernoulli draw per cell.
#include "life/Board.h"

#include <cstdint>

namespace algoscope::life {

/// density in [0, 1] (util::Error otherwise); sizes checked like Board's.
Board randomSoup(std::uint64_t width, std::uint64_t height, double density, std::uint64_t seed);
/// Fills rect (clipped) of an existing board the same way (the GUI's "random fill").
void fillRandom(Board& board, const CellRect& rect, double density, std::uint64_t seed);

} // namespace algoscope::life
