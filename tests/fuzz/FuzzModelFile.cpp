// libFuzzer target fuzz_ModelFile: LifeGPT model files (safetensors + metadata + weights). The
// body is fuzzModelFile() in NnFuzzBodies.h, shared with the corpus replay test. Run it with
// scripts/fuzz ModelFile.
#include "NnFuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzModelFile(data, size);
}
