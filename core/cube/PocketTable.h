#pragma once
// Exact ground truth for the 2x2x2 ("pocket cube"): the distance to solved of all 3,674,160
// states with one corner fixed, by breadth-first search, in the quarter-turn or half-turn
// metric. Any 2x2x2 state is first turned as a whole so the D-B-L corner sits home (on a 2x2x2 a
// D turn is a U turn plus a rotation), so distances hold for the 12 face turns with "every face
// one colour" as the goal. The published distributions (e.g. Wikipedia, "Pocket Cube"; the
// reference notes) check the table.
#include "cube/Cube.h"
#include "util/Rng.h"
#include "util/TaskContext.h"

#include <cstdint>
#include <vector>

namespace algoscope::cube {

enum class Metric { Quarter, Half };

class PocketTable {
public:
    static constexpr std::uint32_t kStates = 3674160; // 7! * 3^6

    /// Breadth-first search from solved; a second or two here. Cancellable.
    static PocketTable build(Metric metric, const util::TaskContext& ctx = {});

    Metric metric() const { return m_metric; }
    /// Distance to solved (face turns of this metric), for any orientation of the cube.
    int distance(const Cube& cube) const;
    /// Number of states at each distance 0..max.
    std::vector<std::uint64_t> histogram() const;
    /// An optimal solution (quarter turns, or quarter and half turns) in the cube's own frame.
    std::vector<Move> solve(const Cube& cube) const;

    /// The fixed-corner coordinate of a 2x2x2 (after turning it so D-B-L is home), and back.
    static std::uint32_t encode(const Cube& cube);
    static Cube decode(std::uint32_t index);
    /// A uniformly random state (with a random whole-cube orientation).
    static Cube randomState(util::Rng& rng);

private:
    Metric m_metric = Metric::Quarter;
    std::vector<std::uint8_t> m_dist;
};

/// The whole-cube rotation of cube that puts the D-B-L corner home, D colour down.
Cube normalizeOrientation(const Cube& cube);

} // namespace algoscope::cube
