// `algoscope-cli gpu`: the OpenGL compute layer from the command line. `info` probes the context,
// `selftest` checks every GPU kernel against its CPU twin, `bench` times them (GPU check lab).
// Runs on a headless EGL context (gpu::HeadlessContext), so it needs no display server.
#include "cli/Cli.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuCheckRun.h"
#include "gpu/HeadlessContext.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <climits>
#include <memory>
#include <ostream>

using namespace algoscope;

namespace {

constexpr const char* kGpuHelp =
    "Usage: algoscope-cli gpu <subcommand> [options]\n\n"
    "OpenGL 4.3 compute on a headless EGL context (no display needed).\n\n"
    "Subcommands:\n"
    "  info      print the context's version, renderer and compute limits as JSON\n"
    "  selftest  run every GPU kernel against its CPU twin; exit 0 only if all match\n"
    "  bench     time a GPU check kernel against its CPU twin over several sizes\n\n"
    "Exit codes: 0 ok, 1 failure (a selftest mismatch), 2 usage error, 3 no OpenGL 4.3 context.\n"
    "Set ALGOSCOPE_DISABLE_GPU=1 to behave as on a machine without OpenGL 4.3 (exit 3);\n"
    "ALGOSCOPE_GL_DEBUG=1 requests a debug context; ALGOSCOPE_GPU_TIMER=finish times kernels\n"
    "with glFinish and the CPU clock where a driver's timer queries are wrong (Mesa llvmpipe).\n"
    "Run 'algoscope-cli gpu <subcommand> --help' for a subcommand's options.\n";

constexpr const char* kInfoHelp =
    "Usage: algoscope-cli gpu info\n\n"
    "Prints {\"available\": true, \"gl_version\", \"renderer\", \"vendor\", \"glsl_version\",\n"
    "\"limits\": {...}, \"egl_platform\"} as JSON. Without an OpenGL 4.3 context: one line on\n"
    "stderr and exit code 3.\n";

constexpr const char* kSelftestHelp =
    "Usage: algoscope-cli gpu selftest [--seed S]\n\n"
    "Runs the scan and saxpy kernels at sizes 1, 7, 256, 257, 1000, 65539 and 2^20 and compares\n"
    "them bit for bit with their CPU twins. Prints {\"passed\": bool, \"checks\": [...]}; exit 0\n"
    "only if every check passes, 1 otherwise, 3 without OpenGL 4.3.\n\n"
    "Options:\n"
    "  --seed S   input seed (default 1)\n";

constexpr const char* kBenchHelp =
    "Usage: algoscope-cli gpu bench [--op scan|saxpy] [--sizes N,N,...] [--reps N] [--seed S]\n"
    "                               [--csv]\n\n"
    "Runs the CPU twin and the GPU kernel on the same input at each size and prints, per size,\n"
    "cpu_ms and gpu_ms (medians; gpu_ms from GL timer queries), gpu_total_ms (upload + kernel +\n"
    "download), max_abs_diff, exact_match and the first outputs.\n\n"
    "Options:\n"
    "  --op OP        scan (inclusive prefix sum, uint32) or saxpy (y = a*x + y, float);\n"
    "                 default scan\n"
    "  --sizes LIST   comma-separated element counts in [1, 2^31]; default 1024,65536,1048576\n"
    "  --reps N       timed repetitions per size, 1..1000; default 5\n"
    "  --seed S       input seed; default 1\n"
    "  --csv          CSV instead of JSON\n";

std::unique_ptr<gpu::HeadlessContext> requireContext() {
    std::string why;
    auto ctx = gpu::HeadlessContext::create(&why);
    if (!ctx)
        throw cli::NoGpuError(why);
    return ctx;
}

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() +
                              "' (see --help)");
}

