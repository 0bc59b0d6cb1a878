// HeadlessContext and GpuCaps. The limits are checked against the minimum values the OpenGL 4.3
// core specification requires (glspec43.core.pdf, chapter 23 state tables "Implementation
// Dependent Compute Shader Limits" and "Implementation Dependent Aggregate Shader Limits"):
// work group count 65535 per axis, size 1024 x 1024 x 64, 1024 invocations, 32 KiB shared,
// shader storage block 2^24 bytes, 8 storage bindings. Any conforming driver meets them.
#include "gpu/GpuCaps.h"
#include "gpu/HeadlessContext.h"

#include <QtTest>

#include <epoxy/gl.h>

#include <memory>
#include <thread>

using namespace algoscope::gpu;

#define REQUIRE_CONTEXT()                                                                          \
    do {                                                                                           \
        if (!m_ctx)                                                                                \
            QSKIP(qPrintable("no OpenGL 4.3 context: " + m_whyNot));                               \
        QVERIFY(m_ctx->makeCurrent());                                                             \
    } while (0)

class TestGpuContext : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void disabledByEnvironment();
    void capsMeetGl43Minimums();
    void capsJson();
    void makeAndDoneCurrent();
    void secondContextLeavesFirstUsable();
    void contextMovesToAnotherThread();
    void cleanupTestCase();

private:
    std::unique_ptr<HeadlessContext> m_ctx;
    QString m_whyNot;
};

void TestGpuContext::initTestCase() {
    std::string why;
    m_ctx = HeadlessContext::create(&why);
    m_whyNot = QString::fromStdString(why);
    if (m_ctx)
        qInfo("OpenGL via EGL platform '%s'%s", m_ctx->platform().c_str(),
              m_ctx->usesPbuffer() ? " with a pbuffer" : "");
    else
        QVERIFY2(!why.empty(), "create() returned null without a reason");
}

void TestGpuContext::disabledByEnvironment() {
    // Runs without a GPU too: the switch that lets the CLI tests simulate "no OpenGL".
    const QByteArray previous = qgetenv("ALGOSCOPE_DISABLE_GPU");
    qputenv("ALGOSCOPE_DISABLE_GPU", "1");
    std::string why;
    auto ctx = HeadlessContext::create(&why);
    auto silent = HeadlessContext::create(nullptr); // a null whyNot is allowed
    if (previous.isNull())
        qunsetenv("ALGOSCOPE_DISABLE_GPU");
    else
        qputenv("ALGOSCOPE_DISABLE_GPU", previous);
    QVERIFY(!ctx);
    QVERIFY(!silent);
    QVERIFY2(why.find("ALGOSCOPE_DISABLE_GPU") != std::string::npos, why.c_str());
}

void TestGpuContext::capsMeetGl43Minimums() {
    REQUIRE_CONTEXT();
    const auto caps = GpuCaps::probe();
    QVERIFY(caps.hasCompute43());
    QVERIFY(caps.major() * 10 + caps.minor() >= 43);
    QVERIFY(!caps.glVersion().empty());
    QVERIFY(!caps.renderer().empty());
    QVERIFY(!caps.glslVersion().empty());
    for (int i = 0; i < 3; ++i)
        QVERIFY(caps.maxWorkGroupCount()[i] >= 65535);
    QVERIFY(caps.maxWorkGroupSize()[0] >= 1024);
    QVERIFY(caps.maxWorkGroupSize()[1] >= 1024);
    QVERIFY(caps.maxWorkGroupSize()[2] >= 64);
    QVERIFY(caps.maxWorkGroupInvocations() >= 1024);
    QVERIFY(caps.maxSharedMemoryBytes() >= 32768);
    QVERIFY(caps.maxSsboBytes() >= (1 << 24));
    QVERIFY(caps.maxSsboBindings() >= 8);
}

void TestGpuContext::capsJson() {
    REQUIRE_CONTEXT();
    const auto caps = GpuCaps::probe();
    const auto j = caps.toJson();
    for (const char* key : {"gl_version", "renderer", "vendor", "glsl_version", "limits"})
        QVERIFY2(j.contains(key), key);
    QCOMPARE(j["renderer"].get<std::string>(), caps.renderer());
    const auto& limits = j["limits"];
    QCOMPARE(limits["max_compute_work_group_count"].size(), std::size_t(3));
    QCOMPARE(limits["max_compute_work_group_invocations"].get<std::int64_t>(),
             caps.maxWorkGroupInvocations());
    QCOMPARE(limits["timer_query"].get<bool>(), caps.hasTimerQuery());
}

void TestGpuContext::makeAndDoneCurrent() {
    REQUIRE_CONTEXT();
    QVERIFY(m_ctx->isCurrent());
    m_ctx->doneCurrent();
    QVERIFY(!m_ctx->isCurrent());
    QVERIFY(m_ctx->makeCurrent());
    QVERIFY(m_ctx->isCurrent());
    QVERIFY(GpuCaps::probe().hasCompute43());
}

void TestGpuContext::secondContextLeavesFirstUsable() {
    // Both contexts share one EGL display; destroying the second must not terminate it.
    REQUIRE_CONTEXT();
    {
        auto second = HeadlessContext::create();
        QVERIFY(second);
        QVERIFY(second->isCurrent());
        QVERIFY(!m_ctx->isCurrent());
        QVERIFY(GpuCaps::probe().hasCompute43());
    }
    QVERIFY(m_ctx->makeCurrent());
    QVERIFY(GpuCaps::probe().hasCompute43());
    GLuint buffer = 0; // and the first context still creates objects
    glCreateBuffers(1, &buffer);
    QVERIFY(buffer != 0);
    glDeleteBuffers(1, &buffer);
    QCOMPARE(glGetError(), GLenum(GL_NO_ERROR));
}

void TestGpuContext::contextMovesToAnotherThread() {
    REQUIRE_CONTEXT();
    m_ctx->doneCurrent();
    bool worked = false;
    std::string renderer;
    std::thread worker([&] {
        if (!m_ctx->makeCurrent())
            return;
        const auto caps = GpuCaps::probe();
        renderer = caps.renderer();
        worked = caps.hasCompute43();
        m_ctx->doneCurrent();
    });
    worker.join();
    QVERIFY(worked);
    QVERIFY(!renderer.empty());
    QVERIFY(m_ctx->makeCurrent());
}

void TestGpuContext::cleanupTestCase() {
    m_ctx.reset();
}

QTEST_GUILESS_MAIN(TestGpuContext)
#include "TestGpuContext.moc"
