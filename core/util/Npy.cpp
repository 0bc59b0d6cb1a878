// [SECTION] dtypes       descr strings <-> kind and size, byte order
// [SECTION] header dict  a small recursive-descent parser for the Python literal
// [SECTION] reading      preamble, header, size checks, byte swap, Fortran -> C transpose
// [SECTION] writing      NumPy's exact header layout
#include "util/Npy.h"

#include "util/AtomicFile.h"
#include "util/ByteSource.h"
#include "util/Limits.h"

#include <algorithm>
#include <array>
#include <bit>

namespace algoscope::util {

// Elements are stored little-endian in memory so that as<T>() is a plain cast; on a big-endian
// host every read and write would need a swap, which nothing here does yet.
static_assert(std::endian::native == std::endian::little, "npy: little-endian hosts only");

namespace {

constexpr std::array<unsigned char, 6> kMagic = {0x93, 'N', 'U', 'M', 'P', 'Y'};

// -------------------------------------------------------------------------------------------
// [SECTION] dtypes
// -------------------------------------------------------------------------------------------

struct Dtype {
    char order = '<'; // '<', '>' or '|' (one-byte types)
    char kind = 'f';  // 'b' bool, 'i' signed, 'u' unsigned, 'f' IEEE float
    std::size_t size = 4;
    std::string descr() const { return std::string(1, order) + kind + std::to_string(size); }
};

/// Parses "<f4", ">i8", "=u2", "|b1"... into a Dtype with order '<', '>' or '|'.
Dtype parseDescr(std::string_view descr, const std::string& what) {
    const auto fail = [&](const std::string& why) -> Dtype {
        throw Error(what + ": dtype '" + std::string(descr) + "' is not supported (" + why +
                    "; supported: b1 i1 u1 i2 u2 f2 i4 u4 f4 i8 u8 f8)");
    };
    if (descr.size() < 3 || descr.size() > 4)
        return fail("expected byte order, kind and size, like '<f4'");
    Dtype d;
    const char order = descr[0];
    if (order != '<' && order != '>' && order != '=' && order != '|')
        return fail("byte order must be one of < > = |");
    d.kind = descr[1];
    const std::string_view digits = descr.substr(2);
    if (digits == "1")
        d.size = 1;
    else if (digits == "2")
        d.size = 2;
    else if (digits == "4")
        d.size = 4;
    else if (digits == "8")
        d.size = 8;
    else
        return fail("unknown size");
    const bool ok = (d.kind == 'b' && d.size == 1) || d.kind == 'i' || d.kind == 'u' ||
                    (d.kind == 'f' && d.size >= 2);
    if (!ok)
        return fail(d.kind == 'O' ? "Python objects need pickle" : "unknown kind");
    if (d.size == 1) {
        d.order = '|'; // byte order means nothing for one byte; NumPy writes '|'
    } else if (order == '|') {
        return fail("'|' (not applicable) is only valid for one-byte types");
    } else {
        d.order = order == '>' ? '>' : '<'; // '=' is native, and native is little-endian here
    }
    return d;
}

std::string shapeRepr(const std::vector<std::int64_t>& shape) {
    // Python's repr of a tuple: (), (3,), (2, 3).
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1)
        s += ',';
    return s + ")";
}

// -------------------------------------------------------------------------------------------
// [SECTION] header dict
// -------------------------------------------------------------------------------------------

/// Recursive descent over the subset of Python literal syntax a .npy header uses:
///   dict  := '{' [entry (',' entry)* [',']] '}'      entry := string ':' value
///   value := string | 'True' | 'False' | tuple       tuple := '(' [int (',' int)* [',']] ')'
/// with Python's rule that a one-element tuple needs its trailing comma. Every read is
/// bounds-checked through peek(); the parser never looks past text.
class HeaderDictParser {
public:
    explicit HeaderDictParser(std::string_view text) : m_text(text) {}

