// ShaderProgram: the prelude (#version + injected #defines), #include of embedded snippets, and
// error messages that name the file and its ORIGINAL line, whatever the prelude added. The
// expected line numbers come from the test's own sources (or, for the snippet, from the
// embedded file's text), not from the code under test.
#include "gpu/Buffer.h"
#include "gpu/Dispatch.h"
#include "gpu/HeadlessContext.h"
#include "gpu/ShaderProgram.h"
#include "util/Error.h"
#include "util/Resources.h"

#include <QtTest>

#include <memory>
#include <string>

using namespace algoscope;
using gpu::ShaderProgram;

namespace {

// Joins lines with '\n'; line k of the result is lines[k - 1].
std::string join(const QStringList& lines) {
    return lines.join('\n').toStdString() + "\n";
}

// The util::Error message of building source, or "" when it builds.
QString buildError(const std::string& name, const std::string& source,
                   const ShaderProgram::Defines& defines = {}) {
    try {
        ShaderProgram::fromSource(name, source, defines);
    } catch (const util::Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

// Runs a 1-invocation-per-element kernel that writes out[i] and returns the buffer.
std::vector<std::uint32_t> runWriter(const ShaderProgram& p, std::size_t n) {
    gpu::Buffer out(n * sizeof(std::uint32_t));
    out.bindBase(0);
    p.setUniform("u_count", static_cast<std::uint32_t>(n));
    gpu::dispatch1D(p, n, p.localSize()[0]);
    return out.download<std::uint32_t>();
}

} // namespace

class TestShaderProgram : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void syntaxErrorNamesOriginalLine_data();
    void syntaxErrorNamesOriginalLine();
    void errorInSnippetNamesSnippetLine();
    void linkErrorNamesShader();
    void defineInjection_data();
    void defineInjection();
    void includeSnippet();
    void preprocessRules();
    void embeddedKernelsBuild();
    void moveOnly();
    void missingUniformIsReported();

private:
    std::unique_ptr<gpu::HeadlessContext> m_ctx;
    QString m_whyNot;
};

// Per test rather than in initTestCase, so preprocessRules (no GL needed) runs everywhere.
#define REQUIRE_CONTEXT()                                                                          \
    do {                                                                                           \
        if (!m_ctx)                                                                                \
            QSKIP(qPrintable("no OpenGL 4.3 context: " + m_whyNot));                               \
    } while (0)

void TestShaderProgram::initTestCase() {
    std::string why;
    m_ctx = gpu::HeadlessContext::create(&why);
    m_whyNot = QString::fromStdString(why);
}

void TestShaderProgram::syntaxErrorNamesOriginalLine_data() {
    QTest::addColumn<int>("badLine");
    QTest::addColumn<int>("defineCount");
    QTest::addColumn<bool>("withInclude");
    QTest::newRow("line 3") << 3 << 0 << false;
    QTest::newRow("line 12, three defines") << 12 << 3 << false;
    QTest::newRow("line 9, after an include") << 9 << 1 << true;
    QTest::newRow("line 30, include and defines") << 30 << 5 << true;
}

void TestShaderProgram::syntaxErrorNamesOriginalLine() {
    REQUIRE_CONTEXT();
    QFETCH(int, badLine);
    QFETCH(int, defineCount);
    QFETCH(bool, withInclude);
    QStringList lines;
    lines << "layout(local_size_x = 1) in;";
    if (withInclude)
        lines << "#include \"gpu_index.glsl\"";
    lines << "layout(std430, binding = 0) buffer Out { uint data[]; };";
    while (lines.size() < badLine - 1)
        lines << "// filler";
    lines << "float broken = ;"; // line badLine
    lines << "void main() { data[0] = 1u; }";
    ShaderProgram::Defines defines;
    for (int i = 0; i < defineCount; ++i)
        defines.push_back({QStringLiteral("D%1").arg(i).toStdString(), std::to_string(i)});
    const QString msg = buildError("bad.comp", join(lines), defines);
    QVERIFY2(!msg.isEmpty(), "the broken shader compiled");
    QVERIFY2(msg.contains(QStringLiteral("bad.comp:%1:").arg(badLine)), qPrintable(msg));
    QVERIFY2(msg.contains("failed to compile"), qPrintable(msg));
}

void TestShaderProgram::errorInSnippetNamesSnippetLine() {
    REQUIRE_CONTEXT();
    // gl_WorkGroupSize is undeclared before the layout line, so including gpu_index.glsl first
    // fails inside the snippet, at the first line that uses it.
    const std::string snippet(util::resource("shaders/gpu_index.glsl"));
    const QStringList snippetLines = QString::fromStdString(snippet).split('\n');
    int useLine = 0;
    for (int i = 0; i < snippetLines.size() && !useLine; ++i)
        if (snippetLines[i].contains("gl_WorkGroupSize") &&
            !snippetLines[i].trimmed().startsWith("//"))
            useLine = i + 1;
    QVERIFY(useLine > 0);
    const QString msg = buildError(
        "early.comp",
        join({"#include \"gpu_index.glsl\"", "layout(local_size_x = 1) in;", "void main() {}"}));
    QVERIFY2(msg.contains(QStringLiteral("shaders/gpu_index.glsl:%1:").arg(useLine)),
             qPrintable(msg));
}

void TestShaderProgram::linkErrorNamesShader() {
    REQUIRE_CONTEXT();
    // Compiles (a compute shader may omit main in one compilation unit) but cannot link.
    const QString msg =
        buildError("nomain.comp", join({"layout(local_size_x = 1) in;", "void helper() {}"}));
    QVERIFY2(!msg.isEmpty(), "a shader without main linked");
    QVERIFY2(msg.contains("nomain.comp"), qPrintable(msg));
}

void TestShaderProgram::defineInjection_data() {
    QTest::addColumn<QString>("valueA");
    QTest::addColumn<QString>("valueB");
    QTest::addColumn<uint>("expectedA");
    QTest::addColumn<uint>("expectedB");
    QTest::newRow("plain") << "7u"
                           << "42u" << 7u << 42u;
    QTest::newRow("expression") << "(3u * 5u)"
                                << "0xFFFFFFFFu" << 15u << 0xFFFFFFFFu;
}

void TestShaderProgram::defineInjection() {
    REQUIRE_CONTEXT();
    QFETCH(QString, valueA);
    QFETCH(QString, valueB);
    QFETCH(uint, expectedA);
    QFETCH(uint, expectedB);
    const auto p =
        ShaderProgram::fromSource("defines.comp",
                                  join({"layout(local_size_x = LOCAL_SIZE) in;",
                                        "layout(std430, binding = 0) buffer Out { uint data[]; };",
                                        "void main() { data[0] = VALUE_A; data[1] = VALUE_B; }"}),
                                  {{"LOCAL_SIZE", "1"},
                                   {"VALUE_A", valueA.toStdString()},
                                   {"VALUE_B", valueB.toStdString()}});
    QCOMPARE(p.localSize()[0], 1u);
    const auto out = runWriter(p, 2);
    QCOMPARE(out[0], expectedA);
    QCOMPARE(out[1], expectedB);
}

void TestShaderProgram::includeSnippet() {
    REQUIRE_CONTEXT();
    // linearInvocationIndex() comes from the snippet; a local size of 64 with 1000 items leaves
    // a partial last group, which the bounds check must handle.
    const auto p = ShaderProgram::fromSource(
        "include.comp",
        join({"layout(local_size_x = 64) in;", "#include \"gpu_index.glsl\"",
              "#include \"gpu_index.glsl\" // a second include is skipped, not a redefinition",
              "layout(std430, binding = 0) buffer Out { uint data[]; };", "uniform uint u_count;",
              "void main() {", "    uint i = linearInvocationIndex();",
              "    if (i < u_count) data[i] = i * 3u + 1u;", "}"}));
    const auto out = runWriter(p, 1000);
    for (std::uint32_t i = 0; i < out.size(); ++i)
        QCOMPARE(out[i], i * 3u + 1u);
}

void TestShaderProgram::preprocessRules() {
    const auto pre = ShaderProgram::preprocess(
        "pre.comp", "#include \"gpu_index.glsl\"\nvoid main() {}\n", {{"N", "4"}});
    QVERIFY(pre.text.rfind("#version 430 core\n#define N 4\n", 0) == 0);
    QCOMPARE(pre.sourceNames.size(), std::size_t(2));
    QCOMPARE(pre.sourceNames[1], std::string("shaders/gpu_index.glsl"));
    QVERIFY_THROWS_EXCEPTION(
        util::Error, ShaderProgram::preprocess("v.comp", "#version 450\nvoid main(){}\n", {}));
    QVERIFY_THROWS_EXCEPTION(util::Error, ShaderProgram::preprocess("d.comp", "", {{"1BAD", "1"}}));
    QVERIFY_THROWS_EXCEPTION(util::Error,
                             ShaderProgram::preprocess("d.comp", "", {{"OK", "1\n2"}}));
    try {
        ShaderProgram::preprocess("m.comp", "\n#include \"no_such_snippet.glsl\"\n", {});
        QFAIL("a missing snippet was accepted");
    } catch (const util::Error& e) {
        QVERIFY2(QString(e.what()).contains("m.comp:2") &&
                     QString(e.what()).contains("no_such_snippet.glsl"),
                 e.what());
    }
}

void TestShaderProgram::embeddedKernelsBuild() {
    REQUIRE_CONTEXT();
    for (const auto& name : util::listResources("shaders/")) {
        if (name.size() < 5 || name.substr(name.size() - 5) != ".comp")
            continue;
        try {
            const auto p = ShaderProgram::fromResource(name);
            QVERIFY(p.isValid());
        } catch (const util::Error& e) {
            QFAIL(e.what());
        }
    }
    QVERIFY_THROWS_EXCEPTION(util::Error, ShaderProgram::fromResource("shaders/missing.comp"));
}

void TestShaderProgram::moveOnly() {
    REQUIRE_CONTEXT();
    static_assert(!std::is_copy_constructible_v<ShaderProgram>);
    auto a = ShaderProgram::fromSource("m.comp", "layout(local_size_x = 2) in;\nvoid main() {}\n");
    const std::uint32_t id = a.id();
    QVERIFY(id != 0);
    ShaderProgram b = std::move(a);
    QCOMPARE(b.id(), id);
    QVERIFY(!a.isValid());
    QCOMPARE(b.localSize()[0], 2u);
    b = ShaderProgram();
    QVERIFY(!b.isValid());
}

void TestShaderProgram::missingUniformIsReported() {
    REQUIRE_CONTEXT();
    const auto p = ShaderProgram::fromSource(
        "u.comp", join({"layout(local_size_x = 1) in;",
                        "layout(std430, binding = 0) buffer Out { uint data[]; };",
                        "uniform uint u_value;", "void main() { data[0] = u_value; }"}));
    QVERIFY(!p.setUniform("u_absent", 1u));
    QVERIFY(p.setUniform("u_value", 99u));
    gpu::Buffer out(sizeof(std::uint32_t));
    out.bindBase(0);
    gpu::dispatch1D(p, 1, 1);
    QCOMPARE(out.download<std::uint32_t>()[0], 99u);
}

QTEST_GUILESS_MAIN(TestShaderProgram)
#include "TestShaderProgram.moc"
