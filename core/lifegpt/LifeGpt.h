#pragma once
// LifeGPT (Berkovich & Buehler, lamm-mit/LifeGPT): a decoder-only transformer that learns the
// Game of Life on a torus from examples, told nothing about the grid or the wrap-around.
//
// Our tokenisation (a small vocabulary instead of LifeGPT's 256 bytes; the structure is the same):
//   0 = dead cell, 1 = live cell, 2 = start, 3 = separator, 4 = end.
//   sequence = start, current board (row-major, N*N cells), separator, next board, end
// so a sequence has 2*N*N + 3 tokens. Training uses teacher forcing and counts the loss only where
// the target is a cell of the next board. Inference feeds the prompt (start .. separator) and
// generates N*N cell tokens; a cell is the likelier of tokens 0 and 1 (temperature 0) or is
// sampled from the two (temperature > 0), so the output is always a board.
#include "life/Board.h"
#include "nn/AdamW.h"
#include "nn/Checkpoint.h"
#include "nn/Transformer.h"
#include "util/Rng.h"
#include "util/TaskContext.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace algoscope::lifegpt {

enum Token : int { Dead = 0, Alive = 1, Start = 2, Separator = 3, End = 4, VocabSize = 5 };

inline int sequenceLength(int grid) {
    return 2 * grid * grid + 3;
}

/// The full training sequence for a board and its successor (both grid x grid).
std::vector<int> encodePair(const life::Board& current, const life::Board& next);
/// The prompt: start, board, separator.
std::vector<int> encodePrompt(const life::Board& current);

/// The next generation of B3/S23 on a torus, computed by the bit-packed engine (the label).
life::Board lifeStep(const life::Board& board);

enum class DataMode { Broad, High };
DataMode parseDataMode(const std::string& text); // "broad" | "high", util::Error otherwise
std::string toString(DataMode mode);

/// A random torus board: Broad draws the live-cell density uniformly from [0, 1] per board (the
/// paper's "broad entropy"), High uses density 0.5 ("high entropy").
life::Board randomBoard(int grid, DataMode mode, util::Rng& rng);
/// A board of a given density (each cell alive with probability density).
life::Board randomBoardWithDensity(int grid, double density, util::Rng& rng);

/// Fixed, disjoint random streams for the splits: the same seed always gives the same boards.
enum class Split { Train, Validation, Test };
util::Rng splitRng(std::uint64_t seed, Split split, std::uint64_t index = 0);

/// A LifeGPT model: the transformer plus its grid size and provenance metadata.
class LifeGptModel {
public:
    LifeGptModel(int grid, const nn::TransformerConfig& config);
    /// Reads a model file (safetensors + metadata); util::Error for a file that is not a LifeGPT
    /// model, has the wrong shapes or holds non-finite weights.
    static LifeGptModel load(const std::string& path);
    /// The same from a parsed file (label names it in messages). maxParameters bounds the model
    /// the metadata may ask for before anything is allocated.
    static LifeGptModel
    fromFile(const util::SafetensorsFile& file, const std::string& label,
             std::uint64_t maxParameters = nn::TransformerConfig::kMaxParameters);
    void save(const std::string& path, const nn::Metadata& extra = {}) const;

    /// A deep copy (copies share the network otherwise).
    LifeGptModel clone() const {
        LifeGptModel m(*this);
        m.m_net = std::make_shared<nn::TransformerLM>(*m_net);
        return m;
    }
    int grid() const { return m_grid; }
    nn::TransformerLM& net() { return *m_net; }
    const nn::TransformerLM& net() const { return *m_net; }
    const nn::Metadata& metadata() const { return m_metadata; }
    void setMetadata(nn::Metadata m) { m_metadata = std::move(m); }

    struct Prediction {
        life::Board board;
        std::vector<float> confidence; // probability of the chosen token, per cell (row-major)
    };
    /// Predicts the next state of each board (all grid x grid; util::Error otherwise, naming the
    /// sizes). temperature 0 = greedy; rng used only when temperature > 0.
    std::vector<Prediction> predict(const std::vector<life::Board>& boards, double temperature,
                                    util::Rng* rng, const util::TaskContext& ctx = {}) const;

    /// Attention of one generated cell on the cells of the input board, for one layer and head:
    /// the full sequence (prompt + the given next board) is run once; returns grid*grid weights.
    std::vector<float> attentionOnInput(const life::Board& current, const life::Board& next,
                                        int layer, int head, int outputCell);

private:
    /// Greedy or sampled decoding of boards [first, first + n) with one KV cache, writing
    /// out[first ..]; seeds (one per board, or null for greedy) seed each board's sampler.
    void decodeChunk(const std::vector<life::Board>& boards, std::size_t first, std::size_t n,
                     double temperature, const std::uint64_t* seeds, std::vector<Prediction>& out,
                     const util::TaskContext& ctx) const;