    NpyHeader parse() {
        NpyHeader h;
        bool haveDescr = false, haveFortran = false, haveShape = false;
        skipSpace();
        expect('{', "the header must be a dict starting with '{'");
        skipSpace();
        while (peek() != '}') {
            const std::size_t keyAt = m_pos;
            const std::string key = parseString();
            skipSpace();
            expect(':', "expected ':' after a key");
            skipSpace();
            const auto once = [&](bool& seen) {
                if (seen)
                    fail("duplicate key '" + key + "'", keyAt);
                seen = true;
            };
            if (key == "descr") {
                once(haveDescr);
                if (peek() == '[')
                    fail("structured dtypes (a list as descr) are not supported");
                h.descr = parseString();
            } else if (key == "fortran_order") {
                once(haveFortran);
                h.fortranOrder = parseBool();
            } else if (key == "shape") {
                once(haveShape);
                h.shape = parseShape();
            } else {
                fail("unexpected key '" + key +
                         "' (a header has exactly descr, fortran_order, shape)",
                     keyAt);
            }
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
            } else if (peek() != '}') {
                fail("expected ',' or '}' after a value");
            }
        }
        ++m_pos; // '}'
        skipSpace();
        if (m_pos != m_text.size())
            fail("unexpected text after the closing '}'");
        if (!haveDescr || !haveFortran || !haveShape)
            fail(std::string("missing key '") +
                 (!haveDescr     ? "descr"
                  : !haveFortran ? "fortran_order"
                                 : "shape") +
                 "'");
        return h;
    }

private:
    [[noreturn]] void fail(const std::string& message) const { fail(message, m_pos); }
    [[noreturn]] static void fail(const std::string& message, std::size_t at) {
        throw Error("npy: header: " + message + " at offset " + std::to_string(at));
    }

