// libFuzzer target fuzz_ContfracExpr: the body is fuzzContfracExpr() in ContfracFuzzBodies.h,
// shared with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with
// scripts/fuzz ContfracExpr.
#include "ContfracFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzContfracExpr(data, size);
}
