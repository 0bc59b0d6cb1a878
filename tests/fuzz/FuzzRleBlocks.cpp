// libFuzzer target fuzz_RleBlocks: the body is fuzzRleBlocks() in HashLifeFuzzBodies.h, shared with
// the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz RleBlocks.
#include "HashLifeFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzRleBlocks(data, size);
}
