// Tests of util/Safetensors. Files are assembled byte by byte from the format description in the
// huggingface/safetensors README (8-byte little-endian header size, JSON header, byte buffer)
// and the validation rules of its reference implementation (safetensors/src/tensor.rs).
// Float bit patterns: IEEE 754 binary16/binary32 tables, bfloat16 = top half of binary32, and
// the OCP 8-bit Floating Point Specification (OFP8) rev. 1.0 table for E4M3/E5M2.
#include "TestHelpers.h"

#include "util/Rng.h"
#include "util/Safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace algoscope::util;

namespace {

std::string_view view(const QByteArray& b) {
    return {b.constData(), static_cast<std::size_t>(b.size())};
}

QByteArray le64(quint64 v) {
    QByteArray b;
    for (int i = 0; i < 8; ++i)
        b += char((v >> (8 * i)) & 0xff);
    return b;
}

/// A file with this header text (unpadded) and buffer.
QByteArray stFile(const QByteArray& header, const QByteArray& buffer) {
    return le64(quint64(header.size())) + header + buffer;
}

QByteArray hex(const char* h) {
    return QByteArray::fromHex(h);
}

std::vector<std::byte> toBytes(const QByteArray& b) {
    std::vector<std::byte> v(static_cast<std::size_t>(b.size()));
    std::memcpy(v.data(), b.constData(), v.size());
    return v;
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private slots:
    void readHandAssembled();
    void serializeExactBytes();
    void roundTripEveryDtype_data();
    void roundTripEveryDtype();
    void fileRoundTripAndAlignment();
    void malformed_data();
    void malformed();
    void headerOverLimit();
    void writerRejects();
    void toFloat32_data();
    void toFloat32();
    void toFloat32Integers();
    void mutatedFilesNeverCrash();
};

void TestSafetensors::readHandAssembled() {
    // Header as a writer might produce it: keys in any order, whitespace, a zero-size tensor.
    const QByteArray header = R"({"b": {"dtype": "I16", "shape": [1, 2], "data_offsets": [8, 12]},
        "__metadata__": {"format": "pt", "note": "\u00e9"},
        "a": {"shape": [2], "dtype": "F32", "data_offsets": [0, 8]},
        "empty": {"dtype": "F64", "shape": [0, 3], "data_offsets": [12, 12]}})";
    // a = {1.0f, -2.0f}: 0x3f800000, 0xc0000000 little-endian; b = {258, -1} as int16 LE.
    const QByteArray buffer = hex("0000803f000000c0"
                                  "0201ffff");
    const SafetensorsFile f = parseSafetensors(view(stFile(header, buffer)));

    QCOMPARE(f.metadata.size(), std::size_t{2});
    QCOMPARE(f.metadata.at("format"), std::string("pt"));
    QCOMPARE(f.metadata.at("note"), std::string("\xc3\xa9"));
    QCOMPARE(f.tensors.size(), std::size_t{3});
    const SafeTensor& a = f.tensors.at("a");
    QCOMPARE(a.dtype, std::string("F32"));
    QCOMPARE(a.shape, (std::vector<std::int64_t>{2}));
    QCOMPARE(a.as<float>()[0], 1.0f);
    QCOMPARE(a.as<float>()[1], -2.0f);
    const SafeTensor& b = f.tensors.at("b");
    QCOMPARE(b.shape, (std::vector<std::int64_t>{1, 2}));
    QCOMPARE(b.as<std::int16_t>()[0], std::int16_t{258});
    QCOMPARE(b.as<std::int16_t>()[1], std::int16_t{-1});
    QCOMPARE(f.tensors.at("empty").data.size(), std::size_t{0});
    QCOMPARE(f.tensors.at("empty").elementCount(), std::size_t{0});
}

