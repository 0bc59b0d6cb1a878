// libFuzzer target fuzz_CubeStickers: a cube state as sticker letters (core/cube/CubieState.h,
// what `cube solve --stickers` reads). The body is fuzzCubeStickers() in CubeFuzzBodies.h,
// shared with the corpus replay test. Run it with scripts/fuzz CubeStickers.
#include "CubeFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzCubeStickers(data, size);
}
