// Tests of util/Json. Error positions are checked two ways: against hand-counted positions, and
// against the line and column nlohmann's own lexer prints in its message (an independent count).
#include "TestHelpers.h"

#include "util/Error.h"
#include "util/Json.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace algoscope::util;
using nlohmann::json;

namespace {

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestJson : public QObject {
    Q_OBJECT

private slots:
    void parsesValidDocument();
    void syntaxErrorPosition_data();
    void syntaxErrorPosition();
    void duplicateKeys_data();
    void duplicateKeys();
    void requiredErrors_data();
    void requiredErrors();
    void requiredValues();
    void optionalValues();
    void fileRoundTrip();
    void fileErrors();
};

void TestJson::parsesValidDocument() {
    const json j = parseJson(R"({"a": [1, 2, {"b": null}], "c": "\u00e9", "a2": {"a": 1}})", "doc");
    QCOMPARE(j["a"][1].get<int>(), 2);
    QCOMPARE(j["c"].get<std::string>(), std::string("\xc3\xa9"));
    // The same key in different objects is not a duplicate.
    QCOMPARE(j["a2"]["a"].get<int>(), 1);
}

void TestJson::syntaxErrorPosition_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    // Positions counted by hand: nlohmann reports the last byte it read, i.e. the end of the
    // offending token.
    QTest::newRow("trailing comma") << "{\"a\": 1,}" << 1 << 9;
    QTest::newRow("missing comma line 3") << "{\n  \"a\": 1\n  \"b\": 2\n}" << 3 << 5;
    QTest::newRow("bad literal") << "[tru]" << 1 << 5;
    QTest::newRow("unclosed") << "{\"a\": [1, 2" << 1 << 12;
    QTest::newRow("tab column") << "{\n\t\"a\" 1}" << 2 << 6;
    QTest::newRow("empty") << "" << 1 << 1;
}

void TestJson::syntaxErrorPosition() {
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    const std::string t = text.toStdString();
    const QString message = errorOf([&] { parseJson(t, "settings.json"); });
    const QString where =
        QStringLiteral("settings.json: line %1, column %2: ").arg(line).arg(column);
    QVERIFY2(message.startsWith(where), qPrintable(message));
    // nlohmann's own position must agree with ours.
    try {
        const json accepted = json::parse(t);
        Q_UNUSED(accepted);
        QFAIL("nlohmann accepted it");
    } catch (const json::parse_error& e) {
        const QRegularExpression re(QStringLiteral("line (\\d+), column (\\d+)"));
        const auto m = re.match(QString::fromUtf8(e.what()));
        if (m.hasMatch()) {
            QCOMPARE(m.captured(1).toInt(), line);
            QCOMPARE(m.captured(2).toInt(), column);
        }
    }
    QVERIFY2(!message.contains(QLatin1String("[json.exception")), qPrintable(message));
}

void TestJson::duplicateKeys_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::newRow("top level") << R"({"a": 1, "b": 2, "a": 3})"
                               << "a";
    QTest::newRow("nested") << R"({"x": {"k": 1, "k": 1}})"
                            << "k";
    QTest::newRow("in array") << R"([{"k": 1}, {"m": 1, "m": 2}])"
                              << "m";
}

void TestJson::duplicateKeys() {
    QFETCH(QString, text);
    QFETCH(QString, key);
    const QString message = errorOf([&] { parseJson(text.toStdString(), "doc"); });
    QVERIFY2(message.contains(QStringLiteral("doc: duplicate key '%1'").arg(key)),
             qPrintable(message));
}

void TestJson::requiredErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << R"({"b": 1})"
                             << "int"
                             << "ctx: missing required key 'a'";
    QTest::newRow("not object") << "[1]"
                                << "int"
                                << "ctx: expected an object, got array";
    QTest::newRow("float as int") << R"({"a": 3.5})"
                                  << "int"
                                  << "ctx: key 'a' must be an integer, got number";
    QTest::newRow("string as int") << R"({"a": "3"})"
                                   << "int"
                                   << "must be an integer, got string";
    QTest::newRow("300 as uint8") << R"({"a": 300})"
                                  << "uint8"
                                  << "key 'a' = 300 is out of range";
    QTest::newRow("-1 as unsigned") << R"({"a": -1})"
                                    << "uint32"
                                    << "key 'a' = -1 must not be negative";
    QTest::newRow("2^31 as int") << R"({"a": 2147483648})"
                                 << "int"
                                 << "out of range";
    QTest::newRow("-2^31-1 as int") << R"({"a": -2147483649})"
                                    << "int"
                                    << "out of range";
    QTest::newRow("1 as bool") << R"({"a": 1})"
                               << "bool"
                               << "must be a boolean, got unsigned integer";
    QTest::newRow("number as string") << R"({"a": 5})"
                                      << "string"
                                      << "must be a string";
    QTest::newRow("null as double") << R"({"a": null})"
                                    << "double"
                                    << "must be a number, got null";
    QTest::newRow("vector of strings") << R"({"a": [1]})"
                                       << "vector<string>"
                                       << "key 'a' has the wrong type";
}