    /// The next character, or '\0' at the end (a NUL inside the text is never valid either).
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    void skipSpace() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                m_text[m_pos] == '\r' || m_text[m_pos] == '\f' || m_text[m_pos] == '\v'))
            ++m_pos;
    }

    void expect(char c, const char* message) {
        if (peek() != c)
            fail(message);
        ++m_pos;
    }

    std::string parseString() {
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            fail("expected a quoted string");
        const std::size_t start = ++m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != quote) {
            if (m_text[m_pos] == '\\')
                fail("escape sequences in strings are not supported");
            if (m_text[m_pos] == '\n')
                fail("newline inside a string");
            ++m_pos;
        }
        if (m_pos >= m_text.size())
            fail("unterminated string", start - 1);
        const std::string value(m_text.substr(start, m_pos - start));
        ++m_pos; // closing quote
        return value;
    }

    bool parseBool() {
        const std::string_view rest = m_text.substr(m_pos);
        for (const auto& [word, value] : {std::pair{std::string_view("True"), true},
                                          std::pair{std::string_view("False"), false}}) {
            if (rest.substr(0, word.size()) == word && !isIdentChar(rest, word.size())) {
                m_pos += word.size();
                return value;
            }
        }
        fail("fortran_order must be True or False");
    }

    static bool isIdentChar(std::string_view s, std::size_t i) {
        if (i >= s.size())
            return false;
        const char c = s[i];
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    }

    std::int64_t parseDim() {
        const std::size_t start = m_pos;
        if (peek() == '-') {
            ++m_pos;
            if (peek() < '0' || peek() > '9')
                fail("expected a digit after '-'");
            while (peek() >= '0' && peek() <= '9')
                ++m_pos;
            fail("negative dimension " + std::string(m_text.substr(start, m_pos - start)) +
                     " in shape",
                 start);
        }
        if (peek() < '0' || peek() > '9')
            fail("expected a non-negative integer in shape");
        if (peek() == '0' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] >= '0' &&
            m_text[m_pos + 1] <= '9')
            fail("leading zeros are not allowed in a Python integer");
        std::uint64_t value = 0;
        constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        while (peek() >= '0' && peek() <= '9') {
            const auto digit = static_cast<std::uint64_t>(peek() - '0');
            if (value > (kMax - digit) / 10)
                fail("dimension does not fit in 64 bits", start);
            value = value * 10 + digit;
            ++m_pos;
        }
        // Python 2 wrote long integers as 2L; NumPy still reads such files (_filter_header).
        if (peek() == 'L' || peek() == 'l')
            ++m_pos;
        return static_cast<std::int64_t>(value);
    }

    std::vector<std::int64_t> parseShape() {
        if (peek() == '[')
            fail("shape must be a tuple, not a list");
        expect('(', "shape must be a tuple like (2, 3)");
        std::vector<std::int64_t> dims;
        bool trailingComma = false;
        skipSpace();
        while (peek() != ')') {
            if (dims.size() == kMaxTensorRank)
                throw LimitError("npy: header: shape has more than kMaxTensorRank (" +
                                 std::to_string(kMaxTensorRank) +
                                 ") dimensions; raise it in core/util/Limits.h");
            dims.push_back(parseDim());
            skipSpace();
            trailingComma = peek() == ',';
            if (trailingComma) {
                ++m_pos;
                skipSpace();
            } else if (peek() != ')') {
                fail("expected ',' or ')' in shape");
            }
        }
        if (dims.size() == 1 && !trailingComma)
            fail("(n) is a number, not a tuple: a one-dimensional shape is written (n,)");
        ++m_pos; // ')'
        return dims;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

// -------------------------------------------------------------------------------------------
// [SECTION] reading
// -------------------------------------------------------------------------------------------

std::uint64_t readLittleEndian(const std::byte* p, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    return v;
}

/// Row-major copy of column-major data. Walks the output in C order with an index counter and
/// keeps the matching Fortran offset up to date, so each element costs O(1) amortised.
std::vector<std::byte> fortranToC(const std::vector<std::byte>& in,
                                  const std::vector<std::int64_t>& shape, std::size_t itemSize,
                                  std::size_t count) {
    const std::size_t rank = shape.size();
    std::vector<std::size_t> stride(rank), index(rank, 0);
    std::size_t s = 1;
    for (std::size_t k = 0; k < rank; ++k) {
        stride[k] = s;
        s *= static_cast<std::size_t>(shape[k]); // cannot overflow: the product was checked
    }
    std::vector<std::byte> out(in.size());
    std::size_t offset = 0; // Fortran element offset of the current C-order index
    for (std::size_t i = 0; i < count; ++i) {
        std::memcpy(out.data() + i * itemSize, in.data() + offset * itemSize, itemSize);
        for (std::size_t k = rank; k-- > 0;) {
            if (++index[k] < static_cast<std::size_t>(shape[k])) {
                offset += stride[k];
                break;
            }
            offset -= (index[k] - 1) * stride[k];
            index[k] = 0;
        }
    }
    return out;
}

NpyArray parseSource(const ByteSource& src, const std::string& what) {
    const std::uint64_t size = src.size();
    if (size < 10)
        throw Error(what + ": input is only " + std::to_string(size) +
                    " bytes, too short for the .npy preamble");
    std::array<std::byte, 12> pre{};
    src.read(0, std::span(pre).first(8));
    if (!std::equal(kMagic.begin(), kMagic.end(), pre.begin(),
                    [](unsigned char m, std::byte b) { return std::byte{m} == b; }))
        throw Error(what + ": bad magic: not a .npy file (expected \\x93NUMPY)");
    const int major = static_cast<int>(pre[6]), minor = static_cast<int>(pre[7]);
    if ((major != 1 && major != 2 && major != 3) || minor != 0)
        throw Error(what + ": unsupported format version " + std::to_string(major) + "." +
                    std::to_string(minor) + " (supported: 1.0, 2.0, 3.0)");
    const std::size_t lengthBytes = major == 1 ? 2 : 4;
    const std::uint64_t prefix = 8 + lengthBytes;
    if (size < prefix)
        throw Error(what + ": input is only " + std::to_string(size) +
                    " bytes, too short for the version " + std::to_string(major) + ".0 preamble");
    src.read(8, std::span(pre).subspan(8, lengthBytes));
    const std::uint64_t headerLength = readLittleEndian(pre.data() + 8, lengthBytes);
    if (headerLength > size - prefix)
        throw Error(what + ": header length " + std::to_string(headerLength) +
                    " exceeds file size " + std::to_string(size));
    checkLimit(headerLength, kMaxNpyHeaderBytes, "kMaxNpyHeaderBytes", what + ": header");

    std::string text(static_cast<std::size_t>(headerLength), '\0');
    src.read(prefix, std::as_writable_bytes(std::span(text.data(), text.size())));
    NpyHeader header;
    try {
        header = parseNpyHeaderDict(text);
    } catch (const LimitError& e) {
        // The dict parser's messages start with "npy"; put the file name in front of them.
        throw LimitError(what + std::string(e.what()).substr(3));
    } catch (const Error& e) {
        throw Error(what + std::string(e.what()).substr(3));
    }
    const Dtype dtype = parseDescr(header.descr, what);
    const std::string shapeText = shapeRepr(header.shape);
    const std::uint64_t count = checkedElementCount(header.shape, (what + ": shape").c_str());
    const std::uint64_t bytes = checkedMul(count, dtype.size, (what + ": array size").c_str());
    checkLimit(bytes, kMaxTensorBytes, "kMaxTensorBytes", what + ": array of shape " + shapeText);
    const std::uint64_t available = size - prefix - headerLength;
    if (bytes != available)
        throw Error(what + ": shape " + shapeText + " of " + header.descr + " needs " +
                    std::to_string(bytes) + " data bytes but the file has " +
                    std::to_string(available) +
                    (bytes > available ? " (truncated)" : " (trailing bytes)"));

    NpyArray a;
    a.shape = std::move(header.shape);
    a.data.resize(static_cast<std::size_t>(bytes));
    src.read(prefix + headerLength, a.data);
    if (dtype.order == '>')
        for (std::size_t i = 0; i < a.data.size(); i += dtype.size)
            std::reverse(a.data.begin() + static_cast<std::ptrdiff_t>(i),
                         a.data.begin() + static_cast<std::ptrdiff_t>(i + dtype.size));
    if (dtype.kind == 'b')
        // NumPy treats any non-zero byte as True; a bool object holding 2 would be undefined
        // behaviour in as<bool>(), so store canonical 0/1.
        for (std::byte& b : a.data)
            b = b != std::byte{0} ? std::byte{1} : std::byte{0};
    if (header.fortranOrder && a.shape.size() > 1 && count > 1)
        a.data = fortranToC(a.data, a.shape, dtype.size, static_cast<std::size_t>(count));
    a.fortranOrder = false;
    a.dtype = Dtype{dtype.size == 1 ? '|' : '<', dtype.kind, dtype.size}.descr();
    return a;
}

} // namespace

