// libFuzzer target fuzz_CliArgs: algoscope-cli's option parser: the input split on NUL bytes is
// argv for cli::Args. The body is fuzzCliArgs() in FuzzBodies.h, shared with the corpus replay test
// (tests/fuzzcorpus/TestFuzzCorpus.cpp). Run it with scripts/fuzz CliArgs.
#include "FuzzBodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return algoscope::fuzz::fuzzCliArgs(data, size);
}
