#include "rashomon/RashomonCurve.h"

#include "rashomon/TreeCounter.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace algoscope::rashomon {

int elbowIndex(const std::vector<double>& x, const std::vector<double>& y) {
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 3)
        return -1;
    // (No structured bindings: clang 14 cannot capture them in the lambdas below.)
    const auto xr = std::minmax_element(x.begin(), x.begin() + std::ptrdiff_t(n));
    const auto yr = std::minmax_element(y.begin(), y.begin() + std::ptrdiff_t(n));
    const double xmin = *xr.first, ymin = *yr.first;
    const double xs = *xr.second - xmin, ys = *yr.second - ymin;
    auto nx = [&](std::size_t i) { return xs > 0 ? (x[i] - xmin) / xs : 0.0; };
    auto ny = [&](std::size_t i) { return ys > 0 ? (y[i] - ymin) / ys : 0.0; };
    int best = -1;
    double bestTurn = 1e-6;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double ax = nx(i) - nx(i - 1), ay = ny(i) - ny(i - 1);
        const double bx = nx(i + 1) - nx(i), by = ny(i + 1) - ny(i);
        if (std::hypot(ax, ay) == 0 || std::hypot(bx, by) == 0)
            continue;
        // The turn at point i: the angle between the incoming and the outgoing segment.
        const double turn = std::abs(std::atan2(ax * by - ay * bx, ax * bx + ay * by));
        if (turn > bestTurn) {
            bestTurn = turn;
            best = int(i);
        }
    }
    return best;
}

RashomonCurve rashomonCurve(const BinaryData& train, const BinaryData& test, TreeSpace space,
                            int maxDepth, double theta, std::uint64_t seed,
                            const util::TaskContext& ctx) {
    RashomonCurve c;
    util::Rng rng(seed);
    for (int d = 1; d <= maxDepth; ++d) {
        ctx.checkCancelled();
        ctx.report(double(d - 1) / maxDepth, "depth " + std::to_string(d));
        const auto t0 = std::chrono::steady_clock::now();
        TreeCounter tc(train, space, d, ctx);
        CurvePoint p;
        p.depth = d;
        p.bestErrors = tc.bestErrors();
        p.trainError = double(p.bestErrors) / double(train.rows());
        const int E = maxErrorsFor(p.bestErrors, theta, train.rows());
        p.log10SetSize = tc.log10SetSize(E);
        p.log10SpaceSize = tc.log10SpaceSize();
        p.log10Ratio = p.log10SetSize - p.log10SpaceSize;
        if (test.rows() > 0) {
            const Tree t = tc.sample(p.bestErrors, rng);
            p.testError = double(t.errors(test)) / double(test.rows());
        } else {
            p.testError = std::nan("");
        }
        p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        c.points.push_back(p);
    }
    // The elbow of error against log ratio: the ratio falls as depth grows, the error too.
    std::vector<double> x, y;
    for (const auto& p : c.points) {
        x.push_back(p.log10Ratio);
        y.push_back(p.trainError);
    }
    c.elbow = elbowIndex(x, y);
    ctx.report(1.0, "done");
    return c;
}

} // namespace algoscope::rashomon
