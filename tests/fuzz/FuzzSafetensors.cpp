// libFuzzer target fuzz_Safetensors: parseSafetensors on arbitrary bytes; on success toFloat32 on
// every tensor and a serialise/re-parse round trip. The body is fuzzSafetensors() in FuzzBodies.h,
// shared with the corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with
// scripts/fuzz Safetensors.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzSafetensors(data, size);
}
