#include "life/Macrocell.h"

#include "life/ParseError.h"
#include "util/Error.h"

#include <zlib.h>

#include <cctype>
#include <unordered_map>

namespace algoscope::life {

namespace {

std::string_view trimRight(std::string_view s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A decimal number at `pos` (advanced past it); nullopt when there is none.
std::optional<std::uint64_t> readNumber(std::string_view line, std::size_t& pos, std::size_t lineNo,
                                        const char* what) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
        ++pos;
    if (pos >= line.size() || !std::isdigit(static_cast<unsigned char>(line[pos])))
        return std::nullopt;
    const std::size_t start = pos;
    std::uint64_t v = 0;
    while (pos < line.size() && std::isdigit(static_cast<unsigned char>(line[pos]))) {
        if (v > (std::uint64_t{1} << 40))
            throw ParseError(lineNo, start + 1, std::string(what) + " is too large");
        v = v * 10 + std::uint64_t(line[pos] - '0');
        ++pos;
    }
    return v;
}

} // namespace

MacrocellInfo readMacrocell(std::string_view text, HashLife& hl) {
    MacrocellInfo info;
    std::vector<HashLife::NodeRef> refs(1); // refs[0]: "empty", resolved by level
    std::size_t lineNo = 0, pos = 0;
    bool header = false;
    hl.clear();
    while (pos < text.size() || lineNo == 0) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = trimRight(text.substr(pos, end - pos));
        pos = end + 1;
        ++lineNo;
        if (!header) {
            if (line.substr(0, 4) != "[M2]")
                throw ParseError(lineNo, 1,
                                 "not a Macrocell file: the first line must start with [M2]");
            header = true;
            continue;
        }
        if (line.empty())
            continue;
        const char c0 = line.front();
        if (c0 == '#') {
            if (line.size() >= 2 && (line[1] == 'R' || line[1] == 'r')) {
                try {
                    info.rule = Rule::parse(line.substr(2));
                } catch (const util::Error& e) {
                    throw ParseError(lineNo, 3,
                                     std::string(e.what()) +
                                         " (only Life-like B/S rules are supported)");
                }
            } else if (line.size() >= 2 && (line[1] == 'G' || line[1] == 'g')) {
                std::string digits(line.substr(2));
                const auto first = digits.find_first_not_of(" \t");
                digits = first == std::string::npos ? "" : digits.substr(first);
                if (digits.empty() || digits.size() > 10000 ||
                    digits.find_first_not_of("0123456789") != std::string::npos)
                    throw ParseError(lineNo, 3, "#G needs a non-negative decimal generation");
                info.generation.set_str(digits, 10);
            } else if (line.size() >= 2 && (line[1] == 'C' || line[1] == 'c')) {
                std::string_view c = line.substr(2);
                if (!c.empty() && c.front() == ' ')
                    c.remove_prefix(1);
                info.comments.emplace_back(c);
            }
            // Other '#' lines (#FRAMES, #FRAME of Golly's timelines, #N) carry nothing we use.
            continue;
        }
        if (c0 == '.' || c0 == '*' || c0 == '$') {
            std::uint64_t bits = 0;
            int x = 0, y = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                const char ch = line[i];
                if (ch == '$') {
                    ++y;
                    x = 0;
                } else if (ch == '.' || ch == '*') {
                    if (x >= 8 || y >= 8)
                        throw ParseError(lineNo, i + 1, "leaf cell outside the 8 x 8 block");
                    if (ch == '*')
                        bits |= std::uint64_t{1} << (8 * y + x);
                    ++x;
                } else {
                    throw ParseError(lineNo, i + 1,
                                     std::string("unexpected character '") + ch +
                                         "' in a leaf (expected '.', '*' or '$')");
                }
            }
            refs.push_back(hl.makeLeaf(bits));
        } else if (std::isdigit(static_cast<unsigned char>(c0))) {
            std::size_t p = 0;
            const auto level = readNumber(line, p, lineNo, "level");
            if (!level || *level < 4 || *level > HashLife::kMaxLevel)
                throw ParseError(lineNo, 1,
                                 "node level must be 4.." + std::to_string(HashLife::kMaxLevel) +
                                     " (levels 1-3 are the 8 x 8 leaves of two-state rules)");
            HashLife::NodeRef kids[4];
            for (int q = 0; q < 4; ++q) {
                const std::size_t col = p + 1;
                const auto ref = readNumber(line, p, lineNo, "node reference");
                if (!ref)
                    throw ParseError(lineNo, col, "a node line needs 5 numbers: level nw ne sw se");
                if (*ref >= refs.size())
                    throw ParseError(lineNo, col,
                                     "node " + std::to_string(*ref) +
                                         " is not defined on an earlier line");
                if (*ref == 0) {
                    kids[q] = hl.emptyNode(unsigned(*level - 1));
                } else {
                    kids[q] = refs[*ref];
                    if (kids[q].level != *level - 1)
                        throw ParseError(lineNo, col,
                                         "node " + std::to_string(*ref) + " has level " +
                                             std::to_string(kids[q].level) +
                                             ", a child of a level-" + std::to_string(*level) +
                                             " node needs level " + std::to_string(*level - 1));
                }
            }
            while (p < line.size() && (line[p] == ' ' || line[p] == '\t'))
                ++p;
            if (p != line.size())
                throw ParseError(lineNo, p + 1, "unexpected text after the node's 5 numbers");
            refs.push_back(hl.makeNode(unsigned(*level), kids[0], kids[1], kids[2], kids[3]));
        } else {
            throw ParseError(lineNo, 1,
                             std::string("unexpected character '") + c0 +
                                 "' (expected a leaf of . * $, a node line or a # line)");
        }
        if ((refs.size() & 0xFFFF) == 0) {
            const auto s = hl.stats();
            if ((s.nodes * 40 + s.leaves * 16) > hl.memoryLimit())
                throw util::LimitError("line " + std::to_string(lineNo) +
                                       ": the Macrocell file needs more than the HashLife memory "
                                       "limit of " +
                                       std::to_string(hl.memoryLimit() >> 20) + " MiB");
        }
    }
    hl.setRule(info.rule);
    if (refs.size() > 1)
        hl.setRoot(refs.back());
    hl.setGeneration(info.generation);
    return info;
}

