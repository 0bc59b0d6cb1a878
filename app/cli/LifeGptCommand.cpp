// `algoscope-cli lifegpt`: the LifeGPT predictor headless. `train` trains a model with our own
// trainer and writes it as safetensors (with its training configuration in the metadata),
// `eval` measures cell and board accuracy on held-out boards by initial density, `predict`
// predicts the next state of a board (or an ARAR rollout of K steps) and writes it as RLE.
#include "cli/Cli.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuLifeGpt.h"
#include "gpu/HeadlessContext.h"
#include "life/PatternFile.h"
#include "life/RuleSpec.h"
#include "lifegpt/LifeGpt.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <ostream>
#include <sstream>

using namespace algoscope;

namespace {

constexpr const char* kHelp =
    "Usage: algoscope-cli lifegpt <subcommand> [options]\n\n"
    "A LifeGPT-style transformer that learns the Game of Life (B3/S23 on a torus) from "
    "examples.\n\n"
    "Subcommands:\n"
    "  train     train a model with algoscope's trainer; write MODEL.safetensors\n"
    "  eval      cell and board accuracy on held-out boards, by initial density (JSON)\n"
    "  predict   predict the next state of a board, or roll out K steps (ARAR)\n\n"
    "Exit codes: 0 ok, 1 bad input (file, model, sizes), 2 usage error.\n";

constexpr const char* kTrainHelp =
    "Usage: algoscope-cli lifegpt train --grid N --out MODEL.safetensors [--layers L] [--heads H]\n"
    "           [--dim D] [--steps S] [--batch B] [--lr LR] [--warmup W] [--data broad|high]\n"
    "           [--seed S] [--threads T] [--checkpoint FILE [--resume]] [--quiet]\n\n"
    "Trains on random N x N torus boards (labels from the bit-packed Life engine) with teacher\n"
    "forcing, AdamW, warm-up then cosine decay, gradient clipping at 1. Prints progress lines on\n"
    "stderr and a JSON summary (steps, seconds, final loss, teacher-forced accuracy) on stdout.\n\n"
    "  --grid N          board side, 2..64 (sequence length 2N^2+3)\n"
    "  --layers L        transformer blocks (default 2)\n"
    "  --heads H         attention heads (default 4)\n"
    "  --dim D           width (default 64; D/H must be even)\n"
    "  --steps S         optimiser steps (default 2000)\n"
    "  --batch B         boards per step (default 16)\n"
    "  --lr LR           peak learning rate (default 1e-3)\n"
    "  --warmup W        warm-up steps (default 100)\n"
    "  --data MODE       broad: density uniform in [0,1] per board (default); high: 0.5\n"
    "  --seed S          seed for initialisation and data (default 1)\n"
    "  --checkpoint F    write a resumable checkpoint every 500 steps and at the end\n"
    "  --resume          continue from --checkpoint F\n";

constexpr const char* kEvalHelp =
    "Usage: algoscope-cli lifegpt eval --model M [--boards N] [--seed S] [--engine cpu|gpu]\n\n"
    "Greedy predictions on N held-out test boards (default 1000) whose densities are spread\n"
    "evenly over ten bins [0,0.1) .. [0.9,1]. Prints JSON: cell_accuracy, board_accuracy,\n"
    "by_density (one object per bin), seconds. --engine gpu decodes with OpenGL 4.3 compute\n"
    "shaders (the same greedy decoding; exit code 3 when no context can be made).\n";

constexpr const char* kPredictHelp =
    "Usage: algoscope-cli lifegpt predict --model M --in BOARD.rle [--steps K]\n"
    "           [--temperature T] [--seed S] --out OUT.rle [--json]\n\n"
    "Predicts the next state of the board (its size must be the model's grid). K > 1 is an\n"
    "'autoregressive autoregressor' rollout: each prediction is fed back as the next input; the\n"
    "output holds the last predicted board. --json prints per-step accuracy against true Life.\n";

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() + "'");
}

std::string command(const std::vector<std::string>& argv) {
    std::string s = "algoscope-cli lifegpt";
    for (const std::string& a : argv)
        s += " " + a;
    return s;
}