void TestSafetensors::serializeExactBytes() {
    SafetensorsFile f;
    f.metadata["format"] = "pt";
    const float w[] = {1.0f, -2.0f};
    const bool m[] = {true, false, true};
    const double s[] = {0.5};
    f.tensors["w"] = makeSafeTensor(w, {2});
    f.tensors["m"] = makeSafeTensor(m, {3});
    f.tensors["s"] = makeSafeTensor(s, {});
    // Compact JSON, __metadata__ first, then tensors by element size (F64, F32, BOOL), each
    // {"dtype","shape","data_offsets"} in that order; header padded with spaces to a multiple of
    // 8 bytes; the buffer holds the tensors in header order.
    QByteArray header = R"({"__metadata__":{"format":"pt"},)"
                        R"("s":{"dtype":"F64","shape":[],"data_offsets":[0,8]},)"
                        R"("w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},)"
                        R"("m":{"dtype":"BOOL","shape":[3],"data_offsets":[16,19]}})";
    QCOMPARE(header.size(), 194);
    header += QByteArray(6, ' '); // 200 = 25 * 8
    const QByteArray expected = le64(200) + header +
                                hex("000000000000e03f"
                                    "0000803f000000c0"
                                    "010001");
    QCOMPARE(QByteArray::fromStdString(serializeSafetensors(f)), expected);
}

void TestSafetensors::roundTripEveryDtype_data() {
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<int>("itemSize");
    for (auto [d, size] : {std::pair{"F64", 8},
                           {"F32", 4},
                           {"F16", 2},
                           {"BF16", 2},
                           {"I64", 8},
                           {"I32", 4},
                           {"I16", 2},
                           {"I8", 1},
                           {"U8", 1},
                           {"BOOL", 1},
                           {"U16", 2},
                           {"U32", 4},
                           {"U64", 8},
                           {"F8_E4M3", 1},
                           {"F8_E5M2", 1}})
        QTest::newRow(d) << d << size;
}

void TestSafetensors::roundTripEveryDtype() {
    QFETCH(QString, dtype);
    QFETCH(int, itemSize);
    QCOMPARE(safetensorsDtypeSize(dtype.toStdString()), std::size_t(itemSize));
    SafetensorsFile f;
    f.metadata["k"] = "v";
    Rng rng(7);
    // Several tensors of one dtype with different shapes, including a scalar and an empty one.
    const std::vector<std::vector<std::int64_t>> shapes = {{2, 3}, {}, {0}, {4, 1, 2}};
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        SafeTensor t;
        t.dtype = dtype.toStdString();
        t.shape = shapes[i];
        t.data.resize(t.elementCount() * std::size_t(itemSize));
        for (std::byte& b : t.data)
            b = std::byte(dtype == "BOOL" ? rng.below(2) : rng.below(256));
        f.tensors["t" + std::to_string(i)] = t;
    }
    const std::string bytes = serializeSafetensors(f);
    quint64 n = 0;
    for (int i = 0; i < 8; ++i)
        n |= quint64(static_cast<unsigned char>(bytes[std::size_t(i)])) << (8 * i);
    QCOMPARE(n % 8, quint64(0));
    const SafetensorsFile back = parseSafetensors(bytes);
    QCOMPARE(back.metadata, f.metadata);
    QCOMPARE(back.tensors.size(), f.tensors.size());
    for (const auto& [name, t] : f.tensors) {
        const SafeTensor& u = back.tensors.at(name);
        QCOMPARE(u.dtype, t.dtype);
        QCOMPARE(u.shape, t.shape);
        QVERIFY(u.data == t.data);
    }
}

void TestSafetensors::fileRoundTripAndAlignment() {
    SafetensorsFile f;
    const std::uint8_t a[] = {1, 2, 3}; // named first, smallest element
    const double z[] = {1.5, -2.5};     // named last, largest element
    const std::int32_t m[] = {-1, 2, 3, 4, 5};
    f.tensors["a"] = makeSafeTensor(a, {3});
    f.tensors["m"] = makeSafeTensor(m, {5});
    f.tensors["z"] = makeSafeTensor(z, {2});
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("w.safetensors")).toStdString();
    writeSafetensors(path, f);
    const SafetensorsFile back = readSafetensors(path);
    QCOMPARE(back.tensors.at("z").as<double>()[1], -2.5);
    QCOMPARE(back.tensors.at("m").as<std::int32_t>()[0], -1);
    QCOMPARE(int(back.tensors.at("a").as<std::uint8_t>()[2]), 3);
    QCOMPARE(QByteArray::fromStdString(serializeSafetensors(back)),
             QByteArray::fromStdString(serializeSafetensors(f)));
    // Every tensor starts at a multiple of its element size in the file.
    const std::string bytes = serializeSafetensors(f);
    quint64 n = 0;
    for (int i = 0; i < 8; ++i)
        n |= quint64(static_cast<unsigned char>(bytes[std::size_t(i)])) << (8 * i);
    const std::string header = bytes.substr(8, n);
    QVERIFY2(header.find(R"("z":{"dtype":"F64","shape":[2],"data_offsets":[0,16]})") !=
                 std::string::npos,
             header.c_str());
    QVERIFY2(header.find(R"("m":{"dtype":"I32","shape":[5],"data_offsets":[16,36]})") !=
                 std::string::npos,
             header.c_str());
    QVERIFY2(header.find(R"("a":{"dtype":"U8","shape":[3],"data_offsets":[36,39]})") !=
                 std::string::npos,
             header.c_str());
    QCOMPARE((8 + n) % 8, quint64(0));
}

