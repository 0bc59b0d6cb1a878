#pragma once
// A rule as files and users write it: a Life-like Rule plus, optionally, Golly's bounded-grid
// suffix ("B3/S23:T64,64" torus, "B3/S23:P64,64" plane with dead border). Other Golly grids
// (":T0,20" tube, ":K30*,20" Klein bottle, ":S30" sphere, ":C" cross-surface) are refused with
// a message saying which ones we support.
#include "life/Rule.h"
#include "life/Topology.h"

#include <optional>
#include <string>
#include <string_view>

namespace algoscope::life {

struct RuleSpec {
    Rule rule;
    std::optional<GridSpec> grid;

    /// Throws util::Error (util::LimitError for a side above Board::kMaxSide).
    static RuleSpec parse(std::string_view text);
    /// "B3/S23" or "B3/S23:T64,64".
    std::string toString() const;
    bool operator==(const RuleSpec&) const = default;
};

} // namespace algoscope::life
