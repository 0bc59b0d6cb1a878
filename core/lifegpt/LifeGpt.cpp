// [SECTION] tokens and data  [SECTION] model  [SECTION] evaluation  [SECTION] training
#include "lifegpt/LifeGpt.h"

#include "life/LifeEngine.h"
#include "nn/Loss.h"
#include "util/Allocator.h"
#include "util/Error.h"
#include "util/Safetensors.h"

#include <charconv>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>

namespace algoscope::lifegpt {

// [SECTION] tokens and data --------------------------------------------------------------------

namespace {

void checkSquare(const life::Board& b, int grid, const char* what) {
    if (int(b.width()) != grid || int(b.height()) != grid)
        throw util::Error(std::string(what) + " is " + std::to_string(b.width()) + "x" +
                          std::to_string(b.height()) + " but the model works on " +
                          std::to_string(grid) + "x" + std::to_string(grid) + " boards");
}

void appendBoard(std::vector<int>& seq, const life::Board& b) {
    for (std::uint32_t y = 0; y < b.height(); ++y)
        for (std::uint32_t x = 0; x < b.width(); ++x)
            seq.push_back(b.get(x, y) ? Alive : Dead);
}

constexpr int kMaxGrid = 64;

} // namespace

std::vector<int> encodePrompt(const life::Board& current) {
    std::vector<int> seq;
    seq.reserve(current.width() * current.height() + 2);
    seq.push_back(Start);
    appendBoard(seq, current);
    seq.push_back(Separator);
    return seq;
}

std::vector<int> encodePair(const life::Board& current, const life::Board& next) {
    std::vector<int> seq = encodePrompt(current);
    appendBoard(seq, next);
    seq.push_back(End);
    return seq;
}

life::Board lifeStep(const life::Board& board) {
    auto engine = life::makeCpuEngine("bitpacked");
    engine->setRule(life::Rule::parse("B3/S23"));
    engine->setTopology(life::Topology::Torus);
    engine->setThreads(1);
    engine->setBoard(board);
    engine->step(1);
    return engine->board();
}

DataMode parseDataMode(const std::string& text) {
    if (text == "broad")
        return DataMode::Broad;
    if (text == "high")
        return DataMode::High;
    throw util::Error("training data is 'broad' (density uniform in [0, 1]) or 'high' (density "
                      "0.5), not '" +
                      text + "'");
}

std::string toString(DataMode mode) {
    return mode == DataMode::Broad ? "broad" : "high";
}

life::Board randomBoardWithDensity(int grid, double density, util::Rng& rng) {
    life::Board b{std::uint64_t(grid), std::uint64_t(grid)};
    for (int y = 0; y < grid; ++y)
        for (int x = 0; x < grid; ++x)
            b.set(std::uint32_t(x), std::uint32_t(y), rng.bernoulli(density));
    return b;
}

life::Board randomBoard(int grid, DataMode mode, util::Rng& rng) {
    const double density = mode == DataMode::Broad ? rng.uniform01() : 0.5;
    return randomBoardWithDensity(grid, density, rng);
}

util::Rng splitRng(std::uint64_t seed, Split split, std::uint64_t index) {
    // Each (seed, split, index) gets its own SplitMix64-derived state: streams never overlap in
    // practice, and batch i of the training split is reproducible on its own (exact resume).
    const std::uint64_t tag = split == Split::Train        ? 0x747261696eULL
                              : split == Split::Validation ? 0x76616c6964ULL
                                                           : 0x74657374ULL;
    std::uint64_t s = seed ^ (tag * 0x9e3779b97f4a7c15ULL);
    std::uint64_t s2 = util::splitMix64(s) ^ (index * 0xbf58476d1ce4e5b9ULL);
    return util::Rng(util::splitMix64(s2));
}

// [SECTION] model ---------------------------------------------------------------------------------

LifeGptModel::LifeGptModel(int grid, const nn::TransformerConfig& config) : m_grid(grid) {
    if (grid < 2 || grid > kMaxGrid)
        throw util::LimitError("LifeGPT grid must be 2 to " + std::to_string(kMaxGrid) +
                               " cells wide, got " + std::to_string(grid));
    nn::TransformerConfig c = config;
    c.vocab = VocabSize;
    c.maxSeq = sequenceLength(grid);
    m_net = std::make_shared<nn::TransformerLM>(c);
}

LifeGptModel LifeGptModel::load(const std::string& path) {
    return fromFile(util::readSafetensors(path), path);
}

LifeGptModel LifeGptModel::fromFile(const util::SafetensorsFile& file, const std::string& path,
                                    std::uint64_t maxParameters) {
    const nn::Metadata& meta = file.metadata;
    auto it = meta.find("lifegpt.grid");
    if (it == meta.end())
        throw util::Error(path + " is not a LifeGPT model (no 'lifegpt.grid' in its metadata)");
    int grid = 0;
    const std::string& g = it->second;
    auto [end, ec] = std::from_chars(g.data(), g.data() + g.size(), grid);
    if (ec != std::errc() || end != g.data() + g.size())
        throw util::Error(path + ": 'lifegpt.grid' is not an integer");
    if (grid < 2 || grid > kMaxGrid)
        throw util::LimitError(path + ": grid " + g + " is outside 2.." + std::to_string(kMaxGrid));
    nn::Metadata withSeq = meta;
    withSeq["arch.max_seq"] = std::to_string(sequenceLength(grid));
    const nn::TransformerConfig config =
        nn::TransformerConfig::fromMetadata(withSeq, maxParameters);
    if (config.vocab != VocabSize)
        throw util::Error(path + ": vocabulary of " + std::to_string(config.vocab) +
                          " tokens, LifeGPT models have " + std::to_string(VocabSize));
    LifeGptModel model(grid, config);
    nn::loadParameters(file, path, model.m_net->parameters());
    model.m_metadata = meta;
    return model;
}

void LifeGptModel::save(const std::string& path, const nn::Metadata& extra) const {
    nn::Metadata meta = m_metadata;
    for (const auto& [k, v] : m_net->config().toMetadata())
        meta[k] = v;
    meta["lifegpt.grid"] = std::to_string(m_grid);
    meta["lifegpt.rule"] = "B3/S23";
    meta["lifegpt.topology"] = "torus";
    meta["lifegpt.tokens"] = "0=dead 1=alive 2=start 3=separator 4=end; start board separator "
                             "next-board end, row-major";
    for (const auto& [k, v] : extra)
        meta[k] = v;
    nn::saveParameters(path, m_net->parameters(), meta);
}

void LifeGptModel::decodeChunk(const std::vector<life::Board>& boards, std::size_t first,
                               std::size_t n, double temperature, const std::uint64_t* seeds,
                               std::vector<Prediction>& out, const util::TaskContext& ctx) const {
    const int cells = m_grid * m_grid;
    std::vector<std::vector<int>> prompts;
    for (std::size_t i = 0; i < n; ++i)
        prompts.push_back(encodePrompt(boards[first + i]));
    std::vector<util::Rng> rngs;
    if (seeds)
        for (std::size_t i = 0; i < n; ++i)
            rngs.emplace_back(seeds[first + i]);
    nn::KvCache cache;
    nn::Matrix logits;
    std::vector<int> tokens(n);
    for (std::size_t t = 0; t < prompts[0].size(); ++t) {
        for (std::size_t i = 0; i < n; ++i)
            tokens[i] = prompts[i][t];
        logits = m_net->step(tokens, cache);
    }
    for (int c = 0; c < cells; ++c) {
        ctx.checkCancelled();
        // Finite weights can still overflow (a corrupt or diverged model): refuse to turn
        // infinities into a board.
        if (!logits.allFinite())
            throw util::Error("the model produced non-finite outputs (corrupt or diverged "
                              "weights)");
        for (std::size_t i = 0; i < n; ++i) {
            const Eigen::RowVectorXf row = logits.row(Eigen::Index(i));
            const float mx = row.maxCoeff();
            const Eigen::ArrayXf e = (row.array() - mx).exp().transpose();
            const float sum = e.sum();
            int token;
            if (temperature == 0.0) {
                token = row(Alive) > row(Dead) ? Alive : Dead;
            } else {
                // Sample between the two cell tokens at this temperature.
                const double a = double(row(Alive)) / temperature;
                const double d = double(row(Dead)) / temperature;
                const double pAlive = 1.0 / (1.0 + std::exp(d - a));
                token = !rngs.empty() && rngs[i].bernoulli(pAlive) ? Alive : Dead;
            }
            Prediction& p = out[first + i];
            p.board.set(std::uint32_t(c % m_grid), std::uint32_t(c / m_grid), token == Alive);
            p.confidence[std::size_t(c)] = e(token) / sum;
            tokens[i] = token;
        }
        if (c + 1 < cells)
            logits = m_net->step(tokens, cache);
    }
}

std::vector<LifeGptModel::Prediction> LifeGptModel::predict(const std::vector<life::Board>& boards,
                                                            double temperature, util::Rng* rng,
                                                            const util::TaskContext& ctx) const {
    for (const life::Board& b : boards)
        checkSquare(b, m_grid, "the board");
    if (!(temperature >= 0.0) || temperature > 100.0)
        throw util::Error("temperature must be in [0, 100]");
    const int cells = m_grid * m_grid;
    std::vector<Prediction> out(boards.size());
    for (Prediction& p : out) {
        p.board = life::Board{std::uint64_t(m_grid), std::uint64_t(m_grid)};
        p.confidence.assign(std::size_t(cells), 0.0f);
    }
    // Boards are split into chunks of at most 64 that share one KV cache (the prompt fed token by
    // token), and the chunks are shared among the OpenMP threads: one parallel region per call,
    // not one per token. Each thread decodes its chunk alone, so a board's prediction does not
    // depend on the thread count (and sampling draws come from a per-board stream).
    const std::size_t threads = std::size_t(std::max(1, omp_get_max_threads()));
    const std::size_t chunk =
        std::clamp<std::size_t>((boards.size() + threads - 1) / threads, 1, 64);
    const std::size_t chunks = (boards.size() + chunk - 1) / chunk;
    std::vector<std::exception_ptr> errors(chunks);
    std::atomic<std::size_t> done{0};
    // Sampling: one seed per board from the caller's generator, drawn before the threads start.
    std::vector<std::uint64_t> seeds(boards.size(), 0);
    if (temperature > 0.0 && rng)
        for (std::uint64_t& seed : seeds)
            seed = rng->nextU64();
#pragma omp parallel for schedule(dynamic) if (chunks > 1)
    for (std::size_t k = 0; k < chunks; ++k) {
        try {
            const std::size_t first = k * chunk;
            const std::size_t n = std::min(chunk, boards.size() - first);
            decodeChunk(boards, first, n, temperature, rng ? seeds.data() : nullptr, out, ctx);
            done += n;
            if (omp_get_thread_num() == 0)
                ctx.report(double(done.load()) / double(boards.size()));
        } catch (...) {
            errors[k] = std::current_exception();
        }
    }
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
    return out;
}

std::vector<float> LifeGptModel::attentionOnInput(const life::Board& current,
                                                  const life::Board& next, int layer, int head,
                                                  int outputCell) {
    checkSquare(current, m_grid, "the board");
    checkSquare(next, m_grid, "the predicted board");
    const int cells = m_grid * m_grid;
    if (layer < 0 || layer >= m_net->config().layers || head < 0 || head >= m_net->config().heads ||
        outputCell < 0 || outputCell >= cells)
        throw util::Error("attention: layer, head or cell out of range");
    std::vector<int> seq = encodePair(current, next);
    seq.pop_back(); // the model never reads the end token
    m_net->forward(seq, 1, int(seq.size()));
    // Output cell c is predicted at the position just before it: separator (cells + 1) + c.
    const nn::Matrix& p = m_net->attention(layer, 0, head);
    const int row = cells + 1 + outputCell;
    std::vector<float> weights(static_cast<std::size_t>(cells));
    for (int j = 0; j < cells; ++j)
        weights[std::size_t(j)] = p(row, 1 + j); // input cell j sits at position 1 + j
    return weights;
}

// [SECTION] evaluation ---------------------------------------------------------------------------

Evaluation evaluate(const LifeGptModel& model, int boards, std::uint64_t seed,
                    const util::TaskContext& ctx, const BatchPredictor& predictor) {
    if (boards < 1 || boards > 1000000)
        throw util::LimitError("evaluate 1 to 1,000,000 boards");
    const auto start = std::chrono::steady_clock::now();
    Evaluation ev;
    for (int b = 0; b < 10; ++b)
        ev.byDensity.push_back({b / 10.0, (b + 1) / 10.0});
    util::Rng rng = splitRng(seed, Split::Test);
    std::vector<life::Board> inputs;
    std::vector<int> bins;
    for (int i = 0; i < boards; ++i) {
        const int bin = i % 10;
        const double density = (bin + rng.uniform01()) / 10.0;
        inputs.push_back(randomBoardWithDensity(model.grid(), density, rng));
        bins.push_back(bin);
    }
    const std::size_t chunk = 64;
    for (std::size_t first = 0; first < inputs.size(); first += chunk) {
        ctx.checkCancelled();
        const std::vector<life::Board> part(
            inputs.begin() + std::ptrdiff_t(first),
            inputs.begin() + std::ptrdiff_t(std::min(inputs.size(), first + chunk)));
        const auto predictions =
            predictor ? predictor(part, ctx) : model.predict(part, 0.0, nullptr, ctx);
        if (predictions.size() != part.size())
            throw util::Error("the predictor returned the wrong number of boards");
        for (std::size_t i = 0; i < part.size(); ++i) {
            const life::Board truth = lifeStep(part[i]);
            std::size_t correct = 0;
            for (int y = 0; y < model.grid(); ++y)
                for (int x = 0; x < model.grid(); ++x)
                    correct += truth.get(std::uint32_t(x), std::uint32_t(y)) ==
                               predictions[i].board.get(std::uint32_t(x), std::uint32_t(y));
            const std::size_t cells = std::size_t(model.grid() * model.grid());
            DensityBin& bin = ev.byDensity[std::size_t(bins[first + i])];
            bin.boards += 1;
            bin.cells += cells;
            bin.cellsCorrect += correct;
            bin.boardsExact += correct == cells;
            ev.boards += 1;
            ev.cells += cells;
            ev.cellsCorrect += correct;
            ev.boardsExact += correct == cells;
        }
        ctx.report(double(std::min(inputs.size(), first + chunk)) / double(inputs.size()));
    }
    ev.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return ev;
}

Rollout rollout(const LifeGptModel& model, const life::Board& start, int steps, double temperature,
                std::uint64_t seed, const util::TaskContext& ctx) {
    if (steps < 1 || steps > 100000)
        throw util::LimitError("rollout 1 to 100,000 steps");
    checkSquare(start, model.grid(), "the starting board");
    util::Rng rng(seed);
    Rollout r;
    life::Board predicted = start, truth = start;
    for (int s = 1; s <= steps; ++s) {
        ctx.checkCancelled();
        predicted = model.predict({predicted}, temperature, &rng)[0].board;
        truth = lifeStep(truth);
        std::size_t correct = 0;
        for (int y = 0; y < model.grid(); ++y)
            for (int x = 0; x < model.grid(); ++x)
                correct += truth.get(std::uint32_t(x), std::uint32_t(y)) ==
                           predicted.get(std::uint32_t(x), std::uint32_t(y));
        const std::size_t cells = std::size_t(model.grid() * model.grid());
        r.cellAccuracy.push_back(double(correct) / double(cells));
        if (!r.firstError && correct != cells)
            r.firstError = s;
        r.predicted.push_back(predicted);
        r.truth.push_back(truth);
        ctx.report(double(s) / double(steps));
    }
    return r;
}

// [SECTION] training ---------------------------------------------------------------------------

nn::Metadata trainMetadata(const TrainConfig& c) {
    return {{"train.grid", std::to_string(c.grid)},
            {"train.data", toString(c.data)},
            {"train.steps", std::to_string(c.steps)},
            {"train.batch", std::to_string(c.batch)},
            {"train.lr", std::to_string(c.lr)},
            {"train.warmup", std::to_string(c.warmup)},
            {"train.weight_decay", std::to_string(c.weightDecay)},
            {"train.clip", std::to_string(c.clip)},
            {"train.seed", std::to_string(c.seed)}};
}

Trainer::Trainer(TrainConfig config) : m_config(config), m_model(config.grid, config.net) {
    if (config.steps < 1 || config.steps > 10000000)
        throw util::LimitError("training steps must be 1 to 10,000,000");
    if (config.batch < 1 || config.batch > 4096)
        throw util::LimitError("batch must be 1 to 4096 sequences");
    if (!(config.lr > 0.0 && config.lr < 1.0))
        throw util::Error("learning rate must be in (0, 1)");
    m_model.net().init(config.seed);
    m_opt = std::make_unique<nn::AdamW>(m_model.net().parameters(),
                                        nn::AdamWConfig{0.9, 0.95, 1e-8, config.weightDecay});
}

double Trainer::learningRate(int step) const {
    // Linear warm-up to lr, then cosine decay to lr/10 at the last step (GPT-style schedule).
    const double peak = m_config.lr;
    if (step < m_config.warmup)
        return peak * double(step + 1) / double(m_config.warmup);
    const double span = std::max(1, m_config.steps - m_config.warmup);
    const double progress = std::min(1.0, double(step - m_config.warmup) / span);
    return peak * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * progress)));
}

