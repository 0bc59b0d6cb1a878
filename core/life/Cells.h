#pragma once
// Plaintext ".cells" (https://conwaylife.com/wiki/Plaintext): "!" comment lines ("!Name: x"
// gives the name), then one line per row, '.' dead and 'O' alive ('*' is accepted as alive when
// reading, as Golly does); short lines are padded with dead cells. The board is as wide as the
// longest row. Errors are ParseError with line and column.
#include "life/Pattern.h"

#include <string>
#include <string_view>

namespace algoscope::life {

Pattern readCells(std::string_view text, const ReadLimits& limits = {});
/// "!Name: ..." when named, "!" + each comment, then rows (trailing dead cells omitted). The
/// format cannot store a rule: it is lost (the RLE writer keeps it).
std::string writeCells(const Pattern& pattern);

} // namespace algoscope::life