void TestSafetensors::malformed_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("limit");

    const QByteArray buf8(8, '\0');
    const auto one = [](const char* entry) { return QByteArray("{\"t\": ") + entry + "}"; };

    QTest::newRow("empty") << QByteArray() << "too short for the 8-byte header length" << false;
    QTest::newRow("7 bytes") << QByteArray(7, '\0') << "too short" << false;
    QTest::newRow("header length > file") << le64(100) + "{}"
                                          << "header length 100 exceeds file size 10" << false;
    QTest::newRow("header length 2^63") << le64(quint64(1) << 63) + "{}"
                                        << "exceeds file size" << false;
    QTest::newRow("bad JSON") << stFile("{\"t\": {\"dtype\": \"F32\",\n \"shape\": [2] \"x\"}}",
                                        buf8)
                              << "header: line 2, column" << false;
    QTest::newRow("truncated JSON") << stFile("{\"t\": {", buf8) << "header: line 1" << false;
    QTest::newRow("invalid UTF-8") << stFile("{\"\xff\": 1}", buf8) << "header: line 1" << false;
    QTest::newRow("not an object")
        << stFile("[1, 2]", buf8) << "must be a JSON object, got array" << false;
    QTest::newRow("entry not object")
        << stFile(one("[]"), buf8) << "tensor 't': expected an object" << false;
    QTest::newRow("missing dtype") << stFile(one(R"({"shape": [2], "data_offsets": [0, 8]})"), buf8)
                                   << "tensor 't': missing 'dtype'" << false;
    QTest::newRow("missing shape")
        << stFile(one(R"({"dtype": "F32", "data_offsets": [0, 8]})"), buf8) << "missing 'shape'"
        << false;
    QTest::newRow("missing offsets") << stFile(one(R"({"dtype": "F32", "shape": [2]})"), buf8)
                                     << "missing 'data_offsets'" << false;
    QTest::newRow("dtype not string")
        << stFile(one(R"({"dtype": 4, "shape": [2], "data_offsets": [0, 8]})"), buf8)
        << "dtype must be a string" << false;
    QTest::newRow("unknown dtype")
        << stFile(one(R"({"dtype": "F128", "shape": [2], "data_offsets": [0, 8]})"), buf8)
        << "tensor 't': unknown dtype 'F128'" << false;
    QTest::newRow("shape not array")
        << stFile(one(R"({"dtype": "F32", "shape": 2, "data_offsets": [0, 8]})"), buf8)
        << "shape must be an array" << false;
    QTest::newRow("negative dim")
        << stFile(one(R"({"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]})"), buf8)
        << "negative dimension -2" << false;
    QTest::newRow("fractional dim")
        << stFile(one(R"({"dtype": "F32", "shape": [2.5], "data_offsets": [0, 8]})"), buf8)
        << "non-negative integers, found 2.5" << false;
    QTest::newRow("dim > int64")
        << stFile(
               one(R"({"dtype": "U8", "shape": [18446744073709551615], "data_offsets": [0, 8]})"),
               buf8)
        << "does not fit in int64" << true;
    QTest::newRow("product overflow")
        << stFile(
               one(R"({"dtype": "F32", "shape": [4294967296, 4294967296, 4294967296], "data_offsets": [0, 8]})"),
               buf8)
        << "overflows 64 bits" << true;
    QTest::newRow("over kMaxTensorBytes")
        << stFile(one(R"({"dtype": "F32", "shape": [3000000000], "data_offsets": [0, 8]})"), buf8)
        << "kMaxTensorBytes" << true;
    QByteArray rank65 = "[";
    for (int i = 0; i < 65; ++i)
        rank65 += i ? ",1" : "1";
    rank65 += "]";
    QTest::newRow("rank 65") << stFile(one(QByteArray(R"({"dtype": "F32", "shape": )" + rank65 +
                                                      R"(, "data_offsets": [0, 4]})")
                                               .constData()),
                                       buf8)
                             << "kMaxTensorRank" << true;
    QTest::newRow("offsets not pair")
        << stFile(one(R"({"dtype": "F32", "shape": [2], "data_offsets": [0]})"), buf8)
        << "data_offsets must be [begin, end]" << false;
    QTest::newRow("negative offset")
        << stFile(one(R"({"dtype": "F32", "shape": [2], "data_offsets": [-8, 0]})"), buf8)
        << "data_offsets must be [begin, end]" << false;
    QTest::newRow("reversed offsets")
        << stFile(one(R"({"dtype": "F32", "shape": [0], "data_offsets": [8, 0]})"), buf8)
        << "end before they begin" << false;
    QTest::newRow("offsets past buffer")
        << stFile(one(R"({"dtype": "F32", "shape": [4], "data_offsets": [0, 16]})"), buf8)
        << "data_offsets [0, 16] exceed the 8-byte data buffer" << false;
    QTest::newRow("size mismatch")
        << stFile(one(R"({"dtype": "F32", "shape": [3], "data_offsets": [0, 8]})"), buf8)
        << "tensor 't': shape [3] of F32 needs 12 bytes but data_offsets [0, 8] span 8" << false;
    QTest::newRow("overlap")
        << stFile(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                      "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
                  QByteArray(12, '\0'))
        << "tensors 'a' and 'b' overlap: 'b' starts at byte 4 but 'a' ends at byte 8" << false;
    QTest::newRow("same offsets")
        << stFile(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                      "b": {"dtype": "I32", "shape": [2], "data_offsets": [0, 8]}})",
                  buf8)
        << "overlap" << false;
    QTest::newRow("gap") << stFile(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                      "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}})",
                                   QByteArray(12, '\0'))
                         << "gap of 4 bytes before tensor 'b'" << false;
    QTest::newRow("gap at start")
        << stFile(one(R"({"dtype": "F32", "shape": [1], "data_offsets": [4, 8]})"), buf8)
        << "gap of 4 bytes before tensor 't'" << false;
    QTest::newRow("trailing buffer")
        << stFile(one(R"({"dtype": "F32", "shape": [1], "data_offsets": [0, 4]})"), buf8)
        << "the last 4 of the 8 buffer bytes belong to no tensor" << false;
    QTest::newRow("no tensors, buffer") << stFile("{}", buf8) << "belong to no tensor" << false;
    QTest::newRow("duplicate name")
        << stFile(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
                      "a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})",
                  buf8)
        << "duplicate key 'a'" << false;
    QTest::newRow("metadata not object") << stFile(R"({"__metadata__": "x"})", QByteArray())
                                         << "__metadata__ must be an object" << false;
    QTest::newRow("metadata number") << stFile(R"({"__metadata__": {"epoch": 3}})", QByteArray())
                                     << "__metadata__ value of 'epoch' must be a string" << false;
}

