// Extended RLE reader and writer. Section index:
//   [SECTION] Cursor        line/column bookkeeping over the text
//   [SECTION] Comment lines #N #O #C #c #r #P #R
//   [SECTION] Header        x = W, y = H, rule = R
//   [SECTION] Body          runs, rows, '!'
//   [SECTION] Writer
#include "life/Rle.h"

#include "life/ParseError.h"
#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <limits>
#include <span>

namespace algoscope::life {

namespace {

// [SECTION] Cursor -------------------------------------------------------------------------------

// Lines of the text with 1-based numbers; a '\r' before '\n' is dropped.
struct Line {
    std::string_view text;
    std::size_t number;
};

class Lines {
public:
    explicit Lines(std::string_view text) : m_text(text) {}
    bool next(Line& out) {
        if (m_pos >= m_text.size())
            return false;
        std::size_t end = m_text.find('\n', m_pos);
        if (end == std::string_view::npos)
            end = m_text.size();
        std::string_view line = m_text.substr(m_pos, end - m_pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        out = {line, ++m_number};
        m_pos = end + 1;
        return true;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_number = 0;
};

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isBlank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F)
        return std::string("'") + c + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", u);
    return std::string("byte ") + buf;
}

// [SECTION] Comment lines ----------------------------------------------------------------------

void parseCommentLine(const Line& line, Pattern& p, std::optional<RuleSpec>& hashRule) {
    const std::string_view t = line.text;
    const char kind = t.size() > 1 ? t[1] : '\0';
    const std::string_view rest = trim(t.size() > 2 ? t.substr(2) : std::string_view{});
    switch (kind) {
    case 'N':
        p.name = std::string(rest);
        return;
    case 'O':
        p.author = std::string(rest);
        return;
    case 'r':
        try {
            hashRule = RuleSpec::parse(rest);
        } catch (const util::LimitError&) {
            throw;
        } catch (const util::Error& e) {
            throw ParseError(line.number, 3, e.what());
        }
        return;
    case 'P':
    case 'R': {
        // "#P x y": two integers, the top-left cell in Golly's coordinates.
        std::int64_t xy[2] = {0, 0};
        std::string_view s = rest;
        for (int i = 0; i < 2; ++i) {
            s = trim(s);
            const char* b = s.data();
            auto [ptr, ec] = std::from_chars(b, b + s.size(), xy[i]);
            if (ec != std::errc())
                throw ParseError(line.number, std::size_t(b - t.data()) + 1,
                                 std::string("#") + kind + " needs two integers (x y)");
            s.remove_prefix(std::size_t(ptr - b));
        }
        if (!trim(s).empty())
            throw ParseError(line.number, std::size_t(trim(s).data() - t.data()) + 1,
                             std::string("unexpected text after the coordinates of #") + kind);
        p.origin = std::make_pair(xy[0], xy[1]);
        return;
    }
    default:
        // #C, #c and anything else Golly writes (#CXRLE ...) are comments: kept, not
        // interpreted.
        p.comments.emplace_back(kind == 'C' || kind == 'c' ? rest : trim(t.substr(1)));
        return;
    }
}

// [SECTION] Header -----------------------------------------------------------------------------

struct Header {
    std::uint64_t width = 0, height = 0;
    std::optional<RuleSpec> rule;
};

// Parses "x = W, y = H[, rule = R]" (blanks anywhere around the tokens).
Header parseHeader(const Line& line, const ReadLimits& limits) {
    const std::string_view t = line.text;
    Header h;
    bool haveX = false, haveY = false;
    std::size_t pos = 0;
    auto col = [&] { return pos + 1; };
    auto skipBlanks = [&] {
        while (pos < t.size() && isBlank(t[pos]))
            ++pos;
    };
    while (true) {
        skipBlanks();
        const std::size_t keyStart = pos;
        while (pos < t.size() && std::isalpha(static_cast<unsigned char>(t[pos])))
            ++pos;
        const std::string_view key = t.substr(keyStart, pos - keyStart);
        if (key.empty())
            throw ParseError(line.number, col(),
                             pos < t.size()
                                 ? "expected a header field name, found " + printable(t[pos])
                                 : "expected a header field name");
        skipBlanks();
        if (pos >= t.size() || t[pos] != '=')
            throw ParseError(line.number, col(), "expected '=' after '" + std::string(key) + "'");
        ++pos;
        skipBlanks();
        const std::size_t valueStart = pos;
        if (key == "x" || key == "y") {
            std::size_t digitsEnd = pos;
            while (digitsEnd < t.size() && std::isdigit(static_cast<unsigned char>(t[digitsEnd])))
                ++digitsEnd;
            std::uint64_t v = 0;
            auto [ptr, ec] = std::from_chars(t.data() + pos, t.data() + digitsEnd, v);
            if (ec == std::errc::result_out_of_range || (ec == std::errc() && v > Board::kMaxSide))
                throw util::LimitError(
                    "line " + std::to_string(line.number) + ", column " +
                    std::to_string(valueStart + 1) + ": header " + std::string(key) + " = " +
                    std::string(t.substr(pos, digitsEnd - pos)) + " exceeds the limit of " +
                    std::to_string(Board::kMaxSide) + " cells per side (Board::kMaxSide)");
            if (ec != std::errc())
                throw ParseError(line.number, col(),
                                 "header " + std::string(key) + " needs a non-negative integer");
            pos = std::size_t(ptr - t.data());
            (key == "x" ? h.width : h.height) = v;
            (key == "x" ? haveX : haveY) = true;
        } else if (key == "rule") {
            // The value runs to the end of the line or to a ", name =" that starts another
            // field: the grid suffix has a comma of its own (B3/S23:T64,64).
            std::size_t end = t.size();
            for (std::size_t c = t.find(',', pos); c != std::string_view::npos;
                 c = t.find(',', c + 1)) {
                std::size_t k = c + 1;
                while (k < t.size() && isBlank(t[k]))
                    ++k;
                const std::size_t nameStart = k;
                while (k < t.size() && std::isalpha(static_cast<unsigned char>(t[k])))
                    ++k;
                const std::size_t nameEnd = k;
                while (k < t.size() && isBlank(t[k]))
                    ++k;
                if (nameEnd > nameStart && k < t.size() && t[k] == '=') {
                    end = c;
                    break;
                }
            }
            const std::string_view value = trim(t.substr(pos, end - pos));
            try {
                h.rule = RuleSpec::parse(value);
            } catch (const util::LimitError& e) {
                throw util::LimitError("line " + std::to_string(line.number) + ", column " +
                                       std::to_string(valueStart + 1) + ": " + e.what());
            } catch (const util::Error& e) {
                throw ParseError(line.number, valueStart + 1, e.what());
            }
            pos = end;
        } else {
            throw ParseError(line.number, keyStart + 1,
                             "unknown header field '" + std::string(key) +
                                 "' (expected x, y and rule)");
        }
        skipBlanks();
        if (pos >= t.size())
            break;
        if (t[pos] != ',')
            throw ParseError(line.number, col(),
                             "expected ',' between header fields, found " + printable(t[pos]));
        ++pos;
    }
    if (!haveX || !haveY)
        throw ParseError(line.number, 1, "header needs both x and y");
    if ((h.width == 0) != (h.height == 0))
        throw ParseError(line.number, 1,
                         "header x and y must both be 0 (empty pattern) or both positive");
    if (h.width * h.height > limits.maxCells)
        throw util::LimitError("line " + std::to_string(line.number) + ": pattern of " +
                               std::to_string(h.width) + " x " + std::to_string(h.height) +
                               " cells exceeds the reader's limit of " +
                               std::to_string(limits.maxCells) + " cells");
    return h;
}

// [SECTION] Body -------------------------------------------------------------------------------

// Sets cells [x, x + count) of row y.
void setRun(Board& b, std::uint32_t y, std::uint64_t x, std::uint64_t count) {
    auto row = b.row(y);
    while (count > 0) {
        const std::uint64_t bit = x & 63;
        const std::uint64_t n = std::min<std::uint64_t>(count, 64 - bit);
        const std::uint64_t mask = (n == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << n) - 1))
                                   << bit;
        row[std::size_t(x >> 6)] |= mask;
        x += n;
        count -= n;
    }
}

} // namespace