// -------------------------------------------------------------------------------------------
// public API
// -------------------------------------------------------------------------------------------

std::size_t npyElementCount(const std::vector<std::int64_t>& shape) {
    return static_cast<std::size_t>(checkedElementCount(shape, "npy: shape"));
}

std::size_t NpyArray::elementCount() const {
    return npyElementCount(shape);
}

std::size_t NpyArray::itemSize() const {
    return parseDescr(dtype, "npy").size;
}

void NpyArray::checkView(std::string_view wanted, std::size_t size) const {
    if (dtype != wanted)
        throw Error("npy: array has dtype '" + dtype + "', not '" + std::string(wanted) + "'");
    if (data.size() != elementCount() * size)
        throw Error("npy: array data holds " + std::to_string(data.size()) + " bytes, shape " +
                    shapeRepr(shape) + " needs " + std::to_string(elementCount() * size));
}

NpyHeader parseNpyHeaderDict(std::string_view text) {
    return HeaderDictParser(text).parse();
}

NpyArray parseNpy(std::span<const std::byte> bytes) {
    return parseSource(ByteSource::fromMemory(bytes), "npy");
}

NpyArray parseNpy(std::string_view bytes) {
    return parseNpy(std::as_bytes(std::span(bytes.data(), bytes.size())));
}

