// `algoscope-cli na`: neighbourhood attention (NATTEN semantics) from the command line. `run`
// computes the forward pass of .npy inputs with one implementation, `neighbors` prints
// neighbourhoods (or, with --inverse, which queries see a key) as JSON, `bench` times every
// implementation on one random problem and reports the counters of NaCounters.h.
#include "attention/NaCounters.h"
#include "attention/NaForward.h"
#include "attention/NaIndex.h"
#include "cli/Cli.h"
#include "gpu/GpuAttention.h"
#include "gpu/GpuCaps.h"
#include "gpu/HeadlessContext.h"
#include "util/Error.h"
#include "util/Limits.h"
#include "util/Rng.h"

#include <nlohmann/json.hpp>

#include <omp.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <memory>
#include <ostream>

using namespace algoscope;
using attention::Impl;

namespace {

constexpr const char* kNaHelp =
    "Usage: algoscope-cli na <subcommand> [options]\n\n"
    "Neighbourhood attention exactly as NATTEN defines it: each query attends to a window of\n"
    "k keys per axis, shifted inward at the borders, with dilation, per-axis causal masking and\n"
    "stride (NATTEN 0.20+), optional relative positional bias (NATTEN 0.17).\n\n"
    "Subcommands:\n"
    "  run        forward pass of q, k, v (.npy, [batch, *spatial, heads, head_dim]) -> .npy\n"
    "  neighbors  the neighbourhood of one or every query (or the inverse map) as JSON\n"
    "  bench      time every implementation on one problem; table or JSON\n\n"
    "Exit codes: 0 ok, 1 bad input (file, shape, parameters), 2 usage error, 3 no OpenGL 4.3\n"
    "context (gpu-naive / gpu-fused). Run 'algoscope-cli na <subcommand> --help' for options.\n";

constexpr const char* kRunHelp =
    "Usage: algoscope-cli na run --q Q.npy --k K.npy --v V.npy --kernel K[,K[,K]]\n"
    "            [--dilation D[,..]] [--stride S[,..]] [--causal 0|1[,..]] [--rpb RPB.npy]\n"
    "            [--scale S] [--impl I] [--threads T] --out OUT.npy [--scores-out S.npy]\n\n"
    "q, k, v: float32 .npy of shape [batch, *spatial, heads, head_dim] (1 to 3 spatial axes,\n"
    "the rank comes from the arrays). Per-axis options take one value for all axes or one per\n"
    "axis. Rules (NATTEN's): kernel * dilation <= length and 1 <= stride <= kernel per axis;\n"
    "--rpb [heads, 2k-1 per axis] only with odd kernels, no causal axis and stride 1.\n\n"
    "  --impl I        reference | masked-gemm | naive | gemm | fused (default) | gpu-naive |\n"
    "                  gpu-fused. reference and masked-gemm are O(n^2) (at most 4096 tokens)\n"
    "  --scale S       score scale (default head_dim^-0.5)\n"
    "  --threads T     CPU threads (default: all cores)\n"
    "  --out FILE      the output [batch, *spatial, heads, head_dim] as float32 .npy\n"
    "  --scores-out F  raw pre-softmax scores [batch, heads, *spatial, prod(k)] (window order\n"
    "                  from its start, last axis fastest; -inf where a causal window is short);\n"
    "                  reference, masked-gemm, naive and gemm only\n\n"
    "Prints {\"impl\", \"shape\", \"kernel\", \"dilation\", \"stride\", \"causal\", \"scale\",\n"
    "\"seconds\", \"out\"} as JSON.\n";

constexpr const char* kNeighborsHelp =
    "Usage: algoscope-cli na neighbors --size L[,L[,L]] --kernel K[,..] [--dilation D[,..]]\n"
    "                                  [--stride S[,..]] [--causal 0|1[,..]] [--query I[,J[,K]]]\n"
    "                                  [--inverse]\n\n"
    "Prints the neighbourhood of --query (or of every query) as JSON: {\"size\", \"kernel\",\n"
    "\"dilation\", \"stride\", \"causal\", \"queries\": [{\"query\": [i, j], \"neighbors\":\n"
    "[[i, j], ...]}]} in NATTEN's window order (from the window start, last axis fastest).\n"
    "In 1-D, positions are plain integers. With --inverse, lists for each position the queries\n"
    "whose window contains it (key -> queries) under \"seen_by\" instead.\n"
    "Without --query the size is limited to 4096 positions.\n";

constexpr const char* kBenchHelp =
    "Usage: algoscope-cli na bench [--size 56,56] [--batch 1] [--heads 4] [--dim 32]\n"
    "                              [--kernel 7] [--dilation 1] [--stride 1] [--causal 0]\n"
    "                              [--impls LIST] [--reps 3] [--threads 1] [--seed 1] [--json]\n\n"
    "Times each implementation (median of --reps runs after one warm-up) on random q, k, v and\n"
    "checks that all agree with the first one run. Prints a table, or with --json {\"problem\",\n"
    "\"results\": [{\"impl\", \"seconds\", \"useful_gflops\", \"speedup_vs_naive\",\n"
    "\"max_abs_diff\", \"executed_gflop\", \"score_bytes\", \"qkv_bytes\", \"kv_bytes_per_tile\",\n"
    "\"queries_per_tile\", \"intensity\"}]}.\n\n"
    "  --impls LIST   comma-separated (default naive,gemm,fused,masked-gemm,gpu-naive,gpu-fused;\n"
    "                 O(n^2) ones are skipped above 4096 tokens, gpu ones without an OpenGL 4.3\n"
    "                 context, with a note, unless listed explicitly)\n"
    "  --threads T    CPU threads (default 1, the single-thread comparison)\n"
    "GPU times are kernel times (timer query, or wall time with glFinish on llvmpipe, Mesa's\n"
    "CPU rasteriser, whose figures say nothing about a real GPU).\n";

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() +
                              "' (see --help)");
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

