// `algoscope-cli rashomon`: Rashomon sets and ratios (Semenova, Rudin & Parr, FAccT 2022).
// `trees` counts a decision-tree space exactly by training error, `linear` estimates the ratio of
// linear classifiers by Monte Carlo (CPU or GPU), `curve` prints the Rashomon curve over depth
// with its elbow, `learners` compares the accuracy of several learners beside the log ratio,
// `sample` prints trees drawn uniformly from (or all of) a Rashomon set, `datasets` lists the
// bundled data. All print JSON.
#include "cli/Cli.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuRashomon.h"
#include "gpu/HeadlessContext.h"
#include "rashomon/Binarizer.h"
#include "rashomon/Dataset.h"
#include "rashomon/Learner.h"
#include "rashomon/LinearRashomon.h"
#include "rashomon/RashomonCurve.h"
#include "rashomon/TreeCounter.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <climits>
#include <cmath>
#include <ostream>
#include <sstream>

using namespace algoscope;

namespace {

constexpr const char* kHelp =
    "Usage: algoscope-cli rashomon <subcommand> [options]\n\n"
    "Rashomon sets: the models whose training loss is within theta of the best (Semenova,\n"
    "Rudin & Parr, FAccT 2022), and the Rashomon ratio |R(theta)| / |F|.\n\n"
    "Subcommands:\n"
    "  trees     exact count of a decision-tree space by training error; ratio, pattern ratio\n"
    "  linear    Monte Carlo ratio of linear classifiers (hyperplanes), CPU or --gpu\n"
    "  curve     best error, test error and log ratio against depth 1..D, with the elbow\n"
    "  learners  accuracy of logistic regression, CART, random forest and k-NN beside the log "
    "ratio\n"
    "  sample    trees drawn uniformly from a Rashomon set, or the whole set when small\n"
    "  datasets  the bundled data sets\n\n"
    "--data takes a CSV file or a bundled name (iris, wine, breast_cancer, monk1, monk2, monk3).\n"
    "Exit codes: 0 ok, 1 bad input or limit, 2 usage error, 3 no OpenGL 4.3 context (--gpu).\n"
    "Run 'algoscope-cli rashomon <subcommand> --help' for its options.\n";

constexpr const char* kDataHelp =
    "Data:\n"
    "  --data FILE|NAME     CSV (header row optional; scikit-learn's n,p,classes format too)\n"
    "                       or a bundled data set\n"
    "  --class COL          class column by name or 0-based index (default: the last)\n"
    "  --binarize SPEC      quantiles:K (default quantiles:4) or midpoints[:MAX]; 0/1 columns\n"
    "                       stay as they are\n"
    "  --test-fraction F    hold out this fraction (default 0 for trees/sample, 0.25 for\n"
    "                       curve/learners); --seed S fixes the split (default 1)\n";

constexpr const char* kTreesHelp =
    "Usage: algoscope-cli rashomon trees --data FILE.csv [--class COL] --depth D\n"
    "          [--space max-depth|full-depth] [--theta T | --theta-list T1,T2,...]\n"
    "          [--binarize quantiles:K] [--pattern-limit N] [--lambda L --eps E [--additive]]\n\n"
    "Counts every tree of the space exactly by training error (0-1 loss) with a dynamic\n"
    "programme over the point sets reaching each node. Prints JSON: n, p, classes, space,\n"
    "depth, best_errors, best_error, space_size and set_size (exact decimal strings),\n"
    "log10_space_size, log10_set_size, log10_ratio, ratio, pattern_set_size,\n"
    "pattern_space_size, pattern_ratio (exact distinct prediction vectors on the training\n"
    "points; null with a pattern_note when a node of the programme would examine more than\n"
    "--pattern-limit candidate vectors, default 20000000; 0 skips them), seconds (counting only),\n"
    "pattern_seconds. With --theta-list, \"results\" holds one\n"
    "object per theta. R(theta) = trees with error <= best + theta (theta as a fraction of n).\n\n"
    "  --space S      max-depth (default): depth <= D, each node a leaf or a split;\n"
    "                 full-depth: complete trees of depth exactly D (the space whose\n"
    "                 ratios the lab's reference sheet lists for MONK-2/3 at depth 3)\n"
    "  --lambda L     also count the penalised objective error/n + L*leaves (TreeFARMS);\n"
    "  --eps E        its bound (1+E)*optimum, or optimum+E with --additive\n\n";

constexpr const char* kLinearHelp =
    "Usage: algoscope-cli rashomon linear --data FILE.csv [--class COL] --theta T --samples N\n"
    "          [--seed S] [--gpu] [--threads T]\n\n"
    "Monte Carlo estimate of the Rashomon ratio of linear classifiers: directions uniform on\n"
    "the sphere of the standardised, bias-augmented feature space (two classes). Prints JSON:\n"
    "n, p, theta, samples, hits, ratio, ci_low, ci_high (95% Wilson interval), trustworthy\n"
    "(false when fewer than 30 hits), note, best_errors, device, seconds,\n"
    "evaluations_per_second (hyperplane-point pairs).\n\n";

constexpr const char* kCurveHelp =
    "Usage: algoscope-cli rashomon curve --data FILE.csv [--class COL] [--max-depth D]\n"
    "          [--space S] [--theta T] [--binarize SPEC] [--test-fraction F] [--seed S]\n\n"
    "The Rashomon curve: for depth 1..D (default 7) the best training error, the test error\n"
    "of a uniformly sampled optimal tree and log10 of the ratio at theta (default 0.05).\n"
    "Prints {\"points\": [{depth, train_error, test_error, log10_ratio, ...}], "
    "\"elbow_depth\"}.\n\n";

constexpr const char* kLearnersHelp =
    "Usage: algoscope-cli rashomon learners --data FILE.csv [--class COL] [--depth D]\n"
    "          [--theta T] [--binarize SPEC] [--test-fraction F] [--seed S]\n\n"
    "Trains logistic regression, CART (depth 6), a random forest (100 trees) and 5-NN on the\n"
    "same split and prints their train/test accuracy beside the log10 Rashomon ratio of the\n"
    "tree space (depth D, default 4) on the same training set.\n\n";

constexpr const char* kSampleHelp =
    "Usage: algoscope-cli rashomon sample --data FILE.csv --depth D [--theta T] [--count K]\n"
    "          [--all [--limit N]] [--space S] [--binarize SPEC] [--seed S]\n\n"
    "Prints K trees (default 5) drawn uniformly from the Rashomon set, or with --all every tree\n"
    "in it (refused with a clear message above --limit, default 10000), as text and JSON.\n\n";

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() +
                              "' (see --help)");
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<std::string> kDataOptions = {"data", "class", "binarize", "test-fraction",
                                               "seed"};