void TestSafetensors::malformed() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(bool, limit);
    try {
        parseSafetensors(view(bytes));
        QFAIL("no exception");
    } catch (const LimitError& e) {
        QVERIFY2(limit, e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    } catch (const Error& e) {
        QVERIFY2(!limit, e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QLatin1String("safetensors: ")), e.what());
    }
}

void TestSafetensors::headerOverLimit() {
    // 100,000,001 header bytes: one more than the reference's MAX_HEADER_SIZE. Refused before the
    // header is read or parsed.
    QByteArray bytes = le64(100'000'001);
    bytes.resize(8 + 100'000'001, ' ');
    try {
        parseSafetensors(view(bytes));
        QFAIL("no exception");
    } catch (const LimitError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("kMaxSafetensorsHeaderBytes"), e.what());
    }
}

void TestSafetensors::writerRejects() {
    const float v[] = {1, 2};
    SafetensorsFile f;
    f.tensors["__metadata__"] = makeSafeTensor(v, {2});
    QVERIFY_THROWS_EXCEPTION(Error, serializeSafetensors(f));
    f.tensors.clear();
    f.tensors["x"] = makeSafeTensor(v, {2});
    f.tensors["x"].shape = {3};
    QVERIFY_THROWS_EXCEPTION(Error, serializeSafetensors(f));
    f.tensors["x"].shape = {2};
    f.tensors["x"].dtype = "F128";
    QVERIFY_THROWS_EXCEPTION(Error, serializeSafetensors(f));
    f.tensors["x"].dtype = "F32";
    f.metadata["bad"] = "\xff\xfe";
    QVERIFY_THROWS_EXCEPTION(Error, serializeSafetensors(f));
    QVERIFY_THROWS_EXCEPTION(Error,
                             writeSafetensors("/nonexistent/dir/x.safetensors", SafetensorsFile{}));
    QVERIFY_THROWS_EXCEPTION(Error, readSafetensors("/nonexistent/dir/x.safetensors"));
}

