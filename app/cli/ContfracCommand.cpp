// `algoscope-cli cf`: the continued-fractions lab from the command line. `expand` prints
// certified (simple or signed) continued-fraction terms of a constant expression, `pcf` evaluates
// and analyses a polynomial continued fraction, `esma` runs the ESMA conjecture search and
// `massey` finds the linear recurrence of an integer sequence. All print JSON.
#include "cli/Cli.h"
#include "contfrac/CertifiedCf.h"
#include "contfrac/ConstantExpr.h"
#include "contfrac/Esma.h"
#include "contfrac/EsmaExport.h"
#include "contfrac/Massey.h"
#include "contfrac/Pcf.h"
#include "contfrac/Polynomial.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>

using namespace algoscope;
using namespace algoscope::contfrac;

namespace {

constexpr const char* kCfHelp =
    "Usage: algoscope-cli cf <subcommand> [options]\n\n"
    "Continued fractions of constants with certified terms, polynomial continued fractions and\n"
    "the ESMA conjecture search (signed continued fractions found by Berlekamp-Massey).\n\n"
    "Subcommands:\n"
    "  expand  certified simple or signed continued-fraction terms of a constant expression\n"
    "  pcf     value, correct digits, digits per term and irrationality measure of a PCF\n"
    "  esma    search signed continued fractions of P(c)/Q(c) with short recurrences\n"
    "  massey  linear recurrence of an integer sequence (Berlekamp-Massey, exact check)\n\n"
    "Constants (--constant, --limit): pi, e, phi, catalan, log2, gamma, e2, tan1, cot1, tanh1,\n"
    "bessel (= I1(2)/I0(2)), zeta2, zeta3, sqrt2, and expressions of them with + - * / ^,\n"
    "integers and sqrt exp log tan cot tanh zeta I0 I1, e.g. \"(2e+1)/(e-1)\", \"1/(2tan(1))\".\n\n"
    "Exit codes: 0 ok, 1 bad input or an expansion that could not certify all terms, 2 usage.\n"
    "Run 'algoscope-cli cf <subcommand> --help' for its options.\n";

constexpr const char* kExpandHelp =
    "Usage: algoscope-cli cf expand --constant EXPR [--terms N] [--signs PATTERN]\n"
    "                               [--digits D] [--max-digits M] [--convergents] [--rate N]\n\n"
    "Prints {\"constant\", \"terms\": [a0, a1, ...], \"signs\", \"count\", \"requested\",\n"
    "\"complete\", \"digits_used\", \"value\"} (+ \"convergents\": [{\"p\", \"q\"}] with\n"
    "--convergents). Each term is certified: the constant is enclosed in an interval and a term\n"
    "is emitted only when both ends give it.\n\n"
    "  --constant EXPR   the number (see 'cf --help')\n"
    "  --terms N         terms wanted (default 20, at most 1000000)\n"
    "  --signs PATTERN   periodic signs b_i of x = a0 + b0/(a1 + b1/(...)), e.g. \"+,-\" or\n"
    "                    \"-\" (default: simple CF, all +)\n"
    "  --digits D        fixed working precision in decimal digits: terms it cannot certify are\n"
    "                    not printed and the exit code is 1 (default: automatic, raised until\n"
    "                    all terms are certified)\n"
    "  --max-digits M    cap for the automatic raise (default 20x the first estimate)\n"
    "  --convergents     also print the convergents p_n/q_n\n"
    "  --rate N          also print \"rate\": digits of p_N/q_N of this expansion and of the\n"
    "                    simple CF (convergence comparison)\n";

constexpr const char* kPcfHelp =
    "Usage: algoscope-cli cf pcf --a POLY --b POLY [--depth N] [--limit EXPR] [--digits D]\n"
    "                            [--convention shifted|rt] [--rows]\n\n"
    "Polynomial continued fraction. Convention shifted (default, Apery / older Ramanujan Machine\n"
    "tables): x = a(0) + b(0)/(a(1) + b(1)/(a(2) + ...)); rt (ramanujantools):\n"
    "x = a(0) + b(1)/(a(1) + b(2)/(a(2) + ...)).\n"
    "Prints {\"value\", \"correct_digits\" (with --limit), \"digits_per_term\", \"delta\", ...}.\n"
    "Without --limit the errors are measured against the convergent at twice the depth\n"
    "(\"blind\") and reported as \"digits\".\n\n"
    "  --a, --b POLY     polynomials in n, e.g. \"2n+1\", \"-(n+1)^6\", \"(2n+1)(17n^2+17n+5)\"\n"
    "  --depth N         depth (default 100)\n"
    "  --limit EXPR      the conjectured limit, e.g. \"6/zeta(3)\", \"4/pi\"\n"
    "  --digits D        digits of the printed value (default 50)\n"
    "  --rows            include the per-depth table {n, digits, estimate, delta}\n";

constexpr const char* kEsmaHelp =
    "Usage: algoscope-cli cf esma [--constant EXPR] [--degree D] [--coeff C] [--sign-period A..B]\n"
    "                             [--depth N] [--verify-digits V] [--approve-terms M]\n"
    "                             [--extract-digits X] [--max-recurrence L] [--threads T]\n"
    "                             [--reference-defects] [--latex FILE] [--progress]\n\n"
    "ESMA: for every P(c)/Q(c) (degree <= D, coefficients in [-C, C]) and every sign period of\n"
    "length A..B, extract N certified signed-CF terms, keep those with a linear recurrence\n"
    "shorter than N/4 (Berlekamp-Massey mod 2^61-1, checked exactly), regenerate M terms from it\n"
    "and keep the ones that agree with P(c)/Q(c) to V digits. Prints the conjectures as JSON.\n\n"
    "  --constant EXPR        default e\n"
    "  --degree D, --coeff C  default 1 and 2\n"
    "  --sign-period A..B     default 1..2 (a single length: --sign-period 2)\n"
    "  --depth N              terms extracted (default 100)\n"
    "  --verify-digits V      default 100;  --approve-terms M: default 1000\n"
    "  --extract-digits X     extraction precision (default 5N + 50)\n"
    "  --max-recurrence L     keep recurrences shorter than L (default N/4)\n"
    "  --reference-defects    emulate the reference code (Massey mod 199, regeneration from\n"
    "                         deg C initial terms) to compare counts\n"
    "  --latex FILE           also write the conjectures as a LaTeX document\n"
    "  --progress             progress on stderr\n";

constexpr const char* kMasseyHelp =
    "Usage: algoscope-cli cf massey --sequence \"1,2,3,...\" [--extend N]\n\n"
    "Berlekamp-Massey modulo 2^61-1 and exact integer confirmation. Prints {\"length\",\n"
    "\"polynomial\", \"coefficients\", \"initial_terms\", \"confirmed\", \"terms\"} and with\n"
    "--extend the first N terms regenerated from the recurrence (initial terms kept).\n";

void rejectPositionals(const cli::Args& args) {
    if (!args.positionals().empty())
        throw cli::UsageError("unexpected argument '" + args.positionals().front() +
                              "' (see --help)");
}

std::string need(const cli::Args& args, const std::string& name) {
    auto v = args.option(name);
    if (!v)
        throw cli::UsageError("missing --" + name + " (see --help)");
    return *v;
}

nlohmann::json finiteOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

int runExpand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv, {"constant", "terms", "signs", "digits", "max-digits", "rate"},
                   {"help", "convergents"});
    if (args.flag("help")) {
        out << kExpandHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const ConstantExpr x = ConstantExpr::parse(need(args, "constant"));
    ExpandOptions o;
    o.terms = std::size_t(args.intOption("terms", 20, 1, long(kMaxCfTerms)));
    if (auto s = args.option("signs"))
        o.signs = parseSignPattern(*s);
    if (args.option("digits")) {
        o.digits = long(args.intOption("digits", 0, 10, kMaxCfDigits));
        o.autoRaise = false;
    }
    o.maxDigits = long(args.intOption("max-digits", 0, 10, kMaxCfDigits));
    const CfExpansion r = expandCertified(x, o);
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& t : r.terms)
        terms.push_back(integerJson(t));
    nlohmann::json j = {{"constant", x.text()},
                        {"terms", terms},
                        {"count", r.terms.size()},
                        {"requested", o.terms},
                        {"complete", r.complete},
                        {"digits_used", r.digitsUsed},
                        {"value", x.evaluate(200).midpointString(50)}};
    if (!o.signs.empty())
        j["signs"] = o.signs;
    if (!r.message.empty())
        j["message"] = r.message;
    if (args.option("rate") && !x.isRational()) {
        // Digits of p_n/q_n (this expansion) and of the simple CF's p_n/q_n, as in the
        // reference table of signed continued fractions ("digits correct after 60 terms").
        const auto n = std::size_t(args.intOption("rate", 60, 1, 100000));
        if (n >= r.terms.size())
            throw cli::UsageError("--rate N needs N < --terms");
        ExpandOptions so;
        so.terms = n + 1;
        const CfExpansion simple = expandCertified(x, so);
        const long digits = std::max(r.digitsUsed, simple.digitsUsed) * 2 + 50;
        const Interval v = x.evaluate(static_cast<mpfr_prec_t>(double(digits) * 3.33));
        const double sd = signedCfDigits(r.terms, o.signs, n, v);
        const double pd = signedCfDigits(simple.terms, {}, n, v);
        j["rate"] = {{"n", n},
                     {"digits", finiteOrNull(sd)},
                     {"simple_digits", finiteOrNull(pd)},
                     {"digits_per_term", finiteOrNull(sd / double(n))},
                     {"simple_digits_per_term", finiteOrNull(pd / double(n))}};
    }
    if (args.flag("convergents")) {
        std::vector<mpz_class> p, q;
        signedConvergents(r.terms, o.signs, p, q);
        nlohmann::json c = nlohmann::json::array();
        for (std::size_t i = 0; i < p.size(); ++i)
            c.push_back({{"p", integerJson(p[i])}, {"q", integerJson(q[i])}});
        j["convergents"] = c;
    }
    out << j.dump(2) << "\n";
    if (!r.complete) {
        err << "algoscope-cli cf: " << r.message << "\n";
        return cli::Failure;
    }
    return cli::Ok;
}

