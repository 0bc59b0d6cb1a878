// `algoscope-cli life`: the Life lab from the command line. `run` advances a pattern or a random
// soup with one engine and prints what happened as JSON (optionally writing the final board as
// RLE), `bench` runs every engine on the same board and compares them, `patterns` lists the
// bundled pattern library. The GPU engine runs on a headless EGL context (no display needed).
#include "cli/Cli.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuLife.h"
#include "gpu/HeadlessContext.h"
#include "life/BitpackedEngine.h"
#include "life/HashLife.h"
#include "life/LifeRun.h"
#include "life/PatternFile.h"
#include "life/PatternLibrary.h"
#include "life/Rle.h"
#include "life/Soup.h"
#include "life/Unbounded.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <omp.h>

#include <charconv>
#include <chrono>
#include <climits>
#include <cstdio>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>

using namespace algoscope;

namespace {

constexpr const char* kLifeHelp =
    "Usage: algoscope-cli life <subcommand> [options]\n\n"
    "Conway's Game of Life and other Life-like rules (B/S notation) on a bounded torus or "
    "plane,\nor on the unbounded plane with HashLife (run --unbounded).\n\n"
    "Subcommands:\n"
    "  run       advance a pattern or a random soup N generations with one engine; print JSON\n"
    "  bench     run every engine on the same board and compare their speed (table or JSON)\n"
    "  patterns  list the bundled pattern library as JSON\n\n"
    "Exit codes: 0 ok, 1 bad input (file, rule, size), 2 usage error, 3 no OpenGL 4.3 context\n"
    "(gpu engine only). Run 'algoscope-cli life <subcommand> --help' for its options.\n";

constexpr const char* kRunHelp =
    "Usage: algoscope-cli life run (--in FILE | --pattern NAME | --random DENSITY [--seed S])\n"
    "                              [--size WxH] [--torus | --plane] [--rule R] --generations N\n"
    "                              [--engine naive|bitpacked|gpu] [--threads T] [--center]\n"
    "                              [--stop-when-stable [--max-period P]] [--out FILE.rle]\n"
    "       algoscope-cli life run (--in FILE | --pattern NAME | --random D --size WxH)\n"
    "                              --unbounded --generations N [--step S] [--rule R]\n"
    "                              [--engine hashlife|bitpacked|auto] [--memory MIB]\n"
    "                              [--out FILE.mc|.mc.gz|.rle]\n\n"
    "Prints {\"rule\", \"width\", \"height\", \"topology\", \"engine\", \"generation\",\n"
    "\"population\", \"seconds\", \"cell_updates_per_second\", ...} as JSON. \"seconds\" times "
    "the\n"
    "stepping alone (not reading, seeding or writing).\n\n"
    "Board:\n"
    "  --in FILE          an RLE or plaintext .cells pattern. When its rule names a bounded\n"
    "                     grid (B3/S23:T64,64 torus, :P64,64 plane) that grid is the board;\n"
    "                     otherwise the board is the pattern's own size\n"
    "  --pattern NAME     a bundled pattern (see 'life patterns'), like --in\n"
    "  --random DENSITY   a random soup, each cell alive with probability DENSITY in [0, 1];\n"
    "                     needs --size\n"
    "  --seed S           soup seed (default 1); the same seed gives the same board everywhere\n"
    "  --size WxH         board size, 1..65536 per side; a pattern is placed on it with its\n"
    "                     top-left corner at (0, 0), or centred with --center\n"
    "  --torus, --plane   topology (default: the file's grid, else torus); a plane has a dead\n"
    "                     border\n"
    "  --rule R           B/S rule such as B3/S23, B36/S23, B2/S or legacy 23/3 (default: the\n"
    "                     file's rule, else B3/S23); a :T/:P suffix also sets size and topology\n\n"
    "Run:\n"
    "  --generations N    generations to advance (required)\n"
    "  --engine E         naive (byte per cell, reference), bitpacked (default, SIMD +\n"
    "                     OpenMP) or gpu (OpenGL 4.3 compute)\n"
    "  --threads T        CPU threads for bitpacked (default: all cores)\n"
    "  --stop-when-stable stop at the first still life or oscillator (board hash repeats);\n"
    "                     adds \"period\" to the output. --max-period P: longest period\n"
    "                     looked for (default 1000)\n"
    "  --out FILE.rle     write the final board (RLE, or .cells by extension) with the rule and\n"
    "                     grid suffix, so it can be run again or opened in Golly\n\n"
    "Unbounded plane (--unbounded, implied by --engine hashlife or a Macrocell --in FILE):\n"
    "  --unbounded        no border: the pattern lives in a HashLife quadtree and may grow\n"
    "                     without limit (B0 rules are refused). --in also reads Golly's\n"
    "                     Macrocell .mc / .mc.gz and .rle.gz\n"
    "  --generations N    a decimal integer of any size, or 2^k\n"
    "  --step S           advance in steps of S generations (decimal or 2^k; default: all of N\n"
    "                     at once, one HashLife jump per set bit of N)\n"
    "  --engine E         hashlife (memoised quadtree: guns, breeders, huge N), bitpacked (a\n"
    "                     growing bounded board: chaotic patterns, small N) or auto (default:\n"
    "                     bitpacked for N <= 4096 and patterns <= 4096 wide, else hashlife)\n"
    "  --memory MIB       HashLife memory limit in MiB (default 512, at least 4); a pattern\n"
    "                     that cannot fit exits 1 with a message\n"
    "  --out FILE         .mc or .mc.gz (Macrocell, any size; Golly opens it), else .rle/.cells\n"
    "Prints {\"rule\", \"topology\": \"unbounded\", \"engine\", \"generation\", \"population\"\n"
    "(decimal strings), \"bounding_box\" ({x, y, width, height} as strings, null when empty),\n"
    "\"nodes\", \"leaves\", \"memory_bytes\", \"memory_limit_bytes\", \"hit_rate\", \"gc_runs\",\n"
    "\"seconds\"}.\n";

constexpr const char* kBenchHelp =
    "Usage: algoscope-cli life bench [--size WxH] [--density D] [--seed S] [--generations N]\n"
    "                                [--rule R] [--torus | --plane] [--threads T]\n"
    "                                [--engines LIST] [--json]\n\n"
    "Runs each engine on the same random soup and checks that all end on the same board.\n"
    "Prints a table (engine, threads, seconds, cell-updates/s, speed-up over naive) or, with\n"
    "--json, {\"width\", \"height\", \"rule\", \"topology\", \"generations\", \"agree\",\n"
    "\"results\": [{\"engine\", \"threads\", \"isa\", \"seconds\", \"cell_updates_per_second\",\n"
    "\"population\"}]}.\n\n"
    "Options:\n"
    "  --size WxH         board (default 1024x1024)\n"
    "  --density D        soup density (default 0.5)\n"
    "  --seed S           soup seed (default 1)\n"
    "  --generations N    generations per engine (default 100)\n"
    "  --rule R           rule (default B3/S23)\n"
    "  --torus, --plane   topology (default torus)\n"
    "  --threads T        threads of the multithreaded bitpacked run (default: all cores);\n"
    "                     bitpacked also always runs on 1 thread\n"
    "  --engines LIST     comma-separated subset of naive,bitpacked,gpu (default: all; gpu is\n"
    "                     skipped with a note when no OpenGL 4.3 context exists, unless listed\n"
    "                     explicitly, which then exits 3)\n"
    "  --json             JSON instead of a table\n";

constexpr const char* kPatternsHelp =
    "Usage: algoscope-cli life patterns [--rle NAME]\n\n"
    "Lists the bundled patterns as a JSON array of {\"id\", \"name\", \"discoverer\", \"year\",\n"
    "\"category\", \"period\", \"width\", \"height\", \"population\", \"rule\"}.\n"
    "With --rle NAME, prints that pattern as RLE instead.\n";

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() +
                              "' (see --help)");
}

