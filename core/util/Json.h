#pragma once
// Small helpers on nlohmann::json so that every JSON reader in core reports errors the same way:
// "<what>: line 3, column 7: <what went wrong>" for syntax, "<context>: key 'x' must be an
// integer, got string" for types. All failures are util::Error.
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

namespace algoscope::util {

/// Parses text; `what` names the document in messages (a path, "safetensors header"...).
/// Syntax errors give the 1-based line and column (in bytes) computed from nlohmann's byte
/// position. Duplicate keys in an object are an error (nlohmann would keep the last silently).
/// Arrays and objects nested more than kMaxJsonDepth levels deep are a LimitError.
nlohmann::json parseJson(std::string_view text, const std::string& what);

/// Reads and parses a file of at most kMaxJsonFileBytes.
nlohmann::json readJsonFile(const std::string& path);

/// Writes value.dump(indent) plus a final newline atomically (see writeFileAtomically).
/// indent < 0 writes the compact form. Strings that are not UTF-8 are an Error.
void writeJsonFile(const std::string& path, const nlohmann::json& value, int indent = 2);

/// "object", "array", "string", "integer", "unsigned integer", "number", "boolean" or "null".
std::string jsonTypeName(const nlohmann::json& value);

namespace detail {
[[noreturn]] void throwJsonError(const std::string& context, const std::string& message);

/// Converts with the checks nlohmann's get<T>() skips: no float -> int truncation, no silent
/// wrap of 300 into uint8_t or of -1 into unsigned, no number -> bool.
template <class T>
T jsonAs(const nlohmann::json& value, const std::string& key, const std::string& context) {
    const auto fail = [&](const char* expected) {
        throwJsonError(context,
                       "key '" + key + "' must be " + expected + ", got " + jsonTypeName(value));
    };
    if constexpr (std::is_same_v<T, bool>) {
        if (!value.is_boolean())
            fail("a boolean");
        return value.get<bool>();
    } else if constexpr (std::is_integral_v<T>) {
        if (!value.is_number_integer())
            fail("an integer");
        if (value.is_number_unsigned()) {
            const auto v = value.get<std::uint64_t>();
            if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
                throwJsonError(context, "key '" + key + "' = " + std::to_string(v) +
                                            " is out of range (max " +
                                            std::to_string(std::numeric_limits<T>::max()) + ")");
            return static_cast<T>(v);
        }
        // A signed integer: what the parser makes of negative numbers, and what json(300)
        // holds when a document is built in code.
        const auto v = value.get<std::int64_t>();
        if constexpr (std::is_unsigned_v<T>) {
            if (v < 0)
                throwJsonError(context, "key '" + key + "' = " + std::to_string(v) +
                                            " must not be negative");
            if (static_cast<std::uint64_t>(v) > std::numeric_limits<T>::max())
                throwJsonError(context, "key '" + key + "' = " + std::to_string(v) +
                                            " is out of range (max " +
                                            std::to_string(std::numeric_limits<T>::max()) + ")");
        } else {
            if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                throwJsonError(context,
                               "key '" + key + "' = " + std::to_string(v) + " is out of range");
        }
        return static_cast<T>(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!value.is_number())
            fail("a number");
        return value.get<T>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!value.is_string())
            fail("a string");
        return value.get<std::string>();
    } else {
        try {
            return value.get<T>();
        } catch (const nlohmann::json::exception& e) {
            throwJsonError(context, "key '" + key + "' has the wrong type: " + e.what());
        }
    }
}
} // namespace detail

/// object[key] converted to T. Throws Error when object is not an object, the key is missing or
/// the value has the wrong type or range; the message starts with context.
template <class T>
T getRequired(const nlohmann::json& object, const std::string& key, const std::string& context) {
    if (!object.is_object())
        detail::throwJsonError(context, "expected an object, got " + jsonTypeName(object));
    const auto it = object.find(key);
    if (it == object.end())
        detail::throwJsonError(context, "missing required key '" + key + "'");
    return detail::jsonAs<T>(*it, key, context);
}

/// object[key] converted to T, or fallback when the key is missing or null. A present value of
/// the wrong type is still an error: a typo in a settings file should be reported, not ignored.
template <class T>
T getOr(const nlohmann::json& object, const std::string& key, const T& fallback,
        const std::string& context) {
    if (!object.is_object())
        detail::throwJsonError(context, "expected an object, got " + jsonTypeName(object));
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    return detail::jsonAs<T>(*it, key, context);
}

} // namespace algoscope::util
