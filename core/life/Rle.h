#pragma once
// Golly's extended RLE (https://conwaylife.com/wiki/Run_Length_Encoded, Golly's Help > File
// Formats):
//   #N name / #O author / #C or #c comment / #r 23/3 (old rule line) / #P x y or #R x y (origin)
//   x = W, y = H, rule = B3/S23:T64,64     header (rule optional; ':T'/':P' sets a bounded grid)
//   3o$b2o!                                 runs of b/. (dead) and o (alive), $ ends a row
//                                           (a count before it skips rows), ! ends the pattern
// Blanks and line breaks may appear anywhere between runs. Anything after '!' is ignored, as in
// Golly. Errors are ParseError with line and column: multi-state letters (Generations rules),
// cells beyond the header's x or y, counts too big, a missing header or '!'.
#include "life/Pattern.h"

#include <string>
#include <string_view>

namespace algoscope::life {

/// Parses RLE text. Throws ParseError for malformed text and util::LimitError (with line and
/// column in the message) for sizes above limits.
Pattern readRle(std::string_view text, const ReadLimits& limits = {});
/// RLE text: #N, #O, #C lines, the header with the rule (and grid suffix), runs wrapped at 70
/// columns, trailing dead cells and rows omitted, ending with "!\n".
std::string writeRle(const Pattern& pattern);

} // namespace algoscope::life