int runTrain(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv,
                   {"grid", "out", "layers", "heads", "dim", "steps", "batch", "lr", "warmup",
                    "data", "seed", "threads", "checkpoint"},
                   {"help", "resume", "quiet"});
    if (args.flag("help")) {
        out << kTrainHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto outPath = args.option("out");
    if (!args.option("grid") || !outPath)
        throw cli::UsageError("--grid and --out are required");
    lifegpt::TrainConfig c;
    c.grid = int(args.intOption("grid", 8, 2, 64));
    c.net.layers = int(args.intOption("layers", 2, 1, 64));
    c.net.heads = int(args.intOption("heads", 4, 1, 64));
    c.net.dim = int(args.intOption("dim", 64, 2, 4096));
    c.steps = int(args.intOption("steps", 2000, 1, 10000000));
    c.batch = int(args.intOption("batch", 16, 1, 4096));
    c.lr = args.doubleOption("lr", 1e-3, 1e-7, 0.5);
    c.warmup = int(args.intOption("warmup", 100, 1, 10000000));
    c.data = lifegpt::parseDataMode(args.option("data", "broad"));
    c.seed = std::uint64_t(args.intOption("seed", 1, 0, (1LL << 53)));
    c.threads = int(args.intOption("threads", 0, 0, 1024));
    const std::string checkpoint = args.option("checkpoint", "");
    if (args.flag("resume") && checkpoint.empty())
        throw cli::UsageError("--resume needs --checkpoint FILE");

    lifegpt::Trainer trainer(c);
    if (args.flag("resume"))
        trainer.resume(checkpoint);
    const bool quiet = args.flag("quiet");
    lifegpt::TrainProgress last;
    trainer.run(
        [&](const lifegpt::TrainProgress& p) {
            last = p;
            if (!quiet && (p.step % 50 == 0 || p.step == p.steps))
                err << "lifegpt train: step " << p.step << "/" << p.steps << " loss "
                    << std::setprecision(4) << p.loss << " acc " << std::setprecision(5)
                    << p.cellAccuracy << " " << std::setprecision(3) << p.tokensPerSecond
                    << " tokens/s eta " << std::fixed << std::setprecision(0) << p.etaSeconds
                    << " s" << std::defaultfloat << "\n";
        },
        {}, checkpoint);
    nn::Metadata meta = lifegpt::trainMetadata(c);
    meta["train.command"] = command(argv);
    std::ostringstream secs;
    secs << std::fixed << std::setprecision(1) << last.elapsedSeconds;
    meta["train.seconds"] = secs.str();
    meta["train.final_loss"] = std::to_string(last.loss);
    trainer.model().setMetadata(meta);
    trainer.model().save(*outPath);
    nlohmann::json j = {{"grid", c.grid},
                        {"parameters", nn::parameterCount(trainer.model().net().parameters())},
                        {"steps", last.step},
                        {"seconds", last.elapsedSeconds},
                        {"final_loss", last.loss},
                        {"final_teacher_forced_accuracy", last.cellAccuracy},
                        {"tokens_per_second", last.tokensPerSecond},
                        {"out", *outPath}};
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runEval(const std::vector<std::string>& argv, std::ostream& out, std::ostream&) {
    cli::Args args(argv, {"model", "boards", "seed", "engine"}, {"help"});
    if (args.flag("help")) {
        out << kEvalHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto modelPath = args.option("model");
    if (!modelPath)
        throw cli::UsageError("--model is required");
    const int boards = int(args.intOption("boards", 1000, 1, 1000000));
    const std::uint64_t seed = std::uint64_t(args.intOption("seed", 12345, 0, (1LL << 53)));
    const std::string engine = args.option("engine", "cpu");
    if (engine != "cpu" && engine != "gpu")
        throw cli::UsageError("option --engine expects cpu or gpu, got '" + engine + "'");
    const lifegpt::LifeGptModel model = lifegpt::LifeGptModel::load(*modelPath);
    // The GPU decoder lives in its context (destroyed after it).
    std::unique_ptr<gpu::HeadlessContext> context;
    std::unique_ptr<gpu::GpuLifeGpt> decoder;
    lifegpt::BatchPredictor predictor;
    std::string renderer;
    if (engine == "gpu") {
        std::string why;
        context = gpu::HeadlessContext::create(&why);
        if (!context)
            throw cli::NoGpuError("--engine gpu needs an OpenGL 4.3 context: " + why);
        decoder = std::make_unique<gpu::GpuLifeGpt>(model);
        renderer = gpu::GpuCaps::probe().renderer();
        predictor = [&decoder](const std::vector<life::Board>& boards,
                               const util::TaskContext& ctx) {
            return decoder->predict(boards, ctx);
        };
    }
    const lifegpt::Evaluation ev = lifegpt::evaluate(model, boards, seed, {}, predictor);
    nlohmann::json bins = nlohmann::json::array();
    for (const lifegpt::DensityBin& b : ev.byDensity)
        bins.push_back({{"density_from", b.lo},
                        {"density_to", b.hi},
                        {"boards", b.boards},
                        {"cell_accuracy", b.cellAccuracy()},
                        {"board_accuracy", b.boardAccuracy()}});
    nlohmann::json j = {{"model", *modelPath},
                        {"grid", model.grid()},
                        {"boards", ev.boards},
                        {"seed", seed},
                        {"cell_accuracy", ev.cellAccuracy()},
                        {"board_accuracy", ev.boardAccuracy()},
                        {"by_density", bins},
                        {"engine", engine},
                        {"seconds", ev.seconds}};
    if (!renderer.empty())
        j["renderer"] = renderer;
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runPredict(const std::vector<std::string>& argv, std::ostream& out, std::ostream&) {
    cli::Args args(argv, {"model", "in", "out", "steps", "temperature", "seed"}, {"help", "json"});
    if (args.flag("help")) {
        out << kPredictHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const auto modelPath = args.option("model");
    const auto in = args.option("in");
    const auto outPath = args.option("out");
    if (!modelPath || !in || !outPath)
        throw cli::UsageError("--model, --in and --out are required");
    const int steps = int(args.intOption("steps", 1, 1, 100000));
    const double temperature = args.doubleOption("temperature", 0.0, 0.0, 100.0);
    const std::uint64_t seed = std::uint64_t(args.intOption("seed", 1, 0, (1LL << 53)));
    const lifegpt::LifeGptModel model = lifegpt::LifeGptModel::load(*modelPath);
    const life::Pattern pattern = life::readPatternFile(*in);
    // A pattern smaller than the grid (an RLE without a :T suffix) is centred on the torus.
    life::Board board = pattern.cells;
    if (int(board.width()) != model.grid() || int(board.height()) != model.grid()) {
        if (int(board.width()) > model.grid() || int(board.height()) > model.grid())
            throw util::Error("the pattern is " + std::to_string(board.width()) + "x" +
                              std::to_string(board.height()) + " but the model predicts " +
                              std::to_string(model.grid()) + "x" + std::to_string(model.grid()) +
                              " boards");
        life::Board placed{std::uint64_t(model.grid()), std::uint64_t(model.grid())};
        placed.paste(board, (model.grid() - int(board.width())) / 2,
                     (model.grid() - int(board.height())) / 2);
        board = std::move(placed);
    }
    const lifegpt::Rollout r = lifegpt::rollout(model, board, steps, temperature, seed);
    life::Pattern result;
    result.cells = r.predicted.back();
    result.rule.rule = life::Rule::parse("B3/S23");
    result.rule.grid = life::GridSpec{life::Topology::Torus, std::uint32_t(model.grid()),
                                      std::uint32_t(model.grid())};
    result.comments.push_back("LifeGPT prediction, step " + std::to_string(steps) + ", model " +
                              *modelPath);
    life::writePatternFile(*outPath, result);
    if (args.flag("json")) {
        nlohmann::json acc = r.cellAccuracy;
        nlohmann::json j = {
            {"steps", steps},
            {"cell_accuracy", acc},
            {"first_error_step", r.firstError ? nlohmann::json(*r.firstError) : nlohmann::json()},
            {"out", *outPath}};
        out << j.dump(2) << "\n";
    }
    return cli::Ok;
}

int runLifeGpt(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (argv.empty())
        throw cli::UsageError("missing subcommand: train, eval or predict (see --help)");
    if (argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
        out << kHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "train")
        return runTrain(rest, out, err);
    if (argv[0] == "eval")
        return runEval(rest, out, err);
    if (argv[0] == "predict")
        return runPredict(rest, out, err);
    throw cli::UsageError("unknown subcommand '" + argv[0] + "' (train, eval, predict)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"lifegpt", "LifeGPT: train, evaluate and run a transformer that learns Life",
                       runLifeGpt});