int runPcf(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"a", "b", "depth", "limit", "digits", "convention"}, {"help", "rows"});
    if (args.flag("help")) {
        out << kPcfHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const Polynomial a = Polynomial::parse(need(args, "a"));
    const Polynomial b = Polynomial::parse(need(args, "b"));
    const auto depth = std::size_t(args.intOption("depth", 100, 1, long(kMaxPcfWalkDepth)));
    const int digits = int(args.intOption("digits", 50, 1, 100000));
    const std::string conv = args.option("convention", "shifted");
    PcfConvention convention;
    if (conv == "shifted")
        convention = PcfConvention::Shifted;
    else if (conv == "rt" || conv == "ramanujantools")
        convention = PcfConvention::RamanujanTools;
    else
        throw cli::UsageError("option --convention expects shifted or rt, got '" + conv + "'");
    const std::string limit = args.option("limit", "");
    const PcfAnalysis r = analyzePcf(pcfSource(a, b, convention), depth, digits, limit);
    nlohmann::json j = {{"a", a.toString()},
                        {"b", b.toString()},
                        {"convention", convention == PcfConvention::Shifted ? "shifted" : "rt"},
                        {"depth", depth},
                        {"value", r.value},
                        {"digits_per_term", finiteOrNull(r.digitsPerTerm)},
                        {"delta", finiteOrNull(r.delta)},
                        {"working_digits", r.workingDigits}};
    if (r.hasLimit) {
        j["limit"] = limit;
        j["correct_digits"] = finiteOrNull(r.correctDigits);
    } else {
        j["digits"] = finiteOrNull(r.correctDigits);
        j["reference_depth"] = r.referenceDepth;
    }
    if (args.flag("rows")) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : r.rows)
            rows.push_back({{"n", row.n},
                            {"digits", finiteOrNull(row.digits)},
                            {"estimate", finiteOrNull(row.estimate)},
                            {"delta", finiteOrNull(row.delta)}});
        j["rows"] = rows;
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

