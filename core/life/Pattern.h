#pragma once
// A pattern as read from or written to a file: the cells (a Board exactly the size of the
// pattern's header or text), the rule with an optional bounded grid, and the metadata lines.
#include "life/Board.h"
#include "life/RuleSpec.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace algoscope::life {

struct Pattern {
    Board cells;
    RuleSpec rule;                     ///< B3/S23 without a grid unless the file says otherwise
    std::string name;                  ///< RLE "#N", .cells "!Name:"
    std::string author;                ///< RLE "#O" (discoverer, year)
    std::vector<std::string> comments; ///< RLE "#C"/"#c", .cells "!" lines, in order
    /// RLE "#P x y" / "#R x y": Golly's coordinates of the top-left cell, when given.
    std::optional<std::pair<std::int64_t, std::int64_t>> origin;
};

/// Limits of the file readers, checked before allocating.
struct ReadLimits {
    /// Largest accepted pattern in cells (x * y of an RLE header, lines * columns of .cells):
    /// by default a full kMaxSide x kMaxSide board (512 MiB). Fuzzers and previews lower it.
    std::uint64_t maxCells = std::uint64_t{Board::kMaxSide} * Board::kMaxSide;
};

/// Largest pattern file readPatternFile reads: 256 MiB (a 65536^2 soup is about 1.2 GB as RLE
/// but a few MiB for anything drawn by hand or found by a search).
inline constexpr std::uint64_t kMaxPatternFileBytes = std::uint64_t{256} << 20;

} // namespace algoscope::life
