#pragma once
// The unbounded plane (Topology::Unbounded): a pattern that may grow without limit, held in a
// HashLife quadtree (HashLife.h) whatever engine advances it.
//  - hashlife:  Gosper's memoised quadtree; astronomically many generations of regular patterns
//               (guns, breeders, spaceships) in milliseconds.
//  - bitpacked: the bit-parallel engine (BitpackedEngine.h) on a bounded plane that grows and
//               recentres as the pattern spreads; faster than HashLife on chaotic patterns
//               (soups, methuselahs) for modest generation counts, where memoisation finds
//               nothing to reuse. Exact: the board is stepped at most as many generations at
//               once as there are dead cells between the pattern and the border (signals travel
//               one cell per generation), then grown.
//  - auto:      bitpacked for at most kAutoBitpackedGenerations generations of a pattern no
//               wider than kAutoBitpackedSide, hashlife otherwise.
// Files: Macrocell (.mc, .mc.gz), RLE (.rle, .rle.gz), plaintext (.cells).
#include "life/HashLife.h"
#include "life/RuleSpec.h"

#include <string>
#include <string_view>
#include <vector>

namespace algoscope::life {

enum class UnboundedEngine { Auto, HashLife, Bitpacked };

/// "auto", "hashlife", "bitpacked".
std::string_view unboundedEngineName(UnboundedEngine e) noexcept;
std::optional<UnboundedEngine> parseUnboundedEngine(std::string_view name) noexcept;

inline constexpr std::uint64_t kAutoBitpackedGenerations = 4096;
inline constexpr std::uint64_t kAutoBitpackedSide = 4096;

/// The engine `Auto` resolves to for this pattern and generation count.
UnboundedEngine chooseUnboundedEngine(const HashLife& universe, const mpz_class& generations);

/// Advances the universe with the bitpacked engine on a growing board (see above). Needs
/// generations < 2^63 and a pattern that stays within 65536 x 65536 cells (util::LimitError
/// otherwise: use hashlife). Cancellation (util::Cancelled) keeps the last complete chunk.
void stepBitpackedUnbounded(HashLife& universe, const mpz_class& generations, int threads = 0,
                            const util::TaskContext& ctx = {});

/// Advances with the given engine (Auto resolved by chooseUnboundedEngine); returns the engine
/// that ran.
UnboundedEngine stepUnbounded(HashLife& universe, const mpz_class& generations,
                              UnboundedEngine engine, int threads = 0,
                              const util::TaskContext& ctx = {});

/// A pattern file read onto the unbounded plane.
struct UniverseFile {
    std::string format; ///< "macrocell", "rle" or "cells"
    std::string name;
    std::vector<std::string> comments;
};

/// An RLE pattern read straight into 8 x 8 blocks, for patterns wider than a Board allows
/// (Golly's switch-engine-ping-pong is 210,515 cells wide). Same syntax as readRle (Rle.h);
/// malformed text throws ParseError with line and column, multi-state letters included.
struct RleBlocks {
    std::vector<LeafBlock> blocks; ///< with the pattern's top-left cell at (0, 0)
    RuleSpec rule;
    std::string name;
    std::vector<std::string> comments;
    std::optional<std::pair<std::int64_t, std::int64_t>> origin; ///< #P / #R x y
};
/// More than maxLiveCells live cells (default 2^28) throws util::LimitError.
RleBlocks readRleBlocks(std::string_view text, std::uint64_t maxLiveCells = std::uint64_t{1} << 28);

/// Reads .mc / .mc.gz / .rle / .rle.gz / .cells (by content: gzip magic, "[M2]" header, else
/// the bounded-pattern readers) into universe: pattern, rule and (Macrocell) generation. RLE and
/// .cells patterns are placed with their top-left cell at their #P origin, else at (0, 0); an RLE
/// too large for a Board is read by readRleBlocks straight into the quadtree.
/// Errors name the path; a grid suffix in the rule (":T64,64") is refused (that is a bounded
/// board), as are B0 rules.
UniverseFile readUniverseFile(const std::string& path, HashLife& universe);
/// Writes atomically by extension: .mc, .mc.gz (Macrocell, any size), otherwise RLE (or .cells)
/// of the bounding box with its origin as #P (util::LimitError when it is wider than 65536).
void writeUniverseFile(const std::string& path, const HashLife& universe,
                       const std::vector<std::string>& comments = {}, const std::string& name = {});

/// Decimal integer of any size, or "2^k" (k <= 100000); util::Error otherwise.
mpz_class parseGenerationCount(std::string_view text);
/// "1,234,567" (thousands separators, as the GUI shows big counts).
std::string withThousandsSeparators(const mpz_class& v, char sep = ',');

} // namespace algoscope::life
