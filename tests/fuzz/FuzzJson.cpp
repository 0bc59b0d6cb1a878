// libFuzzer target fuzz_Json: parseJson (duplicate-key check, error positions) and the checked
// getters on arbitrary text. The body is fuzzJson() in FuzzBodies.h, shared with the corpus replay
// test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz Json.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzJson(data, size);
}
