#include "life/Board.h"

#include "util/Error.h"
#include "util/Text.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace algoscope::life {

namespace {

constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL; // 2^64 / golden ratio

// Final avalanche of SplitMix64 (Steele, Lea & Flood 2014).
constexpr std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace

namespace detail {

std::uint64_t hashRow(const std::uint64_t* words, std::size_t n, std::uint64_t lastMask) noexcept {
    // Four independent multiply-xorshift lanes over words i % 4, so the loop is not one long
    // dependency chain (~1 cycle per word instead of ~5).
    std::uint64_t a = 1, b = 2, c = 3, d = 4;
    const std::size_t full = n == 0 ? 0 : n - 1; // the last word is masked
    std::size_t i = 0;
    for (; i + 4 <= full; i += 4) {
        a = (a ^ words[i]) * kMul;
        b = (b ^ words[i + 1]) * kMul;
        c = (c ^ words[i + 2]) * kMul;
        d = (d ^ words[i + 3]) * kMul;
        a ^= a >> 32;
        b ^= b >> 32;
        c ^= c >> 32;
        d ^= d >> 32;
    }
    for (; i < full; ++i) {
        a = (a ^ words[i]) * kMul;
        a ^= a >> 32;
    }
    if (n > 0) {
        b = (b ^ (words[n - 1] & lastMask)) * kMul;
        b ^= b >> 32;
    }
    return mix(a ^ std::rotl(b, 16) ^ std::rotl(c, 32) ^ std::rotl(d, 48));
}

std::uint64_t hashStart(std::uint32_t width, std::uint32_t height) noexcept {
    return mix((std::uint64_t(width) << 32) | height);
}

std::uint64_t hashCombine(std::uint64_t h, std::uint64_t rowHash) noexcept {
    return std::rotl(h, 7) * kMul ^ rowHash;
}

std::uint64_t hashFinish(std::uint64_t h) noexcept {
    return mix(h);
}

} // namespace detail

void Board::checkSize(std::uint64_t width, std::uint64_t height, std::string_view what) {
    if (width > kMaxSide || height > kMaxSide)
        throw util::LimitError(std::string(what) + ": " + std::to_string(width) + " x " +
                               std::to_string(height) + " cells exceeds the limit of " +
                               std::to_string(kMaxSide) +
                               " cells per side (Board::kMaxSide in core/life/Board.h)");
    if (width == 0 || height == 0)
        throw util::Error(std::string(what) + ": " + std::to_string(width) + " x " +
                          std::to_string(height) + " cells; each side needs at least 1 cell");
}

Board::Board(std::uint64_t width, std::uint64_t height) {
    checkSize(width, height);
    m_width = std::uint32_t(width);
    m_height = std::uint32_t(height);
    m_wordsPerRow = (m_width + 63) / 64;
    m_words.assign(m_wordsPerRow * m_height, 0);
}

std::uint64_t Board::lastWordMask() const noexcept {
    const unsigned r = m_width & 63;
    return r == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << r) - 1;
}

bool Board::at(std::int64_t x, std::int64_t y) const noexcept {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return false;
    return get(std::uint32_t(x), std::uint32_t(y));
}

void Board::clearPadding() noexcept {
    if (isEmpty())
        return;
    const std::uint64_t mask = lastWordMask();
    for (std::uint32_t y = 0; y < m_height; ++y)
        m_words[(std::size_t(y) + 1) * m_wordsPerRow - 1] &= mask;
}

std::uint64_t Board::population() const noexcept {
    std::uint64_t n = 0;
    for (std::uint64_t w : m_words)
        n += std::uint64_t(std::popcount(w));
    return n;
}

std::optional<CellRect> Board::boundingBox() const {
    std::uint32_t minY = m_height, maxY = 0;
    std::size_t minWord = m_wordsPerRow, maxWord = 0;
    std::uint64_t orFirst = 0, orLast = 0; // OR of the words at minWord / maxWord, found below
    for (std::uint32_t y = 0; y < m_height; ++y) {
        const auto r = row(y);
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (!r[i])
                continue;
            minY = std::min(minY, y);
            maxY = std::max(maxY, y);
            minWord = std::min(minWord, i);
            maxWord = std::max(maxWord, i);
        }
    }
    if (minY == m_height)
        return std::nullopt;
    for (std::uint32_t y = minY; y <= maxY; ++y) {
        orFirst |= row(y)[minWord];
        orLast |= row(y)[maxWord];
    }
    const std::uint32_t minX = std::uint32_t(minWord * 64 + std::countr_zero(orFirst));
    const std::uint32_t maxX = std::uint32_t(maxWord * 64 + 63 - std::countl_zero(orLast));
    return CellRect{minX, minY, maxX - minX + 1, maxY - minY + 1};
}

std::uint64_t Board::hash() const noexcept {
    std::uint64_t h = detail::hashStart(m_width, m_height);
    const std::uint64_t mask = lastWordMask();
    for (std::uint32_t y = 0; y < m_height; ++y)
        h = detail::hashCombine(h, detail::hashRow(row(y).data(), m_wordsPerRow, mask));
    return detail::hashFinish(h);
}

void Board::clear() noexcept {
    std::fill(m_words.begin(), m_words.end(), 0);
}

