#include "cube/Compare.h"
#include "cube/CubieState.h"

#include "cube/PocketTable.h"
#include "cube/QNetwork.h"
#include "util/Error.h"
#include "util/Rng.h"

namespace algoscope::cube {

std::vector<Cube> comparisonStates(int cubeSize, int count, int depth, bool randomState,
                                   std::uint64_t seed) {
    if (count < 0 || depth < 0)
        throw util::Error("the number of scrambles and their depth must not be negative");
    util::Rng rng(seed);
    std::vector<Cube> states;
    states.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        states.push_back(!randomState    ? randomWalk(cubeSize, depth, rng)
                         : cubeSize == 2 ? PocketTable::randomState(rng)
                                         : uniformRandomState3(rng));
    return states;
}

std::vector<MethodSummary> compareSearches(const QNetwork& net, const std::vector<Cube>& states,
                                           const SearchLimits& limits, const PocketTable* table,
                                           const util::TaskContext& ctx,
                                           const std::function<void(int)>& onSearchDone,
                                           const std::vector<std::string>& methods) {
    const int n = net.cubeSize();
    for (const Cube& c : states)
        if (c.size() != n)
            throw util::Error("the network is for the " + std::to_string(n) + "x" +
                              std::to_string(n) + "x" + std::to_string(n) + ", a state is not");
    if (table && n != 2)
        table = nullptr;
    const ActionSpace actions(n, net.actions());
    const QFunction q = net.asQFunction();
    std::vector<MethodSummary> out;
    int done = 0;
    for (const std::string& method : methods)
        if (method != "qstar" && method != "astar")
            throw util::Error("unknown search method '" + method + "' (qstar or astar)");
    for (const std::string& method : methods) {
        MethodSummary s;
        s.method = method;
        s.actions = actions.size();
        s.batch = limits.batch;
        s.lambda = limits.lambda;
        s.scrambles = int(states.size());
        int optimal = 0;
        double cost = 0, length = 0, best = 0, nodes = 0, expanded = 0, calls = 0, seconds = 0,
               peakMiB = 0;
        for (const Cube& c : states) {
            ctx.checkCancelled();
            SearchResult r = s.method == "qstar" ? qstarSearch(c, actions, q, limits, ctx)
                                                 : astarSearch(c, actions, q, limits, ctx);
            nodes += double(r.nodesGenerated);
            expanded += double(r.nodesExpanded);
            calls += double(r.networkCalls);
            seconds += r.seconds;
            const double mib = double(r.peakBytes) / double(1 << 20);
            peakMiB += mib;
            s.maxPeakMiB = std::max(s.maxPeakMiB, mib);
            if (r.solved) {
                // Trust no search: replay the solution.
                Cube check = c;
                check.apply(r.solution);
                if (!isGoal(check.stickers(), n))
                    throw util::Error(s.method + " returned a solution that does not solve the "
                                                 "cube (a bug: please report the scramble)");
                ++s.solved;
                cost += r.pathCost;
                const int qtm = lengthQtm(r.solution);
                length += qtm;
                if (table) {
                    const int distance = table->distance(c);
                    best += distance;
                    optimal += qtm == distance;
                }
            }
            s.results.push_back(std::move(r));
            ++done;
            if (onSearchDone)
                onSearchDone(done);
        }
        const double count = double(std::max<std::size_t>(1, states.size()));
        s.meanPathCost = s.solved ? cost / s.solved : 0.0;
        s.meanLengthQtm = s.solved ? length / s.solved : 0.0;
        s.meanNodesGenerated = nodes / count;
        s.meanNodesExpanded = expanded / count;
        s.meanNetworkCalls = calls / count;
        s.meanSeconds = seconds / count;
        s.meanPeakMiB = peakMiB / count;
        if (table) {
            s.fractionOptimal = s.solved ? double(optimal) / s.solved : 0.0;
            s.meanOptimalQtm = s.solved ? best / s.solved : 0.0;
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace algoscope::cube