std::vector<std::size_t> parseSizes(const std::string& text) {
    constexpr unsigned long long kMax = 1ULL << 31;
    std::vector<std::size_t> sizes;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string item = text.substr(start, end - start);
        unsigned long long v = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || p != item.data() + item.size() || v < 1 ||
            v > kMax)
            throw cli::UsageError("option --sizes expects comma-separated integers in [1, 2^31], "
                                  "got '" +
                                  item + "'");
        sizes.push_back(static_cast<std::size_t>(v));
        start = end + 1;
    }
    return sizes;
}

int runInfo(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {}, {"help"});
    if (args.flag("help")) {
        out << kInfoHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    auto ctx = requireContext();
    const auto caps = gpu::GpuCaps::probe();
    nlohmann::json j = {{"available", true}};
    j.update(caps.toJson());
    j["egl_platform"] = ctx->platform();
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runSelftest(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"seed"}, {"help"});
    if (args.flag("help")) {
        out << kSelftestHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, LLONG_MAX));
    auto ctx = requireContext();

    // 1 and 7: less than one workgroup; 256/257: around a half block (two elements per
    // invocation); 1000: two blocks with a partial one; 65539 and 2^20: two and three scan levels.
    const std::vector<std::size_t> sizes = {1, 7, 256, 257, 1000, 65539, std::size_t(1) << 20};
    nlohmann::json checks = nlohmann::json::array();
    bool passed = true;
    for (auto op : {gpu::GpuCheckRun::Op::Scan, gpu::GpuCheckRun::Op::Saxpy}) {
        const std::string name = gpu::GpuCheckRun::opName(op);
        try {
            gpu::GpuCheckRun run({op, sizes, 1, seed, 4});
            for (const auto& r : run.run()) {
                passed = passed && r.exactMatch;
                checks.push_back({{"op", name},
                                  {"size", r.size},
                                  {"passed", r.exactMatch},
                                  {"max_abs_diff", r.maxAbsDiff}});
            }
        } catch (const util::Error& e) {
            // A kernel that does not build or run is a failed check, not a crash of the test.
            passed = false;
            checks.push_back({{"op", name}, {"passed", false}, {"error", e.what()}});
        }
    }
    const auto caps = gpu::GpuCaps::probe();
    out << nlohmann::json{{"passed", passed}, {"renderer", caps.renderer()}, {"checks", checks}}
               .dump(2)
        << "\n";
    return passed ? cli::Ok : cli::Failure;
}

int runBench(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"op", "sizes", "reps", "seed"}, {"help", "csv"});
    if (args.flag("help")) {
        out << kBenchHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    gpu::GpuCheckRun::Options o;
    const std::string op = args.option("op", "scan");
    if (op != "scan" && op != "saxpy")
        throw cli::UsageError("option --op expects scan or saxpy, got '" + op + "'");
    o.op = gpu::GpuCheckRun::parseOp(op);
    o.sizes = parseSizes(args.option("sizes", "1024,65536,1048576"));
    o.reps = static_cast<int>(args.intOption("reps", 5, 1, 1000));
    o.seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, LLONG_MAX));
    auto ctx = requireContext();
    gpu::GpuCheckRun run(o);
    const auto results = run.run();
    if (args.flag("csv")) {
        out << run.toCsv(results);
    } else {
        auto j = run.toJson(results);
        j["renderer"] = gpu::GpuCaps::probe().renderer();
        out << j.dump(2) << "\n";
    }
    return cli::Ok;
}

int runGpu(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
    if (args.empty())
        throw cli::UsageError("missing subcommand: info, selftest or bench (see --help)");
    const std::string& sub = args.front();
    if (sub == "--help" || sub == "-h" || sub == "help") {
        out << kGpuHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "info")
        return runInfo(rest, out);
    if (sub == "selftest")
        return runSelftest(rest, out);
    if (sub == "bench")
        return runBench(rest, out);
    throw cli::UsageError("unknown subcommand '" + sub + "' (info, selftest or bench)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"gpu", "OpenGL compute: context info, selftest vs CPU twins, benchmarks",
                       runGpu});
