#pragma once
// HashLife (Gosper 1984, "Exploiting regularities in large cellular spaces"), the algorithm behind
// Golly's hlifealgo: the unbounded plane as a quadtree of canonical, hash-consed nodes. A node of
// level k is a 2^k x 2^k square; equal squares are the same node, so a glider gun's thousand
// gliders share one subtree. Each node of level k >= 4 memoises its RESULT: the centre
// 2^(k-1) x 2^(k-1) square advanced 2^(k-2) generations (or 2^j when the step is 2^j < 2^(k-2)),
// computed from nine overlapping sub-results; stepping by 2^40 costs about as much as stepping
// by 2^10 for a periodic pattern.
//
// Layout (why it is fast):
//  - Leaves are level-3 nodes: 8 x 8 cells in one 64-bit word (row r in bits 8r..8r+7, column c
//    bit c of the byte, LSB = leftmost). The level-4 base case (16 x 16 -> centre 8 x 8, 1, 2 or
//    4 generations) runs a bit-sliced full-adder network on 16 rows of 32-bit words, the same
//    trick as the bitpacked engine, so any Life-like rule costs the same.
//  - Internal nodes are 24 bytes: four child indices (uint32, not pointers), the result index,
//    the level. Leaves and nodes live in two arrays with open-addressing hash tables of indices.
//  - Memory is bounded: when the nodes exceed the memory limit, a mark-and-sweep garbage
//    collector keeps what the current pattern and the computations in progress use (their
//    indices sit on an explicit stack, as in Golly's hlifealgo) and, if needed, forgets memoised
//    results. If even that does not fit, step() throws util::LimitError naming the limit.
//
// Coordinates: the root square is centred on the origin, so cell (x, y) (y down) is inside a
// level-L root when -2^(L-1) <= x, y < 2^(L-1). Generation and population are arbitrary-precision
// integers (GMP): a breeder's population passes 2^64 long before its generation does.
//
// Rules: every Life-like rule without B0. B0 rules turn on the whole infinite plane in one step;
// they are refused with util::Error (Golly emulates some of them by alternating; we don't).
#include "life/Board.h"
#include "life/Rule.h"
#include "util/TaskContext.h"

#include <gmpxx.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace algoscope::life {

/// A rectangle of cells with arbitrary-precision corners: [x, x + width) x [y, y + height).
struct BigRect {
    mpz_class x, y, width, height;
};

/// One 8 x 8 block of cells at block coordinates (bx, by): cells [8 bx, 8 bx + 8) x [8 by, ...).
struct LeafBlock {
    std::int64_t bx = 0, by = 0;
    std::uint64_t bits = 0;
};

/// What the engine holds, for the CLI's JSON and the GUI's statistics panel.
struct HashLifeStats {
    std::uint64_t nodes = 0;       ///< internal nodes in use (level >= 4)
    std::uint64_t leaves = 0;      ///< 8 x 8 leaves in use
    std::uint64_t bytes = 0;       ///< memory of nodes, leaves and hash tables
    std::uint64_t memoryLimit = 0; ///< bytes
    std::uint64_t resultHits = 0;  ///< memoised results reused
    std::uint64_t resultMisses = 0;
    std::uint64_t gcRuns = 0;
    unsigned rootLevel = 0;
    /// resultHits / (hits + misses); 0 before any step.
    double hitRate() const noexcept {
        const double t = double(resultHits) + double(resultMisses);
        return t > 0 ? double(resultHits) / t : 0.0;
    }
};

class HashLife {
public:
    /// Default memory limit: 512 MiB (Golly's bgolly uses 256 MB; our nodes are smaller).
    static constexpr std::uint64_t kDefaultMemoryLimit = std::uint64_t{512} << 20;
    /// Smallest accepted limit: 4 MiB.
    static constexpr std::uint64_t kMinMemoryLimit = std::uint64_t{4} << 20;
    /// Deepest tree: a level-kMaxLevel root is 2^kMaxLevel cells wide. Reached after about
    /// 2^(kMaxLevel-1) generations of a spaceship; Macrocell files deeper than this are refused.
    static constexpr unsigned kMaxLevel = 1000;

    /// Throws util::Error for a B0 rule (see setRule).
    explicit HashLife(const Rule& rule = Rule::life(),
                      std::uint64_t memoryLimitBytes = kDefaultMemoryLimit);
    ~HashLife();
    HashLife(const HashLife&) = delete;
    HashLife& operator=(const HashLife&) = delete;

