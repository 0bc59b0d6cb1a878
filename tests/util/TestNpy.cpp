// Tests of util/Npy. Reference data comes from NumPy itself: tests/util/data/*.npy were written by
// NumPy 1.24.2 np.save (see make_npy_fixtures.py there), and the exact header bytes below follow
// numpy/lib/format.py (_write_array_header, _wrap_header). Float encodings are IEEE 754 binary32
// and binary16 bit patterns.
#include "TestHelpers.h"

#include "util/Npy.h"
#include "util/Rng.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cstring>
#include <limits>

using namespace algoscope::util;

namespace {

QByteArray fixture(const char* name) {
    QFile f(QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/util/data/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

std::string_view view(const QByteArray& b) {
    return {b.constData(), static_cast<std::size_t>(b.size())};
}

QByteArray bytesOfData(const std::vector<std::byte>& d) {
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()));
}

template <class T> QByteArray bytesOf(std::initializer_list<T> values) {
    QByteArray b;
    for (T v : values)
        b.append(reinterpret_cast<const char*>(&v), sizeof(T));
    return b;
}

/// A .npy file with the given dict, padded as NumPy pads (header block a multiple of 64 bytes).
QByteArray npyFile(const QByteArray& dict, const QByteArray& data, int major = 1) {
    const int prefix = major == 1 ? 10 : 12;
    QByteArray header = dict;
    const int hlen = int(header.size()) + 1;
    header += QByteArray(64 - (prefix + hlen) % 64, ' ');
    header += '\n';
    QByteArray out("\x93NUMPY", 6);
    out += char(major);
    out += '\0';
    const quint32 len = quint32(header.size());
    for (int i = 0; i < (major == 1 ? 2 : 4); ++i)
        out += char((len >> (8 * i)) & 0xff);
    return out + header + data;
}

QString shapeString(const std::vector<std::int64_t>& shape) {
    QStringList parts;
    for (auto d : shape)
        parts << QString::number(d);
    return parts.join(',');
}

} // namespace

class TestNpy : public QObject {
    Q_OBJECT

private slots:
    void exactBytesOfArange();
    void readNumpyFixtures_data();
    void readNumpyFixtures();
    void roundTripEveryDtype_data();
    void roundTripEveryDtype();
    void typedWriters();
    void headerDict_data();
    void headerDict();
    void headerDictErrors_data();
    void headerDictErrors();
    void malformed_data();
    void malformed();
    void viewChecksDtype();
    void writerRejectsInconsistentArrays();
    void missingFileNamesPath();
    void mutatedFilesNeverCrash();
};

void TestNpy::exactBytesOfArange() {
    // np.save of np.arange(6, dtype='<f4').reshape(2, 3), built by hand from the format rules:
    // magic, version 1.0, header length 118 (0x76) so that 10 + 118 = 128 is a multiple of 64,
    // the dict with keys sorted and NumPy's trailing ", ", spaces, '\n', then 0.0 .. 5.0 as
    // binary32: 0x00000000 0x3f800000 0x40000000 0x40400000 0x40800000 0x40a00000.
    const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    std::string expected("\x93NUMPY\x01\x00\x76\x00", 10);
    expected += dict + std::string(117 - dict.size(), ' ') + "\n";
    const unsigned char data[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x3f,
                                  0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0x40,
                                  0x00, 0x00, 0x80, 0x40, 0x00, 0x00, 0xa0, 0x40};
    expected.append(reinterpret_cast<const char*>(data), sizeof data);
    QCOMPARE(expected.size(), std::size_t{152});

    const float values[] = {0, 1, 2, 3, 4, 5};
    const std::string written = serializeNpy(makeNpyArray(values, {2, 3}));
    QCOMPARE(QByteArray::fromStdString(written).toHex(),
             QByteArray::fromStdString(expected).toHex());
    // And NumPy's own file is the same, byte for byte.
    QCOMPARE(QByteArray::fromStdString(written), fixture("arange_f4_2x3.npy"));
}

