// libFuzzer target fuzz_Rle: life::readRle on arbitrary text (4 Mi-cell limit); on success
// writeRle and writeCells must re-parse to the same pattern. The body is fuzzRle() in
// FuzzBodies.h, shared with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp).
// Run it with scripts/fuzz Rle.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzRle(data, size);
}
