// [SECTION] dtypes       names, sizes, 16- and 8-bit float conversions
// [SECTION] header       JSON header -> validated layout (the fuzzed part)
// [SECTION] reading      layout + bytes -> tensors
// [SECTION] writing      the reference layout
#include "util/Safetensors.h"

#include "util/AtomicFile.h"
#include "util/ByteSource.h"
#include "util/Json.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <tuple>

namespace algoscope::util {

// Elements are stored little-endian in memory so that as<T>() is a plain cast.
static_assert(std::endian::native == std::endian::little, "safetensors: little-endian hosts only");

// -------------------------------------------------------------------------------------------
// [SECTION] dtypes
// -------------------------------------------------------------------------------------------

std::size_t safetensorsDtypeSize(std::string_view dtype) {
    static constexpr std::array<std::pair<std::string_view, std::size_t>, 15> kSizes = {{
        {"BOOL", 1},
        {"U8", 1},
        {"I8", 1},
        {"F8_E4M3", 1},
        {"F8_E5M2", 1},
        {"U16", 2},
        {"I16", 2},
        {"F16", 2},
        {"BF16", 2},
        {"U32", 4},
        {"I32", 4},
        {"F32", 4},
        {"U64", 8},
        {"I64", 8},
        {"F64", 8},
    }};
    for (const auto& [name, size] : kSizes)
        if (name == dtype)
            return size;
    throw Error(
        "safetensors: unknown dtype '" + std::string(dtype) +
        "' (supported: BOOL U8 I8 F8_E4M3 F8_E5M2 U16 I16 F16 BF16 U32 I32 F32 U64 I64 F64)");
}

float halfToFloat(std::uint16_t bits) {
    const std::uint32_t sign = static_cast<std::uint32_t>(bits >> 15) << 31;
    const std::uint32_t exponent = (bits >> 10) & 0x1f;
    const std::uint32_t mantissa = bits & 0x3ff;
    if (exponent == 0) {
        // Zero or subnormal: mantissa * 2^-24, exact in float (24-bit significand).
        const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
        return sign ? -magnitude : magnitude;
    }
    if (exponent == 31) // infinity or NaN; the NaN payload moves to the top of the float mantissa
        return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
    return std::bit_cast<float>(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
}

float bfloat16ToFloat(std::uint16_t bits) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

float float8E5M2ToFloat(std::uint8_t bits) {
    // Same sign and exponent layout as binary16, two mantissa bits instead of ten.
    return halfToFloat(static_cast<std::uint16_t>(bits << 8));
}

float float8E4M3ToFloat(std::uint8_t bits) {
    // OCP 8-bit Floating Point Specification (OFP8) rev. 1.0, 2023, table 1: bias 7, no
    // infinities, S.1111.111 is NaN.
    const bool negative = bits & 0x80;
    const int exponent = (bits >> 3) & 0xf;
    const int mantissa = bits & 0x7;
    float magnitude = 0.0f;
    if (exponent == 0xf && mantissa == 0x7)
        magnitude = std::numeric_limits<float>::quiet_NaN();
    else if (exponent == 0)
        magnitude = std::ldexp(static_cast<float>(mantissa), -9); // mantissa / 8 * 2^-6
    else
        magnitude =
            std::ldexp(static_cast<float>(8 + mantissa), exponent - 10); // (1 + m/8) 2^(e-7)
    return negative ? -magnitude : magnitude;
}

namespace {

template <class T> T loadLittleEndian(const std::byte* p) {
    T v;
    std::memcpy(&v, p, sizeof(T)); // memcpy: the buffer position need not be aligned for T
    return v;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s.append(i ? ", " : "").append(std::to_string(shape[i]));
    return s + "]";
}

// -------------------------------------------------------------------------------------------
// [SECTION] header
// -------------------------------------------------------------------------------------------

struct Entry {
    std::string name;
    std::string dtype;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

struct Layout {
    std::map<std::string, std::string> metadata;
    std::vector<Entry> entries; // sorted by offset
};

Entry parseEntry(const std::string& name, const nlohmann::json& info, std::uint64_t bufferSize,
                 const std::string& what) {
    const std::string where = what + ": tensor '" + name + "'";
    if (!info.is_object())
        throw Error(where + ": expected an object with dtype, shape and data_offsets, got " +
                    jsonTypeName(info));
    // Unknown keys are ignored, as the reference's serde struct does.
    const auto dtypeIt = info.find("dtype");
    const auto shapeIt = info.find("shape");
    const auto offsetsIt = info.find("data_offsets");
    if (dtypeIt == info.end() || shapeIt == info.end() || offsetsIt == info.end())
        throw Error(where + ": missing '" +
                    (dtypeIt == info.end()   ? "dtype"
                     : shapeIt == info.end() ? "shape"
                                             : "data_offsets") +
                    "'");
    Entry e;
    e.name = name;
    if (!dtypeIt->is_string())
        throw Error(where + ": dtype must be a string, got " + jsonTypeName(*dtypeIt));
    e.dtype = dtypeIt->get<std::string>();
    std::size_t itemSize = 0;
    try {
        itemSize = safetensorsDtypeSize(e.dtype);
    } catch (const Error& err) {
        throw Error(where + ": " + (err.what() + std::string_view("safetensors: ").size()));
    }

    if (!shapeIt->is_array())
        throw Error(where + ": shape must be an array, got " + jsonTypeName(*shapeIt));
    if (shapeIt->size() > kMaxTensorRank)
        throw LimitError(where + ": " + std::to_string(shapeIt->size()) +
                         " dimensions exceeds kMaxTensorRank (" + std::to_string(kMaxTensorRank) +
                         "); raise it in core/util/Limits.h");
    for (const auto& d : *shapeIt) {
        if (d.is_number_integer() && !d.is_number_unsigned())
            throw Error(where + ": negative dimension " + d.dump() + " in shape");
        if (!d.is_number_unsigned())
            throw Error(where + ": shape must hold non-negative integers, found " + d.dump());
        const auto v = d.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw LimitError(where + ": dimension " + std::to_string(v) + " does not fit in int64");
        e.shape.push_back(static_cast<std::int64_t>(v));
    }

    // Size and limit before the offsets, so a huge shape is reported as such, not as offsets
    // past the end of the buffer.
    const std::uint64_t count = checkedElementCount(e.shape, where.c_str());
    const std::uint64_t bytes = checkedMul(count, itemSize, where.c_str());
    checkLimit(bytes, kMaxTensorBytes, "kMaxTensorBytes", where);

    if (!offsetsIt->is_array() || offsetsIt->size() != 2 || !(*offsetsIt)[0].is_number_unsigned() ||
        !(*offsetsIt)[1].is_number_unsigned())
        throw Error(where + ": data_offsets must be [begin, end] with non-negative integers, got " +
                    offsetsIt->dump());
    e.begin = (*offsetsIt)[0].get<std::uint64_t>();
    e.end = (*offsetsIt)[1].get<std::uint64_t>();
    const std::string offsetsText =
        "data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]";
    if (e.begin > e.end)
        throw Error(where + ": " + offsetsText + " end before they begin");
    if (e.end > bufferSize)
        throw Error(where + ": " + offsetsText + " exceed the " + std::to_string(bufferSize) +
                    "-byte data buffer");

    if (bytes != e.end - e.begin)
        throw Error(where + ": shape " + shapeText(e.shape) + " of " + e.dtype + " needs " +
                    std::to_string(bytes) + " bytes but " + offsetsText + " span " +
                    std::to_string(e.end - e.begin));
    return e;
}

Layout parseHeader(std::string_view text, std::uint64_t bufferSize, const std::string& what) {
    // parseJson reports syntax errors with line and column and rejects duplicate keys, so two
    // tensors with one name cannot silently become one.
    const nlohmann::json header = parseJson(text, what + ": header");
    if (!header.is_object())
        throw Error(what + ": header must be a JSON object, got " + jsonTypeName(header));
    Layout layout;
    for (const auto& [key, value] : header.items()) {
        if (key == "__metadata__") {
            if (!value.is_object())
                throw Error(what + ": __metadata__ must be an object of strings, got " +
                            jsonTypeName(value));
            for (const auto& [mk, mv] : value.items()) {
                if (!mv.is_string())
                    throw Error(what + ": __metadata__ value of '" + mk +
                                "' must be a string, got " + jsonTypeName(mv));
                layout.metadata.emplace(mk, mv.get<std::string>());
            }
            continue;
        }
        layout.entries.push_back(parseEntry(key, value, bufferSize, what));
    }

    // The tensors must tile the buffer: sorted by offset, each starts where the previous ended,
    // and the last ends at the end of the buffer (reference: validate(), InvalidOffset and
    // MetadataIncompleteBuffer). Zero-length tensors sort before a tensor at the same offset.
    std::sort(layout.entries.begin(), layout.entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.begin, a.end, a.name) < std::tie(b.begin, b.end, b.name);
    });
    std::uint64_t position = 0;
    const Entry* previous = nullptr;
    for (const Entry& e : layout.entries) {
        if (e.begin < position)
            throw Error(what + ": tensors '" + previous->name + "' and '" + e.name +
                        "' overlap: '" + e.name + "' starts at byte " + std::to_string(e.begin) +
                        " but '" + previous->name + "' ends at byte " + std::to_string(position));
        if (e.begin > position)
            throw Error(what + ": gap of " + std::to_string(e.begin - position) +
                        " bytes before tensor '" + e.name + "' (buffer bytes " +
                        std::to_string(position) + ".." + std::to_string(e.begin) +
                        " belong to no tensor)");
        position = e.end;
        previous = &e;
    }
    if (position != bufferSize)
        throw Error(what + ": the last " + std::to_string(bufferSize - position) + " of the " +
                    std::to_string(bufferSize) + " buffer bytes belong to no tensor");
    return layout;
}

// -------------------------------------------------------------------------------------------
// [SECTION] reading
// -------------------------------------------------------------------------------------------

SafetensorsFile parseSource(const ByteSource& src, const std::string& what) {
    const std::uint64_t size = src.size();
    if (size < 8)
        throw Error(what + ": input is only " + std::to_string(size) +
                    " bytes, too short for the 8-byte header length");
    std::array<std::byte, 8> lengthBytes{};
    src.read(0, lengthBytes);
    std::uint64_t headerLength = 0;
    for (std::size_t i = 0; i < 8; ++i)
        headerLength |= static_cast<std::uint64_t>(lengthBytes[i]) << (8 * i);
    if (headerLength > size - 8)
        throw Error(what + ": header length " + std::to_string(headerLength) +
                    " exceeds file size " + std::to_string(size));
    checkLimit(headerLength, kMaxSafetensorsHeaderBytes, "kMaxSafetensorsHeaderBytes",
               what + ": header");
    std::string text(static_cast<std::size_t>(headerLength), '\0');
    src.read(8, std::as_writable_bytes(std::span(text.data(), text.size())));
    const std::uint64_t bufferStart = 8 + headerLength;
    const Layout layout = parseHeader(text, size - bufferStart, what);

    SafetensorsFile file;
    file.metadata = layout.metadata;
    for (const Entry& e : layout.entries) {
        SafeTensor t;
        t.dtype = e.dtype;
        t.shape = e.shape;
        t.data.resize(static_cast<std::size_t>(e.end - e.begin));
        src.read(bufferStart + e.begin, t.data);
        if (t.dtype == "BOOL")
            // A bool object holding 2 would be undefined behaviour in as<bool>(): store 0/1.
            for (std::byte& b : t.data)
                b = b != std::byte{0} ? std::byte{1} : std::byte{0};
        file.tensors.emplace(e.name, std::move(t));
    }
    return file;
}

} // namespace

std::size_t SafeTensor::elementCount() const {
    return static_cast<std::size_t>(checkedElementCount(shape, "safetensors: shape"));
}

void SafeTensor::checkView(std::string_view wanted, std::size_t size) const {
    if (dtype != wanted)
        throw Error("safetensors: tensor has dtype " + dtype + ", not " + std::string(wanted));
    if (data.size() != elementCount() * size)
        throw Error("safetensors: tensor data holds " + std::to_string(data.size()) +
                    " bytes, shape " + shapeText(shape) + " needs " +
                    std::to_string(elementCount() * size));
}

SafetensorsFile parseSafetensors(std::span<const std::byte> bytes) {
    return parseSource(ByteSource::fromMemory(bytes), "safetensors");
}

SafetensorsFile parseSafetensors(std::string_view bytes) {
    return parseSafetensors(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

SafetensorsFile readSafetensors(const std::string& path) {
    return parseSource(ByteSource::openFile(path), path + ": safetensors");
}

std::vector<float> toFloat32(const SafeTensor& t) {
    const std::size_t itemSize = safetensorsDtypeSize(t.dtype);
    const std::size_t count = t.elementCount();
    if (t.data.size() != count * itemSize)
        throw Error("safetensors: tensor data holds " + std::to_string(t.data.size()) +
                    " bytes, shape " + shapeText(t.shape) + " of " + t.dtype + " needs " +
                    std::to_string(count * itemSize));
    std::vector<float> out(count);
    const std::byte* p = t.data.data();
    const auto convert = [&](auto load) {
        for (std::size_t i = 0; i < count; ++i)
            out[i] = load(p + i * itemSize);
    };
    const std::string& d = t.dtype;
    if (d == "F32")
        convert([](const std::byte* q) { return loadLittleEndian<float>(q); });
    else if (d == "F64")
        convert([](const std::byte* q) { return static_cast<float>(loadLittleEndian<double>(q)); });
    else if (d == "F16")
        convert([](const std::byte* q) { return halfToFloat(loadLittleEndian<std::uint16_t>(q)); });
    else if (d == "BF16")
        convert(
            [](const std::byte* q) { return bfloat16ToFloat(loadLittleEndian<std::uint16_t>(q)); });
    else if (d == "F8_E4M3")
        convert(
            [](const std::byte* q) { return float8E4M3ToFloat(static_cast<std::uint8_t>(*q)); });
    else if (d == "F8_E5M2")
        convert(
            [](const std::byte* q) { return float8E5M2ToFloat(static_cast<std::uint8_t>(*q)); });
    else if (d == "BOOL")
        convert([](const std::byte* q) { return *q != std::byte{0} ? 1.0f : 0.0f; });
    else if (d == "U8")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::uint8_t>(q));
        });
    else if (d == "I8")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::int8_t>(q));
        });
    else if (d == "U16")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::uint16_t>(q));
        });
    else if (d == "I16")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::int16_t>(q));
        });
    else if (d == "U32")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::uint32_t>(q));
        });
    else if (d == "I32")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::int32_t>(q));
        });
    else if (d == "U64")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::uint64_t>(q));
        });
    else if (d == "I64")
        convert([](const std::byte* q) {
            return static_cast<float>(loadLittleEndian<std::int64_t>(q));
        });
    return out;
}