void TestNpy::readNumpyFixtures_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QByteArray>("data");       // expected little-endian C-order bytes
    QTest::addColumn<bool>("rewriteIdentical"); // serializeNpy(read) == NumPy's file

    using std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t, std::uint32_t;
    using I64 = std::int64_t;
    using U64 = std::uint64_t;
    QTest::newRow("b1") << "dtype_b1.npy"
                        << "|b1"
                        << "3" << bytesOf<uint8_t>({1, 0, 1}) << true;
    QTest::newRow("i1") << "dtype_i1.npy"
                        << "|i1"
                        << "3" << bytesOf<int8_t>({-128, 0, 127}) << true;
    QTest::newRow("u1") << "dtype_u1.npy"
                        << "|u1"
                        << "3" << bytesOf<uint8_t>({0, 1, 255}) << true;
    QTest::newRow("i2") << "dtype_i2.npy"
                        << "<i2"
                        << "3" << bytesOf<int16_t>({-32768, 1, 32767}) << true;
    QTest::newRow("u2") << "dtype_u2.npy"
                        << "<u2"
                        << "3" << bytesOf<uint16_t>({0, 1, 65535}) << true;
    QTest::newRow("i4") << "dtype_i4.npy"
                        << "<i4"
                        << "3"
                        << bytesOf<int32_t>({std::numeric_limits<int32_t>::min(), 7, 2147483647})
                        << true;
    QTest::newRow("u4") << "dtype_u4.npy"
                        << "<u4"
                        << "3" << bytesOf<uint32_t>({0, 1, 4294967295u}) << true;
    QTest::newRow("i8") << "dtype_i8.npy"
                        << "<i8"
                        << "3"
                        << bytesOf<I64>({std::numeric_limits<I64>::min(), 5,
                                         std::numeric_limits<I64>::max()})
                        << true;
    QTest::newRow("u8") << "dtype_u8.npy"
                        << "<u8"
                        << "3" << bytesOf<U64>({0, 1, std::numeric_limits<U64>::max()}) << true;
    // binary16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 (largest finite) = 0x7bff.
    QTest::newRow("f2") << "dtype_f2.npy"
                        << "<f2"
                        << "3" << bytesOf<uint16_t>({0x3c00, 0xc000, 0x7bff}) << true;
    QTest::newRow("f4") << "dtype_f4.npy"
                        << "<f4"
                        << "3" << bytesOf<float>({0.5f, -1.25f, std::numeric_limits<float>::max()})
                        << true;
    QTest::newRow("f8") << "dtype_f8.npy"
                        << "<f8"
                        << "3" << bytesOf<double>({0.1, -2.5, 1e300}) << true;
    QTest::newRow("arange") << "arange_f4_2x3.npy"
                            << "<f4"
                            << "2,3" << bytesOf<float>({0, 1, 2, 3, 4, 5}) << true;
    // Fortran order comes back transposed to C order: arange(n).reshape(...) in C order.
    QTest::newRow("fortran 2x3") << "fortran_i4_2x3.npy"
                                 << "<i4"
                                 << "2,3" << bytesOf<int32_t>({0, 1, 2, 3, 4, 5}) << false;
    QByteArray arange24;
    for (int i = 0; i < 24; ++i)
        arange24 += bytesOf<double>({double(i)});
    QTest::newRow("fortran 2x3x4") << "fortran_f8_2x3x4.npy"
                                   << "<f8"
                                   << "2,3,4" << arange24 << false;
    // Big-endian files come back little-endian.
    QTest::newRow("big-endian f8") << "bigendian_f8.npy"
                                   << "<f8"
                                   << "4" << bytesOf<double>({0, 1, 2, 3}) << false;
    QTest::newRow("big-endian i2") << "bigendian_i2_2x2.npy"
                                   << "<i2"
                                   << "2,2" << bytesOf<int16_t>({1, -2, 300, -32768}) << false;
    QTest::newRow("scalar") << "scalar_f8.npy"
                            << "<f8"
                            << "" << bytesOf<double>({3.5}) << true;
    QTest::newRow("empty 0x3") << "empty_f4_0x3.npy"
                               << "<f4"
                               << "0,3" << QByteArray() << true;
    // Format 2.0 and 3.0 files: same reading, we write 1.0 so the bytes differ.
    QTest::newRow("v2.0") << "v2_u1.npy"
                          << "|u1"
                          << "2,3" << bytesOf<uint8_t>({1, 2, 3, 4, 5, 6}) << false;
    QTest::newRow("v3.0") << "v3_i4.npy"
                          << "<i4"
                          << "2" << bytesOf<int32_t>({10, 20}) << false;
}

