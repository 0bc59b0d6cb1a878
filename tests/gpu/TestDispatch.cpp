// Buffer, dispatch helper, GpuTimer and GlError: the plumbing every kernel relies on.
#include "gpu/Buffer.h"
#include "gpu/Dispatch.h"
#include "gpu/GlError.h"
#include "gpu/GpuTimer.h"
#include "gpu/HeadlessContext.h"
#include "gpu/ShaderProgram.h"
#include "util/Error.h"

#include <QtTest>

#include <epoxy/gl.h>

#include <memory>
#include <numeric>

using namespace algoscope;
using namespace algoscope::gpu;

Q_DECLARE_METATYPE(algoscope::gpu::GroupCounts)

namespace {

// Every invocation adds 1 to counts[linearInvocationIndex()] if in range: after the dispatch,
// each of the n elements must be exactly 1 and the guard elements past n untouched.
constexpr const char* kCounter = R"(
layout(local_size_x = LOCAL_SIZE) in;
#include "gpu_index.glsl"
layout(std430, binding = 0) buffer Counts { uint counts[]; };
uniform uint u_count;
void main() {
    uint i = linearInvocationIndex();
    if (i < u_count)
        atomicAdd(counts[i], 1u);
}
)";

} // namespace

class TestDispatch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void groupCounts_data();
    void groupCounts();
    void foldedDispatchCoversEveryItem_data();
    void foldedDispatchCoversEveryItem();
    void dispatch2DCoversGrid();
    void dispatchChecksLocalSize();
    void bufferRoundTrip();
    void bufferBindingLimits();
    void timerMeasures();
    void timerFallback();
    void glErrorNamesOperation();
    void debugOutputReachesCallback();

private:
    std::unique_ptr<HeadlessContext> m_ctx;
    QString m_whyNot;
};

void TestDispatch::initTestCase() {
    std::string why;
    m_ctx = HeadlessContext::create(&why);
    m_whyNot = QString::fromStdString(why);
}

#define REQUIRE_CONTEXT()                                                                          \
    do {                                                                                           \
        if (!m_ctx)                                                                                \
            QSKIP(qPrintable("no OpenGL 4.3 context: " + m_whyNot));                               \
        QVERIFY(m_ctx->makeCurrent());                                                             \
    } while (0)

void TestDispatch::groupCounts_data() {
    // Pure arithmetic, no GPU: ceil(items / local) groups, folded into y past maxCount[0].
    QTest::addColumn<qulonglong>("items");
    QTest::addColumn<uint>("local");
    QTest::addColumn<GroupCounts>("max");
    QTest::addColumn<GroupCounts>("expected");
    const GroupCounts big{65535, 65535, 65535};
    QTest::newRow("none") << 0ULL << 256u << big << GroupCounts{0, 0, 0};
    QTest::newRow("one") << 1ULL << 256u << big << GroupCounts{1, 1, 1};
    QTest::newRow("exact") << 512ULL << 256u << big << GroupCounts{2, 1, 1};
    QTest::newRow("round up") << 513ULL << 256u << big << GroupCounts{3, 1, 1};
    QTest::newRow("at max") << 65535ULL << 1u << big << GroupCounts{65535, 1, 1};
    // 65536 groups -> 2 rows of 32768.
    QTest::newRow("fold") << 65536ULL << 1u << big << GroupCounts{32768, 2, 1};
    // 10 groups with max 4 -> 3 rows of 4 (2 surplus groups).
    QTest::newRow("small max") << 10ULL << 1u << GroupCounts{4, 4, 1} << GroupCounts{4, 3, 1};
    // 2^24 groups -> ceil(2^24 / 65535) = 257 rows of ceil(2^24 / 257) = 65281.
    QTest::newRow("2^32 items") << (1ULL << 32) << 256u << big << GroupCounts{65281, 257, 1};
}

void TestDispatch::groupCounts() {
    QFETCH(qulonglong, items);
    QFETCH(uint, local);
    QFETCH(GroupCounts, max);
    QFETCH(GroupCounts, expected);
    const GroupCounts got = groupCounts1D(items, local, max);
    QCOMPARE(got, expected);
    if (items) // enough groups, and fewer than one extra row
        QVERIFY(std::uint64_t(got[0]) * got[1] * local >= items);
    QVERIFY_THROWS_EXCEPTION(util::LimitError, groupCounts1D(17, 1, GroupCounts{4, 4, 1}));
}

