#include "life/Soup.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <algorithm>
#include <cmath>

namespace algoscope::life {

namespace {

void checkDensity(double density) {
    if (!(density >= 0.0 && density <= 1.0))
        throw util::Error("soup density must be in [0, 1], got " + std::to_string(density));
}

} // namespace

Board randomSoup(std::uint64_t width, std::uint64_t height, double density, std::uint64_t seed) {
    checkDensity(density);
    Board b(width, height);
    fillRandom(b, CellRect{0, 0, b.width(), b.height()}, density, seed);
    return b;
}

void fillRandom(Board& board, const CellRect& rect, double density, std::uint64_t seed) {
    checkDensity(density);
    util::Rng rng(seed);
    const std::uint64_t x1 =
        std::min<std::uint64_t>(std::uint64_t(rect.x) + rect.width, board.width());
    const std::uint64_t y1 =
        std::min<std::uint64_t>(std::uint64_t(rect.y) + rect.height, board.height());
    for (std::uint64_t y = rect.y; y < y1; ++y)
        for (std::uint64_t x = rect.x; x < x1; ++x)
            board.set(std::uint32_t(x), std::uint32_t(y), rng.bernoulli(density));
}

} // namespace algoscope::life