Pattern readRle(std::string_view text, const ReadLimits& limits) {
    Pattern p;
    std::optional<RuleSpec> hashRule;
    Lines lines(text);
    Line line{};
    std::optional<Header> header;
    // Comment lines and the header.
    while (lines.next(line)) {
        const std::string_view t = trim(line.text);
        if (t.empty())
            continue;
        if (line.text.front() == '#') {
            parseCommentLine(line, p, hashRule);
            continue;
        }
        if (t.front() != 'x')
            throw ParseError(line.number, std::size_t(t.data() - line.text.data()) + 1,
                             "missing RLE header line 'x = <width>, y = <height>, rule = ...' "
                             "before the pattern");
        header = parseHeader(line, limits);
        break;
    }
    if (!header)
        throw ParseError(line.number == 0 ? 1 : line.number, 1,
                         "no RLE header line 'x = <width>, y = <height>, rule = ...'");
    p.rule = header->rule ? *header->rule : hashRule ? *hashRule : RuleSpec{};
    if (header->width > 0)
        p.cells = Board(header->width, header->height);
    const std::uint64_t w = header->width, h = header->height;

    // Runs: [count] tag, tag in b . o $ !; blanks and line breaks between items.
    std::uint64_t x = 0, y = 0;
    bool ended = false;
    std::size_t countLine = 0, countCol = 0; // where the pending count started
    std::uint64_t count = 0;
    bool haveCount = false;
    while (!ended && lines.next(line)) {
        const std::string_view t = line.text;
        for (std::size_t i = 0; i < t.size() && !ended; ++i) {
            const char c = t[i];
            const std::size_t col = i + 1;
            if (isBlank(c))
                continue;
            if (c >= '0' && c <= '9') {
                if (!haveCount) {
                    countLine = line.number;
                    countCol = col;
                }
                haveCount = true;
                // Any count past the board's size is an error anyway; stop growing there so
                // it cannot overflow.
                if (count <= std::uint64_t{1} << 40)
                    count = count * 10 + std::uint64_t(c - '0');
                continue;
            }
            const std::uint64_t n = haveCount ? count : 1;
            const std::size_t atLine = haveCount ? countLine : line.number;
            const std::size_t atCol = haveCount ? countCol : col;
            const bool hadCount = haveCount;
            if (hadCount && count == 0)
                throw ParseError(atLine, atCol, "run count 0");
            haveCount = false;
            count = 0;
            switch (c) {
            case 'b':
            case '.':
            case 'o':
                if (y >= h)
                    throw ParseError(atLine, atCol,
                                     "cells below the last row: the pattern has more rows than "
                                     "the header's y = " +
                                         std::to_string(h));
                if (x + n > w)
                    throw ParseError(atLine, atCol,
                                     "row " + std::to_string(y + 1) +
                                         " is longer than the "
                                         "header's x = " +
                                         std::to_string(w) + " (reaches " + std::to_string(x + n) +
                                         " cells)");
                if (c == 'o')
                    setRun(p.cells, std::uint32_t(y), x, n);
                x += n;
                break;
            case '$':
                y += n;
                x = 0;
                if (y > h)
                    throw ParseError(atLine, atCol,
                                     "the pattern has more rows than the header's y = " +
                                         std::to_string(h));
                break;
            case '!':
                if (hadCount)
                    throw ParseError(atLine, atCol, "run count before '!'");
                ended = true;
                break;
            default:
                if ((c >= 'A' && c <= 'X') || (c >= 'p' && c <= 'y'))
                    throw ParseError(line.number, col,
                                     "multi-state cell " + printable(c) +
                                         ": only two-state (Life-like) patterns are supported");
                throw ParseError(line.number, col,
                                 "unexpected " + printable(c) +
                                     " in the pattern (expected b, o, $, ! or a run count)");
            }
        }
    }
    if (!ended) {
        if (haveCount)
            throw ParseError(countLine, countCol, "run count at the end of the file");
        throw ParseError(line.number == 0 ? 1 : line.number, line.text.size() + 1,
                         "missing '!' at the end of the pattern (is the file truncated?)");
    }
    return p;
}

