// `algoscope-cli cube`: Rubik's cubes headless. `scramble` makes a random scramble (n random
// quarter turns, or a uniformly random 2x2x2 state), `solve` solves a scramble; the exact
// optimal solver for the 2x2x2 (breadth-first table of all 3,674,160 states) is available now,
// Q* and A* with a trained network come with the Q* issue.
#include "cli/Cli.h"
#include "cube/Cube.h"
#include "cube/PocketTable.h"
#include "util/Error.h"
#include "util/Rng.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ostream>

using namespace algoscope;

namespace {

constexpr const char* kHelp =
    "Usage: algoscope-cli cube <subcommand> [options]\n\n"
    "Rubik's cubes (2x2x2 and 3x3x3) in Singmaster notation: U D L R F B, ' and 2, wide Rw or\n"
    "r, slices M E S and rotations x y z (3x3x3).\n\n"
    "Subcommands:\n"
    "  scramble  a random scramble as notation (JSON)\n"
    "  solve     solve a scramble (JSON: solved, solution, lengths, nodes, seconds)\n\n"
    "Exit codes: 0 ok, 1 bad input (notation, sizes), 2 usage error.\n";

constexpr const char* kScrambleHelp =
    "Usage: algoscope-cli cube scramble --size 2|3 [--moves N | --random-state] [--seed S]\n\n"
    "--moves N: N random quarter turns (default 20; never a move undoing the previous one).\n"
    "--random-state (2x2x2): a uniformly random state, written as its optimal solution's\n"
    "inverse. Prints {\"size\", \"scramble\", \"length_qtm\", \"distance_qtm\" (2x2x2)}.\n";

constexpr const char* kSolveHelp =
    "Usage: algoscope-cli cube solve --size 2 --scramble \"R U R' ...\" --method optimal\n"
    "                               [--metric qtm|htm]\n\n"
    "optimal (2x2x2): the breadth-first table of all states (built in about a second) gives an\n"
    "optimal solution in the quarter-turn (default) or half-turn metric. The solution is\n"
    "replayed on the scrambled cube before it is printed. Prints {\"solved\", \"solution\",\n"
    "\"length_qtm\", \"length_htm\", \"optimal_length\", \"nodes_generated\", \"seconds\"}.\n";

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() + "'");
}

int runScramble(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"size", "moves", "seed"}, {"help", "random-state"});
    if (args.flag("help")) {
        out << kScrambleHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const int n = int(args.intOption("size", 3, 2, 3));
    util::Rng rng(std::uint64_t(args.intOption("seed", 1, 0, (1LL << 53))));
    nlohmann::json j = {{"size", n}};
    if (args.flag("random-state")) {
        if (n != 2)
            throw cli::UsageError("--random-state is for the 2x2x2 (use --moves for 3x3x3)");
        if (args.option("moves"))
            throw cli::UsageError("--moves and --random-state exclude each other");
        const cube::PocketTable table = cube::PocketTable::build(cube::Metric::Quarter);
        const cube::Cube c = cube::PocketTable::randomState(rng);
        const std::vector<cube::Move> scramble = cube::invert(table.solve(c));
        j["scramble"] = cube::toString(scramble);
        j["length_qtm"] = cube::lengthQtm(scramble);
        j["distance_qtm"] = table.distance(c);
    } else {
        const int count = int(args.intOption("moves", 20, 0, 10000));
        const std::vector<cube::Move> turns = cube::quarterTurns(n);
        std::vector<cube::Move> scramble;
        int previous = -1;
        for (int i = 0; i < count; ++i) {
            int a;
            do
                a = int(rng.below(turns.size()));
            while (previous >= 0 && a == (previous ^ 1));
            scramble.push_back(turns[std::size_t(a)]);
            previous = a;
        }
        j["scramble"] = cube::toString(scramble);
        j["length_qtm"] = cube::lengthQtm(scramble);
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runSolve(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"size", "scramble", "method", "metric"}, {"help"});
    if (args.flag("help")) {
        out << kSolveHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto text = args.option("scramble");
    if (!text)
        throw cli::UsageError("--scramble is required");
    const int n = int(args.intOption("size", 3, 2, 3));
    const std::string method = args.option("method", "optimal");
    if (method != "optimal")
        throw cli::UsageError("--method: only 'optimal' (2x2x2) is available so far");
    if (n != 2)
        throw cli::UsageError("the optimal solver is for the 2x2x2 (--size 2)");
    const std::string metric = args.option("metric", "qtm");
    if (metric != "qtm" && metric != "htm")
        throw cli::UsageError("--metric is qtm or htm");
    cube::Cube c(n);
    c.apply(cube::parseMoves(*text, n));
    const auto start = std::chrono::steady_clock::now();
    const cube::PocketTable table =
        cube::PocketTable::build(metric == "qtm" ? cube::Metric::Quarter : cube::Metric::Half);
    const std::vector<cube::Move> solution = table.solve(c);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cube::Cube check = c;
    check.apply(solution);
    nlohmann::json j = {{"size", n},
                        {"method", method},
                        {"metric", metric},
                        {"solved", check.isSolvedUpToRotation()},
                        {"solution", cube::toString(solution)},
                        {"length_qtm", cube::lengthQtm(solution)},
                        {"length_htm", cube::lengthHtm(solution)},
                        {"optimal_length", table.distance(c)},
                        {"nodes_generated", cube::PocketTable::kStates},
                        {"seconds", seconds}};
    out << j.dump(2) << "\n";
    return check.isSolvedUpToRotation() ? cli::Ok : cli::Failure;
}

int runCube(const std::vector<std::string>& argv, std::ostream& out, std::ostream&) {
    if (argv.empty())
        throw cli::UsageError("missing subcommand: scramble or solve (see --help)");
    if (argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
        out << kHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "scramble")
        return runScramble(rest, out);
    if (argv[0] == "solve")
        return runSolve(rest, out);
    throw cli::UsageError("unknown subcommand '" + argv[0] + "' (scramble, solve)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"cube", "Rubik's cubes: scrambles and solutions (exact 2x2x2 optimal)",
                       runCube});