// "7" or "7,7" -> {7} / {7, 7}; each value in [lo, hi]; 1 to 3 values.
std::vector<int> intList(const cli::Args& args, const std::string& name, int lo, int hi) {
    const auto text = args.option(name);
    if (!text)
        return {};
    std::vector<int> out;
    for (const std::string& item : splitList(*text)) {
        int v = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || p != item.data() + item.size() || v < lo || v > hi)
            throw cli::UsageError("option --" + name + " expects integers in [" +
                                  std::to_string(lo) + ", " + std::to_string(hi) +
                                  "] separated by commas, got '" + *text + "'");
        out.push_back(v);
    }
    if (out.size() > 3)
        throw cli::UsageError("option --" + name + " takes at most 3 values (one per axis)");
    return out;
}

attention::NaParams paramsFrom(const cli::Args& args, int rank) {
    const auto kernel = intList(args, "kernel", 1, 1 << 20);
    if (kernel.empty())
        throw cli::UsageError("missing --kernel K[,K[,K]]");
    return attention::makeParams(rank, kernel, intList(args, "dilation", 1, 1 << 20),
                                 intList(args, "stride", 1, 1 << 20),
                                 intList(args, "causal", 0, 1));
}

nlohmann::json axisJson(const attention::NaParams& p, int attention::AxisParams::*field) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& a : p.axes)
        j.push_back(a.*field);
    return j;
}

nlohmann::json causalJson(const attention::NaParams& p) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& a : p.axes)
        j.push_back(a.causal ? 1 : 0);
    return j;
}

Impl implFrom(const std::string& name) {
    if (auto i = attention::parseImpl(name))
        return *i;
    throw cli::UsageError("unknown implementation '" + name +
                          "' (reference, masked-gemm, naive, gemm, fused, gpu-naive, gpu-fused)");
}

