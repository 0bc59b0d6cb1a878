#include "util/Json.h"

#include "util/AtomicFile.h"
#include "util/Limits.h"

#include <algorithm>
#include <set>
#include <vector>

namespace algoscope::util {

namespace {

/// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 5:
/// syntax error while parsing ..."; keep only the part after the position, since we print our
/// own position (and the document's name) in front of it.
std::string stripNlohmannPrefix(const std::string& what) {
    const auto at = what.find("parse error");
    if (at != std::string::npos) {
        const auto colon = what.find(": ", at);
        if (colon != std::string::npos)
            return what.substr(colon + 2);
    }
    return what;
}

} // namespace

void detail::throwJsonError(const std::string& context, const std::string& message) {
    throw Error(context + ": " + message);
}

std::string jsonTypeName(const nlohmann::json& value) {
    switch (value.type()) {
    case nlohmann::json::value_t::object:
        return "object";
    case nlohmann::json::value_t::array:
        return "array";
    case nlohmann::json::value_t::string:
        return "string";
    case nlohmann::json::value_t::boolean:
        return "boolean";
    case nlohmann::json::value_t::number_integer:
        return "integer";
    case nlohmann::json::value_t::number_unsigned:
        return "unsigned integer";
    case nlohmann::json::value_t::number_float:
        return "number";
    case nlohmann::json::value_t::binary:
        return "binary";
    case nlohmann::json::value_t::discarded:
        return "discarded";
    case nlohmann::json::value_t::null:
        break;
    }
    return "null";
}

nlohmann::json parseJson(std::string_view text, const std::string& what) {
    // One set of seen keys per open object. The callback sees object_start before the object's
    // keys and object_end after them, so a stack mirrors the nesting.
    std::vector<std::set<std::string>> seenKeys;
    const auto onEvent = [&](int depth, nlohmann::json::parse_event_t event,
                             nlohmann::json& parsed) {
        using E = nlohmann::json::parse_event_t;
        // depth counts the containers around this one (0 for the top level), so this allows
        // exactly kMaxJsonDepth levels; see Limits.h for why there is a limit at all.
        if ((event == E::object_start || event == E::array_start) &&
            static_cast<std::size_t>(depth) >= kMaxJsonDepth)
            throw LimitError(what + ": arrays and objects nested more than kMaxJsonDepth (" +
                             std::to_string(kMaxJsonDepth) +
                             ") levels deep; raise it in core/util/Limits.h");
        if (event == E::object_start) {
            seenKeys.emplace_back();
        } else if (event == E::object_end) {
            if (!seenKeys.empty())
                seenKeys.pop_back();
        } else if (event == E::key && !seenKeys.empty()) {
            const auto& key = parsed.get_ref<const std::string&>();
            if (!seenKeys.back().insert(key).second)
                throw Error(what + ": duplicate key '" + key + "' in an object");
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), onEvent);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is the 1-based index of the last byte read (it can be one past the end when
        // the input ended too early). Count lines and columns in bytes up to it.
        const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        std::size_t line = 1;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < end; ++i) {
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        const std::size_t column = end - lineStart + 1;
        throw Error(what + ": line " + std::to_string(line) + ", column " + std::to_string(column) +
                    ": " + stripNlohmannPrefix(e.what()));
    } catch (const nlohmann::json::exception& e) {
        throw Error(what + ": " + e.what());
    }
}

nlohmann::json readJsonFile(const std::string& path) {
    return parseJson(readFileBytes(path, kMaxJsonFileBytes), path);
}

void writeJsonFile(const std::string& path, const nlohmann::json& value, int indent) {
    std::string text;
    try {
        text = value.dump(indent);
    } catch (const nlohmann::json::exception& e) {
        // type_error.316: a string that is not valid UTF-8 cannot be written as JSON.
        throw Error("cannot write '" + path + "': " + e.what());
    }
    text += '\n';
    writeFileAtomically(path, text);
}

} // namespace algoscope::util
