#pragma once
// Fuzz bodies for the cube lab (core/cube), same contract as FuzzBodies.h.
#include "FuzzBodies.h"

#include "cube/Cube.h"
#include "cube/CubieState.h"

namespace algoscope::fuzz {

/// fuzz_CubeMoves: arbitrary text as Singmaster notation on a 2x2x2 and a 3x3x3. On success the
/// printed sequence must parse back to the same moves, and the sequence followed by its inverse
/// must leave the cube solved.
inline int fuzzCubeMoves(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    for (int n : {2, 3}) {
        try {
            const std::vector<cube::Move> moves = cube::parseMoves(text, n);
            const std::vector<cube::Move> again = cube::parseMoves(cube::toString(moves), n);
            require(again == moves, "notation round trip");
            cube::Cube c(n);
            c.apply(moves);
            c.apply(cube::invert(moves));
            require(c.isSolved(), "a sequence and its inverse cancel");
        } catch (const util::Error&) {
        }
    }
    return 0;
}

/// fuzz_CubeStickers: arbitrary text as a sticker state (cube solve --stickers) of a 2x2x2 and
/// a 3x3x3. Anything refused is a util::Error; an accepted state is reachable by the cubie
/// test and writes back to the same text.
inline int fuzzCubeStickers(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    for (int n : {2, 3}) {
        try {
            const cube::Cube c = cube::cubeFromStickerText(text, n);
            require(cube::cubieReport(c).reachable(), "an accepted state is reachable");
            require(cube::toStickerText(c) == text, "sticker text round trip");
        } catch (const util::Error&) {
        }
    }
    return 0;
}

} // namespace algoscope::fuzz
