#include "life/Unbounded.h"

#include "life/BitpackedEngine.h"
#include "life/Macrocell.h"
#include "life/ParseError.h"
#include "life/PatternFile.h"
#include "life/Rle.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

namespace algoscope::life {

std::string_view unboundedEngineName(UnboundedEngine e) noexcept {
    switch (e) {
    case UnboundedEngine::HashLife:
        return "hashlife";
    case UnboundedEngine::Bitpacked:
        return "bitpacked";
    case UnboundedEngine::Auto:
        break;
    }
    return "auto";
}

std::optional<UnboundedEngine> parseUnboundedEngine(std::string_view name) noexcept {
    if (name == "auto")
        return UnboundedEngine::Auto;
    if (name == "hashlife")
        return UnboundedEngine::HashLife;
    if (name == "bitpacked")
        return UnboundedEngine::Bitpacked;
    return std::nullopt;
}

UnboundedEngine chooseUnboundedEngine(const HashLife& universe, const mpz_class& generations) {
    if (generations > kAutoBitpackedGenerations)
        return UnboundedEngine::HashLife;
    const auto bb = universe.boundingBox();
    if (bb && (bb->width > kAutoBitpackedSide || bb->height > kAutoBitpackedSide))
        return UnboundedEngine::HashLife;
    return UnboundedEngine::Bitpacked;
}

namespace {
// A board around rect with `margin` dead cells on each side; LimitError beyond Board::kMaxSide.
struct Frame {
    std::int64_t x = 0, y = 0;
    std::uint32_t w = 0, h = 0;
};

Frame frameAround(std::int64_t x, std::int64_t y, std::uint64_t w, std::uint64_t h) {
    const std::uint64_t margin = std::max<std::uint64_t>(64, std::max(w, h) / 2);
    const std::uint64_t fw = w + 2 * margin, fh = h + 2 * margin;
    if (fw > Board::kMaxSide || fh > Board::kMaxSide)
        throw util::LimitError("the pattern has grown to " + std::to_string(w) + " x " +
                               std::to_string(h) +
                               " cells: the bitpacked engine's board stops at 65536 x 65536 "
                               "(with margins); use --engine hashlife");
    return {x - std::int64_t(margin), y - std::int64_t(margin), std::uint32_t(fw),
            std::uint32_t(fh)};
}

std::int64_t toInt64(const mpz_class& v, const char* what) {
    if (!v.fits_slong_p())
        throw util::LimitError(std::string(what) + " is beyond 64 bits: use --engine hashlife");
    return v.get_si();
}
} // namespace

void stepBitpackedUnbounded(HashLife& universe, const mpz_class& generations, int threads,
                            const util::TaskContext& ctx) {
    if (generations < 0)
        throw util::Error("cannot step a negative number of generations");
    if (!generations.fits_slong_p())
        throw util::LimitError("the bitpacked engine steps at most 2^63 generations at a time; use "
                               "--engine hashlife");
    std::uint64_t remaining = std::uint64_t(generations.get_si());
    const mpz_class startGen = universe.generation();
    const auto bb = universe.boundingBox();
    if (!bb) {
        universe.setGeneration(startGen + generations);
        return;
    }
    Frame f = frameAround(toInt64(bb->x, "the pattern's position"),
                          toInt64(bb->y, "the pattern's position"),
                          std::uint64_t(toInt64(bb->width, "the pattern's width")),
                          std::uint64_t(toInt64(bb->height, "the pattern's height")));
    BitpackedEngine engine;
    engine.setRule(universe.rule());
    engine.setTopology(Topology::Plane);
    engine.setThreads(threads);
    engine.setBoard(universe.extract(f.x, f.y, f.w, f.h));
    engine.setGeneration(0);
    const std::uint64_t total = remaining;
    auto writeBack = [&] {
        const Board b = engine.board();
        const mpz_class done = mpz_class(std::to_string(engine.generation()));
        universe.loadBoard(b, f.x, f.y);
        universe.setGeneration(startGen + done);
    };
    try {
        while (remaining > 0) {
            const auto r = engine.boundingBox();
            if (!r) {
                engine.setGeneration(engine.generation() + remaining);
                remaining = 0;
                break;
            }
            const std::uint64_t dist = std::min({std::uint64_t(r->x), std::uint64_t(r->y),
                                                 std::uint64_t(f.w - (r->x + r->width)),
                                                 std::uint64_t(f.h - (r->y + r->height))});
            if (dist < std::max<std::uint64_t>(16, std::min(f.w, f.h) / 16)) {
                // Grow and recentre around the pattern.
                const Board cells = engine.board().cropped(*r);
                const Frame g = frameAround(f.x + r->x, f.y + r->y, r->width, r->height);
                Board bigger(g.w, g.h);
                bigger.paste(cells, (f.x + r->x) - g.x, (f.y + r->y) - g.y);
                const std::uint64_t gen = engine.generation();
                engine.setBoard(bigger);
                engine.setGeneration(gen);
                f = g;
                continue;
            }
            // Signals travel one cell per generation: `dist` generations cannot reach the
            // border, so the dead border never differs from the unbounded plane.
            const std::uint64_t g = std::min(remaining, dist);
            engine.step(g, ctx);
            remaining -= g;
            ctx.report(double(total - remaining) / double(total));
        }
    } catch (const util::Cancelled&) {
        writeBack();
        throw;
    }
    writeBack();
}

UnboundedEngine stepUnbounded(HashLife& universe, const mpz_class& generations,
                              UnboundedEngine engine, int threads, const util::TaskContext& ctx) {
    if (engine == UnboundedEngine::Auto)
        engine = chooseUnboundedEngine(universe, generations);
    if (engine == UnboundedEngine::Bitpacked)
        stepBitpackedUnbounded(universe, generations, threads, ctx);
    else
        universe.step(generations, ctx);
    return engine;
}

namespace {
bool endsWith(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
            return false;
    return true;
}
} // namespace

RleBlocks readRleBlocks(std::string_view text, std::uint64_t maxLiveCells) {
    RleBlocks out;
    std::size_t pos = 0, lineNo = 0;
    bool header = false, done = false;
    std::int64_t x = 0, y = 0;
    // Cells of the current band of 8 rows, by block column; flushed when y leaves the band.
    std::unordered_map<std::int64_t, std::uint64_t> band;
    std::int64_t bandY = 0;
    auto flush = [&] {
        for (const auto& [bx, bits] : band)
            out.blocks.push_back({bx, bandY, bits});
        band.clear();
    };
    constexpr std::int64_t kMaxCoord = std::int64_t{1} << 60;
    // maxLiveCells bounds the time and the block list (24 bytes per block, at most one block
    // per cell).
    std::uint64_t liveCells = 0;
    while (!done && pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!header) {
            if (line.empty())
                continue;
            if (line.front() == '#') {
                const char k = line.size() > 1 ? line[1] : ' ';
                std::string rest(line.size() > 2 ? line.substr(2) : std::string_view());
                if (!rest.empty() && rest.front() == ' ')
                    rest.erase(0, 1);
                if (k == 'N')
                    out.name = rest;
                else if (k == 'P' || k == 'R') {
                    long long px = 0, py = 0;
                    if (std::sscanf(rest.c_str(), "%lld %lld", &px, &py) == 2)
                        out.origin = std::make_pair(std::int64_t(px), std::int64_t(py));
                } else if (k == 'r') {
                    try {
                        out.rule.rule = Rule::parse(rest);
                    } catch (const util::Error& e) {
                        throw ParseError(lineNo, 3, e.what());
                    }
                } else if (k == 'C' || k == 'c' || k == 'O')
                    out.comments.push_back(rest);
                continue;
            }
            // x = W, y = H, rule = R
            const std::string h(line);
            const auto r = h.find("rule");
            if (h.find('x') == std::string::npos || h.find('=') == std::string::npos)
                throw ParseError(lineNo, 1, "expected the RLE header 'x = W, y = H, rule = R'");
            if (r != std::string::npos) {
                const auto eq = h.find('=', r);
                if (eq == std::string::npos)
                    throw ParseError(lineNo, r + 1, "'rule' needs '= RULE'");
                try {
                    out.rule = RuleSpec::parse(h.substr(eq + 1));
                } catch (const util::Error& e) {
                    throw ParseError(lineNo, eq + 2, e.what());
                }
            }
            header = true;
            continue;
        }
        std::uint64_t count = 0;
        bool haveCount = false;
        for (std::size_t i = 0; i < line.size() && !done; ++i) {
            const char c = line[i];
            if (std::isdigit(static_cast<unsigned char>(c))) {
                count = count * 10 + std::uint64_t(c - '0');
                haveCount = true;
                if (count > std::uint64_t(kMaxCoord))
                    throw ParseError(lineNo, i + 1, "run count too large");
                continue;
            }
            const std::int64_t n = haveCount ? std::int64_t(count) : 1;
            if (c == 'b' || c == '.') {
                x += n;
            } else if (c == 'o') {
                liveCells += std::uint64_t(n);
                if (liveCells > maxLiveCells)
                    throw util::LimitError("line " + std::to_string(lineNo) +
                                           ": the RLE has more than " +
                                           std::to_string(maxLiveCells) + " live cells");
                for (std::int64_t k = 0; k < n; ++k, ++x)
                    band[x >> 3] |= std::uint64_t{1} << (8 * int(y & 7) + int(x & 7));
            } else if (c == '$') {
                x = 0;
                y += n;
                if ((y >> 3) != bandY) {
                    flush();
                    bandY = y >> 3;
                }
            } else if (c == '!') {
                done = true;
            } else if (c == ' ' || c == '\t') {
                if (haveCount)
                    throw ParseError(lineNo, i + 1, "a run count must be followed by b, o or $");
            } else {
                throw ParseError(lineNo, i + 1,
                                 std::string("unexpected character '") + c +
                                     "' (two-state RLE uses b, o, $ and !)");
            }
            if (x > kMaxCoord || y > kMaxCoord)
                throw ParseError(lineNo, i + 1, "the pattern is wider than 2^60 cells");
            count = 0;
            haveCount = false;
        }
        if (haveCount)
            throw ParseError(lineNo, line.size(), "a run count must be followed by b, o or $");
    }
    if (!header)
        throw ParseError(lineNo ? lineNo : 1, 1, "no RLE header 'x = W, y = H' found");
    flush();
    return out;
}

