#pragma once
// The 3x3x3 seen as cubies: which corner and edge cubie sits in each slot and how it is turned.
// Used for the two things the sticker form cannot do by itself: drawing a uniformly random state
// of the whole cube group (not a random walk, which only approaches it) and telling whether a
// sticker state can be reached by turning at all.
//
// Conventions (the usual ones, e.g. Kociemba's): the centres stay put (face turns only). A corner
// slot lists its three stickers starting with the one on U or D, then in one rotational sense
// (the same for all eight); a corner's twist is the position, in that list, of its own U or D
// colour. An edge slot's first sticker is its U or D one, or for the four middle-layer edges its
// F or B one; an edge's flip is 1 when its own first colour is not on that sticker. A state is
// reachable exactly when the twists sum to 0 mod 3, the flips to 0 mod 2, and the corner and edge
// permutations have the same parity.
#include "cube/Cube.h"

#include <string>
#include <string_view>

namespace algoscope::util {
class Rng;
}

namespace algoscope::cube {

struct CubieReport {
    bool wellFormed = false; // every slot holds one of the cube's cubies, each exactly once
    int twistSum = 0;        // mod 3
    int flipSum = 0;         // mod 2
    int cornerParity = 0;    // 0 even, 1 odd
    int edgeParity = 0;
    bool reachable() const {
        return wellFormed && twistSum == 0 && flipSum == 0 && cornerParity == edgeParity;
    }
};

/// The cubie view of a 3x3x3 with its centres in place (util::Error when they have moved), or of
/// a 2x2x2 (corners only: any permutation, twists summing to 0).
CubieReport cubieReport(const Cube& cube);

/// A uniformly random reachable 3x3x3 state (each of the 43,252,003,274,489,856,000 states with
/// the same probability): random corner and edge permutations of equal parity, random twists
/// and flips with the last of each fixed by the sums.
Cube uniformRandomState3(util::Rng& rng);

/// The stickers as text, one letter per sticker naming the face whose colour it shows (U D L R B
/// F), in the sticker order of Cube.h; and back. Reading checks the length, the letters, the
/// colour counts and that turning can reach the state, with a message saying what is wrong.
std::string toStickerText(const Cube& cube);
Cube cubeFromStickerText(std::string_view text, int n);

} // namespace algoscope::cube