void TestNpy::readNumpyFixtures() {
    QFETCH(QString, file);
    QFETCH(QString, dtype);
    QFETCH(QString, shape);
    QFETCH(QByteArray, data);
    QFETCH(bool, rewriteIdentical);

    const QByteArray bytes = fixture(file.toLatin1().constData());
    const NpyArray fromMemory = parseNpy(view(bytes));
    const NpyArray fromFile =
        readNpy(std::string(ALGOSCOPE_SOURCE_DIR "/tests/util/data/") + file.toStdString());
    for (const NpyArray* a : {&fromMemory, &fromFile}) {
        QCOMPARE(QString::fromStdString(a->dtype), dtype);
        QCOMPARE(shapeString(a->shape), shape);
        QVERIFY(!a->fortranOrder);
        QCOMPARE(bytesOfData(a->data).toHex(), data.toHex());
    }
    if (rewriteIdentical)
        QCOMPARE(QByteArray::fromStdString(serializeNpy(fromMemory)).toHex(), bytes.toHex());
}

void TestNpy::roundTripEveryDtype_data() {
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<QString>("shape");
    for (const char* d :
         {"|b1", "|i1", "|u1", "<i2", "<u2", "<f2", "<i4", "<u4", "<f4", "<i8", "<u8", "<f8"}) {
        QTest::addRow("%s 2x3", d) << d << "2,3";
        QTest::addRow("%s 5", d) << d << "5";
        QTest::addRow("%s scalar", d) << d << "";
        QTest::addRow("%s 0", d) << d << "0";
        QTest::addRow("%s 2x1x3x1", d) << d << "2,1,3,1";
    }
}

void TestNpy::roundTripEveryDtype() {
    QFETCH(QString, dtype);
    QFETCH(QString, shape);
    NpyArray a;
    a.dtype = dtype.toStdString();
    for (const QString& d : shape.split(',', Qt::SkipEmptyParts))
        a.shape.push_back(d.toLongLong());
    a.data.resize(a.elementCount() * a.itemSize());
    Rng rng(42);
    for (std::byte& b : a.data)
        b = std::byte(dtype == "|b1" ? rng.below(2) : rng.below(256));

    const NpyArray back = parseNpy(serializeNpy(a));
    QCOMPARE(back.dtype, a.dtype);
    QCOMPARE(back.shape, a.shape);
    QVERIFY(back.data == a.data);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("a.npy")).toStdString();
    writeNpy(path, a);
    const NpyArray fromFile = readNpy(path);
    QCOMPARE(fromFile.shape, a.shape);
    QVERIFY(fromFile.data == a.data);
}

void TestNpy::typedWriters() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto path = [&](const char* n) {
        return dir.filePath(QString::fromLatin1(n)).toStdString();
    };

    const float f[] = {1.5f, -2.0f, 3.25f, 0.0f};
    writeNpy(path("f.npy"), f, {2, 2});
    const NpyArray af = readNpy(path("f.npy"));
    QCOMPARE(af.dtype, std::string("<f4"));
    QCOMPARE(af.as<float>()[2], 3.25f);
    QCOMPARE(af.as<float>().size(), std::size_t{4});

    const double d[] = {1e-300, 2.5};
    writeNpy(path("d.npy"), d, {2});
    QCOMPARE(readNpy(path("d.npy")).as<double>()[0], 1e-300);

    const std::int32_t i[] = {-7, 8, 9};
    writeNpy(path("i.npy"), i, {3, 1});
    QCOMPARE(readNpy(path("i.npy")).as<std::int32_t>()[0], -7);

    const std::int64_t l[] = {std::numeric_limits<std::int64_t>::min()};
    writeNpy(path("l.npy"), l, {});
    QCOMPARE(readNpy(path("l.npy")).as<std::int64_t>()[0],
             std::numeric_limits<std::int64_t>::min());

    const std::uint8_t u[] = {0, 128, 255};
    writeNpy(path("u.npy"), u, {3});
    const NpyArray au = readNpy(path("u.npy"));
    QCOMPARE(au.dtype, std::string("|u1"));
    QCOMPARE(int(au.as<std::uint8_t>()[2]), 255);

    const bool b[] = {true, false};
    writeNpy(path("b.npy"), b, {2});
    QCOMPARE(readNpy(path("b.npy")).as<bool>()[0], true);
}

