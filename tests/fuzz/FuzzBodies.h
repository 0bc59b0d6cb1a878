#pragma once
// The bodies of the libFuzzer targets, one function per target. tests/fuzz/Fuzz<Name>.cpp wraps
// fuzz<Name>() in LLVMFuzzerTestOneInput, and tests/fuzzcorpus/TestFuzzCorpus.cpp replays every
// seed and every saved crash through the very same function in the normal test suite, so a fixed
// bug stays fixed even where nobody runs the fuzzers.
//
// Contract of every body: input errors are util::Error / util::LimitError (or cli::UsageError
// for the option parser) and are swallowed; they are the parser doing its job. Anything else
// (another exception type, a sanitizer report, a crash, a hang) is a bug. A broken invariant
// (say, a round trip that changes the data) throws FuzzInvariantError, which libFuzzer reports
// as a crash (uncaught exception -> std::terminate -> abort) and the Qt test as a failure.
#include "util/Error.h"
#include "util/Json.h"
#include "util/Npy.h"
#include "util/Safetensors.h"

#include "life/Board.h"
#include "life/Cells.h"
#include "life/Pattern.h"
#include "life/PatternFile.h"
#include "life/Rle.h"
#include "life/RuleSpec.h"

#include "../../app/cli/Cli.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::fuzz {

/// A property the code under test promises was violated. Deliberately not a util::Error.
struct FuzzInvariantError : std::logic_error {
    using std::logic_error::logic_error;
};

inline void require(bool condition, const char* what) {
    if (!condition)
        throw FuzzInvariantError(std::string("fuzz invariant violated: ") + what);
}

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    // libFuzzer passes nullptr with size 0 for the empty input.
    return size == 0 ? std::string_view()
                     : std::string_view(reinterpret_cast<const char*>(data), size);
}

// ------------------------------------------------------------------------------------------
// .npy
// ------------------------------------------------------------------------------------------

namespace detail {
template <class T> double sumAs(const util::NpyArray& a) {
    double s = 0;
    for (const T v : a.as<T>()) // as<T>() checks dtype and size; reading checks the values
        s += static_cast<double>(v);
    return s;
}

/// Reads every element through the typed view of the array's dtype. For |b1 this is what makes
/// UBSan check that parseNpy stored canonical 0/1 bytes (loading a bool holding 2 is UB).
inline void touchElements(const util::NpyArray& a) {
    const std::string& d = a.dtype;
    if (d == "|b1")
        sumAs<bool>(a);
    else if (d == "|i1")
        sumAs<std::int8_t>(a);
    else if (d == "|u1")
        sumAs<std::uint8_t>(a);
    else if (d == "<i2")
        sumAs<std::int16_t>(a);
    else if (d == "<u2")
        sumAs<std::uint16_t>(a);
    else if (d == "<i4")
        sumAs<std::int32_t>(a);
    else if (d == "<u4")
        sumAs<std::uint32_t>(a);
    else if (d == "<i8")
        sumAs<std::int64_t>(a);
    else if (d == "<u8")
        sumAs<std::uint64_t>(a);
    else if (d == "<f4")
        sumAs<float>(a);
    else if (d == "<f8")
        sumAs<double>(a);
    else
        require(d == "<f2", "parseNpy returned a dtype outside the supported list");
}
} // namespace detail

/// parseNpy on arbitrary bytes. On success: the result is normalised (little-endian, C order),
/// its typed view reads, and serializeNpy -> parseNpy gives back the same array, whose
/// serialisation is byte-for-byte the first one.
inline int fuzzNpy(const std::uint8_t* data, std::size_t size) {
    util::NpyArray a;
    try {
        a = util::parseNpy(asText(data, size));
    } catch (const util::Error&) {
        return 0;
    }
    require(!a.fortranOrder, "parseNpy must return C-order data");
    require(a.data.size() == a.elementCount() * a.itemSize(), "data size != shape * itemsize");
    detail::touchElements(a);
    // A successfully parsed array must always be writable and read back unchanged; an Error
    // from here on is a bug, so it is turned into an invariant failure.
    try {
        const std::string bytes = util::serializeNpy(a);
        require((bytes.size() - a.data.size()) % 64 == 0, "header block is not 64-byte aligned");
        const util::NpyArray b = util::parseNpy(bytes);
        require(b.dtype == a.dtype, "round trip changed the dtype");
        require(b.shape == a.shape, "round trip changed the shape");
        require(b.data == a.data, "round trip changed the data");
        require(util::serializeNpy(b) == bytes, "serialisation is not stable");
    } catch (const util::Error& e) {
        throw FuzzInvariantError(std::string("round trip of a parsed .npy failed: ") + e.what());
    }
    return 0;
}

