#pragma once
// Small text helpers shared by the parsers (shader sources, pattern files, board text).
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace algoscope::util {

/// The lines of text, without their '\n' and without a trailing '\r' (files written on Windows).
/// A final line without '\n' counts; a trailing '\n' does not start an empty line. The views
/// point into text.
inline std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

/// "1600x1000" (or "1600X1000") -> {1600, 1000}: digits only, 1 to 9 per side, no sign or
/// spaces; nullopt otherwise. Callers check their own range (window, figure or board size).
inline std::optional<std::pair<std::uint64_t, std::uint64_t>> parseSize(std::string_view text) {
    const std::size_t x = text.find_first_of("xX");
    if (x == std::string_view::npos)
        return std::nullopt;
    auto number = [](std::string_view digits) -> std::optional<std::uint64_t> {
        if (digits.empty() || digits.size() > 9)
            return std::nullopt;
        std::uint64_t v = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return std::nullopt;
            v = v * 10 + std::uint64_t(c - '0');
        }
        return v;
    };
    const auto w = number(text.substr(0, x));
    const auto h = number(text.substr(x + 1));
    if (!w || !h)
        return std::nullopt;
    return std::pair{*w, *h};
}

} // namespace algoscope::util
