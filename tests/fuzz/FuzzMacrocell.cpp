// libFuzzer target fuzz_Macrocell: the body is fuzzMacrocell() in HashLifeFuzzBodies.h, shared with
// the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz Macrocell.
#include "HashLifeFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzMacrocell(data, size);
}
