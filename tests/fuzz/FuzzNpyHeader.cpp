// libFuzzer target fuzz_NpyHeader: parseNpyHeaderDict (the Python dict literal of a .npy header) on
// arbitrary text. The body is fuzzNpyHeader() in FuzzBodies.h, shared with the corpus replay test
// (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz NpyHeader.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzNpyHeader(data, size);
}
