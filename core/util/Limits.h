#pragma once
// Every size limit of the file readers in one place, with the reason for its value, plus the
// overflow-checked arithmetic they use. The readers check a size against these limits BEFORE they
// allocate, so a hostile or corrupt file (a fuzzer's favourite) cannot make us reserve 2^63 bytes.
// To load something bigger, raise the constant here and rebuild; the LimitError says so.
#include "util/Error.h"

#include <cstdint>
#include <limits>
#include <span>
#include <string>

namespace algoscope::util {

/// Largest single tensor/array (.npy array, one safetensors tensor) we load: 8 GiB. The machines we
/// target have 24 GiB of memory and a lab usually holds a couple of copies of its data.
inline constexpr std::uint64_t kMaxTensorBytes = std::uint64_t{8} << 30;

/// Largest number of dimensions of a tensor. NumPy allowed 32 (NPY_MAXDIMS) before 2.0 and 64
/// after; nothing we load comes close, and the cap bounds the header parsers' work.
inline constexpr std::size_t kMaxTensorRank = 64;

/// Largest .npy header (the Python dict after the length field). NumPy >= 1.24 refuses headers
/// over 10000 bytes by default (numpy/lib/format.py, _MAX_HEADER_SIZE) for the same reason: a
/// legitimate header for the plain dtypes we support is under 1 KiB.
inline constexpr std::uint64_t kMaxNpyHeaderBytes = 10000;

/// Largest safetensors JSON header: 100 MB, the reference implementation's MAX_HEADER_SIZE
/// (huggingface/safetensors, safetensors/src/tensor.rs).
inline constexpr std::uint64_t kMaxSafetensorsHeaderBytes = 100'000'000;

/// Largest whole file the readers accept (a safetensors file holds many tensors): 16 GiB.
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{16} << 30;

/// Largest JSON document (settings, lab presets, CLI input) read with readJsonFile: 64 MiB.
/// nlohmann::json needs roughly 10x the text size in memory, so this keeps a DOM under 1 GiB.
inline constexpr std::uint64_t kMaxJsonFileBytes = std::uint64_t{64} << 20;

/// Deepest nesting of arrays and objects parseJson accepts. nlohmann::json parses iteratively,
/// but dump(), operator== and our own error messages recurse once per level: about 30 000
/// levels overflow an 8 MiB stack under ASan (a safetensors header with deeply nested
/// data_offsets crashed the reader; docs/reliability.md), fewer on a smaller thread stack.
/// serde_json, the JSON layer of the safetensors reference implementation, stops at 128 levels
/// (serde-rs/json src/error.rs, RecursionLimitExceeded); we allow 512 for lab documents such as
/// nested trees.
inline constexpr std::size_t kMaxJsonDepth = 512;

/// Throws LimitError "<what>: <value> bytes exceeds <limitName> (<limit> bytes); raise it in
/// core/util/Limits.h" when value > limit.
inline void checkLimit(std::uint64_t value, std::uint64_t limit, const char* limitName,
                       const std::string& what) {
    if (value > limit)
        throw LimitError(what + ": " + std::to_string(value) + " bytes exceeds " + limitName +
                         " (" + std::to_string(limit) + " bytes); raise " + limitName +
                         " in core/util/Limits.h to allow it");
}

/// a * b, or LimitError naming `what` when the product does not fit in 64 bits.
inline std::uint64_t checkedMul(std::uint64_t a, std::uint64_t b, const char* what) {
    if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
        throw LimitError(std::string(what) + ": " + std::to_string(a) + " * " + std::to_string(b) +
                         " overflows 64 bits");
    return a * b;
}

/// a + b, or LimitError naming `what` when the sum does not fit in 64 bits.
inline std::uint64_t checkedAdd(std::uint64_t a, std::uint64_t b, const char* what) {
    if (b > std::numeric_limits<std::uint64_t>::max() - a)
        throw LimitError(std::string(what) + ": " + std::to_string(a) + " + " + std::to_string(b) +
                         " overflows 64 bits");
    return a + b;
}

/// Number of elements of a tensor with this shape (1 for a scalar, shape ()). Throws Error on a
/// negative dimension and LimitError on too many dimensions or an overflowing product. A zero
/// dimension anywhere makes the tensor empty, whatever the other dimensions are (as in NumPy).
inline std::uint64_t checkedElementCount(std::span<const std::int64_t> shape, const char* what) {
    if (shape.size() > kMaxTensorRank)
        throw LimitError(std::string(what) + ": " + std::to_string(shape.size()) +
                         " dimensions exceeds kMaxTensorRank (" + std::to_string(kMaxTensorRank) +
                         "); raise it in core/util/Limits.h");
    std::uint64_t count = 1;
    for (std::int64_t d : shape)
        if (d < 0)
            throw Error(std::string(what) + ": negative dimension " + std::to_string(d) +
                        " in shape");
    for (std::int64_t d : shape)
        if (d == 0)
            return 0;
    for (std::int64_t d : shape)
        count = checkedMul(count, static_cast<std::uint64_t>(d), what);
    return count;
}

} // namespace algoscope::util
