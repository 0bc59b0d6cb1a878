// [SECTION] action spaces  [SECTION] Q*  [SECTION] A*
#include "cube/Search.h"

#include "util/Error.h"

#include <chrono>
#include <limits>
#include <queue>
#include <unordered_map>

namespace algoscope::cube {

// [SECTION] action spaces ------------------------------------------------------------------------

ActionSpace::ActionSpace(int n, int actions) : m_n(n) {
    if (actions != 12 && actions != 156 && actions != 1884)
        throw util::Error("action space is 12, 156 or 1884 actions, not " +
                          std::to_string(actions));
    const std::vector<Move> turns = quarterTurns(n);
    for (const Move& m : turns)
        m_sequences.push_back({m});
    if (actions >= 156)
        for (const Move& a : turns)
            for (const Move& b : turns)
                m_sequences.push_back({a, b});
    if (actions >= 1884)
        for (const Move& a : turns)
            for (const Move& b : turns)
                for (const Move& c : turns)
                    m_sequences.push_back({a, b, c});
    const Cube probe(n);
    const int count = probe.stickerCount();
    for (const auto& seq : m_sequences) {
        std::vector<int> perm(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i)
            perm[std::size_t(i)] = i;
        for (const Move& m : seq) {
            const std::vector<int>& p = probe.permutation(m);
            std::vector<int> next(perm.size());
            for (int i = 0; i < count; ++i)
                next[std::size_t(i)] = perm[std::size_t(p[std::size_t(i)])];
            perm.swap(next);
        }
        m_perms.push_back(std::move(perm));
    }
}

std::vector<std::uint8_t> ActionSpace::apply(const std::vector<std::uint8_t>& s, int a) const {
    const std::vector<int>& perm = m_perms[std::size_t(a)];
    std::vector<std::uint8_t> out(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        out[i] = s[std::size_t(perm[i])];
    return out;
}

bool isGoal(const std::vector<std::uint8_t>& s, int n) {
    const std::size_t nn = std::size_t(n * n);
    for (std::size_t f = 0; f < 6; ++f)
        for (std::size_t i = 1; i < nn; ++i)
            if (s[f * nn + i] != s[f * nn])
                return false;
    return true;
}

namespace {

struct StateHash {
    std::size_t operator()(const std::vector<std::uint8_t>& s) const noexcept {
        std::uint64_t h = 1469598103934665603ULL;
        for (std::uint8_t b : s) {
            h ^= b;
            h *= 1099511628211ULL;
        }
        return std::size_t(h);
    }
};

struct Node {
    std::vector<std::uint8_t> state;
    int g = 0;
    std::int64_t parent = -1;
    int action = -1; // the action that led here from parent
};

using Clock = std::chrono::steady_clock;

using Closed = std::unordered_map<std::vector<std::uint8_t>, int, StateHash>;

/// SearchResult::peakBytes: nodes (struct and heap state), CLOSED (a node of key, value and
/// next pointer with the key's heap state, plus one pointer per bucket) and OPEN (its entries).
void notePeak(SearchResult& r, const std::vector<Node>& nodes, const Closed& closed,
              std::size_t openEntries, std::size_t openEntryBytes, std::size_t stateBytes) {
    const std::uint64_t bytes =
        std::uint64_t(nodes.capacity()) * sizeof(Node) + nodes.size() * stateBytes +
        closed.size() * (sizeof(Closed::value_type) + sizeof(void*) + stateBytes) +
        closed.bucket_count() * sizeof(void*) + std::uint64_t(openEntries) * openEntryBytes;
    r.peakBytes = std::max(r.peakBytes, bytes);
}

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::vector<Move> pathTo(const std::vector<Node>& nodes, std::int64_t i, const ActionSpace& as,
                         int* cost) {
    std::vector<int> actions;
    for (; nodes[std::size_t(i)].parent >= 0; i = nodes[std::size_t(i)].parent)
        actions.push_back(nodes[std::size_t(i)].action);
    *cost = int(actions.size());
    std::vector<Move> moves;
    for (auto it = actions.rbegin(); it != actions.rend(); ++it)
        for (const Move& m : as.sequence(*it))
            moves.push_back(m);
    // Meta-actions and consecutive quarter turns of one face expand into "B' B'": merge them,
    // so the printed solution and its half-turn length are what a cuber would write.
    return simplify(moves);
}

/// One batched network call (counted once, as in the paper). Large batches (A* with 1884
/// actions asks for batch x 1884 children) are evaluated in slices of kSliceStates, so memory
/// stays bounded and a cancel is seen within one slice.
constexpr std::size_t kSliceStates = 4096;

nn::Matrix callQ(const QFunction& q, const std::vector<std::vector<std::uint8_t>>& batch,
                 const ActionSpace& as, SearchResult& r, const util::TaskContext& ctx) {
    auto checked = [&as](nn::Matrix part, std::size_t rows) {
        if (part.rows() != Eigen::Index(rows) || part.cols() != as.size())
            throw util::Error("the network's output does not match the action space (" +
                              std::to_string(part.cols()) + " outputs, " +
                              std::to_string(as.size()) + " actions)");
        if (!part.allFinite())
            throw util::Error("the network returned NaN or infinite Q-values (corrupt weights?)");
        return part;
    };
    nn::Matrix out;
    if (batch.size() <= kSliceStates) {
        out = checked(q(batch), batch.size());
    } else {
        out.resize(Eigen::Index(batch.size()), as.size());
        for (std::size_t from = 0; from < batch.size(); from += kSliceStates) {
            ctx.checkCancelled();
            const std::size_t to = std::min(batch.size(), from + kSliceStates);
            const std::vector<std::vector<std::uint8_t>> slice(batch.begin() + std::ptrdiff_t(from),
                                                               batch.begin() + std::ptrdiff_t(to));
            out.middleRows(Eigen::Index(from), Eigen::Index(to - from)) =
                checked(q(slice), to - from);
        }
    }
    ++r.networkCalls;
    r.statesEvaluated += batch.size();
    return out;
}

} // namespace

// [SECTION] Q* ------------------------------------------------------------------------------------

SearchResult qstarSearch(const Cube& start, const ActionSpace& as, const QFunction& q,
                         const SearchLimits& lim, const util::TaskContext& ctx) {
    const auto t0 = Clock::now();
    const int n = as.cubeSize();
    if (start.size() != n)
        throw util::Error("the cube and the action space have different sizes");
    SearchResult r;
    std::vector<Node> nodes;
    Closed closed; // state -> best g
    struct Pair {
        double f;
        std::int64_t node;
        int action;                                             // -1: the root's NO_OP
        bool operator<(const Pair& o) const { return f > o.f; } // min-heap
    };
    std::priority_queue<Pair> open;
    nodes.push_back({start.stickers(), 0, -1, -1});
    open.push({0.0, 0, -1});
    double upper = std::numeric_limits<double>::infinity();
    std::int64_t best = -1;
    double lowerBound = -std::numeric_limits<double>::infinity();
    while (!open.empty()) {
        ctx.checkCancelled();
        if (r.nodesGenerated >= lim.maxNodes) {
            r.stopReason = "node limit";
            break;
        }
        if (since(t0) > lim.maxSeconds) {
            r.stopReason = "time limit";
            break;
        }
        ++r.iterations;
        std::vector<std::int64_t> toExpand;
        bool first = true;
        for (int k = 0; k < lim.batch && !open.empty(); ++k) {
            const Pair p = open.top();
            open.pop();
            if (first) {
                lowerBound = std::max(lowerBound, p.f);
                first = false;
            }
            // Build the child only now: one node per popped pair.
            std::int64_t child = p.node;
            if (p.action >= 0) {
                const Node& parent = nodes[std::size_t(p.node)];
                Node c{as.apply(parent.state, p.action), parent.g + 1, p.node, p.action};
                nodes.push_back(std::move(c));
                child = std::int64_t(nodes.size()) - 1;
                ++r.nodesGenerated;
            }
            const Node& c = nodes[std::size_t(child)];
            if (isGoal(c.state, n)) {
                if (c.g < upper) {
                    upper = c.g;
                    best = child;
                }
                continue; // goals are not expanded
            }
            auto it = closed.find(c.state);
            if (it != closed.end() && it->second <= c.g)
                continue;
            closed[c.state] = c.g;
            toExpand.push_back(child);
        }
        if (!toExpand.empty()) {
            std::vector<std::vector<std::uint8_t>> batch;
            for (std::int64_t i : toExpand)
                batch.push_back(nodes[std::size_t(i)].state);
            const nn::Matrix qv = callQ(q, batch, as, r, ctx);
            for (std::size_t i = 0; i < toExpand.size(); ++i) {
                ++r.nodesExpanded;
                const double g = nodes[std::size_t(toExpand[i])].g;
                for (int a = 0; a < as.size(); ++a)
                    open.push({lim.lambda * g + double(qv(Eigen::Index(i), a)), toExpand[i], a});
            }
        }
        notePeak(r, nodes, closed, open.size(), sizeof(Pair), start.stickers().size());
        if (best >= 0 && lowerBound >= lim.lambda * upper) {
            r.stopReason = "solved";
            break;
        }
    }
    if (best >= 0) {
        r.solved = true;
        r.solution = pathTo(nodes, best, as, &r.pathCost);
        if (r.stopReason.empty() || r.stopReason == "solved")
            r.stopReason = "solved";
    } else if (r.stopReason.empty()) {
        r.stopReason = "open list empty";
    }
    r.seconds = since(t0);
    return r;
}

// [SECTION] A* ------------------------------------------------------------------------------------

SearchResult astarSearch(const Cube& start, const ActionSpace& as, const QFunction& q,
                         const SearchLimits& lim, const util::TaskContext& ctx) {
    const auto t0 = Clock::now();
    const int n = as.cubeSize();
    if (start.size() != n)
        throw util::Error("the cube and the action space have different sizes");
    SearchResult r;
    std::vector<Node> nodes;
    Closed closed;
    struct Entry {
        double f;
        std::int64_t node;
        bool operator<(const Entry& o) const { return f > o.f; }
    };
    std::priority_queue<Entry> open;
    nodes.push_back({start.stickers(), 0, -1, -1});
    closed[start.stickers()] = 0;
    open.push({0.0, 0});
    r.nodesGenerated = 1;
    double upper = std::numeric_limits<double>::infinity();
    std::int64_t best = isGoal(start.stickers(), n) ? 0 : -1;
    if (best == 0)
        upper = 0;
    while (!open.empty() && best != 0) {
        ctx.checkCancelled();
        if (r.nodesGenerated >= lim.maxNodes) {
            r.stopReason = "node limit";
            break;
        }
        if (since(t0) > lim.maxSeconds) {
            r.stopReason = "time limit";
            break;
        }
        ++r.iterations;
        // Pop B nodes; stop when the smallest f cannot improve the best goal found.
        std::vector<std::int64_t> popped;
        double minF = open.top().f;
        if (best >= 0 && minF >= lim.lambda * upper) {
            r.stopReason = "solved";
            break;
        }
        for (int k = 0; k < lim.batch && !open.empty(); ++k) {
            const Entry e = open.top();
            open.pop();
            const Node& nd = nodes[std::size_t(e.node)];
            auto it = closed.find(nd.state);
            if (it != closed.end() && it->second < nd.g)
                continue; // a better path to this state was found after it was pushed
            popped.push_back(e.node);
        }
        // Expand all: generate every child, score them with one network call.
        std::vector<std::int64_t> children;
        std::vector<std::vector<std::uint8_t>> batch;
        for (std::int64_t i : popped) {
            ++r.nodesExpanded;
            for (int a = 0; a < as.size(); ++a) {
                const Node& parent = nodes[std::size_t(i)];
                Node c{as.apply(parent.state, a), parent.g + 1, i, a};
                ++r.nodesGenerated;
                auto it = closed.find(c.state);
                if (it != closed.end() && it->second <= c.g)
                    continue;
                closed[c.state] = c.g;
                nodes.push_back(std::move(c));
                const std::int64_t ci = std::int64_t(nodes.size()) - 1;
                if (isGoal(nodes[std::size_t(ci)].state, n)) {
                    if (nodes[std::size_t(ci)].g < upper) {
                        upper = nodes[std::size_t(ci)].g;
                        best = ci;
                    }
                    continue;
                }
                children.push_back(ci);
                batch.push_back(nodes[std::size_t(ci)].state);
            }
        }
        if (!batch.empty()) {
            const nn::Matrix qv = callQ(q, batch, as, r, ctx);
            for (std::size_t i = 0; i < children.size(); ++i) {
                // h(s) = min_a Q(s, a), the same network as Q*.
                const double h = double(qv.row(Eigen::Index(i)).minCoeff());
                open.push({lim.lambda * nodes[std::size_t(children[i])].g + h, children[i]});
            }
        }
        notePeak(r, nodes, closed, open.size(), sizeof(Entry), start.stickers().size());
    }
    if (best >= 0) {
        r.solved = true;
        r.solution = pathTo(nodes, best, as, &r.pathCost);
        r.stopReason = "solved";
    } else if (r.stopReason.empty()) {
        r.stopReason = "open list empty";
    }
    r.seconds = since(t0);
    return r;
}

} // namespace algoscope::cube
