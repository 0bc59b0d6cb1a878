#pragma once
// algoscope-cli framework. Each lab registers one top-level command ("gpu", "life", "na", ...)
// in its own file with ALGOSCOPE_CLI_COMMAND; main.cpp dispatches.
// Conventions (same for every command):
//  - results go to stdout (JSON by default, or CSV/.npy/RLE files when asked);
//  - messages go to stderr; an error is ONE line "algoscope-cli: <reason>" and a non-zero exit:
//      1 = bad input or failed computation, 2 = usage error, 3 = no OpenGL 4.3 context;
//  - every command and subcommand answers --help.
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace algoscope::cli {

enum ExitCode : int { Ok = 0, Failure = 1, Usage = 2, NoGpu = 3 };

/// A usage mistake (unknown option, missing value): printed as one line, exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
/// No OpenGL 4.3 context could be made: exit 3.
struct NoGpuError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Minimal, strict option parser: `--name value`, `--name=value`, `--flag`, positionals.
/// Unknown options are usage errors, so typos never pass silently.
class Args {
public:
    Args(std::vector<std::string> argv, std::vector<std::string> knownOptions,
         std::vector<std::string> knownFlags);

    bool flag(const std::string& name) const;
    std::optional<std::string> option(const std::string& name) const;
    std::string option(const std::string& name, const std::string& fallback) const;
    /// Parses an integer option in [min, max]; a bad value is a UsageError naming the option.
    long long intOption(const std::string& name, long long fallback, long long min,
                        long long max) const;
    double doubleOption(const std::string& name, double fallback, double min, double max) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

private:
    std::map<std::string, std::string> m_options;
    std::vector<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

struct Command {
    std::string name;    // e.g. "gpu"
    std::string summary; // one line for `algoscope-cli --help`
    /// args excludes the program and command name. Returns the exit code; may throw UsageError,
    /// NoGpuError or util::Error (mapped to exit codes by main).
    std::function<int(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)>
        run;
};

std::vector<Command>& commandRegistry();

struct CommandRegistrar {
    explicit CommandRegistrar(Command c) { commandRegistry().push_back(std::move(c)); }
};

} // namespace algoscope::cli

#define ALGOSCOPE_CLI_CONCAT2(a, b) a##b
#define ALGOSCOPE_CLI_CONCAT(a, b) ALGOSCOPE_CLI_CONCAT2(a, b)
/// Registers a command at static-initialisation time: ALGOSCOPE_CLI_COMMAND({"gpu", "...", fn});
#define ALGOSCOPE_CLI_COMMAND(...)                                                                 \
    static ::algoscope::cli::CommandRegistrar ALGOSCOPE_CLI_CONCAT(s_registrar_, __LINE__)(        \
        ::algoscope::cli::Command __VA_ARGS__)