UniverseFile readUniverseFile(const std::string& path, HashLife& universe) {
    UniverseFile f;
    try {
        std::string bytes = util::readFileBytes(path, kMaxPatternFileBytes);
        if (isGzip(bytes))
            bytes = gunzip(bytes, kMaxPatternFileBytes);
        if (bytes.compare(0, 4, "[M2]") == 0) {
            const MacrocellInfo info = readMacrocell(bytes, universe);
            f.format = "macrocell";
            f.comments = info.comments;
            return f;
        }
        std::optional<PatternFormat> fmt;
        if (endsWith(path, ".rle") || endsWith(path, ".rle.gz"))
            fmt = PatternFormat::Rle;
        else if (endsWith(path, ".cells"))
            fmt = PatternFormat::Cells;
        Pattern p;
        try {
            p = parsePattern(bytes, fmt);
        } catch (const util::LimitError&) {
            if (fmt == PatternFormat::Cells || guessFormat(bytes) == PatternFormat::Cells)
                throw;
            // Too large for a Board: straight into the quadtree.
            RleBlocks big = readRleBlocks(bytes);
            if (big.rule.grid)
                throw util::Error("rule " + big.rule.toString() +
                                  " names a bounded grid; the unbounded plane needs a plain rule");
            universe.clear();
            universe.setRule(big.rule.rule);
            if (big.origin)
                for (auto& b : big.blocks) {
                    // Origins are rarely set on huge patterns; shift whole blocks when aligned.
                    if ((big.origin->first | big.origin->second) & 7)
                        throw util::Error("an RLE wider than 65536 cells needs a #P origin "
                                          "that is a multiple of 8");
                    b.bx += big.origin->first / 8;
                    b.by += big.origin->second / 8;
                }
            universe.loadLeaves(std::move(big.blocks));
            f.format = "rle";
            f.name = big.name;
            f.comments = big.comments;
            return f;
        }
        if (p.rule.grid)
            throw util::Error("rule " + p.rule.toString() +
                              " names a bounded grid; the unbounded plane needs a plain rule");
        universe.clear();
        universe.setRule(p.rule.rule);
        const std::int64_t x = p.origin ? p.origin->first : 0;
        const std::int64_t y = p.origin ? p.origin->second : 0;
        if (!p.cells.isEmpty())
            universe.loadBoard(p.cells, x, y);
        f.format = fmt == PatternFormat::Cells || guessFormat(bytes) == PatternFormat::Cells
                       ? "cells"
                       : "rle";
        f.name = p.name;
        f.comments = p.comments;
        return f;
    } catch (const util::LimitError& e) {
        throw util::LimitError(path + ": " + e.what());
    } catch (const util::Error& e) {
        throw util::Error(path + ": " + e.what());
    }
}

