#include "util/Resources.h"

#include "util/Error.h"

#include <algorithm>

namespace algoscope::util {

std::optional<std::string_view> findResource(std::string_view name) {
    std::size_t count = 0;
    const EmbeddedResource* table = detail::embeddedResources(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (name == table[i].name)
            return std::string_view(reinterpret_cast<const char*>(table[i].begin),
                                    static_cast<std::size_t>(table[i].end - table[i].begin));
    }
    return std::nullopt;
}

std::string_view resource(std::string_view name) {
    if (auto r = findResource(name))
        return *r;
    throw Error("embedded resource not found: " + std::string(name));
}

std::vector<std::string> listResources(std::string_view prefix) {
    std::size_t count = 0;
    const EmbeddedResource* table = detail::embeddedResources(count);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
        std::string_view n = table[i].name;
        if (n.substr(0, prefix.size()) == prefix)
            names.emplace_back(n);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace algoscope::util
