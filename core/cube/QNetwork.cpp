#include "cube/QNetwork.h"

#include "nn/Loss.h"
#include "util/Allocator.h"
#include "util/Error.h"
#include "util/Resources.h"
#include "util/Safetensors.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>

namespace algoscope::cube {

QNetwork::QNetwork(int cubeSize, int actions, int hidden1, int hidden2, int blocks)
    : m_n(cubeSize), m_actions(actions) {
    if (cubeSize != 2 && cubeSize != 3)
        throw util::Error("cube size must be 2 or 3");
    if (actions != 12 && actions != 156 && actions != 1884)
        throw util::Error("action space is 12, 156 or 1884 actions");
    nn::MlpConfig c;
    c.inputs = 6 * 6 * cubeSize * cubeSize;
    c.hidden1 = hidden1;
    c.hidden2 = hidden2;
    c.blocks = blocks;
    c.outputs = actions;
    m_net = std::make_shared<nn::ResidualMlp>(c);
}

QNetwork QNetwork::load(const std::string& path) {
    return fromFile(util::readSafetensors(path), path);
}

QNetwork QNetwork::fromFile(const util::SafetensorsFile& file, const std::string& label) {
    const nn::Metadata& meta = file.metadata;
    auto integer = [&](const char* key) {
        auto it = meta.find(key);
        if (it == meta.end())
            throw util::Error(label + " is not a cube Q-network (no '" + key + "')");
        int v = 0;
        auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
        if (ec != std::errc() || p != it->second.data() + it->second.size())
            throw util::Error(label + ": '" + key + "' is not an integer");
        return v;
    };
    const nn::MlpConfig mc = nn::MlpConfig::fromMetadata(meta);
    const int n = integer("cube.size"), actions = integer("cube.actions");
    if (mc.inputs != 36 * n * n || mc.outputs != actions)
        throw util::Error(label + ": network inputs/outputs do not match a " + std::to_string(n) +
                          "-cube with " + std::to_string(actions) + " actions");
    if (std::uint64_t(mc.hidden1) * std::uint64_t(mc.inputs) > (std::uint64_t(1) << 28) ||
        std::uint64_t(mc.hidden2) * std::uint64_t(mc.hidden2) * std::uint64_t(mc.blocks + 1) >
            (std::uint64_t(1) << 28))
        throw util::LimitError(label + ": network too large");
    QNetwork q(n, actions, mc.hidden1, mc.hidden2, mc.blocks);
    nn::loadParameters(file, label, q.m_net->parameters());
    q.m_metadata = meta;
    return q;
}

std::string QNetwork::shippedName(int cubeSize, int actions) {
    return "resources/models/cube-" + std::to_string(cubeSize) + "-rc" + std::to_string(actions) +
           ".safetensors";
}

bool QNetwork::ships(int cubeSize, int actions) {
    return util::findResource(shippedName(cubeSize, actions)).has_value();
}

std::optional<QNetwork> QNetwork::shipped(int cubeSize, int actions) {
    const std::string name = shippedName(cubeSize, actions);
    const auto bytes = util::findResource(name);
    if (!bytes)
        return std::nullopt;
    return fromFile(util::parseSafetensors(*bytes), name); // a broken shipped file throws
}

void QNetwork::save(const std::string& path, const nn::Metadata& extra) const {
    nn::Metadata meta = m_metadata;
    for (const auto& [k, v] : m_net->config().toMetadata())
        meta[k] = v;
    meta["cube.size"] = std::to_string(m_n);
    meta["cube.actions"] = std::to_string(m_actions);
    meta["cube.input"] = "one-hot stickers, faces U D L R B F, index face*N*N+row*N+col, 6 colours";
    meta["cube.output"] =
        "Q(s,a) = 1 + cost-to-go of A(s,a); actions U' U D' D L' L R' R B' B F' F "
        "then ordered pairs and triples";
    for (const auto& [k, v] : extra)
        meta[k] = v;
    nn::saveParameters(path, const_cast<nn::ResidualMlp&>(*m_net).parameters(), meta);
}

QNetwork QNetwork::clone() const {
    QNetwork q = *this;
    q.m_net = std::make_shared<nn::ResidualMlp>(*m_net);
    return q;
}

nn::Matrix QNetwork::encode(const std::vector<std::vector<std::uint8_t>>& states) const {
    const int stickers = 6 * m_n * m_n;
    nn::Matrix x = nn::Matrix::Zero(Eigen::Index(states.size()), 6 * stickers);
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (int(states[i].size()) != stickers)
            throw util::Error("state has the wrong number of stickers for this network");
        for (int s = 0; s < stickers; ++s)
            x(Eigen::Index(i), 6 * s + states[i][std::size_t(s)]) = 1.0f;
    }
    return x;
}