void writeUniverseFile(const std::string& path, const HashLife& universe,
                       const std::vector<std::string>& comments, const std::string& name) {
    if (endsWith(path, ".mc") || endsWith(path, ".mc.gz")) {
        std::vector<std::string> all;
        if (!name.empty())
            all.push_back(name);
        all.insert(all.end(), comments.begin(), comments.end());
        const std::string text = writeMacrocell(universe, all);
        util::writeFileAtomically(path, endsWith(path, ".gz") ? gzip(text) : text);
        return;
    }
    Pattern p;
    p.rule.rule = universe.rule();
    p.name = name;
    p.comments = comments;
    if (const auto bb = universe.boundingBox()) {
        if (bb->width > Board::kMaxSide || bb->height > Board::kMaxSide)
            throw util::LimitError("the pattern is " + bb->width.get_str() + " x " +
                                   bb->height.get_str() +
                                   " cells, more than RLE output allows here (65536 per side); "
                                   "write Macrocell (.mc) instead");
        const std::int64_t x = toInt64(bb->x, "the pattern's position");
        const std::int64_t y = toInt64(bb->y, "the pattern's position");
        p.cells = universe.extract(x, y, std::uint32_t(bb->width.get_ui()),
                                   std::uint32_t(bb->height.get_ui()));
        p.origin = std::make_pair(x, y);
    } else {
        p.cells = Board(1, 1);
    }
    if (endsWith(path, ".gz")) {
        util::writeFileAtomically(path, gzip(writeRle(p)));
        return;
    }
    writePatternFile(path, p);
}

mpz_class parseGenerationCount(std::string_view text) {
    const std::string t(text);
    const auto bad = [&] {
        return util::Error("generation count '" + t +
                           "': expected a non-negative decimal integer or 2^k");
    };
    if (t.size() > 2 && t[0] == '2' && t[1] == '^') {
        const std::string k = t.substr(2);
        if (k.empty() || k.size() > 6 || k.find_first_not_of("0123456789") != std::string::npos)
            throw bad();
        const unsigned long e = std::stoul(k);
        if (e > 100000)
            throw util::LimitError("generation count 2^" + k + ": the exponent limit is 100000");
        mpz_class v = 1;
        v <<= e;
        return v;
    }
    if (t.empty() || t.size() > 100000 || t.find_first_not_of("0123456789") != std::string::npos)
        throw bad();
    return mpz_class(t, 10);
}

std::string withThousandsSeparators(const mpz_class& v, char sep) {
    std::string s = mpz_class(abs(v)).get_str();
    std::string out;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += s[i];
        if (i + 1 < n && (n - i - 1) % 3 == 0)
            out += sep;
    }
    return v < 0 ? "-" + out : out;
}

} // namespace algoscope::life
