#pragma once
// Rubik's cubes of size 2 and 3 as sticker ("facelet") arrays, with every move generated from
// 3-D geometry rather than typed-in tables: each sticker has a position and an outward normal,
// and a move rotates the stickers of its layers by quarter turns about an axis. That one rule
// gives face turns, wide turns, slices and whole-cube rotations for both sizes.
//
// Sticker order (DeepCubeA's face order): faces U, D, L, R, B, F; index = face*N*N + row*N + col,
// each face seen from outside the cube: U with B at the top, D with F at the top, L/R/F/B with U
// at the top. The solved cube has colour f on face f.
// Notation (Singmaster): U D L R F B, with ' (inverse) or 2 (half turn); wide Uw..Bw or lowercase
// u..b (3x3x3), slices M E S (3x3x3: M follows L, E follows D, S follows F), rotations x y z
// (x follows R, y follows U, z follows F). A face turn is clockwise seen from that face.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::util {
class Rng;
}

namespace algoscope::cube {

enum Face : int { U = 0, D = 1, L = 2, R = 3, B = 4, F = 5 };

/// A move: which layers turn, about which axis and how far. Built by parseMove or faceTurn.
struct Move {
    int axis = 0;             // 0 x (L->R), 1 y (D->U), 2 z (B->F)
    int sign = 1;             // the reference face's outward normal is sign * axis
    std::uint32_t layers = 0; // bit i: layer i along the axis counted from the reference face
    int quarterTurns = 1;     // 1 clockwise (seen from the reference face), 2 half, 3 = inverse
    std::string name;         // as written: "R'", "Rw2", "M", "x"

    Move inverse() const;
    bool operator==(const Move& o) const {
        return axis == o.axis && sign == o.sign && layers == o.layers &&
               quarterTurns == o.quarterTurns;
    }
};

class Cube {
public:
    /// Solved cube of size n (2 or 3; util::Error otherwise).
    explicit Cube(int n = 3);
    /// A cube from its stickers (colours 0..5 in the order above). util::Error when the count
    /// or a colour's number of stickers is wrong (a cube cannot have ten red stickers).
    Cube(int n, std::vector<std::uint8_t> stickers);

    int size() const { return m_n; }
    int stickerCount() const { return 6 * m_n * m_n; }
    const std::vector<std::uint8_t>& stickers() const { return m_stickers; }
    std::uint8_t sticker(int face, int row, int col) const {
        return m_stickers[std::size_t(face * m_n * m_n + row * m_n + col)];
    }
    bool isSolved() const;
    /// Every face one colour (any whole-cube orientation): the goal when the cube is not
    /// required to keep its orientation.
    bool isSolvedUpToRotation() const;

    void apply(const Move& m);
    void apply(const std::vector<Move>& moves);

    bool operator==(const Cube& o) const { return m_n == o.m_n && m_stickers == o.m_stickers; }
    /// 64-bit hash of the stickers (FNV-1a), for hash sets in search.
    std::uint64_t hash() const;

    /// The sticker permutation of a move: after the move, sticker i holds what sticker
    /// perm[i] held before.
    const std::vector<int>& permutation(const Move& m) const;

private:
    int m_n;
    std::vector<std::uint8_t> m_stickers;
};

/// Where sticker i of an n-cube sits: the centre of its cubie (coordinates in
/// {-(n-1), ..., n-1}, step 2: a cubie is 2 units wide) and its outward normal. For drawing.
struct StickerPlace {
    std::array<int, 3> cubie;
    std::array<int, 3> normal;
};
StickerPlace stickerPlace(int n, int index);
/// True when sticker i turns with move m (its cubie lies in one of the move's layers).
bool stickerInMove(int n, int index, const Move& m);

/// A face turn (face U..F, quarterTurns 1, 2 or 3) on the outer layer.
Move faceTurn(int face, int quarterTurns, int n);
/// One token of notation for a cube of size n; util::Error naming the token otherwise.
Move parseMove(std::string_view token, int n);
/// A whole sequence, separated by spaces (or written together: "RUR'U'"); util::Error names the
/// offending token and its position.
std::vector<Move> parseMoves(std::string_view text, int n);
std::string toString(const std::vector<Move>& moves);
/// Adjacent turns of the same layers merged ("B' B'" -> "B2", "R R'" -> nothing): the same
/// permutation, never longer in either metric. Meta-actions expand into such pairs.
std::vector<Move> simplify(const std::vector<Move>& moves);
/// The inverse sequence (reversed, each move inverted).
std::vector<Move> invert(const std::vector<Move>& moves);

/// The 12 quarter turns in DeepCubeA's action order: U' U D' D L' L R' R B' B F' F
/// (action a and a ^ 1 are inverses).
std::vector<Move> quarterTurns(int n);
/// `count` random quarter turns, never one that undoes the previous: scrambles and the random
/// walks Q-learning trains on.
std::vector<Move> randomQuarterTurns(int n, int count, util::Rng& rng);
/// The same walk as indices into quarterTurns() (the same random stream).
std::vector<int> randomQuarterTurnIndices(int count, util::Rng& rng);
/// Quarter-turn metric length (half turns count 2, rotations 0) and half-turn metric length.
int lengthQtm(const std::vector<Move>& moves);
int lengthHtm(const std::vector<Move>& moves);

} // namespace algoscope::cube
