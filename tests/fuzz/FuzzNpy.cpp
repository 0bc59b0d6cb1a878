// libFuzzer target fuzz_Npy: parseNpy on arbitrary bytes; on success the typed view, serializeNpy
// and a re-parse must give the same array. The body is fuzzNpy() in FuzzBodies.h, shared with the
// corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz Npy.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzNpy(data, size);
}
