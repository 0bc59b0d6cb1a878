#pragma once
// Small text helpers shared by the parsers (shader sources, pattern files, board text).
#include <string_view>
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

} // namespace algoscope::util
