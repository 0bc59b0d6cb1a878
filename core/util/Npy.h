#pragma once
// NumPy .npy files, format versions 1.0, 2.0 and 3.0 (numpy/lib/format.py and NEP 1,
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
//   "\x93NUMPY" major minor | header length (uint16 LE for 1.0, uint32 LE for 2.0/3.0) |
//   header: a Python dict literal {'descr': ..., 'fortran_order': ..., 'shape': (...), }
//   padded with spaces and a final '\n' so the data starts at a multiple of 64 | raw data.
//
// Reading accepts the dtypes below in any byte order ('<', '>', '=', '|') and returns them
// little-endian; Fortran-order files are transposed to C order on reading (fortranOrder is then
// false), so callers only ever see row-major data. Writing produces byte-for-byte what NumPy 1.24
// np.save() writes for the same array (including its 21-character growth padding).
// Supported dtypes: |b1 |i1 |u1 <i2 <u2 <f2 <i4 <u4 <f4 <i8 <u8 <f8.
// Parsing is hardened for untrusted input (fuzzed): every size is checked against the input
// length and util/Limits.h before anything is allocated; failures are util::Error / LimitError.
#include "util/Error.h"
#include "util/Limits.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace algoscope::util {

/// The NumPy descr of a C++ element type: npyDtypeOf<float>() == "<f4", <bool> == "|b1".
template <class T> constexpr std::string_view npyDtypeOf() {
    using U = std::remove_cv_t<T>;
    if constexpr (std::is_same_v<U, bool>)
        return "|b1";
    else if constexpr (std::is_same_v<U, std::int8_t>)
        return "|i1";
    else if constexpr (std::is_same_v<U, std::uint8_t>)
        return "|u1";
    else if constexpr (std::is_same_v<U, std::int16_t>)
        return "<i2";
    else if constexpr (std::is_same_v<U, std::uint16_t>)
        return "<u2";
    else if constexpr (std::is_same_v<U, std::int32_t>)
        return "<i4";
    else if constexpr (std::is_same_v<U, std::uint32_t>)
        return "<u4";
    else if constexpr (std::is_same_v<U, std::int64_t>)
        return "<i8";
    else if constexpr (std::is_same_v<U, std::uint64_t>)
        return "<u8";
    else if constexpr (std::is_same_v<U, float>)
        return "<f4";
    else if constexpr (std::is_same_v<U, double>)
        return "<f8";
    else
        static_assert(!sizeof(U), "no .npy dtype for this type");
}

struct NpyArray {
    std::string dtype;               ///< normalised descr, e.g. "<f4", "|u1"
    std::vector<std::int64_t> shape; ///< () for a scalar
    std::vector<std::byte> data;     ///< little-endian elements, row-major unless fortranOrder
    bool fortranOrder = false;       ///< data is column-major (only ever set by the caller)

    /// Product of the shape (1 for a scalar). Throws Error/LimitError for an invalid shape.
    std::size_t elementCount() const;
    /// Bytes per element of dtype. Throws Error for an unsupported dtype.
    std::size_t itemSize() const;

    /// The data as T. Throws Error when dtype is not npyDtypeOf<T>() or data has the wrong size.
    template <class T> std::span<const T> as() const {
        checkView(npyDtypeOf<T>(), sizeof(T));
        // vector storage comes from operator new, aligned for any fundamental type.
        return {reinterpret_cast<const T*>(data.data()), data.size() / sizeof(T)};
    }
    template <class T> std::span<T> asMutable() {
        checkView(npyDtypeOf<T>(), sizeof(T));
        return {reinterpret_cast<T*>(data.data()), data.size() / sizeof(T)};
    }

private:
    void checkView(std::string_view wanted, std::size_t size) const;
};

/// The parsed header dict. Exposed for tests and the fuzzer.
struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    std::vector<std::int64_t> shape;
};

/// Parses the Python dict literal of a header: keys in any order, single or double quotes,
/// tuples "()", "(3,)", "(2, 3)", Python 2 "3L" integers, True/False, trailing commas. Exactly
/// the keys descr, fortran_order and shape. Does not validate the dtype.
NpyHeader parseNpyHeaderDict(std::string_view text);

/// A whole .npy file in memory.
NpyArray parseNpy(std::span<const std::byte> bytes);
NpyArray parseNpy(std::string_view bytes);
/// Reads a file; the data goes straight from the file into the array (one copy in memory).
NpyArray readNpy(const std::string& path);

/// The file bytes NumPy 1.24 np.save() would write (format version 1.0, which always suffices
/// for kMaxTensorRank dimensions).
/// Writes the data as is; fortranOrder = true writes 'fortran_order': True.
std::string serializeNpy(const NpyArray& array);
/// serializeNpy + writeFileAtomically.
void writeNpy(const std::string& path, const NpyArray& array);

/// Number of elements for shape, with the checks of checkedElementCount.
std::size_t npyElementCount(const std::vector<std::int64_t>& shape);

/// An array of T copied from data, which holds product(shape) elements in C order.
template <class T> NpyArray makeNpyArray(const T* data, std::vector<std::int64_t> shape) {
    NpyArray a;
    a.dtype = std::string(npyDtypeOf<T>());
    const std::size_t count = npyElementCount(shape);
    a.shape = std::move(shape);
    const std::size_t bytes = checkedMul(count, sizeof(T), "npy: array size");
    a.data.resize(bytes);
    if (bytes > 0)
        std::memcpy(a.data.data(), data, bytes);
    return a;
}

/// Convenience: writeNpy(path, values.data(), {rows, cols}) for float, double, int32, int64,
/// uint8 and the other types of npyDtypeOf.
template <class T>
void writeNpy(const std::string& path, const T* data, std::vector<std::int64_t> shape) {
    writeNpy(path, makeNpyArray(data, std::move(shape)));
}

} // namespace algoscope::util
