#include "life/NaiveEngine.h"

#include "util/Error.h"

#include <algorithm>
#include <new>

namespace algoscope::life {

void NaiveEngine::setBoard(const Board& board) {
    const std::size_t cells = std::size_t(board.width()) * board.height();
    try {
        m_cells.assign(cells, 0);
        m_next.assign(cells, 0);
    } catch (const std::bad_alloc&) {
        m_cells.clear();
        m_next.clear();
        m_width = m_height = 0;
        throw util::LimitError("naive engine: out of memory for a " +
                               std::to_string(board.width()) + " x " +
                               std::to_string(board.height()) +
                               " board (two bytes per cell); use the bitpacked engine");
    }
    m_width = board.width();
    m_height = board.height();
    for (std::uint32_t y = 0; y < m_height; ++y)
        for (std::uint32_t x = 0; x < m_width; ++x)
            m_cells[std::size_t(y) * m_width + x] = board.get(x, y) ? 1 : 0;
}

void NaiveEngine::readBoard(Board& out) const {
    if (out.width() != m_width || out.height() != m_height)
        out = m_width ? Board(m_width, m_height) : Board();
    else
        out.clear();
    for (std::uint32_t y = 0; y < m_height; ++y)
        for (std::uint32_t x = 0; x < m_width; ++x)
            if (m_cells[std::size_t(y) * m_width + x])
                out.set(x, y, true);
}

void NaiveEngine::stepOnce(const util::TaskContext& ctx) {
    const auto w = std::int64_t(m_width), h = std::int64_t(m_height);
    const bool torus = m_topology == Topology::Torus;
    // The index of neighbour coordinate c + d (d = -1 or +1) along an axis of length n, or -1
    // when it falls off a plane's edge (outside cells are dead). On a torus narrower than 3
    // cells a neighbour can be the same cell more than once (on a 1x1 torus all eight
    // neighbours are the cell itself): that is what wrapping around means, and what the
    // bit-parallel engines do too.
    auto wrap = [torus](std::int64_t c, std::int64_t n) -> std::int64_t {
        if (c >= 0 && c < n)
            return c;
        if (!torus)
            return -1;
        return c < 0 ? c + n : c - n;
    };
    // Poll every ~2e5 cells (about a millisecond); a cancelled generation leaves m_cells, the
    // last complete generation, untouched.
    const std::int64_t rowsPerPoll = std::max<std::int64_t>(1, 200'000 / w);
    for (std::int64_t y = 0; y < h; ++y) {
        if (y % rowsPerPoll == 0)
            ctx.checkCancelled();
        const std::int64_t rows[3] = {wrap(y - 1, h), y, wrap(y + 1, h)};
        for (std::int64_t x = 0; x < w; ++x) {
            const std::int64_t cols[3] = {wrap(x - 1, w), x, wrap(x + 1, w)};
            int n = 0;
            for (int dy = 0; dy < 3; ++dy)
                for (int dx = 0; dx < 3; ++dx)
                    if ((dx != 1 || dy != 1) && rows[dy] >= 0 && cols[dx] >= 0)
                        n += m_cells[std::size_t(rows[dy] * w + cols[dx])];
            const bool alive = m_cells[std::size_t(y * w + x)] != 0;
            m_next[std::size_t(y * w + x)] = m_rule.next(alive, n) ? 1 : 0;
        }
    }
    std::swap(m_cells, m_next);
}

void NaiveEngine::step(std::uint64_t generations, const util::TaskContext& ctx) {
    if (m_width == 0)
        throw util::Error("naive engine: no board set");
    // Progress about every 2e5 cell updates; stepOnce polls for cancellation as often.
    const std::uint64_t cells = std::uint64_t(m_width) * m_height;
    const std::uint64_t perReport = std::max<std::uint64_t>(1, 200'000 / cells);
    for (std::uint64_t g = 0; g < generations; ++g) {
        if (g % perReport == 0)
            ctx.report(double(g) / double(generations));
        stepOnce(ctx);
        ++m_generation;
    }
    ctx.report(1.0);
}

std::uint64_t NaiveEngine::population() const {
    std::uint64_t n = 0;
    for (std::uint8_t c : m_cells)
        n += c;
    return n;
}

} // namespace algoscope::life