rashomon::TreeSpace parseSpace(const cli::Args& args) {
    const std::string s = args.option("space", "max-depth");
    if (s == "max-depth")
        return rashomon::TreeSpace::MaxDepth;
    if (s == "full-depth")
        return rashomon::TreeSpace::FullDepth;
    throw cli::UsageError("option --space expects max-depth or full-depth, got '" + s + "'");
}

const char* spaceName(rashomon::TreeSpace s) {
    return s == rashomon::TreeSpace::MaxDepth ? "max-depth" : "full-depth";
}

struct Loaded {
    rashomon::Dataset all;
    rashomon::Split split;
    rashomon::BinarizeSpec spec;
    rashomon::BinaryData train, test;
    std::uint64_t seed = 1;
};

Loaded loadData(const cli::Args& args, double defaultTestFraction, bool needBinary = true) {
    const auto data = args.option("data");
    if (!data)
        throw cli::UsageError("missing --data FILE.csv (or a bundled name: iris, wine, "
                              "breast_cancer, monk1, monk2, monk3)");
    Loaded l;
    rashomon::CsvOptions opt;
    opt.classColumn = args.option("class", "");
    l.all = rashomon::loadDataset(*data, opt);
    l.seed = static_cast<std::uint64_t>(args.intOption("seed", 1, 0, LLONG_MAX));
    const double tf = args.doubleOption("test-fraction", defaultTestFraction, 0.0, 0.9);
    l.split = tf > 0 ? rashomon::trainTestSplit(l.all, tf, l.seed)
                     : rashomon::Split{l.all, l.all.subset({})};
    if (needBinary) {
        try {
            l.spec = rashomon::BinarizeSpec::parse(args.option("binarize", "quantiles:4"));
        } catch (const util::Error& e) {
            throw cli::UsageError(e.what());
        }
        const auto features = rashomon::learnBinaryFeatures(l.split.train, l.spec);
        l.train = rashomon::applyBinaryFeatures(l.split.train, features);
        l.test = rashomon::applyBinaryFeatures(l.split.test, features);
    }
    return l;
}