/// parseNpyHeaderDict on arbitrary text. On success the shape is within the rank limit and has
/// no negative dimension (the parser rejects those itself).
inline int fuzzNpyHeader(const std::uint8_t* data, std::size_t size) {
    util::NpyHeader h;
    try {
        h = util::parseNpyHeaderDict(asText(data, size));
    } catch (const util::Error&) {
        return 0;
    }
    require(h.shape.size() <= util::kMaxTensorRank, "shape rank above kMaxTensorRank");
    for (const std::int64_t d : h.shape)
        require(d >= 0, "negative dimension accepted");
    require(h.descr.size() <= size, "descr longer than the input");
    return 0;
}

// ------------------------------------------------------------------------------------------
// safetensors
// ------------------------------------------------------------------------------------------

/// parseSafetensors on arbitrary bytes. On success: toFloat32 on every tensor gives one float per
/// element, and serializeSafetensors -> parseSafetensors gives back the same metadata and tensors.
inline int fuzzSafetensors(const std::uint8_t* data, std::size_t size) {
    util::SafetensorsFile f;
    try {
        f = util::parseSafetensors(asText(data, size));
    } catch (const util::Error&) {
        return 0;
    }
    try {
        for (const auto& [name, t] : f.tensors) {
            const std::vector<float> values = util::toFloat32(t);
            require(values.size() == t.elementCount(), "toFloat32 size != element count");
            require(t.data.size() == t.elementCount() * util::safetensorsDtypeSize(t.dtype),
                    "tensor data size != shape * itemsize");
            if (t.dtype == "BOOL")
                for (const bool b : t.as<bool>()) // UBSan: parse must store canonical 0/1
                    (void)b;
        }
        const std::string bytes = util::serializeSafetensors(f);
        const util::SafetensorsFile g = util::parseSafetensors(bytes);
        require(g.metadata == f.metadata, "round trip changed the metadata");
        require(g.tensors.size() == f.tensors.size(), "round trip changed the tensor count");
        for (auto i = f.tensors.cbegin(), j = g.tensors.cbegin(); i != f.tensors.cend(); ++i, ++j) {
            require(i->first == j->first, "round trip changed a tensor name");
            require(i->second.dtype == j->second.dtype, "round trip changed a dtype");
            require(i->second.shape == j->second.shape, "round trip changed a shape");
            require(i->second.data == j->second.data, "round trip changed tensor data");
        }
        require(util::serializeSafetensors(g) == bytes, "serialisation is not stable");
    } catch (const util::Error& e) {
        throw FuzzInvariantError(std::string("a parsed safetensors file failed to convert or "
                                             "round-trip: ") +
                                 e.what());
    }
    return 0;
}

// ------------------------------------------------------------------------------------------
// JSON
// ------------------------------------------------------------------------------------------

/// parseJson on arbitrary text, then the typed getters every JSON reader in core uses.
inline int fuzzJson(const std::uint8_t* data, std::size_t size) {
    nlohmann::json j;
    try {
        j = util::parseJson(asText(data, size), "fuzz");
    } catch (const util::Error&) {
        return 0;
    }
    (void)util::jsonTypeName(j);
    if (!j.is_object())
        return 0;
    // Exercise the checked conversions on whatever the document holds under a few keys; a wrong
    // type or range must be an Error, never a nlohmann exception or UB.
    for (const char* key : {"a", "n", "version", "name", "size"}) {
        const auto tryGet = [&](auto fallback) {
            try {
                (void)util::getOr(j, key, fallback, "fuzz");
            } catch (const util::Error&) {
            }
        };
        tryGet(false);
        tryGet(std::int8_t{0});
        tryGet(std::uint8_t{0});
        tryGet(0);
        tryGet(0u);
        tryGet(std::int64_t{0});
        tryGet(std::uint64_t{0});
        tryGet(0.0);
        tryGet(0.0f);
        tryGet(std::string());
    }
    return 0;
}

