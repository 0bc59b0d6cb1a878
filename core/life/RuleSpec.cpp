#include "life/RuleSpec.h"

#include "life/Board.h"
#include "util/Error.h"

#include <cctype>

namespace algoscope::life {

namespace {

constexpr const char* kSupported =
    "supported bounded grids are :T<width>,<height> (torus) and :P<width>,<height> (plane)";

// A positive decimal side length; the whole of `s`.
std::uint64_t parseSide(std::string_view s, const std::string& full) {
    if (s.empty())
        throw util::Error("rule '" + full + "': missing grid size; " + kSupported);
    std::uint64_t v = 0;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            throw util::Error("rule '" + full + "': unexpected '" + std::string(1, c) +
                              "' in the grid size; " + kSupported);
        v = v * 10 + std::uint64_t(c - '0');
        if (v > 0xFFFFFFFFull)
            v = 0xFFFFFFFFull; // saturate; checkSize reports it
    }
    return v;
}

} // namespace

RuleSpec RuleSpec::parse(std::string_view textIn) {
    std::string_view text = textIn;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    const std::string full(text);
    RuleSpec spec;
    const std::size_t colon = text.find(':');
    spec.rule = Rule::parse(text.substr(0, colon));
    if (colon == std::string_view::npos)
        return spec;
    const std::string_view suffix = text.substr(colon + 1);
    if (suffix.empty())
        throw util::Error("rule '" + full + "': empty grid suffix after ':'; " + kSupported);
    const char kind = char(std::toupper(static_cast<unsigned char>(suffix.front())));
    if (kind != 'T' && kind != 'P') {
        const char* what = kind == 'K'   ? "Klein bottle"
                           : kind == 'C' ? "cross-surface"
                           : kind == 'S' ? "sphere"
                                         : nullptr;
        throw util::Error("rule '" + full + "': " +
                          (what ? std::string(what) + " grids are not supported"
                                : "unknown grid '" + std::string(1, suffix.front()) + "'") +
                          "; " + kSupported);
    }
    const std::string_view dims = suffix.substr(1);
    const std::size_t comma = dims.find(',');
    if (comma == std::string_view::npos)
        throw util::Error("rule '" + full + "': grid needs a width and a height; " + kSupported);
    const std::uint64_t w = parseSide(dims.substr(0, comma), full);
    const std::uint64_t h = parseSide(dims.substr(comma + 1), full);
    if (w == 0 || h == 0)
        throw util::Error("rule '" + full +
                          "': a zero side is an unbounded (tube or plane) grid, which is not "
                          "supported; " +
                          kSupported);
    Board::checkSize(w, h, "rule '" + full + "'");
    spec.grid = GridSpec{kind == 'T' ? Topology::Torus : Topology::Plane, std::uint32_t(w),
                         std::uint32_t(h)};
    return spec;
}

std::string RuleSpec::toString() const {
    std::string s = rule.toString();
    if (grid) {
        s += ':';
        s += grid->toString();
    }
    return s;
}

} // namespace algoscope::life
