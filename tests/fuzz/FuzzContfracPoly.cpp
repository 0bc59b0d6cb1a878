// libFuzzer target fuzz_ContfracPoly: the body is fuzzContfracPoly() in ContfracFuzzBodies.h,
// shared with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with
// scripts/fuzz ContfracPoly.
#include "ContfracFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzContfracPoly(data, size);
}
