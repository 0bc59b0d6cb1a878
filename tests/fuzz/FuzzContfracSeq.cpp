// libFuzzer target fuzz_ContfracSeq: the body is fuzzContfracSeq() in ContfracFuzzBodies.h, shared
// with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with
// scripts/fuzz ContfracSeq.
#include "ContfracFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzContfracSeq(data, size);
}