std::pair<int, int> parsePeriodRange(const std::string& text) {
    int a = 0, b = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%d..%d%c", &a, &b, &extra) == 2 ||
        std::sscanf(text.c_str(), "%d-%d%c", &a, &b, &extra) == 2) {
        // range
    } else if (std::sscanf(text.c_str(), "%d%c", &a, &extra) == 1) {
        b = a;
    } else {
        throw cli::UsageError("option --sign-period expects A..B or a length, got '" + text + "'");
    }
    if (a < 1 || b < a || b > 16)
        throw cli::UsageError("option --sign-period needs 1 <= A <= B <= 16, got '" + text + "'");
    return {a, b};
}

int runEsmaCmd(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    cli::Args args(argv,
                   {"constant", "degree", "coeff", "sign-period", "depth", "verify-digits",
                    "approve-terms", "extract-digits", "max-recurrence", "threads", "latex"},
                   {"help", "reference-defects", "progress"});
    if (args.flag("help")) {
        out << kEsmaHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    EsmaOptions o;
    o.constant = args.option("constant", "e");
    o.degree = int(args.intOption("degree", 1, 0, 6));
    o.coeffLimit = int(args.intOption("coeff", 2, 1, 1000));
    std::tie(o.minPeriod, o.maxPeriod) = parsePeriodRange(args.option("sign-period", "1..2"));
    o.depth = std::size_t(args.intOption("depth", 100, 8, 20000));
    o.verifyDigits = int(args.intOption("verify-digits", 100, 5, 100000));
    o.approveTerms = std::size_t(
        args.intOption("approve-terms", std::max<long long>(1000, (long long)o.depth), 8, 100000));
    o.extractDigits = long(args.intOption("extract-digits", 0, 0, 1000000));
    o.maxRecurrence = std::size_t(args.intOption("max-recurrence", 0, 0, 20000));
    o.threads = int(args.intOption("threads", 0, 0, 256));
    o.referenceDefects = args.flag("reference-defects");
    const bool progress = args.flag("progress");
    util::TaskContext ctx(progress ? util::ProgressCallback([&err](double f, const std::string& m) {
        err << "\r" << int(f * 100) << "% " << m << std::flush;
    })
                                   : util::ProgressCallback());
    const EsmaResult r = runEsma(o, ctx);
    if (progress)
        err << "\n";
    if (auto file = args.option("latex"))
        util::writeFileAtomically(*file, conjecturesLatexDocument(r.conjectures, o.constant));
    out << esmaResultJson(r, o).dump(2) << "\n";
    return cli::Ok;
}

int runMassey(const std::vector<std::string>& argv, std::ostream& out) {
    cli::Args args(argv, {"sequence", "extend"}, {"help"});
    if (args.flag("help")) {
        out << kMasseyHelp;
        return cli::Ok;
    }
    rejectPositionals(args);
    const std::vector<mpz_class> seq = parseIntegerSequence(need(args, "sequence"));
    const Recurrence r = findRecurrence(seq);
    nlohmann::json coeffs = nlohmann::json::array(), init = nlohmann::json::array();
    for (const auto& c : r.c)
        coeffs.push_back(integerJson(c));
    for (const auto& c : r.initial)
        init.push_back(integerJson(c));
    nlohmann::json j = {{"terms", seq.size()},
                        {"length", r.length},
                        {"polynomial", r.polynomialString()},
                        {"coefficients", coeffs},
                        {"initial_terms", init},
                        {"confirmed", r.confirmed},
                        {"short", 2 * r.length < seq.size()}};
    if (args.option("extend")) {
        const auto n = std::size_t(args.intOption("extend", 0, 1, 100000));
        nlohmann::json ext = nlohmann::json::array();
        for (const auto& v : r.generate(n))
            ext.push_back(integerJson(v));
        j["extended"] = ext;
    }
    out << j.dump(2) << "\n";
    return cli::Ok;
}

int runCfCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty())
        throw cli::UsageError("missing subcommand: expand, pcf, esma or massey (see --help)");
    const std::string& sub = args.front();
    if (sub == "--help" || sub == "-h" || sub == "help") {
        out << kCfHelp;
        return cli::Ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "expand")
        return runExpand(rest, out, err);
    if (sub == "pcf")
        return runPcf(rest, out);
    if (sub == "esma")
        return runEsmaCmd(rest, out, err);
    if (sub == "massey")
        return runMassey(rest, out);
    throw cli::UsageError("unknown subcommand '" + sub + "' (expand, pcf, esma or massey)");
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"cf", "Continued fractions: certified expansions, PCFs, ESMA search, Massey",
                       runCfCommand});
