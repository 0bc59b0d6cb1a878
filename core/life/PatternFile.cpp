#include "life/PatternFile.h"

#include "life/Cells.h"
#include "life/Rle.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>

namespace algoscope::life {

namespace {

bool endsWithNoCase(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
            return false;
    return true;
}

} // namespace

std::optional<PatternFormat> formatFromPath(std::string_view path) {
    if (endsWithNoCase(path, ".rle"))
        return PatternFormat::Rle;
    if (endsWithNoCase(path, ".cells"))
        return PatternFormat::Cells;
    return std::nullopt;
}

PatternFormat guessFormat(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
            line.remove_suffix(1);
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
            line.remove_prefix(1);
        if (line.empty() || line.front() == '#')
            continue;
        if (line.front() == '!')
            return PatternFormat::Cells;
        const bool plain = std::all_of(line.begin(), line.end(),
                                       [](char c) { return c == '.' || c == 'O' || c == '*'; });
        return plain ? PatternFormat::Cells : PatternFormat::Rle;
    }
    return PatternFormat::Rle;
}

Pattern parsePattern(std::string_view text, std::optional<PatternFormat> format,
                     const ReadLimits& limits) {
    const PatternFormat f = format ? *format : guessFormat(text);
    return f == PatternFormat::Cells ? readCells(text, limits) : readRle(text, limits);
}

Pattern readPatternFile(const std::string& path, const ReadLimits& limits) {
    const std::string bytes = util::readFileBytes(path, kMaxPatternFileBytes);
    try {
        return parsePattern(bytes, formatFromPath(path), limits);
    } catch (const util::LimitError& e) {
        throw util::LimitError(path + ": " + e.what());
    } catch (const util::Error& e) {
        throw util::Error(path + ": " + e.what());
    }
}

void writePatternFile(const std::string& path, const Pattern& pattern) {
    const PatternFormat f = formatFromPath(path).value_or(PatternFormat::Rle);
    util::writeFileAtomically(path,
                              f == PatternFormat::Cells ? writeCells(pattern) : writeRle(pattern));
}

} // namespace algoscope::life
