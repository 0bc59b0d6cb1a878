#include "life/PatternLibrary.h"

#include "life/Rle.h"
#include "util/Error.h"
#include "util/Resources.h"

#include <algorithm>
#include <cctype>

namespace algoscope::life {

namespace {

constexpr std::string_view kDir = "resources/patterns/";

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// "Richard K. Guy, 1969" -> ("Richard K. Guy", 1969); no trailing year -> (whole, 0).
void splitAuthor(const std::string& author, std::string& who, int& year) {
    who = author;
    year = 0;
    const std::size_t comma = author.rfind(',');
    if (comma == std::string::npos)
        return;
    std::string tail = author.substr(comma + 1);
    tail.erase(0, tail.find_first_not_of(' '));
    if (tail.size() == 4 &&
        std::all_of(tail.begin(), tail.end(), [](unsigned char c) { return std::isdigit(c); })) {
        year = std::stoi(tail);
        who = author.substr(0, comma);
    }
}

// "#C category: oscillator" and "#C period: 15" lines carry the library's metadata.
void readMetadata(LibraryPattern& e) {
    for (const auto& c : e.pattern.comments) {
        if (c.rfind("category:", 0) == 0) {
            e.category = c.substr(9);
            e.category.erase(0, e.category.find_first_not_of(' '));
        } else if (c.rfind("period:", 0) == 0) {
            e.period = std::atoi(c.c_str() + 7);
        }
    }
}

} // namespace

PatternLibrary::PatternLibrary() {
    for (const std::string& name : util::listResources(kDir)) {
        if (name.size() < 4 || name.substr(name.size() - 4) != ".rle")
            continue;
        LibraryPattern e;
        e.resource = name;
        e.id = name.substr(kDir.size(), name.size() - kDir.size() - 4);
        try {
            e.pattern = readRle(util::resource(name));
        } catch (const util::Error& err) {
            throw util::Error("bundled pattern " + name + ": " + err.what());
        }
        e.name = e.pattern.name.empty() ? e.id : e.pattern.name;
        splitAuthor(e.pattern.author, e.discoverer, e.year);
        readMetadata(e);
        m_patterns.push_back(std::move(e));
    }
    std::sort(m_patterns.begin(), m_patterns.end(),
              [](const LibraryPattern& a, const LibraryPattern& b) { return a.id < b.id; });
}

const PatternLibrary& PatternLibrary::instance() {
    static const PatternLibrary library;
    return library;
}

const LibraryPattern* PatternLibrary::find(std::string_view idOrName) const noexcept {
    const std::string key = lower(idOrName);
    for (const auto& p : m_patterns)
        if (lower(p.id) == key || lower(p.name) == key)
            return &p;
    return nullptr;
}

const LibraryPattern& PatternLibrary::get(std::string_view idOrName) const {
    if (const auto* p = find(idOrName))
        return *p;
    std::string ids;
    for (const auto& p : m_patterns)
        ids += (ids.empty() ? "" : ", ") + p.id;
    throw util::Error("no bundled pattern '" + std::string(idOrName) + "' (available: " + ids +
                      ")");
}

} // namespace algoscope::life