void Trainer::saveCheckpoint(const std::string& path) const {
    nn::Metadata meta = trainMetadata(m_config);
    meta["checkpoint.step"] = std::to_string(m_step);
    meta["checkpoint.adam_steps"] = std::to_string(m_opt->steps());
    for (const auto& [k, v] : m_model.net().config().toMetadata())
        meta[k] = v;
    meta["lifegpt.grid"] = std::to_string(m_config.grid);
    nn::saveParameters(path, const_cast<nn::TransformerLM&>(m_model.net()).parameters(), meta,
                       m_opt->state());
}

void Trainer::resume(const std::string& path) {
    const nn::LoadedFile loaded = nn::loadParameters(path, m_model.net().parameters(), true);
    auto get = [&](const char* key) {
        auto it = loaded.metadata.find(key);
        if (it == loaded.metadata.end())
            throw util::Error(path + " is not a training checkpoint (no '" + key + "')");
        return it->second;
    };
    const nn::Metadata mine = trainMetadata(m_config);
    for (const char* key : {"train.grid", "train.data", "train.batch", "train.seed"})
        if (get(key) != mine.at(key))
            throw util::Error(path + ": checkpoint was trained with " + key + " = " + get(key) +
                              ", not " + mine.at(key));
    m_step = std::stoi(get("checkpoint.step"));
    m_opt->setState(loaded.extra, std::stoll(get("checkpoint.adam_steps")));
}

