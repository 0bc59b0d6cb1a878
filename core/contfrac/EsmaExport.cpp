#include "contfrac/EsmaExport.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace algoscope::contfrac {

nlohmann::json integerJson(const mpz_class& z) {
    if (mpz_fits_slong_p(z.get_mpz_t()))
        return z.get_si();
    return z.get_str();
}

namespace {

nlohmann::json finiteOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

std::string signsText(const std::vector<int>& s) {
    std::string t;
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? "," : "") + std::string(s[i] > 0 ? "+" : "-");
    return t;
}

std::string polyLatex(const std::vector<long>& c, const std::string& name) {
    std::string s;
    for (int i = int(c.size()) - 1; i >= 0; --i) {
        const long v = c[std::size_t(i)];
        if (v == 0)
            continue;
        const long a = v < 0 ? -v : v;
        if (s.empty())
            s += v < 0 ? "-" : "";
        else
            s += v < 0 ? " - " : " + ";
        if (a != 1 || i == 0)
            s += std::to_string(a);
        if (i >= 1)
            s += name;
        if (i >= 2)
            s += "^{" + std::to_string(i) + "}";
    }
    return s.empty() ? "0" : s;
}

} // namespace

nlohmann::json conjectureJson(const Conjecture& c, std::size_t shownTerms) {
    nlohmann::json terms = nlohmann::json::array();
    for (std::size_t i = 0; i < std::min(shownTerms, c.terms.size()); ++i)
        terms.push_back(integerJson(c.terms[i]));
    nlohmann::json coeffs = nlohmann::json::array();
    for (const auto& v : c.recurrence.c)
        coeffs.push_back(integerJson(v));
    nlohmann::json initial = nlohmann::json::array();
    for (const auto& v : c.recurrence.initial)
        initial.push_back(integerJson(v));
    return {{"lhs", c.lhs},
            {"constant", c.constant},
            {"P", c.P},
            {"Q", c.Q},
            {"signs", c.signs},
            {"sign_pattern", signsText(c.signs)},
            {"terms", terms},
            {"recurrence",
             {{"polynomial", c.recurrence.polynomialString()},
              {"coefficients", coeffs},
              {"length", c.recurrence.length},
              {"initial_terms", initial}}},
            {"verified_digits", finiteOrNull(c.verifiedDigits)},
            {"convergence",
             {{"terms", c.rateTerms},
              {"signed_digits", finiteOrNull(c.signedDigits)},
              {"simple_digits", finiteOrNull(c.simpleDigits)},
              {"signed_digits_per_term", finiteOrNull(c.signedDigitsPerTerm())},
              {"simple_digits_per_term", finiteOrNull(c.simpleDigitsPerTerm())},
              {"ratio", finiteOrNull(c.rateRatio())}}},
            {"latex", conjectureLatex(c)}};
}

nlohmann::json esmaResultJson(const EsmaResult& r, const EsmaOptions& o) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : r.conjectures)
        list.push_back(conjectureJson(c));
    return {{"constant", o.constant},
            {"degree", o.degree},
            {"coefficient_bound", o.coeffLimit},
            {"sign_period", {o.minPeriod, o.maxPeriod}},
            {"depth", o.depth},
            {"approve_terms", o.approveTerms},
            {"verify_digits", o.verifyDigits},
            {"reference_defects", o.referenceDefects},
            {"stats",
             {{"left_hand_sides", r.stats.lhsCount},
              {"sign_periods", r.stats.signPeriods},
              {"candidates", r.stats.candidates},
              {"extracted", r.stats.extracted},
              {"massey_passed", r.stats.masseyPassed},
              {"approved", r.stats.approved},
              {"further_periods_approved", r.stats.alsoApproved},
              {"precision_drops", r.stats.precisionDrops},
              {"seconds", r.stats.seconds}}},
            {"count", r.conjectures.size()},
            {"conjectures", list}};
}

std::string constantLatex(const std::string& c) {
    if (c == "pi")
        return "\\pi";
    if (c == "phi" || c == "golden")
        return "\\varphi";
    if (c == "e2")
        return "e^{2}";
    if (c == "e")
        return "e";
    if (c == "catalan")
        return "G";
    if (c == "gamma")
        return "\\gamma";
    if (c == "log2")
        return "\\log 2";
    if (c == "zeta2")
        return "\\zeta(2)";
    if (c == "zeta3")
        return "\\zeta(3)";
    if (c == "bessel")
        return "\\tfrac{I_1(2)}{I_0(2)}";
    std::string out;
    for (char ch : c) {
        if (ch == '\\' || ch == '{' || ch == '}' || ch == '$' || ch == '&' || ch == '#' ||
            ch == '%' || ch == '_' || ch == '^' || ch == '~')
            out += ' ';
        else
            out += ch;
    }
    bool alnum = !out.empty();
    for (char ch : out)
        alnum = alnum && std::isalnum(static_cast<unsigned char>(ch));
    return alnum ? "\\mathrm{" + out + "}" : "\\left(\\mathrm{" + out + "}\\right)";
}

std::string conjectureLatex(const Conjecture& c, std::size_t shownTerms) {
    const std::string name = constantLatex(c.constant);
    const std::string p = polyLatex(c.P, name);
    const bool qIsOne =
        std::count_if(c.Q.begin(), c.Q.end(), [](long v) { return v != 0; }) == 1 && c.Q[0] == 1;
    std::string s = qIsOne ? p : "\\frac{" + p + "}{" + polyLatex(c.Q, name) + "}";
    s += " = ";
    const std::size_t n = std::min(shownTerms, c.terms.size());
    std::string tail;
    for (std::size_t i = 0; i < n; ++i) {
        const int sign = c.signs.empty() ? 1 : c.signs[i % c.signs.size()];
        s += c.terms[i].get_str();
        if (i + 1 < n) {
            s += sign > 0 ? " + \\cfrac{1}{" : " - \\cfrac{1}{";
            tail += "}";
        } else {
            s += sign > 0 ? " + \\dotsb" : " - \\dotsb";
        }
    }
    return s + tail;
}

std::string conjecturesLatexDocument(const std::vector<Conjecture>& list,
                                     const std::string& title) {
    std::string s = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n";
    s += "\\section*{" + constantLatex(title) + "}\n";
    for (const auto& c : list) {
        s += "\\[\n" + conjectureLatex(c) + "\n\\]\n";
        s += "signs $(" + signsText(c.signs) + ")$, recurrence $" +
             c.recurrence.polynomialString() + "$ (length " + std::to_string(c.recurrence.length) +
             "), verified to " + std::to_string(int(c.verifiedDigits)) + " digits.\n\n";
    }
    s += "\\end{document}\n";
    return s;
}

} // namespace algoscope::contfrac