    /// Changes the rule (memoised results are dropped). B0 rules throw util::Error: on the
    /// unbounded plane they would turn on infinitely many cells.
    void setRule(const Rule& rule);
    const Rule& rule() const noexcept { return m_rule; }
    /// Bytes the nodes may use (>= kMinMemoryLimit, else util::LimitError). Lowering it below
    /// what the pattern needs is detected at the next step (util::LimitError).
    void setMemoryLimit(std::uint64_t bytes);
    std::uint64_t memoryLimit() const noexcept { return m_memoryLimit; }

    // --- Pattern ------------------------------------------------------------------------
    /// Empty plane, generation 0.
    void clear();
    /// Replaces the pattern by these blocks (blocks with the same coordinates are ORed).
    void loadLeaves(std::vector<LeafBlock> blocks);
    /// Replaces the pattern by the live cells of board, its top-left cell at (x, y).
    void loadBoard(const Board& board, std::int64_t x = 0, std::int64_t y = 0);
    /// Sets one cell (expands the tree as needed). For editing; bulk loads use loadLeaves.
    void setCell(std::int64_t x, std::int64_t y, bool alive);
    bool cell(std::int64_t x, std::int64_t y) const;
    /// The live cells of [x, x + width) x [y, y + height) as a Board (sizes as Board allows).
    Board extract(std::int64_t x, std::int64_t y, std::uint32_t width, std::uint32_t height) const;
    /// Every non-empty leaf with its block coordinates. Needs the pattern within +-2^62 cells of
    /// the origin (util::LimitError otherwise).
    std::vector<LeafBlock> leaves() const;

    // --- Running -------------------------------------------------------------------------
    /// Advances `generations` (>= 0) generations: one HashLife jump per set bit of the binary
    /// expansion, smallest first. Polls ctx; on cancellation throws util::Cancelled and keeps
    /// the last complete jump (generation() says which). util::LimitError when the pattern
    /// cannot fit the memory limit even after garbage collection.
    void step(const mpz_class& generations, const util::TaskContext& ctx = {});
    /// Advances 2^k generations in one jump.
    void stepPow2(unsigned k, const util::TaskContext& ctx = {});
    const mpz_class& generation() const noexcept { return m_generation; }
    void setGeneration(const mpz_class& g) { m_generation = g; }

    // --- Reading ---------------------------------------------------------------------------
    mpz_class population() const;
    bool isEmpty() const noexcept;
    /// Smallest rectangle of live cells; nullopt for an empty plane.
    std::optional<BigRect> boundingBox() const;
    /// Level-of-detail rendering: pixel (px, py) of a width x height image covers the 2^shift x
    /// 2^shift cells starting at (x0 + px 2^shift, y0 + py 2^shift); out[py * width + px] is the
    /// fraction of them alive (0 or 1 at shift 0). A subtree no bigger than a pixel is not
    /// descended: its population gives the density (what Golly draws when zoomed out). Needs
    /// shift <= 62 and the view within +-2^62 of the origin; parts of the plane beyond the root
    /// read as empty.
    void render(std::int64_t x0, std::int64_t y0, unsigned shift, std::uint32_t width,
                std::uint32_t height, std::span<float> out) const;
    HashLifeStats stats() const;

    // --- Raw tree access (Macrocell I/O) ---------------------------------------------------
    /// A node handle: level 3 = leaf index, level >= 4 = internal node index. Handles stay valid
    /// until the next step, load or clear (garbage collection frees unreachable nodes).
    struct NodeRef {
        unsigned level = 0;
        std::uint32_t index = 0;
    };
    NodeRef root() const noexcept { return {m_rootLevel, m_root}; }
    NodeRef makeLeaf(std::uint64_t bits);
    /// Children of level `level - 1` in the order nw, ne, sw, se (level >= 4).
    NodeRef makeNode(unsigned level, NodeRef nw, NodeRef ne, NodeRef sw, NodeRef se);
    NodeRef emptyNode(unsigned level);
    bool isEmptyNode(NodeRef n) const;
    std::uint64_t leafBits(NodeRef leaf) const;
    /// nw, ne, sw, se of a level >= 4 node.
    void children(NodeRef n, NodeRef out[4]) const;
    /// Makes n (level >= 3) the root, centred on the origin; generation unchanged.
    void setRoot(NodeRef n);

    /// The node store (HashLife.cpp); public only so that file's helpers can name it.
    struct Impl;

private:
    Impl* m_impl;
    Rule m_rule;
    std::uint64_t m_memoryLimit;
    std::uint32_t m_root = 0;
    unsigned m_rootLevel = 0;
    mpz_class m_generation;

    void advanceOnce(unsigned j, const util::TaskContext& ctx);
};

} // namespace algoscope::life
