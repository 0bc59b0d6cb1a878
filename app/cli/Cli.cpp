#include "cli/Cli.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace algoscope::cli {

std::vector<Command>& commandRegistry() {
    static std::vector<Command> commands;
    return commands;
}

Args::Args(std::vector<std::string> argv, std::vector<std::string> knownOptions,
           std::vector<std::string> knownFlags) {
    auto known = [](const std::vector<std::string>& list, const std::string& n) {
        return std::find(list.begin(), list.end(), n) != list.end();
    };
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2), value;
            bool hasValue = false;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                hasValue = true;
            }
            if (known(knownFlags, name)) {
                if (hasValue)
                    throw UsageError("option --" + name + " takes no value");
                m_flags.push_back(name);
            } else if (known(knownOptions, name)) {
                if (!hasValue) {
                    if (i + 1 >= argv.size())
                        throw UsageError("option --" + name + " needs a value");
                    value = argv[++i];
                }
                m_options[name] = value;
            } else {
                throw UsageError("unknown option --" + name + " (see --help)");
            }
        } else {
            m_positionals.push_back(a);
        }
    }
}

bool Args::flag(const std::string& name) const {
    return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end();
}

std::optional<std::string> Args::option(const std::string& name) const {
    if (auto it = m_options.find(name); it != m_options.end())
        return it->second;
    return std::nullopt;
}

std::string Args::option(const std::string& name, const std::string& fallback) const {
    return option(name).value_or(fallback);
}

long long Args::intOption(const std::string& name, long long fallback, long long min,
                          long long max) const {
    auto v = option(name);
    if (!v)
        return fallback;
    long long x = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError("option --" + name + " expects an integer, got '" + *v + "'");
    if (x < min || x > max)
        throw UsageError("option --" + name + " must be in [" + std::to_string(min) + ", " +
                         std::to_string(max) + "], got " + *v);
    return x;
}

double Args::doubleOption(const std::string& name, double fallback, double min, double max) const {
    auto v = option(name);
    if (!v)
        return fallback;
    double x = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || p != v->data() + v->size() || !std::isfinite(x))
        throw UsageError("option --" + name + " expects a finite number, got '" + *v + "'");
    if (x < min || x > max)
        throw UsageError("option --" + name + " must be in [" + std::to_string(min) + ", " +
                         std::to_string(max) + "], got " + *v);
    return x;
}

} // namespace algoscope::cli