nn::Matrix QNetwork::evaluate(const std::vector<std::vector<std::uint8_t>>& states) const {
    return m_net->apply(encode(states));
}

QFunction QNetwork::asQFunction() const {
    return
        [this](const std::vector<std::vector<std::uint8_t>>& states) { return evaluate(states); };
}

Cube randomWalk(int n, int length, util::Rng& rng) {
    Cube c(n);
    c.apply(randomQuarterTurns(n, length, rng));
    return c;
}

DqnTrainer::DqnTrainer(DqnConfig config)
    : m_config(config), m_actions(config.cubeSize, config.actions),
      m_online(config.cubeSize, config.actions, config.hidden1, config.hidden2, config.blocks),
      m_target(m_online) {
    if (config.steps < 1 || config.batch < 1 || config.maxScramble < 1)
        throw util::Error("steps, batch and the scramble depth must be positive");
    m_online.net().init(config.seed);
    m_target = m_online.clone();
    m_opt = std::make_unique<nn::AdamW>(m_online.net().parameters(),
                                        nn::AdamWConfig{0.9, 0.999, 1e-8, 0.0});
}

void DqnTrainer::startFrom(const QNetwork& start) {
    if (start.cubeSize() != m_config.cubeSize || start.actions() != m_config.actions)
        throw util::Error("the starting network is for a " + std::to_string(start.cubeSize()) +
                          "-cube with " + std::to_string(start.actions()) + " actions, not a " +
                          std::to_string(m_config.cubeSize) + "-cube with " +
                          std::to_string(m_config.actions));
    m_online = start.clone();
    m_online.setMetadata({});
    m_target = m_online.clone();
    m_opt = std::make_unique<nn::AdamW>(m_online.net().parameters(),
                                        nn::AdamWConfig{0.9, 0.999, 1e-8, 0.0});
    const nn::MlpConfig& mc = m_online.net().config();
    m_config.hidden1 = mc.hidden1;
    m_config.hidden2 = mc.hidden2;
    m_config.blocks = mc.blocks;
}

nn::Metadata DqnTrainer::metadata() const {
    return {
        {"train.steps", std::to_string(m_config.steps)},
        {"train.batch", std::to_string(m_config.batch)},
        {"train.max_scramble", std::to_string(m_config.maxScramble)},
        {"train.lr", std::to_string(m_config.lr)},
        {"train.lr_final", std::to_string(m_config.lrFinal > 0 ? m_config.lrFinal : m_config.lr)},
        {"train.target_every", std::to_string(m_config.targetEvery)},
        {"train.target_loss_threshold", std::to_string(m_config.targetLossThreshold)},
        {"train.seed", std::to_string(m_config.seed)},
        {"train.actions_per_state", std::to_string(m_config.actionsPerState)},
        {"train.double_q", m_config.doubleQ ? "1" : "0"},
        {"train.scramble_bound", m_config.scrambleBound ? "1" : "0"},
        {"train.target_updates", std::to_string(m_targetUpdates)}};
}

