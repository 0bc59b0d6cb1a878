#pragma once
// Errors that reach a user. Core code throws these with a message that says what was wrong and,
// where it helps, how to fix it; the CLI prints what() on one line, the GUI shows it in the status
// bar or a dialog.
#include <stdexcept>
#include <string>

namespace algoscope::util {

/// Any failure caused by input (a file, an argument, a size). Never used for programming errors.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A request that exceeds a documented limit (board size, tensor size, term count...). The message
/// names the limit and how to raise it.
class LimitError : public Error {
public:
    using Error::Error;
};

/// Thrown by long tasks when their CancellationToken is set; callers treat it as "stopped", not
/// as a failure.
class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

} // namespace algoscope::util