void TestJson::requiredErrors() {
    QFETCH(QString, text);
    QFETCH(QString, type);
    QFETCH(QString, message);
    const json j = parseJson(text.toStdString(), "t");
    const QString got = errorOf([&] {
        if (type == "int")
            (void)getRequired<int>(j, "a", "ctx");
        else if (type == "uint8")
            (void)getRequired<std::uint8_t>(j, "a", "ctx");
        else if (type == "uint32")
            (void)getRequired<std::uint32_t>(j, "a", "ctx");
        else if (type == "bool")
            (void)getRequired<bool>(j, "a", "ctx");
        else if (type == "string")
            (void)getRequired<std::string>(j, "a", "ctx");
        else if (type == "double")
            (void)getRequired<double>(j, "a", "ctx");
        else if (type == "vector<string>")
            (void)getRequired<std::vector<std::string>>(j, "a", "ctx");
    });
    QVERIFY2(got.contains(message), qPrintable(got));
}

void TestJson::requiredValues() {
    const json j = parseJson(R"({"i": -5, "u": 4000000000, "d": 2, "f": 0.25, "b": true, "s": "x",
                                 "v": [1, 2], "big": 18446744073709551615})",
                             "t");
    QCOMPARE(getRequired<int>(j, "i", "c"), -5);
    QCOMPARE(getRequired<std::uint32_t>(j, "u", "c"), 4000000000u);
    QCOMPARE(getRequired<std::int64_t>(j, "u", "c"), std::int64_t{4000000000});
    QCOMPARE(getRequired<double>(j, "d", "c"), 2.0); // an integer is a fine double
    QCOMPARE(getRequired<float>(j, "f", "c"), 0.25f);
    QCOMPARE(getRequired<bool>(j, "b", "c"), true);
    QCOMPARE(getRequired<std::string>(j, "s", "c"), std::string("x"));
    QCOMPARE(getRequired<std::vector<int>>(j, "v", "c"), (std::vector<int>{1, 2}));
    QCOMPARE(getRequired<std::uint64_t>(j, "big", "c"), std::uint64_t{18446744073709551615u});
    QVERIFY(
        errorOf([&] { (void)getRequired<std::int64_t>(j, "big", "c"); }).contains("out of range"));
    // Built in code, 300 is a signed integer in nlohmann::json: still range-checked.
    json built;
    built["n"] = 300;
    built["m"] = -300;
    QVERIFY(errorOf([&] {
                (void)getRequired<std::uint8_t>(built, "n", "c");
            }).contains("out of range (max 255)"));
    QVERIFY(
        errorOf([&] { (void)getRequired<std::int8_t>(built, "m", "c"); }).contains("out of range"));
    QCOMPARE(getRequired<std::uint16_t>(built, "n", "c"), std::uint16_t{300});
}

void TestJson::optionalValues() {
    const json j = parseJson(R"({"a": 3, "n": null, "s": "x"})", "t");
    QCOMPARE(getOr<int>(j, "a", 7, "c"), 3);
    QCOMPARE(getOr<int>(j, "missing", 7, "c"), 7);
    QCOMPARE(getOr<int>(j, "n", 7, "c"), 7);
    QCOMPARE(getOr<std::string>(j, "q", std::string("d"), "c"), std::string("d"));
    // Present with the wrong type: an error, not the fallback.
    QVERIFY(errorOf([&] {
                (void)getOr<int>(j, "s", 7, "c");
            }).contains("c: key 's' must be an integer, got string"));
    QVERIFY(errorOf([&] {
                (void)getOr<int>(json::array(), "s", 7, "c");
            }).contains("expected an object"));
}

void TestJson::fileRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("s.json")).toStdString();
    json j;
    j["a"] = 1;
    j["b"] = {true, "x"};
    writeJsonFile(path, j);
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    \"x\"\n  ]\n}\n"));
    QCOMPARE(readJsonFile(path), j);
    writeJsonFile(path, j, -1);
    f.close();
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("{\"a\":1,\"b\":[true,\"x\"]}\n"));
}

void TestJson::fileErrors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("bad.json")).toStdString();
    QString message = errorOf([&] { readJsonFile(path); });
    QVERIFY2(message.contains(QString::fromStdString(path)) && message.contains("No such file"),
             qPrintable(message));

    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"a\": 1,\n  \"b\": ]\n}\n");
    f.close();
    message = errorOf([&] { readJsonFile(path); });
    QVERIFY2(message.startsWith(QString::fromStdString(path) + ": line 3, column 8: "),
             qPrintable(message));

    json bad;
    bad["s"] = std::string("\xff");
    message =
        errorOf([&] { writeJsonFile(dir.filePath(QStringLiteral("x.json")).toStdString(), bad); });
    QVERIFY2(message.contains("UTF-8"), qPrintable(message));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.json"))));
}

QTEST_GUILESS_MAIN(TestJson)
#include "TestJson.moc"
