#include "life/Topology.h"

#include <algorithm>
#include <cctype>

namespace algoscope::life {

std::string_view topologyName(Topology t) noexcept {
    switch (t) {
    case Topology::Torus:
        return "torus";
    case Topology::Plane:
        return "plane";
    case Topology::Unbounded:
        break;
    }
    return "unbounded";
}

std::optional<Topology> parseTopology(std::string_view name) noexcept {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (lower == "torus")
        return Topology::Torus;
    if (lower == "plane")
        return Topology::Plane;
    if (lower == "unbounded")
        return Topology::Unbounded;
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
