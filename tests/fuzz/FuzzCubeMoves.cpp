// libFuzzer target fuzz_CubeMoves: Singmaster notation (core/cube). The body is fuzzCubeMoves()
// in CubeFuzzBodies.h, shared with the corpus replay test. Run it with scripts/fuzz CubeMoves.
#include "CubeFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzCubeMoves(data, size);
}
