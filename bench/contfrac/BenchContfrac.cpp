// Continued-fractions lab benchmarks (docs/benchmarks.md, section "Continued fractions").
//  - PiCertifiedTerms: 10,000 certified simple-CF terms of pi, with pi recomputed every iteration
//    (MPFR's constant cache freed) and with it cached; GpContfracPi runs PARI/GP's contfrac on the
//    same task (bench/contfrac/gp_contfrac.gp) and reports gp's own timing (manual time), so the
//    two sit side by side in one run. Skipped when gp is not installed.
//  - Esma: the ESMA search of the reference facts (e, degree 1, coefficients +-2, sign periods
//    1..2, depth 100, 1000 regenerated terms, 100 digits), 1 and 2 threads; EsmaPythonMpmath runs
//    bench/contfrac/esma_mpmath.py, a straightforward Python + mpmath implementation of the same
//    search, and reports its wall time (manual time). Skipped when python3/mpmath is missing.
//  - AperyDeep: Apery's PCF to depth 20,000 by binary splitting.
#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/Esma.h"
#include "contfrac/Pcf.h"
#include "contfrac/Polynomial.h"

#include <benchmark/benchmark.h>
#include <mpfr.h>

#include <cstdio>
#include <string>
#include <unistd.h>

using namespace algoscope::contfrac;

namespace {

std::string runCommand(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return out;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p))
        out += buf;
    pclose(p);
    return out;
}

// The scripts sit next to this file. __FILE__ is absolute, or (Ninja) relative to the build
// directory, which is the parent of this executable's bin/ folder.
std::string here() {
    std::string f = __FILE__;
    const auto slash = f.rfind('/');
    std::string dir = slash == std::string::npos ? std::string(".") : f.substr(0, slash);
    if (!dir.empty() && dir[0] == '/')
        return dir;
    char exe[4096];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return dir;
    std::string build(exe, std::size_t(n));
    for (int up = 0; up < 2; ++up)
        build = build.substr(0, build.rfind('/'));
    return build + "/" + dir;
}

double jsonNumber(const std::string& text, const std::string& key) {
    const auto k = text.find("\"" + key + "\"");
    if (k == std::string::npos)
        return -1;
    const auto colon = text.find(':', k);
    return std::strtod(text.c_str() + colon + 1, nullptr);
}

void BM_PiCertifiedTerms(benchmark::State& state) {
    const bool cached = state.range(1) != 0;
    const ConstantExpr pi = ConstantExpr::parse("pi");
    ExpandOptions o;
    o.terms = std::size_t(state.range(0));
    CfExpansion r;
    for (auto _ : state) {
        if (!cached)
            mpfr_free_cache();
        r = expandCertified(pi, o);
        benchmark::DoNotOptimize(r.terms.data());
    }
    state.counters["terms"] = double(r.terms.size());
    state.counters["digits"] = double(r.digitsUsed);
    state.SetLabel(cached ? "pi cached" : "pi recomputed");
}
BENCHMARK(BM_PiCertifiedTerms)->Args({10000, 0})->Args({10000, 1})->Unit(benchmark::kMillisecond);

void BM_GpContfracPi(benchmark::State& state) {
    const std::string out = runCommand("gp -q -f " + here() + "/gp_contfrac.gp 2>/dev/null");
    const double ms = jsonNumber(out, "ms_contfrac_only");
    if (ms <= 0) {
        state.SkipWithError("gp (PARI/GP) not available");
        return;
    }
    for (auto _ : state)
        state.SetIterationTime(ms / 1000.0);
    state.counters["terms"] = jsonNumber(out, "terms");
    state.counters["digits"] = jsonNumber(out, "digits");
    state.SetLabel("PARI/GP contfrac(Pi, 10000), gp's own timing");
}
BENCHMARK(BM_GpContfracPi)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

EsmaOptions esmaOptions() {
    EsmaOptions o;
    o.constant = "e";
    o.degree = 1;
    o.coeffLimit = 2;
    o.minPeriod = 1;
    o.maxPeriod = 2;
    o.depth = 100;
    return o;
}

void BM_Esma(benchmark::State& state) {
    EsmaOptions o = esmaOptions();
    o.threads = int(state.range(0));
    std::size_t found = 0;
    for (auto _ : state)
        found = runEsma(o).conjectures.size();
    state.counters["conjectures"] = double(found);
}
BENCHMARK(BM_Esma)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EsmaPythonMpmath(benchmark::State& state) {
    const std::string out =
        runCommand("python3 " + here() + "/esma_mpmath.py --periods 1..2 --depth 100 2>/dev/null");
    const double s = jsonNumber(out, "seconds");
    if (s <= 0) {
        state.SkipWithError("python3 with mpmath not available");
        return;
    }
    for (auto _ : state)
        state.SetIterationTime(s);
    state.counters["conjectures"] = jsonNumber(out, "conjectures");
    state.SetLabel("bench/contfrac/esma_mpmath.py, its own wall time");
}
BENCHMARK(BM_EsmaPythonMpmath)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_AperyDeep(benchmark::State& state) {
    const TermSource s = pcfSource(Polynomial::parse("(2n+1)(17n^2+17n+5)"),
                                   Polynomial::parse("-(n+1)^6"), PcfConvention::Shifted);
    for (auto _ : state) {
        const Convergent c = deepConvergent(s, std::size_t(state.range(0)));
        benchmark::DoNotOptimize(c.q.get_mpz_t());
    }
}
BENCHMARK(BM_AperyDeep)->Arg(20000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
