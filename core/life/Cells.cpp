#include "life/Cells.h"

#include "life/ParseError.h"
#include "util/Error.h"
#include "util/Text.h"

#include <algorithm>

namespace algoscope::life {

namespace {

struct RawLine {
    std::string_view text;
    std::size_t number;
};

std::vector<RawLine> numberedLines(std::string_view text) {
    std::vector<RawLine> lines;
    for (std::string_view line : util::splitLines(text))
        lines.push_back({line, lines.size() + 1});
    return lines;
}

// A row without its trailing blanks.
std::string_view rowText(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    return line;
}

} // namespace

Pattern readCells(std::string_view text, const ReadLimits& limits) {
    Pattern p;
    const auto lines = numberedLines(text);
    // Pass 1: metadata, validation and the size, so the board is allocated once and only after
    // the size was checked against the limits.
    std::vector<std::string_view> rows;
    std::size_t lastNonBlank = 0; // rows after it are trailing blank lines, not pattern rows
    std::uint64_t width = 0;
    for (const auto& line : lines) {
        if (!line.text.empty() && line.text.front() == '!') {
            std::string_view c = line.text.substr(1);
            if (c.size() >= 5 && c.substr(0, 5) == "Name:") {
                c.remove_prefix(5);
                while (!c.empty() && c.front() == ' ')
                    c.remove_prefix(1);
                p.name = std::string(c);
            } else {
                if (!c.empty() && c.front() == ' ')
                    c.remove_prefix(1);
                p.comments.emplace_back(c);
            }
            continue;
        }
        const std::string_view r = rowText(line.text);
        for (std::size_t i = 0; i < r.size(); ++i) {
            const char ch = r[i];
            if (ch != '.' && ch != 'O' && ch != '*')
                throw ParseError(line.number, i + 1,
                                 std::string("unexpected character '") + ch +
                                     "' (plaintext rows use '.' for dead and 'O' for alive "
                                     "cells; comment lines start with '!')");
        }
        rows.push_back(r);
        if (!r.empty())
            lastNonBlank = rows.size();
        width = std::max<std::uint64_t>(width, r.size());
        if (width > Board::kMaxSide)
            throw util::LimitError("line " + std::to_string(line.number) + ": row of " +
                                   std::to_string(r.size()) + " cells exceeds the limit of " +
                                   std::to_string(Board::kMaxSide) +
                                   " cells per side (Board::kMaxSide)");
        if (rows.size() > Board::kMaxSide)
            throw util::LimitError("line " + std::to_string(line.number) + ": more than " +
                                   std::to_string(Board::kMaxSide) +
                                   " rows exceeds the limit of cells per side (Board::kMaxSide)");
    }
    rows.resize(lastNonBlank);
    if (rows.empty())
        return p; // no live cells and no size: an empty pattern
    if (width * rows.size() > limits.maxCells)
        throw util::LimitError(
            "plaintext pattern of " + std::to_string(width) + " x " + std::to_string(rows.size()) +
            " cells exceeds the reader's limit of " + std::to_string(limits.maxCells) + " cells");
    p.cells = Board(width, rows.size());
    for (std::size_t y = 0; y < rows.size(); ++y)
        for (std::size_t x = 0; x < rows[y].size(); ++x)
            if (rows[y][x] != '.')
                p.cells.set(std::uint32_t(x), std::uint32_t(y), true);
    return p;
}

std::string writeCells(const Pattern& pattern) {
    std::string out;
    if (!pattern.name.empty())
        out += "!Name: " + pattern.name.substr(0, pattern.name.find('\n')) + "\n";
    for (const auto& c : pattern.comments) {
        std::size_t start = 0;
        while (true) {
            const std::size_t end = c.find('\n', start);
            out += '!';
            const std::string piece = c.substr(start, end == std::string::npos ? end : end - start);
            if (!piece.empty()) {
                out += ' ';
                out += piece;
            }
            out += '\n';
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }
    const Board& b = pattern.cells;
    // Full-width rows, trailing dead cells included, so the size survives a round trip (a
    // reader cannot tell trailing dead cells from nothing otherwise).
    out.reserve(out.size() + std::size_t(b.width() + 1) * b.height());
    for (std::uint32_t y = 0; y < b.height(); ++y) {
        for (std::uint32_t x = 0; x < b.width(); ++x)
            out += b.get(x, y) ? 'O' : '.';
        out += '\n';
    }
    return out;
}

} // namespace algoscope::life
