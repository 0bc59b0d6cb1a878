// libFuzzer target fuzz_NaInput: 4 parameter bytes + a .npy file as q/k/v through the
// neighbourhood-attention input checks, and naive vs fused on small valid problems. The body is
// fuzzNaInput() in AttentionFuzzBodies.h, shared with the corpus replay test
// (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz NaInput.
#include "AttentionFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzNaInput(data, size);
}
