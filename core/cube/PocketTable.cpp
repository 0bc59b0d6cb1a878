#include "cube/PocketTable.h"

#include "util/Error.h"

#include <algorithm>
#include <array>
#include <mutex>

namespace algoscope::cube {

namespace {

// The 8 corner positions of a 2x2x2 as sticker-index triplets in one cyclic order (the U/D
// sticker first, then counter-clockwise seen from outside), derived from the sticker geometry by
// applying a slice of rotations: we find them by their colours on the solved cube.
struct Corners {
    std::array<std::array<int, 3>, 8> stickers{};
    std::array<std::array<std::uint8_t, 3>, 8> colors{}; // solved colours in the same order
    int home = -1;                                       // the D-B-L position
    std::vector<std::vector<int>> rotations;             // the 24 whole-cube rotations
};

const Corners& corners() {
    static Corners c;
    static std::once_flag once;
    std::call_once(once, [] {
        // Stickers of a 2x2x2 by face: U 0-3, D 4-7, L 8-11, R 12-15, B 16-19, F 20-23;
        // (row, col) index r*2+c. Corner triplets (U/D sticker first), checked by the tests
        // through the published distance distribution.
        const int t[8][3] = {
            {2, 8 + 1, 20 + 0},  // UFL: U(1,0) L(0,1) F(0,0)
            {3, 20 + 1, 12 + 0}, // UFR: U(1,1) F(0,1) R(0,0)
            {1, 12 + 1, 16 + 0}, // UBR: U(0,1) R(0,1) B(0,0)
            {0, 16 + 1, 8 + 0},  // UBL: U(0,0) B(0,1) L(0,0)
            {4, 20 + 2, 8 + 3},  // DFL: D(0,0) F(1,0) L(1,1)
            {5, 12 + 2, 20 + 3}, // DFR: D(0,1) R(1,0) F(1,1)
            {7, 16 + 2, 12 + 3}, // DBR: D(1,1) B(1,0) R(1,1)
            {6, 8 + 2, 16 + 3},  // DBL: D(1,0) L(1,0) B(1,1)
        };
        const Cube solved(2);
        for (int p = 0; p < 8; ++p)
            for (int k = 0; k < 3; ++k) {
                c.stickers[std::size_t(p)][std::size_t(k)] = t[p][k];
                c.colors[std::size_t(p)][std::size_t(k)] = solved.stickers()[std::size_t(t[p][k])];
            }
        c.home = 7;
        // The 24 rotations: closure of x and y from the identity.
        const Move x = parseMove("x", 2), y = parseMove("y", 2);
        std::vector<Cube> seen = {Cube(2)};
        std::vector<std::vector<Move>> seqs = {{}};
        for (std::size_t i = 0; i < seen.size(); ++i)
            for (const Move& m : {x, y}) {
                Cube next = seen[i];
                next.apply(m);
                if (std::find(seen.begin(), seen.end(), next) == seen.end()) {
                    seen.push_back(next);
                    std::vector<Move> s = seqs[i];
                    s.push_back(m);
                    seqs.push_back(s);
                }
            }
        for (const auto& s : seqs) {
            // Record the rotation as a sticker permutation (compose the moves' permutations).
            std::vector<int> perm(24);
            for (int i = 0; i < 24; ++i)
                perm[std::size_t(i)] = i;
            Cube probe(2);
            for (const Move& m : s) {
                const std::vector<int>& p = probe.permutation(m);
                std::vector<int> next(24);
                for (int i = 0; i < 24; ++i)
                    next[std::size_t(i)] = perm[std::size_t(p[std::size_t(i)])];
                perm = next;
            }
            c.rotations.push_back(perm);
        }
    });
    return c;
}

bool isUD(std::uint8_t color) {
    return color == U || color == D;
}

/// Which solved corner a colour triple belongs to, and its twist (where its U/D colour is).
std::pair<int, int> identify(const std::array<std::uint8_t, 3>& colors) {
    const Corners& c = corners();
    for (int cubie = 0; cubie < 8; ++cubie) {
        auto want = c.colors[std::size_t(cubie)];
        auto have = colors;
        std::sort(want.begin(), want.end());
        std::sort(have.begin(), have.end());
        if (want == have) {
            int twist = 0;
            while (twist < 3 && !isUD(colors[std::size_t(twist)]))
                ++twist;
            return {cubie, twist};
        }
    }
    throw util::Error("not a valid 2x2x2: a corner has the colours of no cubie");
}

std::array<std::uint8_t, 3> cornerColors(const std::vector<std::uint8_t>& s, int position) {
    const auto& t = corners().stickers[std::size_t(position)];
    return {s[std::size_t(t[0])], s[std::size_t(t[1])], s[std::size_t(t[2])]};
}

} // namespace

Cube normalizeOrientation(const Cube& cube) {
    if (cube.size() != 2)
        throw util::Error("the pocket-cube table is for the 2x2x2");
    const Corners& c = corners();
    for (const std::vector<int>& perm : c.rotations) {
        std::vector<std::uint8_t> s(24);
        for (int i = 0; i < 24; ++i)
            s[std::size_t(i)] = cube.stickers()[std::size_t(perm[std::size_t(i)])];
        if (cornerColors(s, c.home) == c.colors[std::size_t(c.home)])
            return Cube(2, std::move(s));
    }
    throw util::Error("not a valid 2x2x2: no D-B-L corner");
}

std::uint32_t PocketTable::encode(const Cube& cube) {
    const Cube n = normalizeOrientation(cube);
    // Positions 0..6 hold cubies 0..6 in some order and twist: rank the permutation (Lehmer
    // code) and the first six twists (the seventh follows: twists sum to 0 mod 3).
    std::array<int, 7> perm{};
    std::array<int, 7> twist{};
    for (int p = 0; p < 7; ++p) {
        auto [cubie, t] = identify(cornerColors(n.stickers(), p));
        if (cubie == 7)
            throw util::Error("not a valid 2x2x2: two D-B-L corners");
        perm[std::size_t(p)] = cubie;
        twist[std::size_t(p)] = t;
    }
    std::uint32_t rank = 0;
    for (int i = 0; i < 7; ++i) {
        int smaller = 0;
        for (int j = i + 1; j < 7; ++j)
            smaller += perm[std::size_t(j)] < perm[std::size_t(i)];
        rank = rank * std::uint32_t(7 - i) + std::uint32_t(smaller);
    }
    std::uint32_t t = 0;
    for (int i = 0; i < 6; ++i)
        t = t * 3 + std::uint32_t(twist[std::size_t(i)]);
    return rank * 729 + t;
}

Cube PocketTable::decode(std::uint32_t index) {
    if (index >= kStates)
        throw util::Error("pocket-cube index out of range");
    std::uint32_t rank = index / 729, t = index % 729;
    std::array<int, 7> twist{};
    int sum = 0;
    for (int i = 5; i >= 0; --i) {
        twist[std::size_t(i)] = int(t % 3);
        sum += twist[std::size_t(i)];
        t /= 3;
    }
    twist[6] = (3 - sum % 3) % 3;
    std::array<int, 7> digits{};
    for (int i = 6; i >= 0; --i) {
        digits[std::size_t(i)] = int(rank % std::uint32_t(7 - i));
        rank /= std::uint32_t(7 - i);
    }
    std::vector<int> left = {0, 1, 2, 3, 4, 5, 6};
    std::array<int, 7> perm{};
    for (int i = 0; i < 7; ++i) {
        perm[std::size_t(i)] = left[std::size_t(digits[std::size_t(i)])];
        left.erase(left.begin() + digits[std::size_t(i)]);
    }
    const Corners& c = corners();
    std::vector<std::uint8_t> s = Cube(2).stickers(); // D-B-L stays home
    for (int p = 0; p < 7; ++p) {
        const auto& colors = c.colors[std::size_t(perm[std::size_t(p)])];
        const int tw = twist[std::size_t(p)];
        for (int k = 0; k < 3; ++k)
            s[std::size_t(c.stickers[std::size_t(p)][std::size_t((tw + k) % 3)])] =
                colors[std::size_t(k)];
    }
    return Cube(2, std::move(s));
}

PocketTable PocketTable::build(Metric metric, const util::TaskContext& ctx) {
    PocketTable table;
    table.m_metric = metric;
    table.m_dist.assign(kStates, 0xff);
    // Moves that keep D-B-L home: U, R, F (quarter turns both ways, and half turns).
    std::vector<Move> moves;
    for (int face : {U, R, F}) {
        moves.push_back(faceTurn(face, 1, 2));
        moves.push_back(faceTurn(face, 3, 2));
        if (metric == Metric::Half)
            moves.push_back(faceTurn(face, 2, 2));
    }
    // Corner permutation and twist transform independently under moves that keep D-B-L home,
    // so each move becomes two small tables (5040 permutations, 729 twists) built through the
    // sticker model once; the search itself is then table lookups.
    const std::size_t nm = moves.size();
    std::vector<std::uint16_t> permMove(nm * 5040), twistMove(nm * 729);
    for (std::size_t m = 0; m < nm; ++m) {
        for (std::uint32_t r = 0; r < 5040; ++r) {
            Cube c = decode(r * 729);
            c.apply(moves[m]);
            permMove[m * 5040 + r] = std::uint16_t(encode(c) / 729);
        }
        for (std::uint32_t t = 0; t < 729; ++t) {
            Cube c = decode(t);
            c.apply(moves[m]);
            twistMove[m * 729 + t] = std::uint16_t(encode(c) % 729);
        }
    }
    std::vector<std::uint32_t> frontier = {encode(Cube(2))};
    table.m_dist[frontier[0]] = 0;
    std::uint64_t done = 1;
    for (int depth = 0; !frontier.empty(); ++depth) {
        std::vector<std::uint32_t> next;
        for (std::size_t i = 0; i < frontier.size(); ++i) {
            if ((i & 65535) == 0) {
                ctx.checkCancelled();
                ctx.report(double(done) / kStates);
            }
            const std::uint32_t r = frontier[i] / 729, t = frontier[i] % 729;
            for (std::size_t m = 0; m < nm; ++m) {
                const std::uint32_t idx =
                    std::uint32_t(permMove[m * 5040 + r]) * 729 + twistMove[m * 729 + t];
                if (table.m_dist[idx] == 0xff) {
                    table.m_dist[idx] = std::uint8_t(depth + 1);
                    next.push_back(idx);
                    ++done;
                }
            }
        }
        frontier.swap(next);
    }
    return table;
}

int PocketTable::distance(const Cube& cube) const {
    return m_dist[encode(cube)];
}

std::vector<std::uint64_t> PocketTable::histogram() const {
    std::vector<std::uint64_t> h;
    for (std::uint8_t d : m_dist) {
        if (d == 0xff)
            continue;
        if (h.size() <= d)
            h.resize(std::size_t(d) + 1, 0);
        ++h[d];
    }
    return h;
}

std::vector<Move> PocketTable::solve(const Cube& cube) const {
    std::vector<Move> moves;
    for (int face : {U, D, L, R, B, F}) {
        moves.push_back(faceTurn(face, 1, 2));
        moves.push_back(faceTurn(face, 3, 2));
        if (m_metric == Metric::Half)
            moves.push_back(faceTurn(face, 2, 2));
    }
    std::vector<Move> solution;
    Cube c = cube;
    int d = distance(c);
    while (d > 0) {
        bool stepped = false;
        for (const Move& m : moves) {
            Cube next = c;
            next.apply(m);
            const int nd = distance(next);
            if (nd == d - 1) {
                solution.push_back(m);
                c = next;
                d = nd;
                stepped = true;
                break;
            }
        }
        if (!stepped)
            throw util::Error("pocket-cube table is inconsistent"); // cannot happen for a BFS table
    }
    return solution;
}

Cube PocketTable::randomState(util::Rng& rng) {
    Cube c = decode(std::uint32_t(rng.below(kStates)));
    const auto& rotations = corners().rotations;
    const std::vector<int>& perm = rotations[std::size_t(rng.below(rotations.size()))];
    std::vector<std::uint8_t> s(24);
    for (int i = 0; i < 24; ++i)
        s[std::size_t(i)] = c.stickers()[std::size_t(perm[std::size_t(i)])];
    return Cube(2, std::move(s));
}

} // namespace algoscope::cube
