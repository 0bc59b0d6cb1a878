#pragma once
// The patterns that ship inside the binary (resources/patterns/*.rle, embedded at build time):
// still lifes, oscillators, spaceships, guns and methuselahs, each with its name and discoverer
// from its "#N" and "#O" lines (facts from LifeWiki, https://conwaylife.com/wiki/).
#include "life/Pattern.h"

#include <string>
#include <string_view>
#include <vector>

namespace algoscope::life {

struct LibraryPattern {
    std::string id;         ///< file name without extension: "glider", "gosper-glider-gun"
    std::string name;       ///< "#N": "Glider", "Gosper glider gun"
    std::string discoverer; ///< "#O" before the last comma: "Richard K. Guy"
    int year = 0;           ///< "#O" after the last comma: 1969 (0 when not given)
    std::string category;   ///< "still life", "oscillator", "spaceship", "gun", "methuselah"
    int period = 0;         ///< oscillators, spaceships and guns: the period; 0 otherwise
    std::string resource;   ///< "resources/patterns/glider.rle"
    Pattern pattern;

    std::uint32_t width() const noexcept { return pattern.cells.width(); }
    std::uint32_t height() const noexcept { return pattern.cells.height(); }
};

class PatternLibrary {
public:
    /// Parses every embedded pattern once (first call); a malformed bundled file is a build
    /// defect and throws util::Error naming it.
    static const PatternLibrary& instance();

    /// Sorted by id.
    const std::vector<LibraryPattern>& patterns() const noexcept { return m_patterns; }
    /// By id or by name, case-insensitive; nullptr when absent.
    const LibraryPattern* find(std::string_view idOrName) const noexcept;
    /// Like find but throws util::Error listing the available ids.
    const LibraryPattern& get(std::string_view idOrName) const;

private:
    PatternLibrary();
    std::vector<LibraryPattern> m_patterns;
};

} // namespace algoscope::life