// [SECTION] Writer -------------------------------------------------------------------------------

namespace {

class RunWriter {
public:
    explicit RunWriter(std::string& out) : m_out(out) {}
    // Appends "<n><tag>" (n omitted when 1), wrapping lines at 70 characters without splitting
    // an item.
    void put(std::uint64_t n, char tag) {
        char buf[24];
        std::size_t len = 0;
        if (n > 1) {
            auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, n);
            (void)ec;
            len = std::size_t(ptr - buf);
        }
        buf[len++] = tag;
        if (m_column + len > 70) {
            m_out += '\n';
            m_column = 0;
        }
        m_out.append(buf, len);
        m_column += len;
    }

private:
    std::string& m_out;
    std::size_t m_column = 0;
};

// First cell at or after `from` whose state is `alive`, or width when there is none (a word at
// a time: count trailing zeros of the word, or of its complement when looking for dead cells).
std::uint64_t nextCell(std::span<const std::uint64_t> row, std::uint64_t from, bool alive,
                       std::uint64_t width) {
    if (from >= width)
        return width;
    std::size_t i = std::size_t(from >> 6);
    std::uint64_t w = (alive ? row[i] : ~row[i]) & (~std::uint64_t{0} << (from & 63));
    while (w == 0) {
        if (++i == row.size())
            return width;
        w = alive ? row[i] : ~row[i];
    }
    return std::min<std::uint64_t>(width, std::uint64_t(i) * 64 + unsigned(std::countr_zero(w)));
}

} // namespace