// -------------------------------------------------------------------------------------------
// [SECTION] writing
// -------------------------------------------------------------------------------------------

namespace {

/// The 8-byte length plus the padded JSON header, and the tensors in file order.
std::string serializedHeader(const SafetensorsFile& file,
                             std::vector<const std::pair<const std::string, SafeTensor>*>& order) {
    order.clear();
    for (const auto& entry : file.tensors) {
        const auto& [name, t] = entry;
        const std::string where = "safetensors: cannot write tensor '" + name + "'";
        if (name == "__metadata__")
            throw Error(where + ": the name is reserved for metadata");
        std::size_t itemSize = 0;
        try {
            itemSize = safetensorsDtypeSize(t.dtype);
        } catch (const Error& e) {
            throw Error(where + ": " + (e.what() + std::string_view("safetensors: ").size()));
        }
        const std::uint64_t bytes =
            checkedMul(checkedElementCount(t.shape, where.c_str()), itemSize, where.c_str());
        if (bytes != t.data.size())
            throw Error(where + ": shape " + shapeText(t.shape) + " of " + t.dtype + " needs " +
                        std::to_string(bytes) + " bytes but the tensor holds " +
                        std::to_string(t.data.size()));
        order.push_back(&entry);
    }
    // Largest element first, then by name, like the reference's prepare() which sorts by dtype
    // alignment: with an 8-aligned header every tensor then starts at a multiple of its element
    // size in the file, so a memory-mapping reader can use it in place.
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
        return safetensorsDtypeSize(a->second.dtype) > safetensorsDtypeSize(b->second.dtype);
    });

    std::string json = "{";
    try {
        if (!file.metadata.empty()) {
            json += "\"__metadata__\":{";
            bool first = true;
            for (const auto& [k, v] : file.metadata) {
                json.append(first ? "" : ",").append(nlohmann::json(k).dump()).append(":");
                json.append(nlohmann::json(v).dump());
                first = false;
            }
            json += "}";
        }
        std::uint64_t offset = 0;
        for (const auto* entry : order) {
            const SafeTensor& t = entry->second;
            if (json.size() > 1)
                json += ",";
            json +=
                nlohmann::json(entry->first).dump() + ":{\"dtype\":\"" + t.dtype + "\",\"shape\":[";
            for (std::size_t i = 0; i < t.shape.size(); ++i)
                json.append(i ? "," : "").append(std::to_string(t.shape[i]));
            json += "],\"data_offsets\":[" + std::to_string(offset) + "," +
                    std::to_string(offset + t.data.size()) + "]}";
            offset += t.data.size();
        }
    } catch (const nlohmann::json::exception& e) {
        // type_error.316: a name or metadata string that is not valid UTF-8.
        throw Error(std::string("safetensors: cannot write: ") + e.what());
    }
    json += "}";
    json.append((8 - json.size() % 8) % 8, ' ');
    std::string out(8, '\0');
    for (std::size_t i = 0; i < 8; ++i)
        out[i] = static_cast<char>((static_cast<std::uint64_t>(json.size()) >> (8 * i)) & 0xff);
    return out + json;
}

std::string_view bytesOf(const SafeTensor& t) {
    return {reinterpret_cast<const char*>(t.data.data()), t.data.size()};
}

} // namespace

std::string serializeSafetensors(const SafetensorsFile& file) {
    std::vector<const std::pair<const std::string, SafeTensor>*> order;
    std::string out = serializedHeader(file, order);
    for (const auto* entry : order)
        out += bytesOf(entry->second);
    return out;
}

void writeSafetensors(const std::string& path, const SafetensorsFile& file) {
    std::vector<const std::pair<const std::string, SafeTensor>*> order;
    const std::string header = serializedHeader(file, order);
    std::vector<std::string_view> pieces{header};
    for (const auto* entry : order)
        pieces.push_back(bytesOf(entry->second));
    writeFileAtomically(path, pieces);
}

} // namespace algoscope::util
