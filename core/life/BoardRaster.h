#pragma once
// The picture of a rectangle of a board for the screen: one byte per block of block x block
// cells (0 dead, 1..255 the live fraction; at block 1, 255 or the cell's age). The Life canvas
// uploads it as a texture covering only the visible cells, so its cost follows the viewport,
// not the board. A pure function of the board: the simulation thread builds the next frame's
// picture beside the next generation, and the GUI thread only uploads it.
#include "life/Board.h"

#include <cstdint>
#include <vector>

namespace algoscope::life {

struct RasterRegion {
    std::uint32_t x = 0, y = 0;          // top-left cell, inside the board
    std::uint32_t width = 0, height = 0; // cells, clipped to the board
    std::uint32_t block = 1;             // cells per texel side (>= 1)

    std::uint32_t texelsWide() const { return (width + block - 1) / block; }
    std::uint32_t texelsHigh() const { return (height + block - 1) / block; }
    bool operator==(const RasterRegion&) const = default;
};

/// Writes texelsWide() x texelsHigh() bytes to `out` (resized). `ages` (one byte per cell,
/// row-major, or null) colours live cells at block 1. Blocks larger than 3 sample every
/// (block / 2)-th row: a picture, not a census.
void rasterize(const Board& board, const RasterRegion& region, const std::uint8_t* ages,
               std::vector<std::uint8_t>& out);

} // namespace algoscope::life