// ------------------------------------------------------------------------------------------
// algoscope-cli option parser
// ------------------------------------------------------------------------------------------

/// The input split on NUL bytes is argv (without program and command name) for cli::Args with a
/// fixed option set like a lab command's; then every typed getter. Bad arguments are UsageError;
/// accepted values must lie in the requested range.
inline int fuzzCliArgs(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> argv;
    const std::string_view text = asText(data, size);
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t nul = text.find('\0', start);
        const std::size_t end = nul == std::string_view::npos ? text.size() : nul;
        argv.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    try {
        const cli::Args args(argv, {"size", "steps", "seed", "rate", "out", "format"},
                             {"help", "gpu", "json"});
        (void)args.flag("help");
        (void)args.flag("gpu");
        (void)args.option("out", "-");
        (void)args.option("format");
        require(args.positionals().size() <= argv.size(), "more positionals than arguments");
        const auto checkInt = [&](const char* name, long long lo, long long hi) {
            try {
                const long long v = args.intOption(name, lo, lo, hi);
                require(v >= lo && v <= hi, "intOption returned a value out of range");
            } catch (const cli::UsageError&) {
            }
        };
        checkInt("size", 1, 1 << 20);
        checkInt("steps", 0, std::numeric_limits<long long>::max());
        checkInt("seed", std::numeric_limits<long long>::min(),
                 std::numeric_limits<long long>::max());
        try {
            const double r = args.doubleOption("rate", 0.5, 0.0, 1.0);
            require(std::isfinite(r) && r >= 0.0 && r <= 1.0,
                    "doubleOption returned a value out of range");
        } catch (const cli::UsageError&) {
        }
        try {
            const double r = args.doubleOption("steps", 1.0, -1e300, 1e300);
            require(std::isfinite(r), "doubleOption returned a non-finite value");
        } catch (const cli::UsageError&) {
        }
    } catch (const cli::UsageError&) {
    }
    return 0;
}

// ------------------------------------------------------------------------------------------
// Life patterns (RLE, plaintext .cells, sniffed) and rules
// ------------------------------------------------------------------------------------------
// life::ParseError (line and column of a malformed file) derives from util::Error, so the
// catch clauses below cover it.

namespace detail {
/// Small enough that the fuzzer does not spend its time allocating boards (a header or text
/// claiming more cells must be a LimitError), large enough for every seed.
inline constexpr life::ReadLimits kLifeFuzzLimits{std::uint64_t{1} << 22};

/// writeRle -> readRle gives the same cells and rule; with `metadata`, also the same name,
/// author, comments and origin (what writeRle promises for a pattern readRle produced).
inline void checkRleRoundTrip(const life::Pattern& p, bool metadata) {
    life::Pattern q;
    try {
        q = life::readRle(life::writeRle(p), kLifeFuzzLimits);
    } catch (const util::Error& e) {
        throw FuzzInvariantError(std::string("writeRle output of a parsed pattern does not "
                                             "re-parse: ") +
                                 e.what());
    }
    require(q.cells == p.cells, "writeRle -> readRle changed the cells");
    require(q.rule == p.rule, "writeRle -> readRle changed the rule");
    if (metadata) {
        require(q.name == p.name, "writeRle -> readRle changed the name");
        require(q.author == p.author, "writeRle -> readRle changed the author");
        require(q.comments == p.comments, "writeRle -> readRle changed the comments");
        require(q.origin == p.origin, "writeRle -> readRle changed the origin");
    }
}

/// writeCells -> readCells gives the same cells (the format stores no rule).
inline void checkCellsRoundTrip(const life::Pattern& p) {
    life::Pattern q;
    try {
        q = life::readCells(life::writeCells(p), kLifeFuzzLimits);
    } catch (const util::Error& e) {
        throw FuzzInvariantError(std::string("writeCells output of a parsed pattern does not "
                                             "re-parse: ") +
                                 e.what());
    }
    require(q.cells == p.cells, "writeCells -> readCells changed the cells");
}

inline void checkPatternShape(const life::Pattern& p) {
    require(p.cells.cellCount() <= kLifeFuzzLimits.maxCells, "pattern above the reader's limit");
    require(p.cells.population() <= p.cells.cellCount(), "population above the cell count");
}
} // namespace detail