void Trainer::run(const std::function<void(const TrainProgress&)>& onProgress,
                  const util::TaskContext& ctx, const std::string& checkpointPath,
                  int checkpointEvery) {
    const int grid = m_config.grid, cells = grid * grid;
    const int seq = sequenceLength(grid) - 1; // inputs: all but the end token
    const int batch = m_config.batch;
    if (m_config.threads > 0)
        omp_set_num_threads(m_config.threads);
    if (m_config.keepFreedMemory)
        util::keepFreedMemoryForReuse(); // the step's large temporaries stay in the heap
    nn::TransformerLM& net = m_model.net();
    const nn::ParameterList params = net.parameters();
    const auto start = std::chrono::steady_clock::now();
    const int firstStep = m_step;
    std::vector<int> tokens, targets;
    std::vector<float> weights;
    // m_step counts completed steps: progress callbacks and checkpoints see the finished count.
    while (m_step < m_config.steps) {
        ctx.checkCancelled();
        // Batch m_step of the training split: reproducible on its own, so resuming continues
        // with exactly the data an uninterrupted run would have seen.
        util::Rng rng = splitRng(m_config.seed, Split::Train, std::uint64_t(m_step));
        tokens.clear();
        targets.clear();
        weights.clear();
        for (int b = 0; b < batch; ++b) {
            const life::Board board = randomBoard(grid, m_config.data, rng);
            const std::vector<int> full = encodePair(board, lifeStep(board));
            for (int t = 0; t < seq; ++t) {
                tokens.push_back(full[std::size_t(t)]);
                targets.push_back(full[std::size_t(t + 1)]);
                // Count positions whose target is a next-board cell: t = cells+1 .. 2*cells.
                weights.push_back(t >= cells + 1 && t <= 2 * cells ? 1.0f : 0.0f);
            }
        }
        nn::Matrix dlogits;
        const nn::CrossEntropyResult ce =
            nn::softmaxCrossEntropy(net.forward(tokens, batch, seq), targets, weights, &dlogits);
        nn::zeroGrad(params);
        net.backward(dlogits);
        nn::clipGradNorm(params, m_config.clip);
        m_opt->step(learningRate(m_step));
        ++m_step;

        TrainProgress p;
        p.step = m_step;
        p.steps = m_config.steps;
        p.loss = ce.loss;
        p.cellAccuracy = ce.counted ? double(ce.correct) / double(ce.counted) : 0.0;
        p.elapsedSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double done = double(m_step - firstStep);
        p.tokensPerSecond = done * batch * seq / std::max(1e-9, p.elapsedSeconds);
        p.etaSeconds = p.elapsedSeconds / done * double(m_config.steps - m_step);
        if (onProgress)
            onProgress(p);
        ctx.report(double(m_step) / double(m_config.steps));
        if (!checkpointPath.empty() && checkpointEvery > 0 && m_step % checkpointEvery == 0 &&
            m_step < m_config.steps)
            saveCheckpoint(checkpointPath);
    }
    if (!checkpointPath.empty())
        saveCheckpoint(checkpointPath);
}

} // namespace algoscope::lifegpt
