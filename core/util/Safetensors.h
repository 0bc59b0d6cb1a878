#pragma once
// The safetensors format (https://github.com/huggingface/safetensors, README "Format"):
//   N (u64 little-endian) | N bytes of JSON header | byte buffer
//   header = {"__metadata__": {str: str}, "<name>": {"dtype": "F32", "shape": [2, 3],
//             "data_offsets": [begin, end]}, ...}, offsets relative to the buffer start.
// Validation follows the reference implementation (safetensors/src/tensor.rs): header at most
// 100 MB, tensors tile the buffer exactly (no gap, no overlap, nothing left over), each tensor's
// byte length equals product(shape) * dtype size. We also reject duplicate JSON keys, which the
// reference's JSON layer would resolve silently. Little-endian, row-major data.
// Parsing is hardened for untrusted input (fuzzed); failures are util::Error / LimitError.
#include "util/Error.h"
#include "util/Limits.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace algoscope::util {

/// The safetensors dtype of a C++ element type: safetensorsDtypeOf<float>() == "F32".
template <class T> constexpr std::string_view safetensorsDtypeOf() {
    using U = std::remove_cv_t<T>;
    if constexpr (std::is_same_v<U, bool>)
        return "BOOL";
    else if constexpr (std::is_same_v<U, std::int8_t>)
        return "I8";
    else if constexpr (std::is_same_v<U, std::uint8_t>)
        return "U8";
    else if constexpr (std::is_same_v<U, std::int16_t>)
        return "I16";
    else if constexpr (std::is_same_v<U, std::uint16_t>)
        return "U16";
    else if constexpr (std::is_same_v<U, std::int32_t>)
        return "I32";
    else if constexpr (std::is_same_v<U, std::uint32_t>)
        return "U32";
    else if constexpr (std::is_same_v<U, std::int64_t>)
        return "I64";
    else if constexpr (std::is_same_v<U, std::uint64_t>)
        return "U64";
    else if constexpr (std::is_same_v<U, float>)
        return "F32";
    else if constexpr (std::is_same_v<U, double>)
        return "F64";
    else
        static_assert(!sizeof(U), "no safetensors dtype for this type");
}

/// Bytes per element of a dtype name: BOOL U8 I8 F8_E4M3 F8_E5M2 (1), U16 I16 F16 BF16 (2),
/// U32 I32 F32 (4), U64 I64 F64 (8). Throws Error for any other name.
std::size_t safetensorsDtypeSize(std::string_view dtype);

struct SafeTensor {
    std::string dtype;               ///< "F32", "BF16", ...
    std::vector<std::int64_t> shape; ///< [] for a scalar
    std::vector<std::byte> data;     ///< little-endian, row-major

    std::size_t elementCount() const;
    /// The data as T. Throws Error when dtype is not safetensorsDtypeOf<T>() or the size is wrong.
    template <class T> std::span<const T> as() const {
        checkView(safetensorsDtypeOf<T>(), sizeof(T));
        // vector storage comes from operator new, aligned for any fundamental type.
        return {reinterpret_cast<const T*>(data.data()), data.size() / sizeof(T)};
    }

private:
    void checkView(std::string_view wanted, std::size_t size) const;
};

struct SafetensorsFile {
    std::map<std::string, std::string> metadata; ///< "__metadata__"; omitted on write when empty
    std::map<std::string, SafeTensor> tensors;
};

SafetensorsFile parseSafetensors(std::span<const std::byte> bytes);
SafetensorsFile parseSafetensors(std::string_view bytes);
/// Reads a file; each tensor goes straight from the file into its own buffer.
SafetensorsFile readSafetensors(const std::string& path);

/// The file bytes. Like the reference's serialize(): compact JSON header with __metadata__
/// first, then the tensors ordered by element size (largest first) and then by name, so every
/// tensor starts at a multiple of its element size; the header is padded with spaces to a
/// multiple of 8 bytes. Throws Error when a tensor's dtype is unknown, its data size does not
/// match its shape, or a name is "__metadata__".
std::string serializeSafetensors(const SafetensorsFile& file);
/// serializeSafetensors + writeFileAtomically.
void writeSafetensors(const std::string& path, const SafetensorsFile& file);

/// IEEE 754 binary16 -> float (exact, including subnormals, infinities and NaN).
float halfToFloat(std::uint16_t bits);
/// bfloat16 -> float (exact: bfloat16 is the top half of a float).
float bfloat16ToFloat(std::uint16_t bits);
/// OCP 8-bit floats -> float (exact). E4M3 is the "FN" variant (no infinities, S.1111.111 is
/// NaN, max 448); E5M2 is the top byte of a binary16.
float float8E4M3ToFloat(std::uint8_t bits);
float float8E5M2ToFloat(std::uint8_t bits);

/// Every element converted to float: exact for F16, BF16, F8_*, BOOL and integers up to 2^24,
/// rounded to nearest for F64 and larger integers. Throws Error on a size mismatch.
std::vector<float> toFloat32(const SafeTensor& tensor);

/// A tensor of T copied from data, which holds product(shape) elements in C order.
template <class T> SafeTensor makeSafeTensor(const T* data, std::vector<std::int64_t> shape) {
    SafeTensor t;
    t.dtype = std::string(safetensorsDtypeOf<T>());
    const std::uint64_t count = checkedElementCount(shape, "safetensors: shape");
    const std::uint64_t bytes = checkedMul(count, sizeof(T), "safetensors: tensor size");
    t.shape = std::move(shape);
    t.data.resize(static_cast<std::size_t>(bytes));
    if (bytes > 0)
        std::memcpy(t.data.data(), data, static_cast<std::size_t>(bytes));
    return t;
}

} // namespace algoscope::util