void TestSafetensors::toFloat32_data() {
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<QByteArray>("bytes"); // one element, little-endian
    QTest::addColumn<quint32>("expectedBits");
    QTest::addColumn<bool>("isNan");
    // binary16 (IEEE 754-2008 table 3.5 layout: 1 sign, 5 exponent bits biased by 15, 10 fraction).
    QTest::newRow("F16 1") << "F16" << hex("003c") << 0x3f800000u << false;
    QTest::newRow("F16 -2") << "F16" << hex("00c0") << 0xc0000000u << false;
    QTest::newRow("F16 max 65504") << "F16" << hex("ff7b") << 0x477fe000u << false;
    QTest::newRow("F16 1/3") << "F16" << hex("5535") << std::bit_cast<quint32>(0.333251953125f)
                             << false;
    QTest::newRow("F16 min normal 2^-14") << "F16" << hex("0004") << 0x38800000u << false;
    QTest::newRow("F16 min subnormal 2^-24") << "F16" << hex("0100") << 0x33800000u << false;
    QTest::newRow("F16 max subnormal")
        << "F16" << hex("ff03") << std::bit_cast<quint32>(6.097555160522461e-05f) << false;
    QTest::newRow("F16 -0") << "F16" << hex("0080") << 0x80000000u << false;
    QTest::newRow("F16 +inf") << "F16" << hex("007c") << 0x7f800000u << false;
    QTest::newRow("F16 -inf") << "F16" << hex("00fc") << 0xff800000u << false;
    QTest::newRow("F16 NaN") << "F16" << hex("007e") << 0u << true;
    // bfloat16: the top 16 bits of a binary32.
    QTest::newRow("BF16 1") << "BF16" << hex("803f") << 0x3f800000u << false;
    QTest::newRow("BF16 3.140625") << "BF16" << hex("4940") << 0x40490000u << false;
    QTest::newRow("BF16 -123.5") << "BF16" << hex("f7c2") << 0xc2f70000u << false;
    QTest::newRow("BF16 subnormal") << "BF16" << hex("0100") << 0x00010000u << false;
    // OFP8 E4M3 (bias 7, S.1111.111 = NaN, max 448) and E5M2 (bias 15, IEEE-like).
    QTest::newRow("E4M3 1") << "F8_E4M3" << hex("38") << 0x3f800000u << false;
    QTest::newRow("E4M3 max 448") << "F8_E4M3" << hex("7e") << std::bit_cast<quint32>(448.0f)
                                  << false;
    QTest::newRow("E4M3 -max") << "F8_E4M3" << hex("fe") << std::bit_cast<quint32>(-448.0f)
                               << false;
    QTest::newRow("E4M3 min subnormal 2^-9")
        << "F8_E4M3" << hex("01") << std::bit_cast<quint32>(0.001953125f) << false;
    QTest::newRow("E4M3 min normal 2^-6")
        << "F8_E4M3" << hex("08") << std::bit_cast<quint32>(0.015625f) << false;
    QTest::newRow("E4M3 NaN") << "F8_E4M3" << hex("7f") << 0u << true;
    QTest::newRow("E5M2 1") << "F8_E5M2" << hex("3c") << 0x3f800000u << false;
    QTest::newRow("E5M2 max 57344")
        << "F8_E5M2" << hex("7b") << std::bit_cast<quint32>(57344.0f) << false;
    QTest::newRow("E5M2 min subnormal 2^-16")
        << "F8_E5M2" << hex("01") << std::bit_cast<quint32>(1.52587890625e-05f) << false;
    QTest::newRow("E5M2 inf") << "F8_E5M2" << hex("7c") << 0x7f800000u << false;
    QTest::newRow("F32") << "F32" << hex("0000c0bf") << 0xbfc00000u << false;
    QTest::newRow("F64 0.1 rounds")
        << "F64" << hex("9a9999999999b93f") << std::bit_cast<quint32>(0.1f) << false;
}

