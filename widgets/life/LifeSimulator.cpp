#include "LifeSimulator.h"

#include "gpu/GpuLife.h"
#include "gpu/HeadlessContext.h"
#include "life/LifeEngine.h"
#include "life/LifeRun.h"
#include "util/Error.h"

namespace algoscope::ui {

namespace {
// Makes the GPU context current for one task and releases it afterwards, so the next task may
// run on another thread.
struct CurrentContext {
    gpu::HeadlessContext* context;
    explicit CurrentContext(gpu::HeadlessContext* c) : context(c) {
        if (context && !context->makeCurrent())
            throw util::Error("could not make the OpenGL context current on the worker thread");
    }
    ~CurrentContext() {
        if (context)
            context->doneCurrent();
    }
};
} // namespace

LifeSimulator::LifeSimulator() = default;

LifeSimulator::~LifeSimulator() {
    if (m_context && m_engine && m_engineName == "gpu" && m_context->makeCurrent()) {
        m_engine.reset();
        m_context->doneCurrent();
    }
    m_engine.reset();
    m_context.reset();
}

void LifeSimulator::ensureEngine(const std::string& wanted, std::string* note) {
    std::string name = wanted;
    if (name == "gpu" && m_gpuFailed) {
        name = "bitpacked";
        *note = "GPU engine unavailable (" + m_gpuWhyNot + "); using bitpacked";
    }
    if (m_engine && name == m_engineName)
        return;
    if (m_engine && m_engineName == "gpu") {
        m_engine.reset(); // context is current (CurrentContext in step)
    }
    m_engine.reset();
    m_engineName.clear();
    if (name == "gpu") {
        if (!m_context) {
            std::string why;
            m_context = gpu::HeadlessContext::create(&why);
            if (!m_context) {
                m_gpuFailed = true;
                m_gpuWhyNot = why;
                ensureEngine("bitpacked", note);
                *note = "GPU engine unavailable (" + why + "); using bitpacked";
                return;
            }
            m_context->doneCurrent();
        }
        if (!m_context->makeCurrent())
            throw util::Error("could not make the OpenGL context current");
        try {
            m_engine = std::make_unique<gpu::GpuLife>();
        } catch (const util::Error& e) {
            m_gpuFailed = true;
            m_gpuWhyNot = e.what();
            m_context->doneCurrent();
            ensureEngine("bitpacked", note);
            *note = "GPU engine unavailable (" + m_gpuWhyNot + "); using bitpacked";
            return;
        }
    } else {
        m_engine = life::makeCpuEngine(name);
    }
    m_engineName = name;
}

LifeSimulator::Result LifeSimulator::step(const Request& request, const util::TaskContext& ctx) {
    Result result;
    // The context must be current for the whole task when the GPU engine is (or becomes) active.
    std::unique_ptr<CurrentContext> current;
    if (m_context && (request.engine == "gpu" || m_engineName == "gpu"))
        current = std::make_unique<CurrentContext>(m_context.get());
    std::optional<life::Board> load = request.load;
    const bool switching = request.engine != m_engineName &&
                           !(request.engine == "gpu" && m_gpuFailed && m_engineName == "bitpacked");
    if (switching && !load && m_engine) {
        load = m_engine->board(); // carry the cells over to the new engine
    }
    ensureEngine(request.engine, &result.note);
    if (!current && m_context && m_engineName == "gpu")
        current = std::make_unique<CurrentContext>(m_context.get());
    if (load)
        m_engine->setBoard(*load);
    if (load || switching)
        m_engine->setGeneration(request.startGeneration);
    m_engine->setRule(request.rule);
    m_engine->setTopology(request.topology);
    life::RunOptions options;
    options.generations = request.generations;
    options.stopWhenStable = request.stopWhenStable;
    const life::RunResult run = life::runLife(*m_engine, options, ctx);
    result.generationsRun = run.generationsRun;
    result.seconds = run.seconds;
    result.period = run.period;
    result.generation = m_engine->generation();
    m_engine->readBoard(result.board);
    if (request.view) {
        result.view = request.view;
        life::rasterize(result.board, *request.view, nullptr, result.texels);
    }
    result.engineUsed = m_engineName;
    return result;
}

} // namespace algoscope::ui
