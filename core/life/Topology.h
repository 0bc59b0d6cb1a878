#pragma once
// Edges of a Life board. A torus wraps both ways (the cell left of x = 0 is x = W - 1); a plane
// has a dead border: cells outside the grid are dead and stay dead whatever the rule says.
// Unbounded is the infinite plane of Golly's HashLife and QuickLife: no border at all; it is not
// a board of a LifeEngine but a quadtree (HashLife.h, Unbounded.h), and B0 rules are refused
// there (they would turn on infinitely many cells).
// GridSpec is a bounded grid as Golly names it in a rule suffix: "B3/S23:T64,64" is a 64x64
// torus, ":P64,64" a 64x64 plane (Golly's Help > Bounded Grids).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace algoscope::life {

enum class Topology { Torus, Plane, Unbounded };

/// "torus", "plane" or "unbounded".
std::string_view topologyName(Topology t) noexcept;
/// Inverse of topologyName (case-insensitive); nullopt for anything else.
std::optional<Topology> parseTopology(std::string_view name) noexcept;

/// A bounded grid of Golly's rule suffix: topology and size (each side 1..Board::kMaxSide).
struct GridSpec {
    Topology topology = Topology::Torus;
    std::uint32_t width = 0;
    std::uint32_t height = 0;

    /// Golly's suffix without the colon: "T64,64" or "P64,64".
    std::string toString() const;
    bool operator==(const GridSpec&) const = default;
};

} // namespace algoscope::life
