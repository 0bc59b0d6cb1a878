#pragma once
// Q* search and batch weighted A* on the cube, with the same heuristic for both so the
// comparison is fair (Agostinelli et al., "A* Search Without Expansions: Learning Heuristic
// Functions with Deep Q-Networks"; batch weighted form as in the reference notes).
//
// A heuristic is a Q-function: for a batch of states it returns, per state, one value per action
// of the action space, Q(s, a) = cost of a + estimated cost-to-go of A(s, a). Q* pops (state,
// action) pairs and generates a child only when popped; A* pops states, generates all children
// and scores them with h(s) = min_a Q(s, a). Both count nodes generated and network calls.
#include "cube/Cube.h"
#include "nn/Tensor.h"
#include "util/TaskContext.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace algoscope::cube {

/// RC(12): the 12 quarter turns; RC(156): plus the 144 ordered pairs; RC(1884): plus the 1728
/// ordered triples. Every action costs 1 (meta-actions too, as in the paper).
class ActionSpace {
public:
    ActionSpace(int cubeSize, int actions); // actions = 12, 156 or 1884; util::Error otherwise
    int size() const { return int(m_sequences.size()); }
    int cubeSize() const { return m_n; }
    const std::vector<Move>& sequence(int a) const { return m_sequences[std::size_t(a)]; }
    /// The child state (stickers) after action a.
    std::vector<std::uint8_t> apply(const std::vector<std::uint8_t>& stickers, int a) const;

private:
    int m_n;
    std::vector<std::vector<Move>> m_sequences;
    std::vector<std::vector<int>> m_perms; // composite sticker permutation per action
};

using QFunction = std::function<nn::Matrix(const std::vector<std::vector<std::uint8_t>>& states)>;

struct SearchLimits {
    int batch = 100;     // pairs (Q*) or nodes (A*) popped per iteration
    double lambda = 1.0; // weight on the path cost g: f = lambda * g + heuristic
    // Checked between iterations: a search may pass maxNodes by one iteration's nodes (up to
    // batch x |A| for A*) and maxSeconds by one iteration's time. Cancellation is also seen
    // inside an iteration's network call (every 4096 states).
    std::uint64_t maxNodes = 10'000'000;
    double maxSeconds = 60;
};

struct SearchResult {
    bool solved = false;
    std::vector<Move> solution; // meta-actions expanded into quarter turns
    int pathCost = 0;           // actions (meta-actions count 1)
    std::uint64_t nodesGenerated = 0, nodesExpanded = 0, networkCalls = 0, iterations = 0;
    std::uint64_t statesEvaluated = 0;
    double seconds = 0;
    /// The most memory the search's own tables held at once, in bytes: the nodes with their
    /// states, CLOSED (hash-map entries and buckets) and OPEN, counted from the containers'
    /// sizes after each iteration (allocator overhead left out). The network's is not counted.
    std::uint64_t peakBytes = 0;
    std::string stopReason; // "solved", "node limit", "time limit", "open list empty"
};

/// The goal: every face one colour (2x2x2: in any orientation; 3x3x3: centres never move under
/// face turns, so this is the solved cube).
bool isGoal(const std::vector<std::uint8_t>& stickers, int n);

SearchResult qstarSearch(const Cube& start, const ActionSpace& actions, const QFunction& q,
                         const SearchLimits& limits, const util::TaskContext& ctx = {});
SearchResult astarSearch(const Cube& start, const ActionSpace& actions, const QFunction& q,
                         const SearchLimits& limits, const util::TaskContext& ctx = {});

} // namespace algoscope::cube
