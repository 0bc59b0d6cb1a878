#pragma once
// A malformed pattern file: util::Error whose message starts with "line L, column C: " (both
// 1-based; column counts bytes) so a user can find the spot in an editor.
#include "util/Error.h"

#include <cstddef>
#include <string>

namespace algoscope::life {

class ParseError : public util::Error {
public:
    ParseError(std::size_t line, std::size_t column, const std::string& message)
        : util::Error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                      message),
          m_line(line), m_column(column) {}

    std::size_t line() const noexcept { return m_line; }
    std::size_t column() const noexcept { return m_column; }

private:
    std::size_t m_line, m_column;
};

} // namespace algoscope::life