namespace {
struct McWriter {
    const HashLife& hl;
    std::string out;
    std::unordered_map<std::uint64_t, std::uint64_t> ids;
    std::uint64_t next = 1;

    std::uint64_t write(HashLife::NodeRef n) {
        if (hl.isEmptyNode(n))
            return 0;
        const std::uint64_t key = (std::uint64_t(n.level) << 32) | n.index;
        if (auto it = ids.find(key); it != ids.end())
            return it->second;
        if (n.level == 3) {
            const std::uint64_t bits = hl.leafBits(n);
            int lastRow = 7;
            while (((bits >> (8 * lastRow)) & 0xFF) == 0)
                --lastRow;
            for (int r = 0; r <= lastRow; ++r) {
                const unsigned row = unsigned(bits >> (8 * r)) & 0xFFu;
                for (int x = 0; x < 8 && (row >> x); ++x)
                    out += ((row >> x) & 1) ? '*' : '.';
                out += '$';
            }
            out += '\n';
        } else {
            HashLife::NodeRef kids[4];
            hl.children(n, kids);
            std::uint64_t k[4];
            for (int q = 0; q < 4; ++q)
                k[q] = write(kids[q]);
            out += std::to_string(n.level);
            for (int q = 0; q < 4; ++q) {
                out += ' ';
                out += std::to_string(k[q]);
            }
            out += '\n';
        }
        ids.emplace(key, next);
        return next++;
    }
};
} // namespace

std::string writeMacrocell(const HashLife& hl, const std::vector<std::string>& comments) {
    McWriter w{hl, {}, {}, 1};
    w.out = "[M2] (algoscope " ALGOSCOPE_VERSION ")\n#R " + hl.rule().toString() + "\n";
    if (hl.generation() != 0)
        w.out += "#G " + hl.generation().get_str() + "\n";
    for (const auto& c : comments) {
        // One comment per line: a newline inside would start a node line.
        std::string line = c;
        for (char& ch : line)
            if (ch == '\n' || ch == '\r')
                ch = ' ';
        w.out += "#C " + line + "\n";
    }
    w.write(hl.root());
    return std::move(w.out);
}

bool isGzip(std::string_view bytes) noexcept {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes, std::uint64_t maxBytes) {
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw util::Error("gzip: cannot initialise zlib");
    std::string out;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = uInt(bytes.size());
    char buf[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            throw util::Error(std::string("gzip: corrupt data (") + (zs.msg ? zs.msg : "zlib") +
                              ")");
        }
        out.append(buf, sizeof buf - zs.avail_out);
        if (out.size() > maxBytes) {
            inflateEnd(&zs);
            throw util::LimitError("gzip: the decompressed file exceeds the limit of " +
                                   std::to_string(maxBytes >> 20) + " MiB");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            inflateEnd(&zs);
            throw util::Error("gzip: truncated data");
        }
    }
    inflateEnd(&zs);
    return out;
}

std::string gzip(std::string_view bytes) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        throw util::Error("gzip: cannot initialise zlib");
    std::string out(deflateBound(&zs, uLong(bytes.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = uInt(bytes.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw util::Error("gzip: compression failed");
    out.resize(out.size() - zs.avail_out);
    return out;
}

} // namespace algoscope::life
