// libFuzzer target fuzz_Rule: life::RuleSpec::parse on arbitrary text; on success toString()
// must re-parse to an equal RuleSpec. The body is fuzzRule() in FuzzBodies.h, shared with the
// corpus replay test (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz Rule.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzRule(data, size);
}