void TestDispatch::foldedDispatchCoversEveryItem_data() {
    QTest::addColumn<qulonglong>("items");
    QTest::addColumn<uint>("local");
    QTest::newRow("1") << 1ULL << 64u;
    QTest::newRow("partial group") << 1000ULL << 64u;
    // Local size 1 makes the fold cheap to reach: more groups than the 65535 every driver has.
    QTest::newRow("folded") << 70001ULL << 1u;
}

void TestDispatch::foldedDispatchCoversEveryItem() {
    REQUIRE_CONTEXT();
    QFETCH(qulonglong, items);
    QFETCH(uint, local);
    const auto p = ShaderProgram::fromSource("counter.comp", kCounter,
                                             {{"LOCAL_SIZE", std::to_string(local)}});
    const std::size_t guard = 64;
    std::vector<std::uint32_t> zeros(items + guard, 0u);
    Buffer counts = Buffer::fromSpan(std::span<const std::uint32_t>(zeros));
    counts.bindBase(0);
    p.setUniform("u_count", static_cast<std::uint32_t>(items));
    const GroupCounts groups = dispatch1D(p, items, local);
    if (items / local > maxGroupCounts()[0])
        QVERIFY(groups[1] > 1);
    const auto out = counts.download<std::uint32_t>();
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::uint32_t expected = i < items ? 1u : 0u;
        if (out[i] != expected)
            QFAIL(qPrintable(QStringLiteral("element %1 counted %2 times").arg(i).arg(out[i])));
    }
}

void TestDispatch::dispatch2DCoversGrid() {
    REQUIRE_CONTEXT();
    const auto p = ShaderProgram::fromSource("grid.comp", R"(
layout(local_size_x = 8, local_size_y = 4) in;
layout(std430, binding = 0) buffer Out { uint cells[]; };
uniform uvec2 u_size;
void main() {
    uvec2 c = gl_GlobalInvocationID.xy;
    if (c.x < u_size.x && c.y < u_size.y)
        cells[c.y * u_size.x + c.x] = c.y * 1000u + c.x;
}
)");
    const glm::uvec2 size(37, 11);
    Buffer cells(size.x * size.y * sizeof(std::uint32_t));
    cells.bindBase(0);
    p.setUniform("u_size", size);
    const GroupCounts groups = dispatch2D(p, size.x, size.y, {8, 4});
    QCOMPARE(groups, (GroupCounts{5, 3, 1}));
    const auto out = cells.download<std::uint32_t>();
    for (std::uint32_t y = 0; y < size.y; ++y)
        for (std::uint32_t x = 0; x < size.x; ++x)
            QCOMPARE(out[y * size.x + x], y * 1000u + x);
    QVERIFY_THROWS_EXCEPTION(util::LimitError, dispatch2D(p, 8ULL << 20, 1, {8, 4}));
}

void TestDispatch::dispatchChecksLocalSize() {
    REQUIRE_CONTEXT();
    const auto p = ShaderProgram::fromSource("counter.comp", kCounter, {{"LOCAL_SIZE", "32"}});
    QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatch1D(p, 100, 64));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatch2D(p, 100, 1, {32, 2}));
}

void TestDispatch::bufferRoundTrip() {
    REQUIRE_CONTEXT();
    std::vector<float> data(1000);
    std::iota(data.begin(), data.end(), -500.0f);
    Buffer b = Buffer::fromSpan(std::span<const float>(data));
    QCOMPARE(b.sizeBytes(), data.size() * sizeof(float));
    QVERIFY(b.download<float>() == data);
    const std::vector<float> patch = {1.5f, 2.5f};
    b.upload(std::span<const float>(patch), 998);
    std::vector<float> tail(3);
    b.download(std::span<float>(tail), 997);
    QCOMPARE(tail, (std::vector<float>{data[997], 1.5f, 2.5f}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, b.upload(std::span<const float>(patch), 999));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, b.download(std::span<float>(tail), 998));

    Buffer moved = std::move(b);
    QVERIFY(b.isEmpty());
    QCOMPARE(moved.download<float>(2), (std::vector<float>{-500.0f, -499.0f}));
    Buffer empty(0);
    QVERIFY(empty.isEmpty());
    QVERIFY_THROWS_EXCEPTION(std::logic_error, empty.bindBase(0));
}