void TestNpy::headerDict_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("descr");
    QTest::addColumn<bool>("fortran");
    QTest::addColumn<QString>("shape");
    QTest::newRow("numpy") << "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   \n"
                           << "<f4" << false << "2,3";
    QTest::newRow("key order") << "{'shape': (7,), 'fortran_order': True, 'descr': '|u1'}"
                               << "|u1" << true << "7";
    QTest::newRow("double quotes")
        << "{\"descr\": \"<i8\", \"fortran_order\": False, \"shape\": ()}"
        << "<i8" << false << "";
    QTest::newRow("python 2 longs")
        << "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }"
        << "<f8" << false << "2,3";
    QTest::newRow("tight") << "{'descr':'<f4','fortran_order':False,'shape':(0,4,)}"
                           << "<f4" << false << "0,4";
    QTest::newRow("newlines")
        << "{\n 'descr' : '<f4' ,\n 'fortran_order' : False ,\n 'shape' : ( 1 , ) ,\n}\n"
        << "<f4" << false << "1";
    QTest::newRow("large dim")
        << "{'descr': '<f4', 'fortran_order': False, 'shape': (9223372036854775807,), }"
        << "<f4" << false << "9223372036854775807";
}

void TestNpy::headerDict() {
    QFETCH(QString, text);
    QFETCH(QString, descr);
    QFETCH(bool, fortran);
    QFETCH(QString, shape);
    const NpyHeader h = parseNpyHeaderDict(text.toStdString());
    QCOMPARE(QString::fromStdString(h.descr), descr);
    QCOMPARE(h.fortranOrder, fortran);
    QCOMPARE(shapeString(h.shape), shape);
}

void TestNpy::headerDictErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << ""
                           << "must be a dict starting with '{' at offset 0";
    QTest::newRow("unterminated string") << "{'descr': '<f4"
                                         << "unterminated string at offset 10";
    QTest::newRow("unterminated dict") << "{'descr': '<f4'"
                                       << "expected ',' or '}' after a value at offset 15";
    QTest::newRow("missing colon") << "{'descr' '<f4'}"
                                   << "expected ':' after a key at offset 9";
    QTest::newRow("bare key") << "{descr: '<f4'}"
                              << "expected a quoted string at offset 1";
    QTest::newRow("minus alone") << "{'shape': (-)}"
                                 << "expected a digit after '-'";
    QTest::newRow("missing descr") << "{'shape': (), 'fortran_order': False}"
                                   << "missing key 'descr'";
    QTest::newRow("missing fortran") << "{'shape': (), 'descr': '<f4'}"
                                     << "missing key 'fortran_order'";
}

void TestNpy::headerDictErrors() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        parseNpyHeaderDict(text.toStdString());
        QFAIL("no exception");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    }
}