void Board::paste(const Board& src, std::int64_t x, std::int64_t y, PasteMode mode) {
    // Clip the source rectangle to this board.
    const std::int64_t x0 = std::max<std::int64_t>(x, 0);
    const std::int64_t y0 = std::max<std::int64_t>(y, 0);
    const std::int64_t x1 = std::min<std::int64_t>(x + src.width(), m_width);
    const std::int64_t y1 = std::min<std::int64_t>(y + src.height(), m_height);
    for (std::int64_t ty = y0; ty < y1; ++ty)
        for (std::int64_t tx = x0; tx < x1; ++tx) {
            const bool s = src.get(std::uint32_t(tx - x), std::uint32_t(ty - y));
            const auto ux = std::uint32_t(tx), uy = std::uint32_t(ty);
            switch (mode) {
            case PasteMode::Copy:
                set(ux, uy, s);
                break;
            case PasteMode::Or:
                if (s)
                    set(ux, uy, true);
                break;
            case PasteMode::Xor:
                if (s)
                    set(ux, uy, !get(ux, uy));
                break;
            }
        }
}

Board Board::cropped(const CellRect& rect) const {
    const std::uint64_t x1 = std::min<std::uint64_t>(std::uint64_t(rect.x) + rect.width, m_width);
    const std::uint64_t y1 = std::min<std::uint64_t>(std::uint64_t(rect.y) + rect.height, m_height);
    if (rect.x >= x1 || rect.y >= y1)
        return Board();
    Board out(x1 - rect.x, y1 - rect.y);
    for (std::uint32_t y = 0; y < out.height(); ++y)
        for (std::uint32_t x = 0; x < out.width(); ++x)
            if (get(rect.x + x, rect.y + y))
                out.set(x, y, true);
    return out;
}

void Board::fill(const CellRect& rect, bool alive) {
    const std::uint64_t x1 = std::min<std::uint64_t>(std::uint64_t(rect.x) + rect.width, m_width);
    const std::uint64_t y1 = std::min<std::uint64_t>(std::uint64_t(rect.y) + rect.height, m_height);
    for (std::uint64_t y = rect.y; y < y1; ++y)
        for (std::uint64_t x = rect.x; x < x1; ++x)
            set(std::uint32_t(x), std::uint32_t(y), alive);
}

Board Board::rotatedClockwise() const {
    if (isEmpty())
        return {};
    // (x, y) -> (H - 1 - y, x) in a H x W board.
    Board out(m_height, m_width);
    for (std::uint32_t y = 0; y < m_height; ++y)
        for (std::uint32_t x = 0; x < m_width; ++x)
            if (get(x, y))
                out.set(m_height - 1 - y, x, true);
    return out;
}

Board Board::rotatedCounterClockwise() const {
    if (isEmpty())
        return {};
    // (x, y) -> (y, W - 1 - x).
    Board out(m_height, m_width);
    for (std::uint32_t y = 0; y < m_height; ++y)
        for (std::uint32_t x = 0; x < m_width; ++x)
            if (get(x, y))
                out.set(y, m_width - 1 - x, true);
    return out;
}

Board Board::flippedLeftRight() const {
    if (isEmpty())
        return {};
    Board out(m_width, m_height);
    for (std::uint32_t y = 0; y < m_height; ++y)
        for (std::uint32_t x = 0; x < m_width; ++x)
            if (get(x, y))
                out.set(m_width - 1 - x, y, true);
    return out;
}

Board Board::flippedTopBottom() const {
    if (isEmpty())
        return {};
    Board out(m_width, m_height);
    for (std::uint32_t y = 0; y < m_height; ++y)
        std::copy(row(y).begin(), row(y).end(), out.row(m_height - 1 - y).begin());
    return out;
}

Board Board::shiftedWrapped(std::int64_t dx, std::int64_t dy) const {
    if (isEmpty())
        return {};
    const auto w = std::int64_t(m_width), h = std::int64_t(m_height);
    const std::int64_t sx = ((dx % w) + w) % w, sy = ((dy % h) + h) % h;
    Board out(m_width, m_height);
    for (std::uint32_t y = 0; y < m_height; ++y)
        for (std::uint32_t x = 0; x < m_width; ++x)
            if (get(x, y))
                out.set(std::uint32_t((x + sx) % w), std::uint32_t((y + sy) % h), true);
    return out;
}

std::string Board::toText(char alive, char dead) const {
    std::string s;
    s.reserve(std::size_t(m_width + 1) * m_height);
    for (std::uint32_t y = 0; y < m_height; ++y) {
        for (std::uint32_t x = 0; x < m_width; ++x)
            s += get(x, y) ? alive : dead;
        s += '\n';
    }
    return s;
}

Board Board::fromText(std::string_view text, char dead) {
    const std::vector<std::string_view> lines = util::splitLines(text);
    if (lines.empty())
        return {};
    const std::size_t w = lines.front().size();
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].size() != w)
            throw util::Error("Board::fromText: line " + std::to_string(i + 1) + " has " +
                              std::to_string(lines[i].size()) + " characters, line 1 has " +
                              std::to_string(w));
    Board b(w, lines.size());
    for (std::size_t y = 0; y < lines.size(); ++y)
        for (std::size_t x = 0; x < w; ++x)
            if (lines[y][x] != dead && lines[y][x] != '.')
                b.set(std::uint32_t(x), std::uint32_t(y), true);
    return b;
}

bool Board::operator==(const Board& other) const noexcept {
    return m_width == other.m_width && m_height == other.m_height && m_words == other.m_words;
}

} // namespace algoscope::life
