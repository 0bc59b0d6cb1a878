// `algoscope-cli cube`: Rubik's cubes headless. `scramble` makes a random scramble (n random
// quarter turns, or a uniformly random 2x2x2 state), `solve` solves a scramble with Q*, A* (the
// same trained network) or, for the 2x2x2, the exact optimal solver (breadth-first table of all
// 3,674,160 states); `train` trains a deep Q-network with Q-learning.
#include "cli/Cli.h"
#include "cube/Compare.h"
#include "cube/Cube.h"
#include "cube/CubieState.h"
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"
#include "util/Error.h"
#include "util/Rng.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <optional>
#include <ostream>

using namespace algoscope;

namespace {

constexpr const char* kHelp =
    "Usage: algoscope-cli cube <subcommand> [options]\n\n"
    "Rubik's cubes (2x2x2 and 3x3x3) in Singmaster notation: U D L R F B, ' and 2, wide Rw or\n"
    "r, slices M E S and rotations x y z (3x3x3).\n\n"
    "Subcommands:\n"
    "  scramble  a random scramble as notation (JSON)\n"
    "  solve     solve a scramble (JSON: solved, solution, lengths, nodes, seconds)\n"
    "  train     train a deep Q-network for Q* and A* (Q-learning)\n"
    "  compare   Q* against A* with the same network over many scrambles (table or JSON)\n\n"
    "Exit codes: 0 ok, 1 bad input (notation, sizes), 2 usage error.\n";

constexpr const char* kScrambleHelp =
    "Usage: algoscope-cli cube scramble --size 2|3 [--moves N | --random-state] [--seed S]\n\n"
    "--moves N: N random quarter turns (default 20; never a move undoing the previous one).\n"
    "--random-state: a uniformly random state. 2x2x2: written as its optimal solution's\n"
    "inverse. 3x3x3 (all 4.3e19 states equally likely, drawn cubie by cubie): written as its\n"
    "54 stickers, one letter per sticker naming the face whose colour it shows, faces in the\n"
    "order U D L R B F, each row by row (what 'cube solve --stickers' reads).\n"
    "Prints {\"size\", \"scramble\" or \"stickers\", \"length_qtm\", \"distance_qtm\"\n"
    "(2x2x2)}.\n";

constexpr const char* kSolveHelp =
    "Usage: algoscope-cli cube solve --size 2|3 (--scramble \"R U R' ...\" | --stickers S)\n"
    "           --method qstar|astar|optimal [--model M | --actions 12|156|1884]\n"
    "           [--batch B] [--lambda L]\n"
    "           [--max-nodes N] [--seconds T] [--metric qtm|htm]\n\n"
    "qstar, astar: batch weighted Q* and A* with the same deep Q-network (--model, trained by\n"
    "'cube train'; its action space, 12, 156 or 1884, comes with it; without --model, the\n"
    "network shipped for --size and --actions, default 12). Defaults: batch 100,\n"
    "lambda 0.6, at most 10,000,000 nodes and 60 s.\n"
    "--stickers: the state as 'cube scramble --random-state' writes it (6 n^2 letters of\n"
    "UDLRBF); a 3x3x3 state that no turning reaches (a twisted corner, a flipped edge, two\n"
    "swapped pieces) is refused with the reason.\n"
    "optimal (2x2x2): the breadth-first table of all states (built in about a second) gives an\n"
    "optimal solution in the quarter-turn (default) or half-turn metric.\n"
    "Every solution is replayed on the scrambled cube before it is printed. Prints {\"solved\",\n"
    "\"solution\" (meta-actions expanded), \"length_qtm\", \"length_htm\", \"nodes_generated\",\n"
    "\"nodes_expanded\", \"iterations\", \"network_calls\", \"seconds\", ...}.\n";

constexpr const char* kTrainHelp =
    "Usage: algoscope-cli cube train --size 2|3 --out MODEL.safetensors [--actions 12|156|1884]\n"
    "           [--steps S] [--batch B] [--max-scramble K] [--lr LR] [--hidden1 H1]\n"
    "           [--hidden2 H2] [--blocks N] [--target-every T] [--target-loss L] [--seed S]\n"
    "           [--actions-per-state K | --all-actions] [--double-q] [--scramble-bound]\n"
    "           [--lr-final LR] [--save-every S] [--init MODEL.safetensors]\n\n"
    "Deep approximate Q-learning on states 1..K random quarter turns from solved; one random\n"
    "action per state, target cost(a) + min Q_target(child), target network replaced every T\n"
    "steps when the loss is below L (DeepCubeA: 0.06). --actions-per-state K trains K random\n"
    "actions of each state (default 1, the paper's), --all-actions every action: each target\n"
    "needs its child through the target network, so several per state are cheaper per\n"
    "target. --double-q evaluates the child at the online network's best action (double\n"
    "Q-learning: less low bias from the minimum over many outputs). --scramble-bound clamps\n"
    "each target by what the walk proves (the action undoing its last t turns has\n"
    "Q <= 1 + K - t) and always trains that action. --lr-final decays the rate geometrically;\n"
    "--save-every writes the network to --out every S steps. --init continues from a saved\n"
    "network of the same cube and action space (its trunk sizes win; the optimiser and\n"
    "target network start afresh; its training record is kept as train.init.*).\n"
    "Progress on stderr, JSON on stdout.\n";

constexpr const char* kCompareHelp =
    "Usage: algoscope-cli cube compare --model M[,M2,...] [--scrambles N]\n"
    "           [--depth D | --random-state]\n"
    "           [--batches 1,100] [--lambdas 0.6,1] [--max-nodes N] [--seconds T] [--seed S]\n"
    "           [--methods qstar,astar] [--json] [--per-state]\n\n"
    "Runs Q* and batch weighted A* with the same network (its action space: 12, 156 or 1884) on\n"
    "the same N scrambles (D random quarter turns, default 8; or uniformly random states),\n"
    "for every batch size and lambda, and reports per method: solved, mean path cost, mean\n"
    "solution length in quarter turns, mean nodes generated, mean seconds, peak search\n"
    "memory, and for a 2x2x2 the mean optimal length and the fraction of optimal solutions\n"
    "(exact table). --per-state (with --json) adds each state's result as \"states\": its\n"
    "stickers, solved, stop reason, path cost, length, nodes and seconds.\n"
    "Several comma-separated models (one per action space) run on the same states: as in the\n"
    "Q* paper's table, Q*'s advantage grows with the action space. --methods qstar runs Q*\n"
    "alone (e.g. to measure a 3x3x3 network's solve rate).\n";

std::vector<double> parseList(const std::string& text, const char* what) {
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, comma - start);
        try {
            std::size_t used = 0;
            values.push_back(std::stod(item, &used));
            if (used != item.size())
                throw std::invalid_argument(item);
        } catch (const std::exception&) {
            throw cli::UsageError(std::string(what) +
                                  " expects numbers separated by commas, got '" + text + "'");
        }
        start = comma + 1;
    }
    return values;
}

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
    if (args.flag("random-state") && args.option("moves"))
        throw cli::UsageError("--moves and --random-state exclude each other");
    if (args.flag("random-state") && n == 3) {
        j["stickers"] = cube::toStickerText(cube::uniformRandomState3(rng));
    } else if (args.flag("random-state")) {
        const cube::PocketTable table = cube::PocketTable::build(cube::Metric::Quarter);
        const cube::Cube c = cube::PocketTable::randomState(rng);
        const std::vector<cube::Move> scramble = cube::invert(table.solve(c));
        j["scramble"] = cube::toString(scramble);
        j["length_qtm"] = cube::lengthQtm(scramble);
        j["distance_qtm"] = table.distance(c);
    } else {
        const int count = int(args.intOption("moves", 20, 0, 10000));
        const std::vector<cube::Move> scramble = cube::randomQuarterTurns(n, count, rng);
        j["scramble"] = cube::toString(scramble);
        j["length_qtm"] = cube::lengthQtm(scramble);
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runSolve(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv,
                   {"size", "scramble", "stickers", "method", "metric", "model", "actions", "batch",
                    "lambda", "max-nodes", "seconds"},
                   {"help"});
    if (args.flag("help")) {
        out << kSolveHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto text = args.option("scramble");
    const auto stickers = args.option("stickers");
    if (!text == !stickers)
        throw cli::UsageError("give the state as --scramble or as --stickers (one of them)");
    const int n = int(args.intOption("size", 3, 2, 3));
    const std::string method = args.option("method", "qstar");
    cube::Cube c(n);
    if (text)
        c.apply(cube::parseMoves(*text, n));
    else
        c = cube::cubeFromStickerText(*stickers, n);
    nlohmann::json j = {{"size", n}, {"method", method}};
    std::vector<cube::Move> solution;
    const auto start = std::chrono::steady_clock::now();
    if (method == "optimal") {
        if (n != 2)
            throw cli::UsageError("the optimal solver is for the 2x2x2 (--size 2)");
        const std::string metric = args.option("metric", "qtm");
        if (metric != "qtm" && metric != "htm")
            throw cli::UsageError("--metric is qtm or htm");
        const cube::PocketTable table =
            cube::PocketTable::build(metric == "qtm" ? cube::Metric::Quarter : cube::Metric::Half);
        solution = table.solve(c);
        j["metric"] = metric;
        j["optimal_length"] = table.distance(c);
        j["nodes_generated"] = cube::PocketTable::kStates;
    } else if (method == "qstar" || method == "astar") {
        const auto model = args.option("model");
        const auto actionCount = args.option("actions");
        std::optional<cube::QNetwork> net;
        if (model) {
            net = cube::QNetwork::load(*model);
        } else {
            const int a = int(args.intOption("actions", 12, 12, 1884));
            net = cube::QNetwork::shipped(n, a);
            if (!net)
                throw cli::UsageError("no network ships for the " + std::to_string(n) + "x" +
                                      std::to_string(n) + "x" + std::to_string(n) + " with " +
                                      std::to_string(a) + " actions (" +
                                      cube::QNetwork::shippedName(n, a) +
                                      "); train one with 'cube train' and pass --model");
            j["model"] = cube::QNetwork::shippedName(n, a);
        }
        if (model && actionCount && args.intOption("actions", 12, 12, 1884) != net->actions())
            throw cli::UsageError("--actions " + *actionCount + " disagrees with the model's " +
                                  std::to_string(net->actions()) + " actions");
        if (net->cubeSize() != n)
            throw util::Error("the model is for a " + std::to_string(net->cubeSize()) +
                              "-cube, the scramble for a " + std::to_string(n) + "-cube");
        const cube::ActionSpace actions(n, net->actions());
        cube::SearchLimits lim;
        lim.batch = int(args.intOption("batch", 100, 1, 1000000));
        lim.lambda = args.doubleOption("lambda", 0.6, 0.0, 1.0);
        lim.maxNodes = std::uint64_t(args.intOption("max-nodes", 10000000, 1, 1LL << 40));
        lim.maxSeconds = args.doubleOption("seconds", 60, 0.001, 86400);
        const cube::SearchResult r = method == "qstar"
                                         ? cube::qstarSearch(c, actions, net->asQFunction(), lim)
                                         : cube::astarSearch(c, actions, net->asQFunction(), lim);
        solution = r.solution;
        j["actions"] = net->actions();
        j["batch"] = lim.batch;
        j["lambda"] = lim.lambda;
        j["path_cost"] = r.pathCost;
        j["nodes_generated"] = r.nodesGenerated;
        j["nodes_expanded"] = r.nodesExpanded;
        j["iterations"] = r.iterations;
        j["network_calls"] = r.networkCalls;
        j["peak_memory_mib"] = double(r.peakBytes) / double(1 << 20);
        j["stop_reason"] = r.stopReason;
        if (!r.solved) {
            j["solved"] = false;
            j["seconds"] =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            out << j.dump(2) << "\n";
            return cli::Failure;
        }
    } else {
        throw cli::UsageError("--method is qstar, astar or optimal");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cube::Cube check = c;
    check.apply(solution);
    j["solved"] = check.isSolvedUpToRotation();
    j["solution"] = cube::toString(solution);
    j["length_qtm"] = cube::lengthQtm(solution);
    j["length_htm"] = cube::lengthHtm(solution);
    j["seconds"] = seconds;
    out << j.dump(2) << "\n";
    return check.isSolvedUpToRotation() ? cli::Ok : cli::Failure;
}

int runTrain(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv,
                   {"size", "out", "actions", "steps", "batch", "max-scramble", "lr", "hidden1",
                    "hidden2", "blocks", "target-every", "target-loss", "seed", "actions-per-state",
                    "lr-final", "save-every", "init"},
                   {"help", "quiet", "all-actions", "double-q", "scramble-bound"});
    if (args.flag("help")) {
        out << kTrainHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto outPath = args.option("out");
    if (!outPath)
        throw cli::UsageError("--out is required");
    cube::DqnConfig c;
    c.cubeSize = int(args.intOption("size", 2, 2, 3));
    c.actions = int(args.intOption("actions", 12, 12, 1884));
    c.steps = int(args.intOption("steps", 5000, 1, 100000000));
    c.batch = int(args.intOption("batch", 512, 1, 100000));
    c.maxScramble = int(args.intOption("max-scramble", c.cubeSize == 2 ? 14 : 30, 1, 1000));
    c.lr = args.doubleOption("lr", 1e-3, 1e-7, 1.0);
    c.hidden1 = int(args.intOption("hidden1", 512, 1, 8192));
    c.hidden2 = int(args.intOption("hidden2", 256, 1, 8192));
    c.blocks = int(args.intOption("blocks", 2, 0, 64));
    c.targetEvery = int(args.intOption("target-every", 500, 1, 100000000));
    c.targetLossThreshold = args.doubleOption("target-loss", 0.06, 0.0, 1e9);
    c.seed = std::uint64_t(args.intOption("seed", 1, 0, 1LL << 53));
    c.actionsPerState = int(args.intOption("actions-per-state", 1, 0, 1884));
    if (args.flag("all-actions"))
        c.actionsPerState = 0;
    c.doubleQ = args.flag("double-q");
    c.scrambleBound = args.flag("scramble-bound");
    c.lrFinal = args.doubleOption("lr-final", 0.0, 0.0, 1.0);
    const long long saveEvery = args.intOption("save-every", 0, 0, 100000000);
    cube::DqnTrainer trainer(c);
    nn::Metadata initMeta; // the starting network's training record, kept in the output
    if (const auto init = args.option("init")) {
        const cube::QNetwork start = cube::QNetwork::load(*init);
        trainer.startFrom(start);
        initMeta["train.init"] = *init;
        for (const auto& [key, value] : start.metadata())
            if (key.rfind("train.", 0) == 0) // an earlier continuation's becomes train.init.init.*
                initMeta["train.init." + key.substr(6)] = value;
    }
    std::string command = "algoscope-cli cube train";
    for (const std::string& a : argv)
        command += " " + a;
    const bool quiet = args.flag("quiet");
    cube::DqnProgress last;
    trainer.run([&](const cube::DqnProgress& p) {
        last = p;
        if (!quiet && (p.step % 100 == 0 || p.step == p.steps))
            err << "cube train: step " << p.step << "/" << p.steps << " loss " << p.loss
                << " target updates " << p.targetUpdates << " eta " << int(p.etaSeconds) << " s\n";
        if (saveEvery > 0 && p.step % saveEvery == 0 && p.step < p.steps) {
            nn::Metadata meta = trainer.metadata();
            meta.insert(initMeta.begin(), initMeta.end());
            meta["train.command"] = command;
            meta["train.steps_done"] = std::to_string(p.step);
            meta["train.seconds"] = std::to_string(p.elapsedSeconds);
            meta["train.final_loss"] = std::to_string(p.loss);
            trainer.network().setMetadata(meta);
            trainer.network().save(*outPath);
        }
    });
    nn::Metadata meta = trainer.metadata();
    meta.insert(initMeta.begin(), initMeta.end());
    meta["train.steps_done"] = std::to_string(last.step);
    meta["train.command"] = command;
    meta["train.seconds"] = std::to_string(last.elapsedSeconds);
    meta["train.final_loss"] = std::to_string(last.loss);
    trainer.network().setMetadata(meta);
    trainer.network().save(*outPath);
    out << nlohmann::json{{"size", c.cubeSize},
                          {"actions", c.actions},
                          {"steps", last.step},
                          {"final_loss", last.loss},
                          {"target_updates", last.targetUpdates},
                          {"seconds", last.elapsedSeconds},
                          {"out", *outPath}}
               .dump(2)
        << "\n";
    return cli::Ok;
}

int runCompare(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv,
                   {"model", "scrambles", "depth", "batches", "lambdas", "max-nodes", "seconds",
                    "seed", "methods"},
                   {"help", "json", "random-state", "per-state"});
    if (args.flag("help")) {
        out << kCompareHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto modelList = args.option("model");
    if (!modelList)
        throw cli::UsageError("--model is required");
    // Several models (e.g. one per action space) run on the same states.
    std::vector<cube::QNetwork> nets;
    for (std::size_t start = 0; start <= modelList->size();) {
        const std::size_t comma = std::min(modelList->find(',', start), modelList->size());
        nets.push_back(cube::QNetwork::load(modelList->substr(start, comma - start)));
        start = comma + 1;
    }
    const int n = nets.front().cubeSize();
    for (const cube::QNetwork& net : nets)
        if (net.cubeSize() != n)
            throw cli::UsageError("the models are for different cube sizes");
    const int count = int(args.intOption("scrambles", 20, 1, 100000));
    const int depth = int(args.intOption("depth", 8, 1, 1000));
    const std::vector<double> batches = parseList(args.option("batches", "1,100"), "--batches");
    const std::vector<double> lambdas = parseList(args.option("lambdas", "0.6,1"), "--lambdas");
    for (double b : batches)
        if (b < 1 || b > 1e6 || b != std::floor(b))
            throw cli::UsageError("batches are whole numbers 1..1e6");
    for (double lambda : lambdas)
        if (lambda < 0 || lambda > 1)
            throw cli::UsageError("lambdas are 0..1");
    const auto maxNodes = std::uint64_t(args.intOption("max-nodes", 1000000, 1, 1LL << 40));
    const double maxSeconds = args.doubleOption("seconds", 30, 0.001, 86400);
    const std::vector<cube::Cube> states =
        cube::comparisonStates(n, count, depth, args.flag("random-state"),
                               std::uint64_t(args.intOption("seed", 1, 0, 1LL << 53)));
    std::vector<std::string> methods;
    {
        const std::string list = args.option("methods", "qstar,astar");
        for (std::size_t start = 0; start <= list.size();) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            methods.push_back(list.substr(start, comma - start));
            if (methods.back() != "qstar" && methods.back() != "astar")
                throw cli::UsageError("--methods lists qstar and/or astar, not '" + methods.back() +
                                      "'");
            start = comma + 1;
        }
    }
    const bool perState = args.flag("per-state");
    if (perState && !args.flag("json"))
        throw cli::UsageError("--per-state needs --json");
    std::optional<cube::PocketTable> table;
    if (n == 2)
        table = cube::PocketTable::build(cube::Metric::Quarter);
    nlohmann::json rows = nlohmann::json::array();
    for (const cube::QNetwork& net : nets)
        for (double b : batches)
            for (double lambda : lambdas) {
                cube::SearchLimits lim;
                lim.batch = int(b);
                lim.lambda = lambda;
                lim.maxNodes = maxNodes;
                lim.maxSeconds = maxSeconds;
                for (const cube::MethodSummary& s : cube::compareSearches(
                         net, states, lim, table ? &*table : nullptr, {}, {}, methods)) {
                    nlohmann::json row = {{"method", s.method},
                                          {"actions", s.actions},
                                          {"batch", s.batch},
                                          {"lambda", s.lambda},
                                          {"scrambles", s.scrambles},
                                          {"solved", s.solved},
                                          {"mean_path_cost", s.meanPathCost},
                                          {"mean_length_qtm", s.meanLengthQtm},
                                          {"mean_nodes_generated", s.meanNodesGenerated},
                                          {"mean_nodes_expanded", s.meanNodesExpanded},
                                          {"mean_network_calls", s.meanNetworkCalls},
                                          {"mean_seconds", s.meanSeconds},
                                          {"mean_peak_memory_mib", s.meanPeakMiB},
                                          {"max_peak_memory_mib", s.maxPeakMiB}};
                    if (s.fractionOptimal) {
                        row["mean_optimal_qtm"] = *s.meanOptimalQtm;
                        row["fraction_optimal"] = *s.fractionOptimal;
                    }
                    if (perState) {
                        nlohmann::json list = nlohmann::json::array();
                        for (std::size_t i = 0; i < s.results.size(); ++i) {
                            const cube::SearchResult& r = s.results[i];
                            list.push_back(
                                {{"stickers", cube::toStickerText(states[i])},
                                 {"solved", r.solved},
                                 {"stop_reason", r.stopReason},
                                 {"path_cost", r.pathCost},
                                 {"length_qtm", cube::lengthQtm(r.solution)},
                                 {"nodes_generated", r.nodesGenerated},
                                 {"seconds", r.seconds},
                                 {"peak_memory_mib", double(r.peakBytes) / double(1 << 20)}});
                        }
                        row["states"] = std::move(list);
                    }
                    rows.push_back(row);
                    err << "cube compare: " << s.method << " actions " << s.actions << " batch "
                        << s.batch << " lambda " << s.lambda << ": solved " << s.solved << "/"
                        << s.scrambles << "\n";
                }
            }
    if (args.flag("json")) {
        out << rows.dump(2) << "\n";
        return cli::Ok;
    }
    out << "method  actions  batch  lambda  solved  mean_cost  mean_qtm  optimal_qtm  mean_nodes  "
           "mean_seconds  max_peak_mib\n";
    for (const auto& r : rows)
        out << r["method"].get<std::string>() << "  " << r["actions"] << "  " << r["batch"] << "  "
            << r["lambda"] << "  " << r["solved"] << "/" << r["scrambles"] << "  "
            << r["mean_path_cost"] << "  " << r["mean_length_qtm"] << "  "
            << (r.contains("mean_optimal_qtm") ? r["mean_optimal_qtm"].dump() : std::string("-"))
            << "  " << r["mean_nodes_generated"] << "  " << r["mean_seconds"] << "  "
            << r["max_peak_memory_mib"] << "\n";
    return cli::Ok;
}

int runCube(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (argv.empty())
        throw cli::UsageError("missing subcommand: scramble, solve or train (see --help)");
    if (argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
        out << kHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "scramble")
        return runScramble(rest, out);
    if (argv[0] == "solve")
        return runSolve(rest, out);
    if (argv[0] == "train")
        return runTrain(rest, out, err);
    if (argv[0] == "compare")
        return runCompare(rest, out, err);
    throw cli::UsageError("unknown subcommand '" + argv[0] + "' (scramble, solve, train, compare)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"cube",
                       "Rubik's cubes: scrambles, Q* and A* with a deep Q-network, exact 2x2x2",
                       runCube});
