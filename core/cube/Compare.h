#pragma once
// Q* against batch weighted A* with the same deep Q-network on the same states: the experiment
// of the Q* paper's table (Agostinelli et al., "A* Search Without Expansions"): nodes generated
// and time per search, for each action-space size. Shared by `algoscope-cli cube compare` and
// the cube lab's comparison panel so both report the same numbers.
#include "cube/Cube.h"
#include "cube/Search.h"
#include "util/TaskContext.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace algoscope::cube {

class PocketTable;
class QNetwork;

/// What one method did on a batch of states.
struct MethodSummary {
    std::string method; // "qstar" or "astar"
    int actions = 0;    // action-space size of the network
    int batch = 0;
    double lambda = 0;
    int scrambles = 0;
    int solved = 0;                // solutions that, replayed on the state, give a goal state
    double meanPathCost = 0;       // over solved states (meta-actions count 1)
    double meanLengthQtm = 0;      // over solved states, quarter turns after expansion
    double meanNodesGenerated = 0; // over all states
    double meanNodesExpanded = 0;  // over all states
    double meanNetworkCalls = 0;   // over all states
    double meanSeconds = 0;        // over all states
    double meanPeakMiB = 0;        // over all states: SearchResult::peakBytes in MiB
    double maxPeakMiB = 0;         // the largest of them
    /// 2x2x2 with the exact table: the fraction of solutions of optimal quarter-turn length,
    /// and the mean optimal quarter-turn length of the solved states.
    std::optional<double> fractionOptimal;
    std::optional<double> meanOptimalQtm;
    std::vector<SearchResult> results; // one per state, in the order given
};

/// The states a comparison runs on: `count` random walks of `depth` quarter turns (no move
/// undoing the previous), or with randomState uniformly random states (2x2x2: PocketTable's;
/// 3x3x3: uniformRandomState3). Deterministic in the seed.
std::vector<Cube> comparisonStates(int cubeSize, int count, int depth, bool randomState,
                                   std::uint64_t seed);

/// Runs Q* then A* with `net` and the same limits on every state. table (optional, 2x2x2) adds
/// the fraction of optimal solutions. onSearchDone (optional) is called after each of the
/// 2 * states.size() searches with the number done so far (progress is the caller's: it may
/// run several networks). Cancellable between and inside searches. Returns {Q* summary, A*
/// summary}; `methods` picks a subset ("qstar", "astar"; util::Error for another name).
std::vector<MethodSummary>
compareSearches(const QNetwork& net, const std::vector<Cube>& states, const SearchLimits& limits,
                const PocketTable* table = nullptr, const util::TaskContext& ctx = {},
                const std::function<void(int searchesDone)>& onSearchDone = {},
                const std::vector<std::string>& methods = {"qstar", "astar"});

} // namespace algoscope::cube
