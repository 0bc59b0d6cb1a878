#pragma once
// The Rashomon curve (Semenova, Rudin & Parr 2022, Section 5): empirical risk against the log
// Rashomon ratio as the hypothesis space grows, here trees of depth 1..D. Its Gamma shape turns
// at an "elbow", proposed as the model-selection point: where the steep part (risk falls as the
// space grows) meets the flat part (risk stays, the ratio keeps falling). This file finds it as
// the point where the polyline turns most sharply, both axes scaled to [0, 1] first. (The
// chord-distance "kneedle" rule picks depth 3 on MONK-1, where the descent is still steep; the
// turning angle picks depth 5, where the error first reaches its floor.)
#include "rashomon/Binarizer.h"
#include "rashomon/Tree.h"
#include "util/TaskContext.h"

#include <vector>

namespace algoscope::rashomon {

struct CurvePoint {
    int depth = 0;
    int bestErrors = 0;
    double trainError = 0; // best training error (0-1 loss)
    double testError = 0;  // of a uniformly sampled optimal tree (NaN without a test set)
    double log10Ratio = 0; // at theta
    double log10SetSize = 0, log10SpaceSize = 0;
    double seconds = 0;
};

struct RashomonCurve {
    std::vector<CurvePoint> points;
    int elbow = -1; // index into points
};

/// Counts depth = 1..maxDepth on train; test may be empty.
RashomonCurve rashomonCurve(const BinaryData& train, const BinaryData& test, TreeSpace space,
                            int maxDepth, double theta, std::uint64_t seed,
                            const util::TaskContext& ctx = {});

/// Index of the elbow of (x[i], y[i]) (-1 for fewer than 3 points).
int elbowIndex(const std::vector<double>& x, const std::vector<double>& y);

} // namespace algoscope::rashomon