void TestSafetensors::toFloat32() {
    QFETCH(QString, dtype);
    QFETCH(QByteArray, bytes);
    QFETCH(quint32, expectedBits);
    QFETCH(bool, isNan);
    SafeTensor t;
    t.dtype = dtype.toStdString();
    t.shape = {1};
    t.data = toBytes(bytes);
    const std::vector<float> f = algoscope::util::toFloat32(t);
    QCOMPARE(f.size(), std::size_t{1});
    if (isNan)
        QVERIFY(std::isnan(f[0]));
    else
        QCOMPARE(QString::number(std::bit_cast<quint32>(f[0]), 16),
                 QString::number(expectedBits, 16));
}

void TestSafetensors::toFloat32Integers() {
    const std::int64_t i64[] = {-3, 1 << 24};
    const std::uint8_t u8[] = {0, 255};
    const bool b[] = {true, false};
    QCOMPARE(algoscope::util::toFloat32(makeSafeTensor(i64, {2})),
             (std::vector<float>{-3.0f, 16777216.0f}));
    QCOMPARE(algoscope::util::toFloat32(makeSafeTensor(u8, {2})),
             (std::vector<float>{0.0f, 255.0f}));
    QCOMPARE(algoscope::util::toFloat32(makeSafeTensor(b, {2})), (std::vector<float>{1.0f, 0.0f}));
    SafeTensor broken = makeSafeTensor(u8, {2});
    broken.shape = {3};
    QVERIFY_THROWS_EXCEPTION(Error, algoscope::util::toFloat32(broken));
    QVERIFY_THROWS_EXCEPTION(Error, broken.as<std::uint8_t>());
    QVERIFY_THROWS_EXCEPTION(Error, makeSafeTensor(u8, {2}).as<std::int8_t>());
}

void TestSafetensors::mutatedFilesNeverCrash() {
    // Random edits of a valid file must give a valid file or util::Error, never another exception
    // or a crash (the sanitizer build runs this under ASan/UBSan).
    SafetensorsFile f;
    f.metadata["format"] = "pt";
    const float w[] = {1, 2, 3, 4, 5, 6};
    const std::int16_t s[] = {7, 8};
    f.tensors["weight"] = makeSafeTensor(w, {2, 3});
    f.tensors["bias"] = makeSafeTensor(s, {2});
    const std::string original = serializeSafetensors(f);
    Rng rng(99);
    int parsed = 0, rejected = 0;
    for (int iter = 0; iter < 12000; ++iter) {
        std::string b = original;
        const int edits = 1 + int(rng.below(3));
        for (int e = 0; e < edits && !b.empty(); ++e) {
            const auto pos = std::size_t(rng.below(b.size()));
            switch (rng.below(4)) {
            case 0:
                b[pos] = char(rng.below(256));
                break;
            case 1:
                b.resize(pos);
                break;
            case 2:
                b.insert(pos, 1, char(rng.below(256)));
                break;
            default:
                b[pos] = "0123456789[],:{}\" -"[rng.below(19)];
                break;
            }
        }
        try {
            const SafetensorsFile g = parseSafetensors(b);
            for (const auto& [name, t] : g.tensors)
                QCOMPARE(t.data.size(), t.elementCount() * safetensorsDtypeSize(t.dtype));
            ++parsed;
        } catch (const Error&) {
            ++rejected;
        }
    }
    QVERIFY(parsed > 0);
    QVERIFY(rejected > 0);
}

QTEST_GUILESS_MAIN(TestSafetensors)
#include "TestSafetensors.moc"