void TestNpy::malformed_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message"); // a fragment of the expected message
    QTest::addColumn<bool>("limit");      // LimitError rather than plain Error

    const QByteArray good = fixture("arange_f4_2x3.npy");
    const QByteArray data24 = good.mid(128);
    const auto dict = [](const char* shape, const char* descr = "<f4") {
        return QByteArray("{'descr': '") + descr + "', 'fortran_order': False, 'shape': " + shape +
               ", }";
    };

    QTest::newRow("empty") << QByteArray() << "too short" << false;
    QTest::newRow("5 bytes") << good.left(5) << "too short" << false;
    QTest::newRow("bad magic") << QByteArray("\x93NUMPX").append(good.mid(6)) << "bad magic"
                               << false;
    QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\0", 12) << "bad magic" << false;
    QByteArray v4 = good;
    v4[6] = 4;
    QTest::newRow("version 4.0") << v4 << "unsupported format version 4.0" << false;
    QByteArray v11 = good;
    v11[7] = 1;
    QTest::newRow("version 1.1") << v11 << "unsupported format version 1.1" << false;
    QTest::newRow("v2 cut in length")
        << QByteArray("\x93NUMPY\x02\x00\x10\x00", 10) << "too short" << false;
    QByteArray huge = QByteArray("\x93NUMPY\x02\x00", 8);
    huge += QByteArray("\x70\x11\x01\x00", 4); // 70000
    huge += QByteArray(108, ' ');
    QTest::newRow("header length > file")
        << huge << "header length 70000 exceeds file size 120" << false;
    QByteArray longer = good;
    longer[8] = char(0xff);
    longer[9] = char(0xff);
    QTest::newRow("v1 length 65535")
        << longer << "header length 65535 exceeds file size 152" << false;
    QByteArray bigHeader = dict("(2, 3)");
    bigHeader += QByteArray(20000, ' ');
    QTest::newRow("header over limit")
        << npyFile(bigHeader, data24, 2) << "kMaxNpyHeaderBytes" << true;
    QTest::newRow("truncated data")
        << good.left(good.size() - 4) << "needs 24 data bytes but the file has 20 (truncated)"
        << false;
    QTest::newRow("trailing data")
        << good + QByteArray(4, '\0') << "file has 28 (trailing bytes)" << false;
    QTest::newRow("shape mismatch")
        << npyFile(dict("(2, 4)"), data24) << "needs 32 data bytes" << false;
    QTest::newRow("over kMaxTensorBytes")
        << npyFile(dict("(4294967296, 4)"), data24) << "kMaxTensorBytes" << true;
    QTest::newRow("product overflow")
        << npyFile(dict("(4294967296, 4294967296, 4294967296)"), data24) << "overflows 64 bits"
        << true;
    QTest::newRow("bytes overflow")
        << npyFile(dict("(4611686018427387904,)", "<f8"), data24) << "overflows 64 bits" << true;
    QTest::newRow("negative dim") << npyFile(dict("(-1, 3)"), data24) << "negative dimension -1"
                                  << false;
    QTest::newRow("dim > int64") << npyFile(dict("(9223372036854775808,)"), data24)
                                 << "does not fit" << false;
    QTest::newRow("leading zero") << npyFile(dict("(02, 3)"), data24) << "leading zeros" << false;
    QTest::newRow("(3) is not a tuple") << npyFile(dict("(24)", "|u1"), data24) << "(n,)" << false;
    QTest::newRow("shape as list") << npyFile(dict("[2, 3]"), data24) << "not a list" << false;
    QTest::newRow("empty tuple comma")
        << npyFile(dict("(,)"), data24) << "non-negative integer" << false;
    QByteArray manyDims = "(";
    for (int i = 0; i < 70; ++i)
        manyDims += "1, ";
    manyDims += ")";
    QTest::newRow("rank 70") << npyFile(dict(manyDims.constData()), data24) << "kMaxTensorRank"
                             << true;
    QTest::newRow("complex dtype")
        << npyFile(dict("(3,)", "<c8"), data24) << "'<c8' is not supported" << false;
    QTest::newRow("object dtype") << npyFile(dict("(3,)", "|O"), data24) << "is not supported"
                                  << false;
    QTest::newRow("odd size") << npyFile(dict("(8,)", "<f3"), data24) << "unknown size" << false;
    QTest::newRow("| on f4") << npyFile(dict("(2, 3)", "|f4"), data24) << "only valid for one-byte"
                             << false;
    QTest::newRow("structured")
        << npyFile("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6,), }", data24)
        << "structured dtypes" << false;
    QTest::newRow("missing shape") << npyFile("{'descr': '<f4', 'fortran_order': False}", data24)
                                   << "missing key 'shape'" << false;
    QTest::newRow("unknown key")
        << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 1}", data24)
        << "unexpected key 'x'" << false;
    QTest::newRow("duplicate key")
        << npyFile("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (6,)}",
                   data24)
        << "duplicate key 'descr'" << false;
    QTest::newRow("fortran_order 0")
        << npyFile("{'descr': '<f4', 'fortran_order': 0, 'shape': (6,)}", data24) << "True or False"
        << false;
    QTest::newRow("Truex") << npyFile("{'descr': '<f4', 'fortran_order': Truex, 'shape': (6,)}",
                                      data24)
                           << "True or False" << false;
    QTest::newRow("quote missing")
        << npyFile("{'descr': '<f4, 'fortran_order': False, 'shape': (6,)}", data24)
        << "expected ',' or '}' after a value at offset 17" << false;
    QTest::newRow("string runs into padding")
        << npyFile("{'descr': '<f4", data24) << "newline inside a string" << false;
    QTest::newRow("escape") << npyFile(
                                   "{'descr': '<f\\x34', 'fortran_order': False, 'shape': (6,)}",
                                   data24)
                            << "escape" << false;
    QTest::newRow("not a dict") << npyFile("['descr', '<f4']", data24) << "must be a dict" << false;
    QTest::newRow("text after dict")
        << npyFile(dict("(6,)") + " junk", data24) << "after the closing" << false;
    QTest::newRow("unclosed dict")
        << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (6,)", data24)
        << "expected ',' or '}'" << false;
    QTest::newRow("unclosed tuple")
        << npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (6, ", data24)
        << "non-negative integer" << false;
    static const char nulHeader[] = "{'descr': '<f4',\0 'fortran_order': False, 'shape': (6,)}";
    QTest::newRow("NUL in header") << npyFile(QByteArray(nulHeader, sizeof nulHeader - 1), data24)
                                   << "expected a quoted string" << false;
}