void DqnTrainer::run(const std::function<void(const DqnProgress&)>& onProgress,
                     const util::TaskContext& ctx) {
    util::keepFreedMemoryForReuse(); // the batch's large temporaries stay in the heap
    const auto start = std::chrono::steady_clock::now();
    const int firstStep = m_step;
    const int n = m_config.cubeSize;
    std::uint64_t seedState = m_config.seed; // splitMix64 advances its argument
    util::Rng rng(util::splitMix64(seedState) ^ 0x51ULL);
    const nn::ParameterList params = m_online.net().parameters();
    while (m_step < m_config.steps) {
        ctx.checkCancelled();
        std::vector<std::vector<std::uint8_t>> states, children;
        std::vector<int> actions;
        std::vector<char> childIsGoal;
        std::vector<float> bound; // upper bound on each trained Q (infinity: none)
        const bool all =
            m_config.actionsPerState == 0 || m_config.actionsPerState >= m_actions.size();
        const int perState = all ? m_actions.size() : m_config.actionsPerState;
        const std::vector<std::uint8_t> solved = Cube(n).stickers();
        for (int b = 0; b < m_config.batch; ++b) {
            const int depth = 1 + int(rng.below(std::uint64_t(m_config.maxScramble)));
            // As action indices: the first 12 actions of every action space are the quarter
            // turns in the same order.
            const std::vector<int> walk = randomQuarterTurnIndices(depth, rng);
            std::vector<std::uint8_t> s = solved;
            for (int a : walk)
                s = m_actions.apply(s, a);
            states.push_back(std::move(s));
            // The action undoing the walk's last t turns (t = 1, 2, 3 as the space allows):
            // its child is at most depth - t from solved.
            int undo = -1, undone = 0;
            if (m_config.scrambleBound) {
                const int k = int(walk.size());
                const int inv1 = walk[std::size_t(k - 1)] ^ 1;
                undo = inv1;
                undone = 1;
                if (m_actions.size() >= 156 && k >= 2) {
                    undo = 12 + 12 * inv1 + (walk[std::size_t(k - 2)] ^ 1);
                    undone = 2;
                }
                if (m_actions.size() >= 1884 && k >= 3) {
                    undo = 156 + 144 * inv1 + 12 * (walk[std::size_t(k - 2)] ^ 1) +
                           (walk[std::size_t(k - 3)] ^ 1);
                    undone = 3;
                }
            }
            for (int k = 0; k < perState; ++k) {
                int a = all ? k : int(rng.below(std::uint64_t(m_actions.size())));
                if (!all && k == 0 && undo >= 0)
                    a = undo;
                actions.push_back(a);
                children.push_back(m_actions.apply(states.back(), a));
                childIsGoal.push_back(isGoal(children.back(), n));
                bound.push_back(a == undo ? float(1 + depth - undone)
                                          : std::numeric_limits<float>::infinity());
            }
        }
        const nn::Matrix next = m_target.evaluate(children);
        nn::Matrix nextOnline;
        if (m_config.doubleQ)
            nextOnline = m_online.evaluate(children);
        const nn::Matrix out = m_online.net().forward(m_online.encode(states));
        // Mean squared error over the trained (state, action) entries; the gradient is zero
        // elsewhere. Target: cost 1 + min over the child's actions of the target network (or,
        // double Q, the target network at the online network's best action), 0 at the goal,
        // and never above the walk's bound.
        nn::Matrix dout = nn::Matrix::Zero(out.rows(), out.cols());
        double loss = 0;
        const double count = double(children.size());
        for (std::size_t i = 0; i < children.size(); ++i) {
            const Eigen::Index r = Eigen::Index(i);
            float childValue = 0.0f;
            if (!childIsGoal[i]) {
                if (m_config.doubleQ) {
                    Eigen::Index best = 0;
                    nextOnline.row(r).minCoeff(&best);
                    childValue = next(r, best);
                } else {
                    childValue = next.row(r).minCoeff();
                }
            }
            const float target = std::min(1.0f + std::max(0.0f, childValue), bound[i]);
            const Eigen::Index row = Eigen::Index(i / std::size_t(perState));
            const double d = double(out(row, actions[i])) - double(target);
            loss += d * d;
            dout(row, actions[i]) += float(2.0 * d / count);
        }
        loss /= count;
        nn::zeroGrad(params);
        m_online.net().backward(dout);
        nn::clipGradNorm(params, 10.0);
        double lr = m_config.lr;
        if (m_config.lrFinal > 0 && m_config.steps > 1)
            lr *= std::pow(m_config.lrFinal / m_config.lr,
                           double(m_step) / double(m_config.steps - 1));
        m_opt->step(lr);
        ++m_step;
        if (m_step % m_config.targetEvery == 0 && loss < m_config.targetLossThreshold) {
            m_target = m_online.clone();
            ++m_targetUpdates;
        }
        DqnProgress p;
        p.step = m_step;
        p.steps = m_config.steps;
        p.loss = loss;
        p.targetUpdates = m_targetUpdates;
        p.elapsedSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double done = double(m_step - firstStep);
        p.statesPerSecond = done * m_config.batch / std::max(1e-9, p.elapsedSeconds);
        p.etaSeconds = p.elapsedSeconds / done * double(m_config.steps - m_step);
        if (onProgress)
            onProgress(p);
        ctx.report(double(m_step) / double(m_config.steps));
    }
}

} // namespace algoscope::cube
