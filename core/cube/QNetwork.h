#pragma once
// The deep Q-network of the Q* lab and its trainer. Input: the stickers one-hot (6 colours per
// sticker: 144 inputs for a 2x2x2, 324 for a 3x3x3); output: one Q-value per action of the
// action space, Q(s, a) = cost of a + cost-to-go of A(s, a). Trunk: core/nn's ResidualMlp
// (DeepCubeA's shape, smaller by default).
//
// Training is deep approximate Q-learning as in the paper: states are random walks of 1..K
// quarter turns back from solved; for each state one action a is drawn at random and the target
// is cost(a) + min_a' Q_target(A(s, a), a'), or cost(a) when A(s, a) is the goal. The target
// network is replaced by the trained one every `targetEvery` steps when the loss is below a
// threshold (DeepCubeA: 0.06). One action per state is what keeps Q-learning's cost nearly
// independent of the number of actions.
#include "cube/Search.h"
#include "nn/AdamW.h"
#include "nn/Checkpoint.h"
#include "nn/Mlp.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace algoscope::cube {

class QNetwork {
public:
    QNetwork(int cubeSize, int actions, int hidden1, int hidden2, int blocks);
    static QNetwork load(const std::string& path);
    static QNetwork fromFile(const util::SafetensorsFile& file, const std::string& label);
    /// The network shipped for this cube size and action space
    /// (resources/models/cube-<size>-rc<actions>.safetensors, trained by `cube train`; see
    /// docs/models/), or nullopt when none ships.
    static std::optional<QNetwork> shipped(int cubeSize, int actions);
    /// The resource name shipped() looks for, and whether the build embeds it.
    static std::string shippedName(int cubeSize, int actions);
    static bool ships(int cubeSize, int actions);
    void save(const std::string& path, const nn::Metadata& extra = {}) const;

    int cubeSize() const { return m_n; }
    int actions() const { return m_actions; }
    nn::ResidualMlp& net() { return *m_net; }
    const nn::ResidualMlp& net() const { return *m_net; }
    const nn::Metadata& metadata() const { return m_metadata; }
    void setMetadata(nn::Metadata m) { m_metadata = std::move(m); }
    QNetwork clone() const;

    /// Q-values [states, actions] (inference; thread-safe on a const network).
    nn::Matrix evaluate(const std::vector<std::vector<std::uint8_t>>& states) const;
    /// The one-hot input [states, 6 * stickers].
    nn::Matrix encode(const std::vector<std::vector<std::uint8_t>>& states) const;
    /// A QFunction for the searches (shares this network; keep it alive).
    QFunction asQFunction() const;

private:
    int m_n, m_actions;
    std::shared_ptr<nn::ResidualMlp> m_net;
    nn::Metadata m_metadata;
};

struct DqnConfig {
    int cubeSize = 2;
    int actions = 12;
    int hidden1 = 512, hidden2 = 256, blocks = 2;
    int steps = 5000;
    int batch = 512;
    int maxScramble = 14; // K: random walks of 1..K quarter turns
    double lr = 1e-3;
    /// Learning rate at the last step: the rate decays geometrically from lr (0: constant).
    double lrFinal = 0;
    int targetEvery = 500;
    double targetLossThreshold = 0.06;
    /// Actions whose Q-value is trained per sampled state: 1 (the Q* paper: one random action,
    /// which keeps Q-learning's cost flat in the number of actions), k random actions, or 0 for
    /// every action in order. Each needs its child through the target network, so k targets
    /// cost about k + 3 forward passes against 4 for one: for RC(12), all 12 give 3x more
    /// targets per second.
    int actionsPerState = 1;
    /// Double Q-learning (van Hasselt et al. 2016): the child's value is the target network's
    /// Q of the action the online network ranks best, instead of the target network's own
    /// minimum. The minimum over many noisy outputs is biased low, worst with 1884 actions;
    /// costs one more forward pass of the children.
    bool doubleQ = false;
    /// Clamp each target by what the random walk proves: a state k turns from solved is at
    /// most k away, so the action undoing its last t turns has Q <= 1 + (k - t). That action is
    /// always among the trained ones. The bound is exact information, not a heuristic, and it
    /// carries the cost-to-go of deep states without waiting for target-network updates.
    bool scrambleBound = false;
    std::uint64_t seed = 1;
};

struct DqnProgress {
    int step = 0, steps = 0;
    double loss = 0;
    int targetUpdates = 0;
    double statesPerSecond = 0, elapsedSeconds = 0, etaSeconds = 0;
};

class DqnTrainer {
public:
    explicit DqnTrainer(DqnConfig config);
    QNetwork& network() { return m_online; }
    /// Continues training from `start` (online and target networks both start as it; the
    /// optimiser starts fresh). Its cube size and action count must match the configuration,
    /// and its trunk replaces the configured hidden sizes. Throws util::Error otherwise.
    void startFrom(const QNetwork& start);
    void run(const std::function<void(const DqnProgress&)>& onProgress,
             const util::TaskContext& ctx = {});
    nn::Metadata metadata() const;

private:
    DqnConfig m_config;
    ActionSpace m_actions;
    QNetwork m_online, m_target;
    std::unique_ptr<nn::AdamW> m_opt;
    int m_step = 0, m_targetUpdates = 0;
};

/// A random walk of `length` quarter turns from solved that never undoes its previous turn.
Cube randomWalk(int cubeSize, int length, util::Rng& rng);

} // namespace algoscope::cube