void TestDispatch::bufferBindingLimits() {
    REQUIRE_CONTEXT();
    Buffer b(1024);
    GLint bindings = 0;
    glGetIntegerv(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS, &bindings);
    QVERIFY_THROWS_EXCEPTION(util::LimitError, b.bindBase(static_cast<std::uint32_t>(bindings)));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, b.bindRange(0, 512, 1024));
    if (Buffer::offsetAlignment() > 1)
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.bindRange(0, 1, 4));
    b.bindRange(0, Buffer::offsetAlignment(), 4);
    // A chunk is a power of two that fits one binding.
    const std::size_t chunk = Buffer::chunkElements(4);
    QVERIFY(chunk * 4 <= Buffer::maxBindableBytes() && chunk * 8 > Buffer::maxBindableBytes());
    QVERIFY((chunk & (chunk - 1)) == 0);
    // Binding more than GL_MAX_SHADER_STORAGE_BLOCK_SIZE: only affordable where it is small.
    const std::size_t limit = Buffer::maxBindableBytes();
    if (limit > (std::size_t(256) << 20))
        return; // e.g. NVIDIA's 2 GiB; the message path is the same as the binding index's
    Buffer big(limit + 4096);
    try {
        big.bindBase(0);
        QFAIL("binding beyond GL_MAX_SHADER_STORAGE_BLOCK_SIZE was accepted");
    } catch (const util::LimitError& e) {
        QVERIFY2(QString(e.what()).contains("GL_MAX_SHADER_STORAGE_BLOCK_SIZE"), e.what());
    }
    big.bindRange(0, 4096, limit);
}

void TestDispatch::timerMeasures() {
    REQUIRE_CONTEXT();
    const auto p = ShaderProgram::fromSource("counter.comp", kCounter, {{"LOCAL_SIZE", "64"}});
    Buffer counts(4096 * sizeof(std::uint32_t));
    counts.bindBase(0);
    p.setUniform("u_count", 4096u);
    GpuTimer timer;
    QVERIFY_THROWS_EXCEPTION(std::logic_error, timer.resultNanoseconds());
    timer.begin();
    dispatch1D(p, 4096, 64);
    timer.end();
    const std::uint64_t ns = timer.resultNanoseconds();
    QVERIFY(ns < 60ULL * 1000 * 1000 * 1000); // a sane value, not garbage
    qInfo("GpuTimer (%s): %llu ns", timer.usesQuery() ? "query" : "glFinish",
          static_cast<unsigned long long>(ns));
}

void TestDispatch::timerFallback() {
    REQUIRE_CONTEXT();
    qputenv("ALGOSCOPE_GPU_TIMER", "finish");
    GpuTimer timer;
    qunsetenv("ALGOSCOPE_GPU_TIMER");
    QVERIFY(!timer.usesQuery());
    timer.begin();
    QTest::qSleep(20);
    timer.end();
    QVERIFY(timer.resultMilliseconds() >= 15.0); // CPU clock around the interval
}

void TestDispatch::glErrorNamesOperation() {
    REQUIRE_CONTEXT();
    GlError::clear();
    GlError::check("nothing"); // no error pending: no throw
    glEnable(0xFFFF);          // not a capability: GL_INVALID_ENUM
    try {
        GlError::check("enabling a bogus capability");
        QFAIL("no GlError");
    } catch (const GlError& e) {
        QCOMPARE(e.code(), std::uint32_t(GL_INVALID_ENUM));
        QVERIFY2(QString(e.what()).contains("GL_INVALID_ENUM") &&
                     QString(e.what()).contains("enabling a bogus capability"),
                 e.what());
    }
    GlError::check("after draining"); // the error was consumed
    QCOMPARE(GlError::name(0x1234), std::string("GL error 0x1234"));
}

void TestDispatch::debugOutputReachesCallback() {
    REQUIRE_CONTEXT();
    // KHR_debug messages are only guaranteed in a debug context.
    qputenv("ALGOSCOPE_GL_DEBUG", "1");
    auto debugCtx = HeadlessContext::create();
    qunsetenv("ALGOSCOPE_GL_DEBUG");
    QVERIFY(debugCtx);
    QStringList messages;
    QVERIFY(enableGlDebugOutput(
        [&](std::uint32_t, std::uint32_t type, std::uint32_t, std::uint32_t, std::string_view m) {
            if (type == GL_DEBUG_TYPE_ERROR)
                messages << QString::fromUtf8(m.data(), static_cast<qsizetype>(m.size()));
        }));
    glEnable(0xFFFF);
    GlError::clear();
    disableGlDebugOutput();
    QVERIFY2(!messages.isEmpty(), "no KHR_debug message for GL_INVALID_ENUM");
    debugCtx.reset();
    QVERIFY(m_ctx->makeCurrent());
}

QTEST_GUILESS_MAIN(TestDispatch)
#include "TestDispatch.moc"
