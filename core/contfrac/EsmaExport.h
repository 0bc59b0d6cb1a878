#pragma once
// Export of ESMA conjectures: JSON (machine-readable, what the CLI prints) and LaTeX (the
// left-hand side = the signed continued fraction written out as nested \cfrac).
#include "contfrac/Esma.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace algoscope::contfrac {

/// A term as a JSON number when it fits in 64 bits, else as a decimal string.
nlohmann::json integerJson(const mpz_class& z);

nlohmann::json conjectureJson(const Conjecture& c, std::size_t shownTerms = 20);
nlohmann::json esmaResultJson(const EsmaResult& r, const EsmaOptions& o);

/// LaTeX for a constant's text: pi -> \pi, phi -> \varphi, e2 -> e^{2}, other names \mathrm{}.
std::string constantLatex(const std::string& constant);
/// "\frac{e + 1}{e - 1} = 2 + \cfrac{1}{6 - \cfrac{1}{10 + \dotsb}}" with `shownTerms` terms.
std::string conjectureLatex(const Conjecture& c, std::size_t shownTerms = 6);
/// A standalone LaTeX document listing all conjectures (amsmath).
std::string conjecturesLatexDocument(const std::vector<Conjecture>& list, const std::string& title);

} // namespace algoscope::contfrac
