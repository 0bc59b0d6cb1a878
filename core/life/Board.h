#pragma once
// A rectangle of Life cells, one bit per cell: the exchange format between engines, files, the
// pattern library and the GUI. Row-major; row y is wordsPerRow() 64-bit words; cell x of a row
// is bit (x % 64) of word (x / 64), least significant bit = leftmost cell. Bits at x >= width()
// in a row's last word are always 0 (every mutator keeps that invariant), so rows can be
// compared, hashed and popcounted word by word.
//
// Size: 1..kMaxSide cells per side (a 0x0 Board is the empty "no board" value). Larger sizes
// throw util::LimitError before anything is allocated; 65,536 x 65,536 bits is 512 MiB.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::life {

/// Cells [x, x + width) x [y, y + height).
struct CellRect {
    std::uint32_t x = 0, y = 0, width = 0, height = 0;
    bool operator==(const CellRect&) const = default;
};

enum class PasteMode {
    Copy, ///< the source rectangle replaces what was there
    Or,   ///< live source cells are added
    Xor,  ///< live source cells toggle
};

class Board {
public:
    static constexpr std::uint32_t kMaxSide = 65536;

    /// Throws util::LimitError when a side exceeds kMaxSide (the message names the limit) and
    /// util::Error when a side is 0. `what` starts the message ("RLE header", "--size").
    static void checkSize(std::uint64_t width, std::uint64_t height,
                          std::string_view what = "board");

    Board() = default;
    /// All dead. Sizes are checked with checkSize before allocating.
    Board(std::uint64_t width, std::uint64_t height);

    std::uint32_t width() const noexcept { return m_width; }
    std::uint32_t height() const noexcept { return m_height; }
    bool isEmpty() const noexcept { return m_width == 0; }
    std::uint64_t cellCount() const noexcept { return std::uint64_t(m_width) * m_height; }
    std::size_t wordsPerRow() const noexcept { return m_wordsPerRow; }
    /// Mask of the valid bits of a row's last word.
    std::uint64_t lastWordMask() const noexcept;

    /// x < width(), y < height(), unchecked (use at() for a bounds-checked read).
    bool get(std::uint32_t x, std::uint32_t y) const noexcept {
        return (m_words[y * m_wordsPerRow + (x >> 6)] >> (x & 63)) & 1u;
    }
    void set(std::uint32_t x, std::uint32_t y, bool alive) noexcept {
        std::uint64_t& w = m_words[y * m_wordsPerRow + (x >> 6)];
        const std::uint64_t bit = std::uint64_t{1} << (x & 63);
        w = alive ? (w | bit) : (w & ~bit);
    }
    /// get() with bounds: false outside the board.
    bool at(std::int64_t x, std::int64_t y) const noexcept;

    std::span<const std::uint64_t> row(std::uint32_t y) const noexcept {
        return {m_words.data() + std::size_t(y) * m_wordsPerRow, m_wordsPerRow};
    }
    /// Writable row: callers must leave the bits at x >= width() zero (or call clearPadding()).
    std::span<std::uint64_t> row(std::uint32_t y) noexcept {
        return {m_words.data() + std::size_t(y) * m_wordsPerRow, m_wordsPerRow};
    }
    std::span<const std::uint64_t> words() const noexcept { return m_words; }
    std::span<std::uint64_t> words() noexcept { return m_words; }
    /// Zeroes the bits beyond width() in every row.
    void clearPadding() noexcept;

    /// Number of live cells.
    std::uint64_t population() const noexcept;
    /// Smallest rectangle holding every live cell; nullopt when none is alive.
    std::optional<CellRect> boundingBox() const;
    /// 64-bit hash of size and cells (same board -> same hash on every platform; used by the
    /// period detector, so engines compare equal boards by it).
    std::uint64_t hash() const noexcept;

    void clear() noexcept;
    /// Writes src with its top-left corner at (x, y), clipped to this board (x, y may be
    /// negative or beyond the board).
    void paste(const Board& src, std::int64_t x, std::int64_t y, PasteMode mode = PasteMode::Copy);
    /// The cells of rect (clipped to the board; an empty intersection gives a 0x0 Board).
    Board cropped(const CellRect& rect) const;
    /// Sets every cell of rect (clipped) to alive.
    void fill(const CellRect& rect, bool alive);

    /// Geometric transforms (the GUI's rotate/flip of a selection, spaceship tests).
    Board rotatedClockwise() const;
    Board rotatedCounterClockwise() const;
    Board flippedLeftRight() const;
    Board flippedTopBottom() const;
    /// Every cell moved by (dx, dy) with wrap-around, as on a torus.
    Board shiftedWrapped(std::int64_t dx, std::int64_t dy) const;

    /// Rows of `alive`/`dead` characters separated by '\n' (tests, debugging).
    std::string toText(char alive = 'O', char dead = '.') const;
    /// Inverse of toText: lines of equal length; any character but `dead` and '.' is alive.
    /// Throws util::Error on ragged lines.
    static Board fromText(std::string_view text, char dead = '.');

    bool operator==(const Board& other) const noexcept;

private:
    std::uint32_t m_width = 0, m_height = 0;
    std::size_t m_wordsPerRow = 0;
    std::vector<std::uint64_t> m_words;
};

namespace detail {
/// The hash of one row of n words whose last word is ANDed with lastMask (engines with their
/// own layouts hash through this, so their hash() equals Board::hash()).
std::uint64_t hashRow(const std::uint64_t* words, std::size_t n, std::uint64_t lastMask) noexcept;
/// Folds row hashes, in row order, into the board hash: start with hashStart(width, height),
/// then h = hashCombine(h, hashRow(...)) per row, then hashFinish(h).
std::uint64_t hashStart(std::uint32_t width, std::uint32_t height) noexcept;
std::uint64_t hashCombine(std::uint64_t h, std::uint64_t rowHash) noexcept;
std::uint64_t hashFinish(std::uint64_t h) noexcept;
} // namespace detail

} // namespace algoscope::life
