#pragma once
// Reading and writing pattern files by format: RLE or plaintext .cells, chosen by extension when
// writing and by extension or content when reading.
#include "life/Pattern.h"

#include <string>
#include <string_view>

namespace algoscope::life {

enum class PatternFormat { Rle, Cells };

/// By extension (.rle, .cells, case-insensitive); nullopt for anything else.
std::optional<PatternFormat> formatFromPath(std::string_view path);
/// Sniffs text: a line starting with '!' or made of '.'/'O'/'*' before any RLE header is .cells;
/// everything else is tried as RLE.
PatternFormat guessFormat(std::string_view text);

/// Parses text in the given format (guessed when nullopt).
Pattern parsePattern(std::string_view text, std::optional<PatternFormat> format = std::nullopt,
                     const ReadLimits& limits = {});
/// Reads a file (at most kMaxPatternFileBytes), format from the extension or the content.
/// Errors name the path: "<path>: line L, column C: ...".
Pattern readPatternFile(const std::string& path, const ReadLimits& limits = {});
/// Writes atomically; format from the extension (RLE for unknown extensions).
void writePatternFile(const std::string& path, const Pattern& pattern);

} // namespace algoscope::life