// "4096x4096" -> (4096, 4096); sizes are checked by Board::checkSize later (LimitError, exit 1).
std::pair<std::uint64_t, std::uint64_t> parseSize(const std::string& text) {
    const std::size_t x = text.find_first_of("xX");
    auto number = [&](std::string_view s, std::uint64_t& v) {
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return !s.empty() && ec == std::errc() && p == s.data() + s.size();
    };
    std::uint64_t w = 0, h = 0;
    if (x == std::string::npos || !number(std::string_view(text).substr(0, x), w) ||
        !number(std::string_view(text).substr(x + 1), h))
        throw cli::UsageError("option --size expects WIDTHxHEIGHT such as 4096x4096, got '" + text +
                              "'");
    life::Board::checkSize(w, h, "--size " + text);
    return {w, h};
}

std::optional<life::Topology> topologyFlag(const cli::Args& args) {
    if (args.flag("torus") && args.flag("plane"))
        throw cli::UsageError("--torus and --plane exclude each other");
    if (args.flag("torus"))
        return life::Topology::Torus;
    if (args.flag("plane"))
        return life::Topology::Plane;
    return std::nullopt;
}

// An engine and, for the GPU one, the context it lives in. Members are destroyed in reverse
// order, so the engine (and its GL objects) goes before its context.
struct EngineHolder {
    std::unique_ptr<gpu::HeadlessContext> context;
    std::unique_ptr<life::LifeEngine> engine;
    std::string renderer;
};

