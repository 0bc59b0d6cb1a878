// libFuzzer target fuzz_Tour: ui::parseTour (the guided-tour JSON files of resources/tours/) on
// arbitrary bytes. The body is fuzzTour() in TourFuzzBodies.h, shared with the corpus replay test
// (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz Tour.
#include "TourFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzTour(data, size);
}
