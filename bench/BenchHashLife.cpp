// HashLife (core/life/HashLife.h) on the unbounded plane, and the engines side by side in one
// process on the same patterns (the bgolly comparison, whole process, is
// bench/hashlife_vs_bgolly.py: bgolly cannot run in-process).
//   BM_HashLifeJump/pattern/k     load a Golly pattern (committed copies in
//                                 tests/life/data/hashlife) and jump 2^k generations from an
//                                 empty node store: every iteration pays the whole computation,
//                                 like a fresh bgolly process does. items = generations.
//   BM_UnboundedSoup/engine/gens  a 256^2 40% soup on the unbounded plane, `gens` generations:
//                                 HashLife vs. the bitpacked engine on a growing board (chaotic
//                                 patterns are where HashLife's memoisation finds little).
//   BM_Render/shift               the level-of-detail renderer: a 1024 x 768 view of the rake
//                                 breeder at 2^20 at 2^shift cells per pixel.
// Run: bench_HashLife --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "life/HashLife.h"
#include "life/Soup.h"
#include "life/Unbounded.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace algoscope;
using namespace algoscope::life;

namespace {

const char* const kPatterns[] = {"period-52-glider-gun.rle", "rake-breeder.rle",
                                 "LWSS-breeder.rle",         "rabbits-relation-17423.rle",
                                 "spacefiller.rle",          "switch-engine-breeder.rle"};

// The committed copies next to the tests. The bench targets get no source-directory define, so
// look in $ALGOSCOPE_SOURCE_DIR, then next to this file as the compiler named it (relative to the
// build directory), then two levels above the executable (build/bin/bench_HashLife).
std::string patternPath(int i) {
    namespace fs = std::filesystem;
    const fs::path rel = fs::path("tests/life/data/hashlife") / kPatterns[i];
    std::vector<fs::path> roots;
    if (const char* env = std::getenv("ALGOSCOPE_SOURCE_DIR"))
        roots.emplace_back(env);
    roots.push_back(fs::path(__FILE__).parent_path().parent_path());
    roots.push_back(fs::read_symlink("/proc/self/exe").parent_path().parent_path().parent_path());
    for (const auto& r : roots)
        if (fs::exists(r / rel))
            return (r / rel).string();
    return rel.string();
}

void BM_HashLifeJump(benchmark::State& state) {
    const int which = int(state.range(0));
    const unsigned k = unsigned(state.range(1));
    state.SetLabel(std::string(kPatterns[which]) + " to 2^" + std::to_string(k));
    std::string population;
    for (auto _ : state) {
        HashLife hl;
        readUniverseFile(patternPath(which), hl);
        hl.stepPow2(k);
        population = hl.population().get_str();
        benchmark::DoNotOptimize(population);
    }
    state.counters["population"] = benchmark::Counter(std::stod(population));
}
BENCHMARK(BM_HashLifeJump)
    ->ArgsProduct({{0, 1, 2, 3, 4, 5}, {10, 20, 40}})
    ->Unit(benchmark::kMillisecond);

void BM_UnboundedSoup(benchmark::State& state) {
    const auto engine =
        state.range(0) == 0 ? UnboundedEngine::HashLife : UnboundedEngine::Bitpacked;
    const std::uint64_t gens = std::uint64_t(state.range(1));
    state.SetLabel(std::string(unboundedEngineName(engine)));
    const Board soup = randomSoup(256, 256, 0.4, 1);
    for (auto _ : state) {
        HashLife hl;
        hl.loadBoard(soup, -128, -128);
        stepUnbounded(hl, gens, engine, 1);
        benchmark::DoNotOptimize(hl.population());
    }
    state.SetItemsProcessed(std::int64_t(state.iterations() * gens));
}
BENCHMARK(BM_UnboundedSoup)
    ->ArgsProduct({{0, 1}, {256, 1024, 4096}})
    ->Unit(benchmark::kMillisecond);

void BM_Render(benchmark::State& state) {
    static HashLife* hl = [] {
        auto* h = new HashLife;
        readUniverseFile(patternPath(1), *h);
        h->stepPow2(20);
        return h;
    }();
    const unsigned shift = unsigned(state.range(0));
    std::vector<float> img(1024 * 768);
    const auto bb = *hl->boundingBox();
    for (auto _ : state)
        hl->render(bb.x.get_si(), bb.y.get_si(), shift, 1024, 768, img);
    state.SetItemsProcessed(std::int64_t(state.iterations()) * 1024 * 768);
}
BENCHMARK(BM_Render)->Arg(0)->Arg(8)->Arg(12)->Arg(19)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