EngineHolder makeEngine(const std::string& name) {
    EngineHolder h;
    if (name == "gpu") {
        std::string why;
        h.context = gpu::HeadlessContext::create(&why);
        if (!h.context)
            throw cli::NoGpuError("the gpu engine needs an OpenGL 4.3 context: " + why);
        h.engine = std::make_unique<gpu::GpuLife>();
        h.renderer = gpu::GpuCaps::probe().renderer();
    } else if (name == "naive" || name == "bitpacked") {
        h.engine = life::makeCpuEngine(name);
    } else {
        throw cli::UsageError("option --engine expects naive, bitpacked or gpu, got '" + name +
                              "'");
    }
    return h;
}

mpz_class generationOption(const std::string& name, const std::string& text) {
    try {
        return life::parseGenerationCount(text);
    } catch (const util::LimitError&) {
        throw;
    } catch (const util::Error& e) {
        throw cli::UsageError("option --" + name + ": " + e.what());
    }
}

// `life run --unbounded`: the pattern on the infinite plane (life/Unbounded.h).
int runUnbounded(const cli::Args& args, std::ostream& out) {
    if (args.flag("torus") || args.flag("plane"))
        throw cli::UsageError("--unbounded excludes --torus and --plane");
    if (args.flag("stop-when-stable") || args.option("max-period") || args.flag("center"))
        throw cli::UsageError(
            "--stop-when-stable, --max-period and --center apply to bounded boards only");
    const mpz_class generations = generationOption("generations", *args.option("generations"));
    std::optional<mpz_class> stepSize;
    if (auto s = args.option("step")) {
        stepSize = generationOption("step", *s);
        if (*stepSize == 0)
            throw cli::UsageError("option --step must be at least 1");
        const mpz_class steps = (generations + *stepSize - 1) / *stepSize;
        if (steps > 100'000'000)
            throw util::LimitError("--generations / --step gives " + steps.get_str() +
                                   " steps; the limit is 100,000,000");
    }
    const std::string engineText = args.option("engine", "auto");
    const auto engine = life::parseUnboundedEngine(engineText);
    if (!engine)
        throw cli::UsageError("option --engine expects hashlife, bitpacked or auto on the "
                              "unbounded plane, got '" +
                              engineText + "'");
    const auto memoryMiB = static_cast<std::uint64_t>(args.intOption(
        "memory", std::int64_t(life::HashLife::kDefaultMemoryLimit >> 20), 4, 1 << 22));
    const int threads = int(args.intOption("threads", 0, 0, 4096));

    life::HashLife universe(life::Rule::life(), memoryMiB << 20);
    std::string name;
    std::vector<std::string> comments;
    if (auto in = args.option("in")) {
        const auto f = life::readUniverseFile(*in, universe);
        name = f.name;
    } else if (auto pname = args.option("pattern")) {
        const auto& p = life::PatternLibrary::instance().get(*pname).pattern;
        if (p.rule.grid)
            throw util::Error("pattern '" + *pname + "' is made for a bounded grid (" +
                              p.rule.toString() + ")");
        universe.setRule(p.rule.rule);
        universe.loadBoard(p.cells);
        name = p.name;
    } else {
        const double density = args.doubleOption("random", 0.5, 0.0, 1.0);
        if (!args.option("size"))
            throw cli::UsageError("--random needs --size WxH");
        const auto [w, h] = parseSize(*args.option("size"));
        const auto seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, LLONG_MAX));
        universe.loadBoard(life::randomSoup(w, h, density, seed));
    }
    if (auto r = args.option("rule")) {
        const life::RuleSpec spec = life::RuleSpec::parse(*r);
        if (spec.grid)
            throw util::Error("rule " + spec.toString() +
                              " names a bounded grid; --unbounded needs a plain rule");
        universe.setRule(spec.rule);
    }

    const auto t0 = std::chrono::steady_clock::now();
    life::UnboundedEngine used = *engine;
    if (!stepSize) {
        used = life::stepUnbounded(universe, generations, *engine, threads);
    } else {
        mpz_class left = generations;
        while (left > 0) {
            const mpz_class s = left < *stepSize ? left : *stepSize;
            used = life::stepUnbounded(universe, s, *engine, threads);
            left -= s;
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const auto st = universe.stats();
    nlohmann::json bbox = nullptr;
    if (const auto bb = universe.boundingBox())
        bbox = {{"x", bb->x.get_str()},
                {"y", bb->y.get_str()},
                {"width", bb->width.get_str()},
                {"height", bb->height.get_str()}};
    nlohmann::json j = {{"rule", universe.rule().toString()},
                        {"topology", "unbounded"},
                        {"engine", std::string(life::unboundedEngineName(used))},
                        {"generation", universe.generation().get_str()},
                        {"population", universe.population().get_str()},
                        {"bounding_box", bbox},
                        {"nodes", st.nodes},
                        {"leaves", st.leaves},
                        {"memory_bytes", st.bytes},
                        {"memory_limit_bytes", st.memoryLimit},
                        {"hit_rate", st.hitRate()},
                        {"gc_runs", st.gcRuns},
                        {"seconds", seconds}};
    if (auto outPath = args.option("out")) {
        comments.push_back("generation " + universe.generation().get_str() +
                           ", written by algoscope-cli life run --unbounded");
        life::writeUniverseFile(*outPath, universe, comments, name);
        j["out"] = *outPath;
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

bool endsWithNoCase(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
            return false;
    return true;
}

int runRun(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv,
                   {"in", "pattern", "random", "seed", "size", "rule", "generations", "engine",
                    "threads", "out", "max-period", "step", "memory"},
                   {"help", "torus", "plane", "center", "stop-when-stable", "unbounded"});
    if (args.flag("help")) {
        out << kRunHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const int sources = int(args.option("in").has_value()) +
                        int(args.option("pattern").has_value()) +
                        int(args.option("random").has_value());
    if (sources != 1)
        throw cli::UsageError("give exactly one of --in FILE, --pattern NAME or --random DENSITY");
    if (!args.option("generations"))
        throw cli::UsageError("missing --generations N");
    const auto in = args.option("in");
    if (args.flag("unbounded") || args.option("engine", "") == "hashlife" ||
        (in && (endsWithNoCase(*in, ".mc") || endsWithNoCase(*in, ".mc.gz"))))
        return runUnbounded(args, out);
    if (args.option("step") || args.option("memory"))
        throw cli::UsageError("--step and --memory need --unbounded");
    const auto generations =
        static_cast<std::uint64_t>(args.intOption("generations", 0, 0, LLONG_MAX));
    const std::string engineName = args.option("engine", "bitpacked");
    const int threads = int(args.intOption("threads", 0, 0, 4096));
    const auto seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, LLONG_MAX));
    std::optional<std::pair<std::uint64_t, std::uint64_t>> size;
    if (auto s = args.option("size"))
        size = parseSize(*s);

    // What the source says: cells, rule, bounded grid.
    life::Pattern pattern;
    if (auto in = args.option("in")) {
        pattern = life::readPatternFile(*in);
    } else if (auto name = args.option("pattern")) {
        pattern = life::PatternLibrary::instance().get(*name).pattern;
    } else {
        const double density = args.doubleOption("random", 0.5, 0.0, 1.0);
        if (!size)
            throw cli::UsageError("--random needs --size WxH");
        pattern.cells = life::randomSoup(size->first, size->second, density, seed);
    }
    life::RuleSpec rule = pattern.rule;
    if (auto r = args.option("rule"))
        rule = life::RuleSpec::parse(*r);
    life::Topology topology = rule.grid ? rule.grid->topology : life::Topology::Torus;
    if (auto t = topologyFlag(args))
        topology = *t;
    std::uint64_t width = pattern.cells.width(), height = pattern.cells.height();
    if (rule.grid) {
        width = rule.grid->width;
        height = rule.grid->height;
    }
    if (size) {
        width = size->first;
        height = size->second;
    }
    if (width == 0 || height == 0)
        throw util::Error("the pattern is empty and gives no board size: add --size WxH");
    life::Board board(width, height);
    if (pattern.cells.width() > width || pattern.cells.height() > height)
        throw util::Error("the " + std::to_string(pattern.cells.width()) + " x " +
                          std::to_string(pattern.cells.height()) + " pattern does not fit the " +
                          std::to_string(width) + " x " + std::to_string(height) +
                          " board; give a larger --size");
    const bool center = args.flag("center");
    board.paste(pattern.cells, center ? std::int64_t(width - pattern.cells.width()) / 2 : 0,
                center ? std::int64_t(height - pattern.cells.height()) / 2 : 0);

    EngineHolder holder = makeEngine(engineName);
    life::LifeEngine& engine = *holder.engine;
    engine.setRule(rule.rule);
    engine.setTopology(topology);
    engine.setThreads(threads);
    engine.setBoard(board);
    life::RunOptions options;
    options.generations = generations;
    options.stopWhenStable = args.flag("stop-when-stable");
    options.maxPeriod = std::uint32_t(args.intOption("max-period", 1000, 1, 1'000'000));
    const life::RunResult result = life::runLife(engine, options);

    nlohmann::json j = {{"rule", rule.rule.toString()},
                        {"width", width},
                        {"height", height},
                        {"topology", std::string(life::topologyName(topology))},
                        {"engine", std::string(engine.name())},
                        {"generation", engine.generation()},
                        {"population", engine.population()},
                        {"seconds", result.seconds},
                        {"cell_updates_per_second", result.cellUpdatesPerSecond()}};
    if (auto* bp = dynamic_cast<life::BitpackedEngine*>(&engine)) {
        j["isa"] = std::string(bp->isaName());
        j["threads"] = threads > 0 ? threads : omp_get_max_threads();
    }
    if (!holder.renderer.empty())
        j["renderer"] = holder.renderer;
    if (options.stopWhenStable)
        j["period"] = result.period ? nlohmann::json(*result.period) : nlohmann::json(nullptr);
    if (auto outPath = args.option("out")) {
        life::Pattern final;
        final.cells = engine.board();
        final.rule.rule = rule.rule;
        final.rule.grid = life::GridSpec{topology, std::uint32_t(width), std::uint32_t(height)};
        final.name = pattern.name;
        final.comments.push_back("generation " + std::to_string(engine.generation()) +
                                 ", written by algoscope-cli life run");
        life::writePatternFile(*outPath, final);
        j["out"] = *outPath;
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

int runBench(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv, {"size", "density", "seed", "generations", "rule", "threads", "engines"},
                   {"help", "torus", "plane", "json"});
    if (args.flag("help")) {
        out << kBenchHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto [width, height] = parseSize(args.option("size", "1024x1024"));
    const double density = args.doubleOption("density", 0.5, 0.0, 1.0);
    const auto seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, LLONG_MAX));
    const auto generations =
        static_cast<std::uint64_t>(args.intOption("generations", 100, 1, LLONG_MAX));
    const life::RuleSpec rule = life::RuleSpec::parse(args.option("rule", "B3/S23"));
    const life::Topology topology = topologyFlag(args).value_or(life::Topology::Torus);
    const int maxThreads = int(args.intOption("threads", omp_get_max_threads(), 1, 4096));
    const bool explicitEngines = args.option("engines").has_value();
    const auto engines = splitList(args.option("engines", "naive,bitpacked,gpu"));
    for (const auto& e : engines)
        if (e != "naive" && e != "bitpacked" && e != "gpu")
            throw cli::UsageError(
                "option --engines expects a list of naive, bitpacked, gpu; got '" + e + "'");

    const life::Board board = life::randomSoup(width, height, density, seed);
    struct Row {
        std::string engine, isa, note;
        int threads = 1;
        double seconds = 0, rate = 0;
        std::uint64_t population = 0, hash = 0;
    };
    std::vector<Row> rows;
    auto runOne = [&](const std::string& name, int threads) {
        EngineHolder holder;
        try {
            holder = makeEngine(name);
        } catch (const cli::NoGpuError& e) {
            if (explicitEngines)
                throw;
            err << "algoscope-cli life bench: skipping gpu: " << e.what() << "\n";
            return;
        }
        life::LifeEngine& engine = *holder.engine;
        engine.setRule(rule.rule);
        engine.setTopology(topology);
        engine.setThreads(threads);
        // Warm-up (thread pool start, first-dispatch shader compilation on some drivers), then
        // the timed run from the original board.
        engine.setBoard(board);
        engine.step(1);
        engine.setBoard(board);
        engine.setGeneration(0);
        life::RunOptions options;
        options.generations = generations;
        const auto r = life::runLife(engine, options);
        Row row;
        row.engine = name;
        row.threads = name == "bitpacked" ? threads : 1;
        if (auto* bp = dynamic_cast<life::BitpackedEngine*>(&engine))
            row.isa = std::string(bp->isaName());
        row.note = holder.renderer;
        row.seconds = r.seconds;
        row.rate = r.cellUpdatesPerSecond();
        row.population = engine.population();
        row.hash = engine.hash();
        rows.push_back(row);
    };
    for (const auto& e : engines) {
        if (e == "bitpacked") {
            runOne(e, 1);
            if (maxThreads > 1)
                runOne(e, maxThreads);
        } else {
            runOne(e, 1);
        }
    }
    bool agree = true;
    for (const auto& r : rows)
        agree = agree && r.hash == rows.front().hash;
    double naiveRate = 0;
    for (const auto& r : rows)
        if (r.engine == "naive")
            naiveRate = r.rate;

    if (args.flag("json")) {
        nlohmann::json results = nlohmann::json::array();
        for (const auto& r : rows) {
            nlohmann::json j = {{"engine", r.engine},
                                {"threads", r.threads},
                                {"seconds", r.seconds},
                                {"cell_updates_per_second", r.rate},
                                {"population", r.population}};
            if (!r.isa.empty())
                j["isa"] = r.isa;
            if (!r.note.empty())
                j["renderer"] = r.note;
            results.push_back(j);
        }
        out << nlohmann::json{{"width", width},
                              {"height", height},
                              {"rule", rule.rule.toString()},
                              {"topology", std::string(life::topologyName(topology))},
                              {"density", density},
                              {"seed", seed},
                              {"generations", generations},
                              {"agree", agree},
                              {"results", results}}
                   .dump(2)
            << "\n";
    } else {
        out << "Life " << rule.rule.toString() << " on a " << width << "x" << height << " "
            << life::topologyName(topology) << ", " << density << " soup (seed " << seed << "), "
            << generations << " generations\n\n";
        out << std::left << std::setw(12) << "engine" << std::setw(8) << "isa" << std::right
            << std::setw(8) << "threads" << std::setw(12) << "seconds" << std::setw(16)
            << "cell-updates/s" << std::setw(12) << "vs naive"
            << "\n";
        for (const auto& r : rows) {
            char rate[32], secs[32], speed[32];
            std::snprintf(rate, sizeof rate, "%.3g", r.rate);
            std::snprintf(secs, sizeof secs, "%.4f", r.seconds);
            if (naiveRate > 0)
                std::snprintf(speed, sizeof speed, "%.1fx", r.rate / naiveRate);
            else
                std::snprintf(speed, sizeof speed, "-");
            out << std::left << std::setw(12) << r.engine << std::setw(8)
                << (r.isa.empty() ? "-" : r.isa) << std::right << std::setw(8) << r.threads
                << std::setw(12) << secs << std::setw(16) << rate << std::setw(12) << speed;
            if (!r.note.empty())
                out << "  (" << r.note << ")";
            out << "\n";
        }
        out << "\nAll engines " << (agree ? "agree" : "DISAGREE") << " on the final board.\n";
    }
    return agree ? cli::Ok : cli::Failure;
}

int runPatterns(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"rle"}, {"help"});
    if (args.flag("help")) {
        out << kPatternsHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto& library = life::PatternLibrary::instance();
    if (auto name = args.option("rle")) {
        out << life::writeRle(library.get(*name).pattern);
        return cli::Ok;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : library.patterns())
        list.push_back({{"id", p.id},
                        {"name", p.name},
                        {"discoverer", p.discoverer},
                        {"year", p.year},
                        {"category", p.category},
                        {"period", p.period},
                        {"width", p.width()},
                        {"height", p.height()},
                        {"population", p.pattern.cells.population()},
                        {"rule", p.pattern.rule.toString()}});
    out << list.dump(2) << "\n";
    return cli::Ok;
}

int runLifeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty())
        throw cli::UsageError("missing subcommand: run, bench or patterns (see --help)");
    const std::string& sub = args.front();
    if (sub == "--help" || sub == "-h" || sub == "help") {
        out << kLifeHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "run")
        return runRun(rest, out);
    if (sub == "bench")
        return runBench(rest, out, err);
    if (sub == "patterns")
        return runPatterns(rest, out);
    throw cli::UsageError("unknown subcommand '" + sub + "' (run, bench or patterns)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"life", "Game of Life engines: run patterns and soups, benchmark, patterns",
                       runLifeCommand});
