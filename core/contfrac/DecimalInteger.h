#pragma once
// Decimal integer literals, shared by the constant-expression, polynomial and sequence parsers:
// one place for the two rules every literal obeys. Leading zeros are decimal (GMP's base 0 would
// read "010" as octal eight; fuzzing found that), and a literal longer than a parser's digit limit
// is refused before GMP allocates for it.
#include "util/Error.h"

#include <gmpxx.h>

#include <cctype>
#include <string>
#include <string_view>

namespace algoscope::contfrac {

/// The number of decimal digits starting at text[pos] (0 when text[pos] is not a digit).
inline std::size_t decimalDigitsAt(std::string_view text, std::size_t pos) {
    std::size_t i = pos;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
        ++i;
    return i - pos;
}

/// The value of `literal`: decimal digits, optionally after one '-'. `context` names the parser
/// and `position` (1-based) the literal in util::LimitError's message when it has more than
/// maxDigits digits.
inline mpz_class decimalInteger(std::string_view literal, std::size_t maxDigits,
                                const std::string& context, std::size_t position) {
    const std::size_t digits = literal.size() - (!literal.empty() && literal[0] == '-' ? 1 : 0);
    if (digits > maxDigits)
        throw util::LimitError(context + ": integer of more than " + std::to_string(maxDigits) +
                               " digits at position " + std::to_string(position));
    return mpz_class(std::string(literal), 10);
}

} // namespace algoscope::contfrac
