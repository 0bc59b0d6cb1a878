#include "cube/CubieState.h"

#include "util/Error.h"
#include "util/Rng.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace algoscope::cube {

namespace {

constexpr int kCorners = 8, kEdges = 12;

/// The slots of the 3x3x3, each a list of sticker indices in the conventions of CubieState.h,
/// found from the stickers' geometry (stickerPlace), not typed in.
struct Slots {
    std::vector<std::array<int, 3>> corners; // 8 slots x 3 stickers
    std::vector<std::array<int, 2>> edges;   // 12 slots x 2 stickers
    std::vector<int> centres;                // 6 stickers
};

int dot(const std::array<int, 3>& a, const std::array<int, 3>& b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

std::array<int, 3> crossProduct(const std::array<int, 3>& a, const std::array<int, 3>& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

Slots makeSlots(int n) {
    Slots out;
    std::map<std::array<int, 3>, std::vector<int>> byCubie;
    for (int i = 0; i < 6 * n * n; ++i)
        byCubie[stickerPlace(n, i).cubie].push_back(i);
    auto normal = [n](int i) { return stickerPlace(n, i).normal; };
    for (const auto& [centre, stickers] : byCubie) {
        if (stickers.size() == 1) {
            out.centres.push_back(stickers[0]);
        } else if (stickers.size() == 2) {
            // First the U/D sticker (normal along y), else the F/B one (along z).
            std::array<int, 2> e{stickers[0], stickers[1]};
            auto rank = [&](int i) { return normal(i)[1] != 0 ? 0 : normal(i)[2] != 0 ? 1 : 2; };
            if (rank(e[1]) < rank(e[0]))
                std::swap(e[0], e[1]);
            out.edges.push_back(e);
        } else {
            std::array<int, 3> c{stickers[0], stickers[1], stickers[2]};
            std::sort(c.begin(), c.end(),
                      [&](int a, int b) { return (normal(a)[1] == 0) < (normal(b)[1] == 0); });
            // One rotational sense for every corner: (n0 x n1) . n2 > 0.
            if (dot(crossProduct(normal(c[0]), normal(c[1])), normal(c[2])) < 0)
                std::swap(c[1], c[2]);
            out.corners.push_back(c);
        }
    }
    return out;
}

const Slots& slots(int n) {
    static const Slots two = makeSlots(2), three = makeSlots(3);
    return n == 2 ? two : three;
}

int parity(const std::vector<int>& perm) {
    std::vector<char> seen(perm.size(), 0);
    int swaps = 0;
    for (std::size_t i = 0; i < perm.size(); ++i) {
        if (seen[i])
            continue;
        int length = 0;
        for (std::size_t j = i; !seen[j]; j = std::size_t(perm[j])) {
            seen[j] = 1;
            ++length;
        }
        swaps += length - 1;
    }
    return swaps % 2;
}

/// Reads the cubies of one kind (K = 3: corners, K = 2: edges). For each slot: the home slot of
/// the cubie it holds (found by its set of colours) into perm, and its orientation, the position
/// in the slot's sticker list of the cubie's first home colour, added to orientationSum. False
/// when a slot holds colours no cubie has, a cubie appears twice, or its colours are not in its
/// own cyclic order (a corner's mirror image).
template <std::size_t K>
bool readCubies(const std::vector<std::array<int, K>>& slots,
                const std::vector<std::uint8_t>& solved, const std::vector<std::uint8_t>& state,
                std::vector<int>& perm, int& orientationSum) {
    auto colours = [&slots](const std::vector<std::uint8_t>& st, std::size_t slot) {
        std::array<std::uint8_t, K> c{};
        for (std::size_t j = 0; j < K; ++j)
            c[j] = st[std::size_t(slots[slot][j])];
        return c;
    };
    auto colourSet = [](const std::array<std::uint8_t, K>& c) {
        int mask = 0;
        for (std::uint8_t x : c)
            mask |= 1 << x;
        return mask;
    };
    perm.assign(slots.size(), -1);
    std::vector<char> used(slots.size(), 0);
    for (std::size_t k = 0; k < slots.size(); ++k) {
        const std::array<std::uint8_t, K> c = colours(state, k);
        std::size_t home = 0;
        while (home < slots.size() && colourSet(colours(solved, home)) != colourSet(c))
            ++home;
        if (home == slots.size() || used[home])
            return false;
        used[home] = 1;
        perm[k] = int(home);
        const std::array<std::uint8_t, K> h = colours(solved, home);
        const std::size_t o = std::size_t(std::find(c.begin(), c.end(), h[0]) - c.begin());
        for (std::size_t j = 0; j < K; ++j)
            if (c[(o + j) % K] != h[j])
                return false;
        orientationSum += int(o);
    }
    return true;
}

} // namespace

CubieReport cubieReport(const Cube& cube) {
    const int n = cube.size();
    const Slots& s = slots(n);
    const std::vector<std::uint8_t> solved = Cube(n).stickers();
    const std::vector<std::uint8_t>& st = cube.stickers();
    for (int i : s.centres)
        if (st[std::size_t(i)] != solved[std::size_t(i)])
            throw util::Error("the centres have moved (a slice or rotation): turn the cube back "
                              "so that each centre shows its own face's colour");
    CubieReport r;
    std::vector<int> cornerPerm, edgePerm;
    if (!readCubies(s.corners, solved, st, cornerPerm, r.twistSum) ||
        !readCubies(s.edges, solved, st, edgePerm, r.flipSum))
        return r;
    r.wellFormed = true;
    r.twistSum %= 3;
    r.flipSum %= 2;
    r.cornerParity = parity(cornerPerm);
    // The 2x2x2 has no edges: any corner permutation is reachable (report it as matched).
    r.edgeParity = n == 2 ? r.cornerParity : parity(edgePerm);
    return r;
}

Cube uniformRandomState3(util::Rng& rng) {
    const Slots& s = slots(3);
    const std::vector<std::uint8_t> solved = Cube(3).stickers();
    std::vector<std::uint8_t> st = solved;
    std::vector<int> corners(kCorners), edges(kEdges);
    std::iota(corners.begin(), corners.end(), 0);
    std::iota(edges.begin(), edges.end(), 0);
    // Fisher-Yates with the generator's unbiased below().
    auto shuffle = [&rng](std::vector<int>& v) {
        for (std::size_t i = v.size() - 1; i > 0; --i)
            std::swap(v[i], v[std::size_t(rng.below(i + 1))]);
    };
    shuffle(corners);
    shuffle(edges);
    // Equal parities: swapping two edges is a bijection between the odd and even halves, so the
    // pair stays uniform over the reachable half.
    if (parity(corners) != parity(edges))
        std::swap(edges[0], edges[1]);
    int twistSum = 0, flipSum = 0;
    for (int k = 0; k < kCorners; ++k) {
        const int twist = k < kCorners - 1 ? int(rng.below(3)) : (3 - twistSum % 3) % 3;
        twistSum += twist;
        const auto& home = s.corners[std::size_t(corners[std::size_t(k)])];
        for (int j = 0; j < 3; ++j)
            st[std::size_t(s.corners[std::size_t(k)][std::size_t((j + twist) % 3)])] =
                solved[std::size_t(home[std::size_t(j)])];
    }
    for (int k = 0; k < kEdges; ++k) {
        const int flip = k < kEdges - 1 ? int(rng.below(2)) : flipSum % 2;
        flipSum += flip;
        const auto& home = s.edges[std::size_t(edges[std::size_t(k)])];
        for (int j = 0; j < 2; ++j)
            st[std::size_t(s.edges[std::size_t(k)][std::size_t((j + flip) % 2)])] =
                solved[std::size_t(home[std::size_t(j)])];
    }
    return Cube(3, std::move(st));
}

std::string toStickerText(const Cube& cube) {
    static constexpr char kLetters[] = "UDLRBF";
    std::string text;
    for (std::uint8_t c : cube.stickers())
        text += kLetters[c];
    return text;
}

Cube cubeFromStickerText(std::string_view text, int n) {
    static constexpr std::string_view kLetters = "UDLRBF";
    const std::size_t count = std::size_t(6 * n * n);
    if (text.size() != count)
        throw util::Error("a " + std::to_string(n) + "x" + std::to_string(n) + "x" +
                          std::to_string(n) + " has " + std::to_string(count) +
                          " stickers; the text has " + std::to_string(text.size()) + " letters");
    std::vector<std::uint8_t> stickers;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t c = kLetters.find(text[i]);
        if (c == std::string_view::npos)
            throw util::Error("sticker " + std::to_string(i + 1) + " is '" +
                              std::string(1, text[i]) + "'; write each as one of U D L R B F");
        stickers.push_back(std::uint8_t(c));
    }
    Cube cube(n, std::move(stickers)); // checks that each colour has n^2 stickers
    const CubieReport r = cubieReport(cube);
    if (!r.wellFormed)
        throw util::Error("these stickers do not make a cube: some piece shows colours that no "
                          "piece has (two of its stickers exchanged, or a colour twice)");
    if (r.twistSum != 0)
        throw util::Error("no turning reaches this state: the corners are twisted (their twists "
                          "add to " +
                          std::to_string(r.twistSum) + " mod 3, not 0)");
    if (r.flipSum != 0)
        throw util::Error("no turning reaches this state: one edge is flipped (an odd number of "
                          "flips)");
    if (r.cornerParity != r.edgeParity)
        throw util::Error("no turning reaches this state: two pieces are swapped (the corner and "
                          "edge permutations differ in parity)");
    return cube;
}

} // namespace algoscope::cube