NpyArray readNpy(const std::string& path) {
    return parseSource(ByteSource::openFile(path), path + ": npy");
}

// -------------------------------------------------------------------------------------------
// [SECTION] writing
// -------------------------------------------------------------------------------------------

namespace {

/// The header block exactly as numpy/lib/format.py (NumPy 1.24) writes it: the dict with keys
/// sorted, "'key': repr(value), " each, then spaces so the first (C) or last (Fortran) dimension
/// can grow to 21 digits in place (GROWTH_AXIS_MAX_DIGITS), then _wrap_header's padding: spaces
/// and a final '\n' so that magic + version + length field + header is a multiple of 64 bytes
/// (ARRAY_ALIGN). Note the padding is 1..64 spaces, never 0: NumPy computes
/// 64 - (length % 64), which is 64 when the length is already aligned.
std::string npyPreamble(const NpyArray& array, const Dtype& dtype) {
    std::string dict = "{'descr': '" + dtype.descr() +
                       "', 'fortran_order': " + (array.fortranOrder ? "True" : "False") +
                       ", 'shape': " + shapeRepr(array.shape) + ", }";
    if (!array.shape.empty()) {
        const std::int64_t growAxis = array.fortranOrder ? array.shape.back() : array.shape.front();
        dict.append(21 - std::min<std::size_t>(21, std::to_string(growAxis).size()), ' ');
    }
    // Version 1.0 always suffices: with at most kMaxTensorRank dimensions of at most 19 digits
    // the dict stays under 2 KiB, far below the 65535 bytes of the 1.0 length field, so NumPy's
    // fallback to 2.0 (_wrap_header_guess_version) can never trigger for our dtypes.
    static_assert(kMaxTensorRank * 21 + 128 < 0xffff);
    const std::size_t hlen = dict.size() + 1; // + '\n'
    const std::size_t pad = 64 - ((10 + hlen) % 64);
    const std::size_t total = hlen + pad;
    std::string out(reinterpret_cast<const char*>(kMagic.data()), kMagic.size());
    out += '\x01';
    out += '\0';
    out += static_cast<char>(total & 0xff);
    out += static_cast<char>(total >> 8);
    out += dict;
    out.append(pad, ' ');
    out += '\n';
    return out;
}

Dtype checkedForWriting(const NpyArray& array) {
    const Dtype dtype = parseDescr(array.dtype, "npy: cannot write");
    const std::uint64_t count = checkedElementCount(array.shape, "npy: cannot write: shape");
    const std::uint64_t bytes = checkedMul(count, dtype.size, "npy: cannot write: array size");
    if (bytes != array.data.size())
        throw Error("npy: cannot write: shape " + shapeRepr(array.shape) + " of " + array.dtype +
                    " needs " + std::to_string(bytes) + " bytes but the array holds " +
                    std::to_string(array.data.size()));
    return dtype;
}

} // namespace

std::string serializeNpy(const NpyArray& array) {
    const Dtype dtype = checkedForWriting(array);
    std::string out = npyPreamble(array, dtype);
    out.append(reinterpret_cast<const char*>(array.data.data()), array.data.size());
    return out;
}

void writeNpy(const std::string& path, const NpyArray& array) {
    const std::string preamble = npyPreamble(array, checkedForWriting(array));
    const std::array<std::string_view, 2> pieces = {
        preamble,
        std::string_view(reinterpret_cast<const char*>(array.data.data()), array.data.size())};
    writeFileAtomically(path, pieces);
}

} // namespace algoscope::util