void TestNpy::malformed() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QFETCH(bool, limit);
    try {
        parseNpy(view(bytes));
        QFAIL("no exception");
    } catch (const LimitError& e) {
        QVERIFY2(limit, e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    } catch (const Error& e) {
        QVERIFY2(!limit, e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QLatin1String("npy: ")), e.what());
    }
}

void TestNpy::viewChecksDtype() {
    const float f[] = {1, 2};
    const NpyArray a = makeNpyArray(f, {2});
    QVERIFY_THROWS_EXCEPTION(Error, a.as<double>());
    QVERIFY_THROWS_EXCEPTION(Error, a.as<std::int32_t>());
    QCOMPARE(a.as<float>().size(), std::size_t{2});
    NpyArray broken = a;
    broken.data.pop_back();
    QVERIFY_THROWS_EXCEPTION(Error, broken.as<float>());
}

void TestNpy::writerRejectsInconsistentArrays() {
    NpyArray a;
    a.dtype = "<f4";
    a.shape = {2, 3};
    a.data.resize(20);
    QVERIFY_THROWS_EXCEPTION(Error, serializeNpy(a));
    a.data.resize(24);
    a.dtype = "<f16";
    QVERIFY_THROWS_EXCEPTION(Error, serializeNpy(a));
    a.dtype = "<f4";
    a.shape = {-2, -3};
    QVERIFY_THROWS_EXCEPTION(Error, serializeNpy(a));
    // A Fortran-order array is written as such (data as is): NumPy's convention of growth
    // padding after the last dimension, and our reader transposes it back to C order.
    const std::int32_t colMajor[] = {0, 3, 1, 4, 2, 5}; // arange(6).reshape(2, 3) column by column
    NpyArray f = makeNpyArray(colMajor, {2, 3});
    f.fortranOrder = true;
    const std::string bytes = serializeNpy(f);
    QCOMPARE(QByteArray::fromStdString(bytes), fixture("fortran_i4_2x3.npy"));
    const NpyArray back = parseNpy(bytes);
    const std::int32_t rowMajor[] = {0, 1, 2, 3, 4, 5};
    QVERIFY(std::equal(back.as<std::int32_t>().begin(), back.as<std::int32_t>().end(), rowMajor));
}

void TestNpy::missingFileNamesPath() {
    try {
        readNpy("/nonexistent/dir/x.npy");
        QFAIL("no exception");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("/nonexistent/dir/x.npy"), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains("No such file or directory"), e.what());
    }
}

void TestNpy::mutatedFilesNeverCrash() {
    // A poor man's fuzzer (the libFuzzer target does this properly): random byte edits of valid
    // files must give a valid array or util::Error, never another exception or a crash (run
    // under ASan/UBSan in the sanitizer build).
    Rng rng(2024);
    int parsed = 0, rejected = 0;
    for (const char* name :
         {"arange_f4_2x3.npy", "fortran_f8_2x3x4.npy", "bigendian_i2_2x2.npy", "v3_i4.npy"}) {
        const QByteArray original = fixture(name);
        for (int iter = 0; iter < 3000; ++iter) {
            QByteArray b = original;
            const int edits = 1 + int(rng.below(4));
            for (int e = 0; e < edits; ++e) {
                const auto pos = qsizetype(rng.below(std::uint64_t(b.size())));
                switch (rng.below(4)) {
                case 0:
                    b[pos] = char(rng.below(256));
                    break;
                case 1:
                    b.truncate(pos);
                    break;
                case 2:
                    b.insert(pos, char(rng.below(256)));
                    break;
                default:
                    b[pos] = "0123456789(),' -L"[rng.below(17)];
                    break;
                }
                if (b.isEmpty())
                    break;
            }
            try {
                const NpyArray a = parseNpy(view(b));
                QCOMPARE(a.data.size(), a.elementCount() * a.itemSize());
                ++parsed;
            } catch (const Error&) {
                ++rejected;
            }
        }
    }
    QVERIFY(parsed > 0);
    QVERIFY(rejected > 0);
}

QTEST_GUILESS_MAIN(TestNpy)
#include "TestNpy.moc"
