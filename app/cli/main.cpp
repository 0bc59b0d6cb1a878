// algoscope-cli: every lab's work, headless, with machine-readable output.
#include "cli/Cli.h"
#include "util/Error.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <new>

using namespace algoscope;

namespace {

void printHelp(std::ostream& out) {
    out << "Usage: algoscope-cli [--help] [--version] <command> [<args>]\n\n"
           "algoscope's labs, headless. Results go to stdout (JSON unless a command says\n"
           "otherwise), messages to stderr. Exit codes: 0 ok, 1 bad input or failure,\n"
           "2 usage error, 3 no OpenGL 4.3 context.\n\nCommands:\n";
    auto commands = cli::commandRegistry();
    std::sort(commands.begin(), commands.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& c : commands) {
        out << "  " << c.name;
        for (std::size_t i = c.name.size(); i < 10; ++i)
            out << ' ';
        out << c.summary << "\n";
    }
    out << "\nRun 'algoscope-cli <command> --help' for a command's options.\n";
}

// One line, no newlines inside: a message must fit a log line and a test's string compare.
std::string oneLine(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

} // namespace

int main(int argc, char** argv) {
    // Spin-waiting OpenMP threads are disastrous when another process holds a core (measured on
    // this 2-core machine: a parallel prefix sum of 2^16 elements 45x slower). Passive waiting
    // unless the user chose otherwise; benchmarks may set OMP_WAIT_POLICY=active.
    setenv("OMP_WAIT_POLICY", "passive", 0);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        printHelp(std::cerr);
        return cli::Usage;
    }
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp(std::cout);
        return cli::Ok;
    }
    if (args[0] == "--version" || args[0] == "-v") {
        std::cout << "algoscope-cli " << ALGOSCOPE_VERSION << "\n";
        return cli::Ok;
    }
    const auto& commands = cli::commandRegistry();
    auto it = std::find_if(commands.begin(), commands.end(),
                           [&](const cli::Command& c) { return c.name == args[0]; });
    if (it == commands.end()) {
        std::cerr << "algoscope-cli: unknown command '" << oneLine(args[0])
                  << "' (see algoscope-cli --help)\n";
        return cli::Usage;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        return it->run(rest, std::cout, std::cerr);
    } catch (const cli::UsageError& e) {
        std::cerr << "algoscope-cli " << it->name << ": " << oneLine(e.what()) << "\n";
        return cli::Usage;
    } catch (const cli::NoGpuError& e) {
        std::cerr << "algoscope-cli " << it->name << ": " << oneLine(e.what()) << "\n";
        return cli::NoGpu;
    } catch (const util::Cancelled&) {
        std::cerr << "algoscope-cli " << it->name << ": cancelled\n";
        return cli::Failure;
    } catch (const std::bad_alloc&) {
        std::cerr << "algoscope-cli " << it->name << ": out of memory\n";
        return cli::Failure;
    } catch (const std::exception& e) {
        std::cerr << "algoscope-cli " << it->name << ": " << oneLine(e.what()) << "\n";
        return cli::Failure;
    }
}