    int m_grid;
    std::shared_ptr<nn::TransformerLM> m_net;
    nn::Metadata m_metadata;
};

// [SECTION] evaluation -----------------------------------------------------------------------

struct DensityBin {
    double lo = 0, hi = 0;
    std::size_t boards = 0, boardsExact = 0, cells = 0, cellsCorrect = 0;
    double cellAccuracy() const { return cells ? double(cellsCorrect) / double(cells) : 0.0; }
    double boardAccuracy() const { return boards ? double(boardsExact) / double(boards) : 0.0; }
};

struct Evaluation {
    std::size_t boards = 0, boardsExact = 0, cells = 0, cellsCorrect = 0;
    std::vector<DensityBin> byDensity; // ten bins over [0, 1]
    double seconds = 0;
    double cellAccuracy() const { return cells ? double(cellsCorrect) / double(cells) : 0.0; }
    double boardAccuracy() const { return boards ? double(boardsExact) / double(boards) : 0.0; }
};

/// Greedy predictions of a batch of boards by another engine (gpu::GpuLifeGpt); empty: the
/// model's own CPU predict().
using BatchPredictor = std::function<std::vector<LifeGptModel::Prediction>(
    const std::vector<life::Board>&, const util::TaskContext&)>;

/// `boards` held-out test boards (Split::Test of seed), their densities spread evenly over the
/// ten bins [0, 0.1), ..., [0.9, 1.0]; greedy prediction against true Life.
Evaluation evaluate(const LifeGptModel& model, int boards, std::uint64_t seed,
                    const util::TaskContext& ctx = {}, const BatchPredictor& predictor = {});

/// "Autoregressive autoregressor": feed each predicted board back for `steps` steps beside true
/// Life from the same start. Per step: cell accuracy and whether the board is exact.
struct Rollout {
    std::vector<life::Board> predicted; // step 1..steps
    std::vector<life::Board> truth;
    std::vector<double> cellAccuracy;
    std::optional<int> firstError; // first step (1-based) whose board is not exact
};
Rollout rollout(const LifeGptModel& model, const life::Board& start, int steps,
                double temperature = 0.0, std::uint64_t seed = 1,
                const util::TaskContext& ctx = {});

// [SECTION] training ---------------------------------------------------------------------------

struct TrainConfig {
    int grid = 8;
    nn::TransformerConfig net; // vocab and maxSeq are set from the grid
    DataMode data = DataMode::Broad;
    int steps = 2000;
    int batch = 16;
    double lr = 1e-3; // peak; linear warm-up, then cosine decay to lr/10
    int warmup = 100;
    double weightDecay = 0.01;
    double clip = 1.0;
    std::uint64_t seed = 1;
    int threads = 0; // 0 = all
    /// util::keepFreedMemoryForReuse() when training starts (2-3x faster steps); false only for
    /// the benchmark's baseline, which must run before any training in the process.
    bool keepFreedMemory = true;
};

struct TrainProgress {
    int step = 0, steps = 0;
    double loss = 0;         // this step's mean cross-entropy over next-board cells
    double cellAccuracy = 0; // teacher-forced accuracy over this step's next-board cells
    double tokensPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
};

/// Trains (or resumes: pass a model and optimiser state from a checkpoint) with teacher forcing.
/// onProgress is called after every step; ctx cancels (util::Cancelled) and reports progress.
/// checkpointPath, when not empty, is written every checkpointEvery steps and at the end, with
/// the optimiser state, so train(resume=true) continues exactly.
class Trainer {
public:
    explicit Trainer(TrainConfig config);
    /// Continues from a checkpoint written by this trainer (same configuration).
    void resume(const std::string& checkpointPath);
    LifeGptModel& model() { return m_model; }
    int step() const { return m_step; }

    void run(const std::function<void(const TrainProgress&)>& onProgress,
             const util::TaskContext& ctx = {}, const std::string& checkpointPath = {},
             int checkpointEvery = 500);
    void saveCheckpoint(const std::string& path) const;
    double learningRate(int step) const;

private:
    TrainConfig m_config;
    LifeGptModel m_model;
    std::unique_ptr<nn::AdamW> m_opt;
    int m_step = 0;
};

/// The training configuration recorded in a model's metadata, and the command that made it.
nn::Metadata trainMetadata(const TrainConfig& config);

} // namespace algoscope::lifegpt