std::vector<double> parseThetas(const cli::Args& args) {
    if (args.option("theta") && args.option("theta-list"))
        throw cli::UsageError("give --theta or --theta-list, not both");
    std::vector<double> out;
    if (auto list = args.option("theta-list")) {
        std::stringstream ss(*list);
        std::string item;
        while (std::getline(ss, item, ',')) {
            char* end = nullptr;
            const double v = std::strtod(item.c_str(), &end);
            if (item.empty() || *end != '\0' || !(v >= 0) || !std::isfinite(v) || v > 1)
                throw cli::UsageError("option --theta-list expects numbers in [0, 1] separated "
                                      "by commas, got '" +
                                      item + "'");
            out.push_back(v);
        }
        if (out.empty())
            throw cli::UsageError("option --theta-list is empty");
    } else {
        out.push_back(args.doubleOption("theta", 0.05, 0.0, 1.0));
    }
    return out;
}

nlohmann::json number(double v) {
    if (!std::isfinite(v))
        return nullptr;
    return v;
}

int runTrees(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv,
                   with(kDataOptions, {"space", "depth", "theta", "theta-list", "pattern-limit",
                                       "lambda", "eps"}),
                   {"help", "additive"});
    if (args.flag("help")) {
        out << kTreesHelp << kDataHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    if (!args.option("depth"))
        throw cli::UsageError("missing --depth D");
    const int depth = int(args.intOption("depth", 3, 0, rashomon::kMaxTreeDepth));
    const auto space = parseSpace(args);
    const auto thetas = parseThetas(args);
    const auto patternLimit =
        static_cast<std::size_t>(args.intOption("pattern-limit", 20'000'000, 0, 2'000'000'000));
    const Loaded l = loadData(args, 0.0);

    const auto t0 = std::chrono::steady_clock::now();
    rashomon::TreeCounter tc(l.train, space, depth);
    nlohmann::json j;
    j["dataset"] = l.all.name;
    j["n"] = l.train.rows();
    j["p"] = l.train.cols();
    j["classes"] = l.train.classes();
    j["binarize"] = l.spec.toString();
    j["space"] = spaceName(space);
    j["depth"] = depth;
    j["best_errors"] = tc.bestErrors();
    j["best_error"] = double(tc.bestErrors()) / double(l.train.rows());
    j["space_size"] = tc.spaceSize().get_str();
    j["log10_space_size"] = tc.log10SpaceSize();
    j["states"] = tc.states();
    nlohmann::json results = nlohmann::json::array();
    double patternSeconds = 0;
    for (double theta : thetas) {
        const int E = rashomon::maxErrorsFor(tc.bestErrors(), theta, l.train.rows());
        nlohmann::json r;
        r["theta"] = theta;
        r["max_errors"] = E;
        r["set_size"] = tc.exactSetSize(E).get_str();
        r["log10_set_size"] = tc.log10SetSize(E);
        r["log10_ratio"] = tc.log10Ratio(E);
        r["ratio"] = number(std::pow(10.0, tc.log10Ratio(E)));
        if (patternLimit > 0) {
            const auto p0 = std::chrono::steady_clock::now();
            const auto pc = tc.patternCounts(E, patternLimit);
            patternSeconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();
            r["pattern_set_size"] = pc.inSet ? nlohmann::json(*pc.inSet) : nlohmann::json();
            r["pattern_space_size"] = pc.inSpace ? nlohmann::json(*pc.inSpace) : nlohmann::json();
            r["pattern_ratio"] = pc.inSet && pc.inSpace
                                     ? nlohmann::json(double(*pc.inSet) / double(*pc.inSpace))
                                     : nlohmann::json();
            if (!pc.note.empty())
                r["pattern_note"] = pc.note;
        } else {
            r["pattern_ratio"] = nullptr;
        }
        results.push_back(r);
    }
    if (auto lambda = args.option("lambda")) {
        const double lam = args.doubleOption("lambda", 0.05, 1e-9, 1.0);
        const double eps = args.doubleOption("eps", 0.05, 0.0, 10.0);
        const auto pc =
            rashomon::countPenalised(l.train, space, depth, lam, eps, !args.flag("additive"));
        j["penalised"] = {
            {"lambda", lam},
            {"eps", eps},
            {"bound", args.flag("additive") ? "additive" : "multiplicative"},
            {"best_objective", pc.bestObjective},
            {"objective_bound", pc.bound},
            {"set_size", pc.exactSetSize.get_str()},
            {"log10_ratio", double(std::log10(pc.setSize) - std::log10(pc.spaceSize))}};
    }
    // Counting only; the pattern counts (which may give up at their limit) are timed apart.
    j["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() -
                   patternSeconds;
    j["pattern_seconds"] = patternSeconds;
    if (thetas.size() == 1 && !args.option("theta-list")) {
        for (auto& [k, v] : results[0].items())
            j[k] = v;
    } else {
        j["results"] = results;
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runLinear(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, with(kDataOptions, {"theta", "samples", "threads"}), {"help", "gpu"});
    if (args.flag("help")) {
        out << kLinearHelp << kDataHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    if (!args.option("samples"))
        throw cli::UsageError("missing --samples N");
    const double theta = args.doubleOption("theta", 0.05, 0.0, 1.0);
    const auto samples = static_cast<std::uint64_t>(
        args.intOption("samples", 100000, 1, (long long)rashomon::kMaxLinearSamples));
    const int threads = int(args.intOption("threads", 0, 0, 4096));
    const Loaded l = loadData(args, 0.0, false);
    const auto& train = l.split.train;

    std::unique_ptr<gpu::HeadlessContext> context;
    std::unique_ptr<gpu::GpuRashomon> kernel;
    rashomon::DirectionEvaluator evaluator;
    std::string device = "cpu";
    double kernelSeconds = 0;
    if (args.flag("gpu")) {
        std::string why;
        context = gpu::HeadlessContext::create(&why);
        if (!context)
            throw cli::NoGpuError("--gpu needs an OpenGL 4.3 context: " + why);
        kernel = std::make_unique<gpu::GpuRashomon>(rashomon::augment(train));
        device = gpu::GpuCaps::probe().renderer();
        evaluator = [&](const float* d, std::size_t c, std::uint32_t* e) {
            kernel->evaluate(d, c, e);
            kernelSeconds += std::max(0.0, kernel->lastKernelSeconds());
        };
    }
    const auto est =
        rashomon::estimateLinearRatio(train, theta, samples, l.seed, {}, evaluator, threads,
                                      args.flag("gpu") ? std::size_t(1) << 18 : 4096);
    nlohmann::json j;
    j["dataset"] = l.all.name;
    j["n"] = train.rows();
    j["p"] = train.cols();
    j["theta"] = theta;
    j["samples"] = est.samples;
    j["hits"] = est.hits;
    j["ratio"] = est.ratio;
    j["ci_low"] = est.interval.lo;
    j["ci_high"] = est.interval.hi;
    j["log10_ratio"] = number(std::log10(est.ratio));
    j["trustworthy"] = est.trustworthy;
    j["note"] = est.note;
    j["best_errors"] = est.bestErrors;
    j["best_error"] = double(est.bestErrors) / double(train.rows());
    j["max_errors"] = est.maxErrors;
    j["device"] = device;
    j["seconds"] = est.seconds;
    j["evaluations_per_second"] =
        est.seconds > 0 ? double(est.samples) * double(train.rows()) / est.seconds : 0.0;
    if (kernel)
        j["kernel_seconds"] = kernelSeconds;
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runCurve(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, with(kDataOptions, {"space", "max-depth", "theta"}), {"help"});
    if (args.flag("help")) {
        out << kCurveHelp << kDataHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const int maxDepth = int(args.intOption("max-depth", 7, 1, rashomon::kMaxTreeDepth));
    const double theta = args.doubleOption("theta", 0.05, 0.0, 1.0);
    const auto space = parseSpace(args);
    const Loaded l = loadData(args, 0.25);
    const auto curve = rashomon::rashomonCurve(l.train, l.test, space, maxDepth, theta, l.seed);
    nlohmann::json pts = nlohmann::json::array();
    for (const auto& p : curve.points)
        pts.push_back({{"depth", p.depth},
                       {"best_errors", p.bestErrors},
                       {"train_error", p.trainError},
                       {"test_error", number(p.testError)},
                       {"log10_ratio", p.log10Ratio},
                       {"log10_set_size", p.log10SetSize},
                       {"log10_space_size", p.log10SpaceSize},
                       {"seconds", p.seconds}});
    nlohmann::json j = {
        {"dataset", l.all.name},
        {"n_train", l.train.rows()},
        {"n_test", l.test.rows()},
        {"p", l.train.cols()},
        {"space", spaceName(space)},
        {"theta", theta},
        {"binarize", l.spec.toString()},
        {"points", pts},
        {"elbow_depth", curve.elbow >= 0
                            ? nlohmann::json(curve.points[std::size_t(curve.elbow)].depth)
                            : nlohmann::json()}};
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runLearners(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, with(kDataOptions, {"space", "depth", "theta"}), {"help"});
    if (args.flag("help")) {
        out << kLearnersHelp << kDataHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const int depth = int(args.intOption("depth", 4, 1, rashomon::kMaxTreeDepth));
    const double theta = args.doubleOption("theta", 0.05, 0.0, 1.0);
    const auto space = parseSpace(args);
    const Loaded l = loadData(args, 0.25);
    nlohmann::json learners = nlohmann::json::array();
    for (const auto& name : rashomon::learnerNames()) {
        auto learner = rashomon::makeLearner(name, l.seed);
        learner->fit(l.split.train);
        learners.push_back(
            {{"name", name},
             {"train_accuracy", learner->accuracy(l.split.train)},
             {"test_accuracy",
              l.split.test.rows() ? number(learner->accuracy(l.split.test)) : nlohmann::json()}});
    }
    rashomon::TreeCounter tc(l.train, space, depth);
    const int E = rashomon::maxErrorsFor(tc.bestErrors(), theta, l.train.rows());
    nlohmann::json j = {{"dataset", l.all.name},
                        {"n_train", l.split.train.rows()},
                        {"n_test", l.split.test.rows()},
                        {"learners", learners},
                        {"tree_space", spaceName(space)},
                        {"depth", depth},
                        {"theta", theta},
                        {"best_tree_error", double(tc.bestErrors()) / double(l.train.rows())},
                        {"log10_ratio", tc.log10Ratio(E)}};
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runSample(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, with(kDataOptions, {"space", "depth", "theta", "count", "limit"}),
                   {"help", "all"});
    if (args.flag("help")) {
        out << kSampleHelp << kDataHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    if (!args.option("depth"))
        throw cli::UsageError("missing --depth D");
    const int depth = int(args.intOption("depth", 3, 0, rashomon::kMaxTreeDepth));
    const double theta = args.doubleOption("theta", 0.05, 0.0, 1.0);
    const auto count = static_cast<std::size_t>(args.intOption("count", 5, 1, 100000));
    const auto limit = static_cast<std::size_t>(args.intOption("limit", 10000, 1, 1000000));
    const auto space = parseSpace(args);
    const Loaded l = loadData(args, 0.0);
    rashomon::TreeCounter tc(l.train, space, depth);
    const int E = rashomon::maxErrorsFor(tc.bestErrors(), theta, l.train.rows());
    std::vector<rashomon::Tree> trees;
    if (args.flag("all")) {
        trees = tc.enumerate(E, limit);
    } else {
        util::Rng rng(l.seed);
        for (std::size_t i = 0; i < count; ++i)
            trees.push_back(tc.sample(E, rng));
    }
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& t : trees)
        arr.push_back({{"errors", t.errors(l.train)},
                       {"leaves", t.leaves()},
                       {"depth", t.depth()},
                       {"key", t.key()},
                       {"text", t.toText(l.train)}});
    nlohmann::json j = {{"dataset", l.all.name},
                        {"space", spaceName(space)},
                        {"depth", depth},
                        {"theta", theta},
                        {"best_errors", tc.bestErrors()},
                        {"max_errors", E},
                        {"set_size", tc.exactSetSize(E).get_str()},
                        {"mode", args.flag("all") ? "all" : "uniform sample"},
                        {"trees", arr}};
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runDatasets(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {}, {"help"});
    if (args.flag("help")) {
        out << "Usage: algoscope-cli rashomon datasets\n\nLists the bundled data sets as JSON.\n";
        return cli::Ok;
    }
    rejectPositionals(args);
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& name : rashomon::bundledDatasetNames()) {
        const auto d = rashomon::bundledDataset(name);
        arr.push_back({{"name", name},
                       {"rows", d.rows()},
                       {"features", d.featureNames},
                       {"classes", d.classNames}});
    }
    out << arr.dump(2) << "\n";
    return cli::Ok;
}

int runRashomonCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream&) {
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
        out << kHelp;
        return argv.empty() ? cli::Usage : cli::Ok;
    }
    const std::string sub = argv[0];
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (sub == "trees")
        return runTrees(rest, out);
    if (sub == "linear")
        return runLinear(rest, out);
    if (sub == "curve")
        return runCurve(rest, out);
    if (sub == "learners")
        return runLearners(rest, out);
    if (sub == "sample")
        return runSample(rest, out);
    if (sub == "datasets")
        return runDatasets(rest, out);
    throw cli::UsageError("unknown subcommand '" + sub +
                          "' (expected trees, linear, curve, learners, sample or datasets)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"rashomon",
                       "Rashomon sets: exact tree counts, linear Monte Carlo, curve, learners",
                       runRashomonCommand});