std::unique_ptr<gpu::HeadlessContext> gpuContext(Impl impl) {
    std::string why;
    auto ctx = gpu::HeadlessContext::create(&why);
    if (!ctx)
        throw cli::NoGpuError(std::string(attention::implName(impl)) +
                              " needs an OpenGL 4.3 context: " + why);
    return ctx;
}

int runRun(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv,
                   {"q", "k", "v", "kernel", "dilation", "stride", "causal", "rpb", "scale", "impl",
                    "threads", "out", "scores-out"},
                   {"help"});
    if (args.flag("help")) {
        out << kRunHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    for (const char* need : {"q", "k", "v", "out"})
        if (!args.option(need))
            throw cli::UsageError(std::string("missing --") + need + " FILE");
    const Impl impl = implFrom(args.option("impl", "fused"));
    if (!args.option("kernel"))
        throw cli::UsageError("missing --kernel K[,K[,K]]");
    const attention::Tensor q = attention::readTensorNpy(*args.option("q"), "q");
    const attention::Tensor k = attention::readTensorNpy(*args.option("k"), "k");
    const attention::Tensor v = attention::readTensorNpy(*args.option("v"), "v");
    attention::Tensor rpb;
    attention::NaOptions o;
    const int rank = int(q.shape.size()) - 3;
    if (rank < 1 || rank > 3)
        throw util::Error("q has " + std::to_string(q.shape.size()) +
                          " dimensions; expected [batch, *spatial (1 to 3 axes), heads, "
                          "head_dim]");
    o.params = paramsFrom(args, rank);
    if (auto r = args.option("rpb")) {
        rpb = attention::readTensorNpy(*r, "rpb");
        o.rpb = &rpb;
    }
    if (args.option("scale"))
        o.scale = float(args.doubleOption("scale", 1.0, -1e30, 1e30));
    o.threads = int(args.intOption("threads", 0, 0, 4096));
    o.wantScores = args.option("scores-out").has_value();

    std::unique_ptr<gpu::HeadlessContext> context;
    attention::NaResult result;
    const auto t0 = std::chrono::steady_clock::now();
    if (attention::isGpuImpl(impl)) {
        if (o.wantScores)
            throw util::Error(std::string(attention::implName(impl)) +
                              " keeps no score tensor; use --impl naive or gemm for "
                              "--scores-out");
        attention::checkInputs(q, k, v, o); // input errors before any GPU error
        context = gpuContext(impl);
        gpu::GpuAttention g;
        result.out = g.forward(impl, q, k, v, o);
    } else {
        result = attention::forwardCpu(impl, q, k, v, o);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    attention::writeTensorNpy(*args.option("out"), result.out);
    nlohmann::json j = {
        {"impl", std::string(attention::implName(impl))},
        {"shape", q.shape},
        {"kernel", axisJson(o.params, &attention::AxisParams::kernel)},
        {"dilation", axisJson(o.params, &attention::AxisParams::dilation)},
        {"stride", axisJson(o.params, &attention::AxisParams::stride)},
        {"causal", causalJson(o.params)},
        {"scale", o.scale ? double(*o.scale) : 1.0 / std::sqrt(double(q.shape.back()))},
        {"bias", o.rpb != nullptr},
        {"seconds", seconds},
        {"out", *args.option("out")}};
    if (auto s = args.option("scores-out")) {
        attention::writeTensorNpy(*s, result.scores);
        j["scores_out"] = *s;
        j["scores_shape"] = result.scores.shape;
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runNeighbors(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"size", "kernel", "dilation", "stride", "causal", "query"},
                   {"help", "inverse"});
    if (args.flag("help")) {
        out << kNeighborsHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto size = intList(args, "size", 1, 1 << 20);
    if (size.empty())
        throw cli::UsageError("missing --size L[,L[,L]]");
    const int rank = int(size.size());
    const attention::NaParams p = paramsFrom(args, rank);
    attention::validate(p, size);
    std::int64_t n = 1;
    for (int s : size)
        n *= s;
    const bool inverse = args.flag("inverse");
    auto coordOf = [&](std::int64_t t) {
        std::vector<int> c(static_cast<std::size_t>(rank));
        for (int a = rank - 1; a >= 0; --a) {
            c[std::size_t(a)] = int(t % size[std::size_t(a)]);
            t /= size[std::size_t(a)];
        }
        return c;
    };
    auto pos = [&](const std::vector<int>& c) {
        return rank == 1 ? nlohmann::json(c[0]) : nlohmann::json(c);
    };
    std::vector<std::vector<int>> queries;
    if (auto qs = args.option("query")) {
        auto c = intList(args, "query", 0, 1 << 20);
        if (int(c.size()) != rank)
            throw cli::UsageError("--query needs " + std::to_string(rank) +
                                  " coordinates (one per axis of --size), got '" + *qs + "'");
        queries.push_back(c);
    } else {
        if (n > 4096)
            throw util::LimitError("listing every query of " + std::to_string(n) +
                                   " positions exceeds the 4096 limit of 'na neighbors'; give "
                                   "--query");
        for (std::int64_t t = 0; t < n; ++t)
            queries.push_back(coordOf(t));
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : queries) {
        const auto flat =
            inverse ? attention::inverseNeighbors(size, p, c) : attention::neighbors(size, p, c);
        nlohmann::json nb = nlohmann::json::array();
        for (std::int64_t f : flat)
            nb.push_back(pos(coordOf(f)));
        list.push_back(
            {{inverse ? "key" : "query", pos(c)}, {inverse ? "seen_by" : "neighbors", nb}});
    }
    out << nlohmann::json{{"size", size},
                          {"kernel", axisJson(p, &attention::AxisParams::kernel)},
                          {"dilation", axisJson(p, &attention::AxisParams::dilation)},
                          {"stride", axisJson(p, &attention::AxisParams::stride)},
                          {"causal", causalJson(p)},
                          {inverse ? "keys" : "queries", list}}
               .dump(2)
        << "\n";
    return cli::Ok;
}

int runBench(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv,
                   {"size", "batch", "heads", "dim", "kernel", "dilation", "stride", "causal",
                    "impls", "reps", "threads", "seed"},
                   {"help", "json"});
    if (args.flag("help")) {
        out << kBenchHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    auto size = intList(args, "size", 1, 1 << 16);
    if (size.empty())
        size = {56, 56};
    const int rank = int(size.size());
    attention::NaParams p;
    {
        auto kernel = intList(args, "kernel", 1, 1 << 16);
        if (kernel.empty())
            kernel = {7};
        p = attention::makeParams(rank, kernel, intList(args, "dilation", 1, 1 << 16),
                                  intList(args, "stride", 1, 1 << 16),
                                  intList(args, "causal", 0, 1));
    }
    const int batch = int(args.intOption("batch", 1, 1, 1 << 16));
    const int heads = int(args.intOption("heads", 4, 1, 1 << 16));
    const int dim = int(args.intOption("dim", 32, 1, attention::kMaxHeadDim));
    const int reps = int(args.intOption("reps", 3, 1, 1000));
    const int threads = int(args.intOption("threads", 1, 1, 4096));
    const auto seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, 1LL << 62));
    const bool explicitImpls = args.option("impls").has_value();
    std::vector<Impl> impls;
    for (const auto& name :
         splitList(args.option("impls", "naive,gemm,fused,masked-gemm,gpu-naive,gpu-fused")))
        impls.push_back(implFrom(name));

    std::vector<std::int64_t> shape{batch};
    for (int s : size)
        shape.push_back(s);
    shape.push_back(heads);
    shape.push_back(dim);
    const std::uint64_t elements = util::checkedElementCount(shape, "bench problem");
    util::checkLimit(elements * 4, util::kMaxTensorBytes, "kMaxTensorBytes", "bench q");
    const attention::Tensor q = attention::uniformTensor(shape, seed),
                            k = attention::uniformTensor(shape, seed + 1),
                            v = attention::uniformTensor(shape, seed + 2);
    attention::NaOptions o;
    o.params = p;
    o.threads = threads;
    const attention::NaShape ns = attention::checkInputs(q, k, v, o);

    struct Row {
        Impl impl;
        double seconds = 0, diff = 0;
        attention::NaCounters counters;
        std::string note;
    };
    std::vector<Row> rows;
    std::unique_ptr<gpu::HeadlessContext> context;
    std::unique_ptr<gpu::GpuAttention> gpuAttn;
    std::string renderer;
    attention::Tensor first;
    for (Impl impl : impls) {
        if ((impl == Impl::Reference || impl == Impl::MaskedGemm) &&
            ns.tokens() > attention::kMaxReferenceTokens) {
            if (explicitImpls)
                throw util::LimitError(std::string(attention::implName(impl)) + ": " +
                                       std::to_string(ns.tokens()) +
                                       " tokens exceeds kMaxReferenceTokens (4096)");
            err << "algoscope-cli na bench: skipping " << attention::implName(impl)
                << ": more than 4096 tokens\n";
            continue;
        }
        if (attention::isGpuImpl(impl) && !gpuAttn) {
            std::string why;
            context = gpu::HeadlessContext::create(&why);
            if (!context) {
                if (explicitImpls)
                    throw cli::NoGpuError(std::string(attention::implName(impl)) +
                                          " needs an OpenGL 4.3 context: " + why);
                err << "algoscope-cli na bench: skipping gpu implementations: " << why << "\n";
                impls.erase(std::remove_if(impls.begin(), impls.end(), attention::isGpuImpl),
                            impls.end());
                break;
            }
            gpuAttn = std::make_unique<gpu::GpuAttention>();
            renderer = gpu::GpuCaps::probe().renderer();
        }
        std::vector<double> times;
        attention::Tensor result;
        for (int r = 0; r <= reps; ++r) { // r = 0 is the warm-up
            const auto t0 = std::chrono::steady_clock::now();
            double gpuMs = 0;
            if (attention::isGpuImpl(impl))
                result = gpuAttn->forward(impl, q, k, v, o, {}, &gpuMs);
            else
                result = attention::forwardCpu(impl, q, k, v, o).out;
            const double s =
                attention::isGpuImpl(impl)
                    ? gpuMs * 1e-3
                    : std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (r > 0)
                times.push_back(s);
        }
        std::sort(times.begin(), times.end());
        Row row;
        row.impl = impl;
        row.seconds = times[times.size() / 2];
        row.counters = attention::countWork(impl, ns, p);
        if (first.data.empty())
            first = result;
        for (std::size_t i = 0; i < result.data.size(); ++i)
            row.diff = std::max(row.diff, double(std::abs(result.data[i] - first.data[i])));
        if (attention::isGpuImpl(impl))
            row.note = renderer;
        else if (impl == Impl::Fused)
            row.note = std::string(attention::fusedIsa());
        rows.push_back(row);
    }
    double naiveSeconds = 0;
    for (const auto& r : rows)
        if (r.impl == Impl::Naive)
            naiveSeconds = r.seconds;
    bool agree = true;
    for (const auto& r : rows)
        agree = agree && r.diff <= 1e-4;

    if (args.flag("json")) {
        nlohmann::json results = nlohmann::json::array();
        for (const auto& r : rows) {
            const auto& c = r.counters;
            nlohmann::json j = {{"impl", std::string(attention::implName(r.impl))},
                                {"seconds", r.seconds},
                                {"useful_gflops", c.usefulFlops / r.seconds * 1e-9},
                                {"max_abs_diff", r.diff},
                                {"useful_gflop", c.usefulFlops * 1e-9},
                                {"executed_gflop", c.executedFlops * 1e-9},
                                {"score_bytes", c.scoreBytes},
                                {"qkv_bytes", c.qkvBytes},
                                {"kv_bytes_per_tile", c.kvBytesPerTile},
                                {"queries_per_tile", c.queriesPerTile},
                                {"intensity", c.intensity()}};
            j["speedup_vs_naive"] = naiveSeconds > 0 ? nlohmann::json(naiveSeconds / r.seconds)
                                                     : nlohmann::json(nullptr);
            if (!r.note.empty())
                j["note"] = r.note;
            results.push_back(j);
        }
        out << nlohmann::json{{"problem",
                               {{"shape", shape},
                                {"kernel", axisJson(p, &attention::AxisParams::kernel)},
                                {"dilation", axisJson(p, &attention::AxisParams::dilation)},
                                {"stride", axisJson(p, &attention::AxisParams::stride)},
                                {"causal", causalJson(p)},
                                {"threads", threads}}},
                              {"agree", agree},
                              {"results", results}}
                   .dump(2)
            << "\n";
    } else {
        out << "Neighbourhood attention, shape [";
        for (std::size_t i = 0; i < shape.size(); ++i)
            out << (i ? ", " : "") << shape[i];
        out << "], kernel " << axisJson(p, &attention::AxisParams::kernel).dump() << ", dilation "
            << axisJson(p, &attention::AxisParams::dilation).dump() << ", stride "
            << axisJson(p, &attention::AxisParams::stride).dump() << ", causal "
            << causalJson(p).dump() << ", " << threads << " CPU thread(s), median of " << reps
            << "\n\n";
        out << std::left << std::setw(13) << "impl" << std::right << std::setw(11) << "ms"
            << std::setw(10) << "GFLOP/s" << std::setw(10) << "vs naive" << std::setw(13)
            << "score MiB" << std::setw(12) << "KV KiB/tile" << std::setw(10) << "flop/B"
            << std::setw(11) << "max diff"
            << "\n";
        for (const auto& r : rows) {
            char buf[200], speed[32];
            const auto& c = r.counters;
            if (naiveSeconds > 0)
                std::snprintf(speed, sizeof speed, "%.1fx", naiveSeconds / r.seconds);
            else
                std::snprintf(speed, sizeof speed, "-");
            std::snprintf(buf, sizeof buf, "%-13s%11.3f%10.2f%10s%13.2f%12.2f%10.2f%11.2e",
                          std::string(attention::implName(r.impl)).c_str(), r.seconds * 1e3,
                          c.usefulFlops / r.seconds * 1e-9, speed, c.scoreBytes / 1048576.0,
                          c.kvBytesPerTile / 1024.0, c.intensity(), r.diff);
            out << buf;
            if (!r.note.empty())
                out << "  (" << r.note << ")";
            out << "\n";
        }
        out << "\nGFLOP/s counts useful work (4 * head_dim per attention weight). All "
               "implementations "
            << (agree ? "agree" : "DISAGREE") << " (max |diff| <= 1e-4).\n";
        if (!renderer.empty())
            out << "GPU: " << renderer << "\n";
    }
    return agree ? cli::Ok : cli::Failure;
}

int runNaCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty())
        throw cli::UsageError("missing subcommand: run, neighbors or bench (see --help)");
    const std::string& sub = args.front();
    if (sub == "--help" || sub == "-h" || sub == "help") {
        out << kNaHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "run")
        return runRun(rest, out);
    if (sub == "neighbors")
        return runNeighbors(rest, out);
    if (sub == "bench")
        return runBench(rest, out, err);
    throw cli::UsageError("unknown subcommand '" + sub + "' (run, neighbors or bench)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"na",
                       "Neighbourhood attention (NATTEN semantics): run on .npy, neighbourhoods, "
                       "benchmark",
                       runNaCommand});
