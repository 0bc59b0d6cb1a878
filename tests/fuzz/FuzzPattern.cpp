// libFuzzer target fuzz_Pattern: life::parsePattern with format sniffing (4 Mi-cell limit); on
// success both writers must re-parse to the same cells and rule. The body is fuzzPattern() in
// FuzzBodies.h, shared with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp).
// Run it with scripts/fuzz Pattern.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzPattern(data, size);
}
