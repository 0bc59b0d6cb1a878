#include "life/Rule.h"

#include "util/Error.h"

#include <cctype>
#include <stdexcept>

namespace algoscope::life {

namespace {

// Parses a run of digits 0..8 into a mask. `pos` is advanced past the digits.
std::uint16_t parseDigits(std::string_view text, std::size_t& pos, std::string_view full,
                          char part) {
    std::uint16_t mask = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        const int d = text[pos] - '0';
        if (d > 8)
            throw util::Error("rule '" + std::string(full) + "': neighbour count " +
                              std::to_string(d) + " in the " + part +
                              " part is impossible (a cell has 8 neighbours)");
        if (mask & (1u << d))
            throw util::Error("rule '" + std::string(full) + "': digit " + std::to_string(d) +
                              " appears twice in the " + part + " part");
        mask = std::uint16_t(mask | (1u << d));
        ++pos;
    }
    return mask;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

} // namespace

Rule::Rule(std::uint16_t birthMask, std::uint16_t survivalMask)
    : m_birth(birthMask), m_survival(survivalMask) {
    if ((birthMask | survivalMask) & ~0x1FFu)
        throw std::invalid_argument("Rule: neighbour masks have bits above 8");
}

Rule Rule::parse(std::string_view textIn) {
    const std::string_view text = trim(textIn);
    const std::string full(text);
    const auto bad = [&](const std::string& why) {
        return util::Error("rule '" + full + "': " + why +
                           " (expected B/S notation like B3/S23, or legacy S/B like 23/3)");
    };
    if (text.empty())
        throw bad("empty");
    if (text.find(':') != std::string_view::npos)
        throw bad("a bounded-grid suffix is not part of a rule here");
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos || text.find('/', slash + 1) != std::string_view::npos)
        throw bad("needs exactly one '/'");
    const char first = char(std::toupper(static_cast<unsigned char>(text.front())));
    if (first == 'B' || first == 'S') {
        // B.../S... or S.../B...
        std::uint16_t masks[2] = {0, 0}; // birth, survival
        bool seen[2] = {false, false};
        std::size_t pos = 0;
        for (int part = 0; part < 2; ++part) {
            const char letter = pos < text.size()
                                    ? char(std::toupper(static_cast<unsigned char>(text[pos])))
                                    : '\0';
            if (letter != 'B' && letter != 'S')
                throw bad("expected 'B' or 'S' at position " + std::to_string(pos + 1));
            const int which = letter == 'B' ? 0 : 1;
            if (seen[which])
                throw bad(std::string("'") + letter + "' appears twice");
            seen[which] = true;
            ++pos;
            masks[which] = parseDigits(text, pos, full, which == 0 ? 'B' : 'S');
            if (part == 0) {
                if (pos >= text.size() || text[pos] != '/')
                    throw bad("unexpected character '" + std::string(1, text[pos]) +
                              "' at position " + std::to_string(pos + 1));
                ++pos;
            }
        }
        if (pos != text.size())
            throw bad("unexpected character '" + std::string(1, text[pos]) + "' at position " +
                      std::to_string(pos + 1));
        return Rule(masks[0], masks[1]);
    }
    // Legacy S/B: survival digits, '/', birth digits.
    std::size_t pos = 0;
    const std::uint16_t survival = parseDigits(text, pos, full, 'S');
    if (pos != slash)
        throw bad("unexpected character '" + std::string(1, text[pos]) + "' at position " +
                  std::to_string(pos + 1));
    ++pos;
    const std::uint16_t birth = parseDigits(text, pos, full, 'B');
    if (pos != text.size())
        throw bad("unexpected character '" + std::string(1, text[pos]) + "' at position " +
                  std::to_string(pos + 1));
    return Rule(birth, survival);
}

std::string Rule::toString() const {
    std::string s = "B";
    for (int n = 0; n <= 8; ++n)
        if (birth(n))
            s += char('0' + n);
    s += "/S";
    for (int n = 0; n <= 8; ++n)
        if (survival(n))
            s += char('0' + n);
    return s;
}

} // namespace algoscope::life