/// readRle on arbitrary text with a 4 Mi-cell limit. On success: writeRle -> readRle gives the
/// same cells, rule, name, author, comments and origin; writeCells -> readCells the same cells.
inline int fuzzRle(const std::uint8_t* data, std::size_t size) {
    life::Pattern p;
    try {
        p = life::readRle(asText(data, size), detail::kLifeFuzzLimits);
    } catch (const util::Error&) {
        return 0;
    }
    detail::checkPatternShape(p);
    detail::checkRleRoundTrip(p, true);
    detail::checkCellsRoundTrip(p);
    return 0;
}

/// readCells on arbitrary text with a 4 Mi-cell limit. On success: writeCells -> readCells and
/// writeRle -> readRle give the same cells (and the default rule).
inline int fuzzCells(const std::uint8_t* data, std::size_t size) {
    life::Pattern p;
    try {
        p = life::readCells(asText(data, size), detail::kLifeFuzzLimits);
    } catch (const util::Error&) {
        return 0;
    }
    detail::checkPatternShape(p);
    require(p.rule == life::RuleSpec{}, "readCells set a rule");
    detail::checkCellsRoundTrip(p);
    detail::checkRleRoundTrip(p, false);
    return 0;
}

/// parsePattern with format sniffing (guessFormat) on arbitrary text. On success: both round
/// trips as above, and parsing again in the sniffed format explicitly gives the same pattern.
inline int fuzzPattern(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    life::Pattern p;
    try {
        p = life::parsePattern(text, std::nullopt, detail::kLifeFuzzLimits);
    } catch (const util::Error&) {
        return 0;
    }
    detail::checkPatternShape(p);
    life::Pattern q;
    try {
        q = life::parsePattern(text, life::guessFormat(text), detail::kLifeFuzzLimits);
    } catch (const util::Error& e) {
        throw FuzzInvariantError(std::string("parsePattern in the sniffed format failed: ") +
                                 e.what());
    }
    require(q.cells == p.cells && q.rule == p.rule, "sniffed and explicit format disagree");
    detail::checkRleRoundTrip(p, false);
    detail::checkCellsRoundTrip(p);
    return 0;
}

/// RuleSpec::parse on arbitrary text. On success: toString() re-parses to an equal RuleSpec
/// whose toString() is the same text (canonical form), and a grid lies within Board::kMaxSide.
inline int fuzzRule(const std::uint8_t* data, std::size_t size) {
    life::RuleSpec r;
    try {
        r = life::RuleSpec::parse(asText(data, size));
    } catch (const util::Error&) {
        return 0;
    }
    require((r.rule.birthMask() | r.rule.survivalMask()) <= 0x1FF, "rule mask above bit 8");
    if (r.grid)
        require(r.grid->width >= 1 && r.grid->width <= life::Board::kMaxSide &&
                    r.grid->height >= 1 && r.grid->height <= life::Board::kMaxSide,
                "grid side outside 1..kMaxSide");
    const std::string text = r.toString();
    try {
        const life::RuleSpec again = life::RuleSpec::parse(text);
        require(again == r, "RuleSpec::parse(toString()) gives a different rule");
        require(again.toString() == text, "RuleSpec::toString is not canonical");
    } catch (const util::Error& e) {
        throw FuzzInvariantError("RuleSpec::toString() '" + text +
                                 "' does not re-parse: " + e.what());
    }
    return 0;
}

} // namespace algoscope::fuzz
