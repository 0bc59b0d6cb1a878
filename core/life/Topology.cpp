#include "life/Topology.h"

#include <algorithm>
#include <cctype>

namespace algoscope::life {

std::string_view topologyName(Topology t) noexcept {
    return t == Topology::Torus ? "torus" : "plane";
}

std::optional<Topology> parseTopology(std::string_view name) noexcept {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (lower == "torus")
        return Topology::Torus;
    if (lower == "plane")
        return Topology::Plane;
    return std::nullopt;
}

std::string GridSpec::toString() const {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "x" + string&&.
    std::string s(1, topology == Topology::Torus ? 'T' : 'P');
    s += std::to_string(width);
    s += ',';
    s += std::to_string(height);
    return s;
}

} // namespace algoscope::life
