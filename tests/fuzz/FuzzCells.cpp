// libFuzzer target fuzz_Cells: life::readCells on arbitrary text (4 Mi-cell limit); on success
// writeCells and writeRle must re-parse to the same cells. The body is fuzzCells() in
// FuzzBodies.h, shared with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp).
// Run it with scripts/fuzz Cells.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzCells(data, size);
}