std::string writeRle(const Pattern& pattern) {
    std::string out;
    auto line = [&](std::string_view prefix, const std::string& text) {
        // Comment text cannot contain a line break: each line becomes its own comment.
        std::size_t start = 0;
        while (true) {
            const std::size_t end = text.find('\n', start);
            out += prefix;
            out += text.substr(start, end == std::string::npos ? std::string::npos : end - start);
            out += '\n';
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    };
    if (!pattern.name.empty())
        line("#N ", pattern.name);
    if (!pattern.author.empty())
        line("#O ", pattern.author);
    for (const auto& c : pattern.comments)
        line("#C ", c);
    if (pattern.origin)
        out += "#P " + std::to_string(pattern.origin->first) + " " +
               std::to_string(pattern.origin->second) + "\n";
    const Board& b = pattern.cells;
    out += "x = " + std::to_string(b.width()) + ", y = " + std::to_string(b.height()) +
           ", rule = " + pattern.rule.toString() + "\n";
    RunWriter runs(out);
    std::uint64_t pendingRows = 0; // '$'s not yet written (skipped empty rows collapse into n$)
    for (std::uint32_t y = 0; y < b.height(); ++y) {
        const auto row = b.row(y);
        std::uint64_t x = 0; // next cell not yet written
        while (true) {
            const std::uint64_t start = nextCell(row, x, true, b.width());
            if (start >= b.width())
                break;
            const std::uint64_t end = nextCell(row, start, false, b.width());
            if (pendingRows)
                runs.put(pendingRows, '$');
            pendingRows = 0;
            if (start > x)
                runs.put(start - x, 'b');
            runs.put(end - start, 'o');
            x = end;
        }
        ++pendingRows; // the '$' that ends this row, written only if more cells follow
    }
    runs.put(1, '!');
    out += '\n';
    return out;
}

} // namespace algoscope::life
