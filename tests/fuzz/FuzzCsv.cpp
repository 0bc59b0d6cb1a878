// libFuzzer target fuzz_Csv: rashomon::parseCsv on arbitrary text, then binarisation and a small
// tree count. The body is fuzzCsv() in RashomonFuzzBodies.h, shared with the corpus replay test
// (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz Csv.
#include "RashomonFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzCsv(data, size);
}
