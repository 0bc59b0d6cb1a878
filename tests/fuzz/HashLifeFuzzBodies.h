#pragma once
// Fuzz bodies of the unbounded-plane readers (same contract as FuzzBodies.h): Macrocell text
// (life::readMacrocell) and RLE read straight into the quadtree (life::readRleBlocks).
// tests/fuzz/FuzzMacrocell.cpp and FuzzRleBlocks.cpp wrap them for libFuzzer;
// tests/fuzzcorpus/TestFuzzCorpus.cpp replays the seeds in tests/fuzz/corpus/<Name>/.
#include "FuzzBodies.h"

#include "life/HashLife.h"
#include "life/Macrocell.h"
#include "life/Unbounded.h"

namespace algoscope::fuzz {

/// readMacrocell on arbitrary text, with the smallest HashLife memory limit. On success:
/// writeMacrocell -> readMacrocell gives the same canonical text, population and generation;
/// small patterns then step one generation alike from both copies.
inline int fuzzMacrocell(const std::uint8_t* data, std::size_t size) {
    life::HashLife a(life::Rule::life(), life::HashLife::kMinMemoryLimit);
    life::MacrocellInfo info;
    try {
        info = life::readMacrocell(asText(data, size), a);
    } catch (const util::Error&) {
        return 0;
    }
    const std::string text = life::writeMacrocell(a, info.comments);
    life::HashLife b(life::Rule::life(), life::HashLife::kMinMemoryLimit);
    life::readMacrocell(text, b); // our own output must parse
    require(life::writeMacrocell(b, info.comments) == text, "Macrocell round trip changed text");
    require(a.population() == b.population(), "Macrocell round trip changed the population");
    require(a.generation() == b.generation(), "Macrocell round trip changed the generation");
    require(a.rule() == b.rule(), "Macrocell round trip changed the rule");
    if (a.root().level <= 24 && a.population() <= 4096) {
        try {
            a.step(1);
            b.step(1);
        } catch (const util::LimitError&) {
            return 0;
        }
        require(a.population() == b.population(), "copies stepped apart");
    }
    return 0;
}

/// readRleBlocks on arbitrary text (at most 2^20 live cells). On success: the blocks load into
/// a HashLife whose population is the number of distinct live cells.
inline int fuzzRleBlocks(const std::uint8_t* data, std::size_t size) {
    life::RleBlocks r;
    try {
        r = life::readRleBlocks(asText(data, size), std::uint64_t{1} << 20);
    } catch (const util::Error&) {
        return 0;
    }
    std::uint64_t cellsBound = 0;
    for (const auto& b : r.blocks)
        cellsBound += std::uint64_t(std::popcount(b.bits));
    life::HashLife hl;
    hl.loadLeaves(r.blocks);
    const mpz_class pop = hl.population();
    require(pop <= cellsBound, "more cells than the blocks hold");
    require((pop == 0) == hl.isEmpty(), "isEmpty disagrees with the population");
    return 0;
}

} // namespace algoscope::fuzz
