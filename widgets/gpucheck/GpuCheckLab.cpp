#include "GpuCheckLab.h"

#include "ArrayView.h"
#include "GpuCheckDevicePanel.h"
#include "GpuCheckModel.h"
#include "GpuCheckOutputPanel.h"
#include "GpuCheckResultsPanel.h"
#include "GpuCheckRunPanel.h"
#include "Icons.h"
#include "PlotView.h"
#include "TaskRunner.h"

#include "gpu/GpuCaps.h"
#include "gpu/GpuCheckRun.h"
#include "gpu/HeadlessContext.h"
#include "gpucheck/CheckInputs.h"
#include "gpucheck/CpuSaxpy.h"
#include "gpucheck/CpuScan.h"

#include <QElapsedTimer>
#include <qcustomplot.h>

#include <algorithm>
#include <memory>

namespace algoscope::ui {

namespace {

struct RunOutput {
    std::vector<GpuCheckRow> rows;
    std::vector<float> output;
};

// CPU-only timing when no GPU is available or wanted: the same CPU twins and inputs as
// gpu::GpuCheckRun, so the CPU curve is comparable between the two modes.
double medianCpuMs(const GpuCheckParams& p, std::size_t n, const util::TaskContext& ctx) {
    std::vector<double> times;
    for (int r = 0; r < p.reps; ++r) {
        ctx.checkCancelled();
        QElapsedTimer t;
        if (p.op == QLatin1String("saxpy")) {
            gpucheck::SaxpyInput in = gpucheck::makeSaxpyInput(n, p.seed);
            t.start();
            gpucheck::cpuSaxpy(in.a, std::span<const float>(in.x), std::span<float>(in.y));
        } else {
            const auto in = gpucheck::makeScanInput(n, p.seed);
            std::vector<std::uint32_t> out(n);
            t.start();
            gpucheck::cpuInclusiveScan(in, out);
        }
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

// The values drawn in the output view: the CPU twin's result on the largest input (the GPU's
// agrees bit for bit whenever the Agree column says yes).
std::vector<float> previewOutput(const GpuCheckParams& p, std::size_t n) {
    constexpr std::size_t kMaxPreview = 1 << 16;
    const std::size_t m = std::min(n, kMaxPreview);
    std::vector<float> out(m);
    if (p.op == QLatin1String("saxpy")) {
        const gpucheck::SaxpyInput in = gpucheck::makeSaxpyInput(n, p.seed);
        const std::vector<float> y = gpucheck::cpuSaxpy(in.a, in.x, in.y);
        std::copy_n(y.begin(), m, out.begin());
    } else {
        const auto scan = gpucheck::cpuInclusiveScan(gpucheck::makeScanInput(n, p.seed));
        for (std::size_t i = 0; i < m; ++i)
            out[i] = float(scan[i]);
    }
    return out;
}

// The lab's call into core. Runs on the task runner's worker thread; GPU work uses a headless
// context of its own (core/gpu needs only a current context).
RunOutput compute(const GpuCheckParams& p, bool useGpu, const util::TaskContext& ctx) {
    std::vector<std::size_t> sizes;
    for (int e = p.minLog2; e <= p.maxLog2; ++e)
        sizes.push_back(std::size_t(1) << e);
    RunOutput out;
    if (useGpu) {
        std::string why;
        auto context = gpu::HeadlessContext::create(&why);
        if (!context)
            throw util::Error("no OpenGL 4.3 context: " + why);
        gpu::GpuCheckRun::Options options;
        options.op = gpu::GpuCheckRun::parseOp(p.op.toStdString());
        options.sizes = sizes;
        options.reps = p.reps;
        options.seed = p.seed;
        gpu::GpuCheckRun run(options);
        for (const auto& r : run.run(ctx)) {
            GpuCheckRow row;
            row.size = std::int64_t(r.size);
            row.cpuMs = r.cpuMs;
            row.gpuMs = r.gpuMs;
            row.gpuTotalMs = r.gpuTotalMs;
            row.maxAbsDiff = r.maxAbsDiff;
            row.match = r.exactMatch;
            out.rows.push_back(row);
        }
    } else {
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            GpuCheckRow row;
            row.size = std::int64_t(sizes[i]);
            row.cpuMs = medianCpuMs(p, sizes[i], ctx);
            out.rows.push_back(row);
            ctx.report(double(i + 1) / double(sizes.size()), "CPU only");
        }
    }
    out.output = previewOutput(p, sizes.back());
    return out;
}

} // namespace

GpuCheckLab::GpuCheckLab() : m_model(new GpuCheckModel(this)) {}
GpuCheckLab::~GpuCheckLab() = default;

QIcon GpuCheckLab::icon() const {
    return embeddedIcon(QStringLiteral("gpu"));
}

QString GpuCheckLab::paperReference() const {
    return tr("Blelloch, \"Prefix sums and their applications\" (CMU-CS-90-190, 1990); "
              "Harris, Sengupta & Owens, \"Parallel prefix sum (scan) with CUDA\", GPU Gems 3, ch. "
              "39 (2007).");
}

QWidget* GpuCheckLab::createCentralView(QWidget* parent) {
    m_plot = new PlotView(QStringLiteral("gpu-timings"), parent);
    QCustomPlot* plot = m_plot->plot();
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot->xAxis->setLabel(tr("elements"));
    plot->yAxis->setLabel(tr("time per run (ms, median)"));
    const struct {
        QString name;
        QColor color;
    } series[] = {{tr("CPU"), QColor(220, 90, 40)},
                  {tr("GPU kernel"), QColor(40, 120, 220)},
                  {tr("GPU incl. transfers"), QColor(40, 170, 120)}};
    for (const auto& s : series) {
        QCPGraph* g = plot->addGraph();
        g->setName(s.name);
        g->setPen(QPen(s.color, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    }
    // Times grow with size, so the top-left corner stays free for the legend.
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot, tr("CPU vs GPU"), QFont(QString(), 12, QFont::Bold)));
    connect(m_model, &GpuCheckModel::resultsChanged, this, &GpuCheckLab::updatePlot);
    return m_plot;
}

QList<Panel*> GpuCheckLab::createPanels(QWidget* parent) {
    auto* runPanel = new GpuCheckRunPanel(m_model, undoStack(), parent);
    connect(runPanel, &GpuCheckRunPanel::runRequested, this, &GpuCheckLab::run);
    return {runPanel, new GpuCheckDevicePanel(m_model, parent),
            new GpuCheckOutputPanel(m_model, parent), new GpuCheckResultsPanel(m_model, parent)};
}

Exportable* GpuCheckLab::defaultExportable() {
    return m_plot;
}

void GpuCheckLab::activate() {
    if (m_activated)
        return;
    m_activated = true;
    probeDevice();
}

void GpuCheckLab::probeDevice() {
    auto info = std::make_shared<std::pair<bool, QString>>();
    taskRunner()->run(
        tr("Probing the GPU"),
        [info](const util::TaskContext&) {
            std::string why;
            auto context = gpu::HeadlessContext::create(&why);
            if (!context) {
                *info = {false, QStringLiteral("No OpenGL 4.3 context: %1\nThe CPU runs alone.")
                                    .arg(QString::fromStdString(why))};
                return;
            }
            const gpu::GpuCaps caps = gpu::GpuCaps::probe();
            const auto& c = caps;
            auto triple = [](const std::array<std::int64_t, 3>& a) {
                return QStringLiteral("%1 x %2 x %3").arg(a[0]).arg(a[1]).arg(a[2]);
            };
            const QString text =
                QStringLiteral(
                    "Renderer     %1\nVendor       %2\nOpenGL       %3\nGLSL         %4\n"
                    "Compute 4.3  %5\n\nMax workgroup count   %6\nMax workgroup size    %7\n"
                    "Max invocations       %8\nShared memory         %9 KiB\n")
                    .arg(QString::fromStdString(c.renderer()), QString::fromStdString(c.vendor()),
                         QString::fromStdString(c.glVersion()),
                         QString::fromStdString(c.glslVersion()),
                         c.hasCompute43() ? QStringLiteral("yes") : QStringLiteral("no"),
                         triple(c.maxWorkGroupCount()), triple(c.maxWorkGroupSize()))
                    .arg(c.maxWorkGroupInvocations())
                    .arg(c.maxSharedMemoryBytes() / 1024) +
                QStringLiteral("Storage block         %1 MiB\nStorage bindings      %2\nTimer "
                               "queries         %3\n")
                    .arg(c.maxSsboBytes() / (1024 * 1024))
                    .arg(c.maxSsboBindings())
                    .arg(c.hasTimerQuery() ? QStringLiteral("yes") : QStringLiteral("no"));
            *info = {caps.hasCompute43(), text};
        },
        [this, info] {
            m_model->setDevice(info->first, info->second);
            run();
        });
}

void GpuCheckLab::run() {
    const GpuCheckParams params = m_model->params();
    const bool useGpu = params.useGpu && m_model->gpuAvailable();
    auto result = std::make_shared<RunOutput>();
    taskRunner()->run(
        tr("GPU check: %1").arg(params.op),
        [params, useGpu, result](const util::TaskContext& ctx) {
            *result = compute(params, useGpu, ctx);
        },
        [this, result, params] {
            m_model->setResults(std::move(result->rows), std::move(result->output), params.op);
        });
}

void GpuCheckLab::updatePlot() {
    if (!m_plot)
        return;
    QCustomPlot* plot = m_plot->plot();
    for (int g = 0; g < plot->graphCount(); ++g)
        plot->graph(g)->data()->clear();
    for (const GpuCheckRow& r : m_model->rows()) {
        // Log axes cannot show 0: clamp sub-resolution timings to 1 ns.
        plot->graph(0)->addData(double(r.size), std::max(r.cpuMs, 1e-6));
        if (r.gpuMs >= 0) {
            plot->graph(1)->addData(double(r.size), std::max(r.gpuMs, 1e-6));
            plot->graph(2)->addData(double(r.size), std::max(r.gpuTotalMs, 1e-6));
        }
    }
    plot->rescaleAxes();
    // Pad by a factor on log axes (a linear pad could cross zero).
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        const QCPRange r = axis->range();
        axis->setRange(r.lower / 1.6, r.upper * 1.6);
    }
    plot->replot();
}

QJsonObject GpuCheckLab::saveState() const {
    return {{QStringLiteral("params"), m_model->params().toJson()}};
}

void GpuCheckLab::restoreState(const QJsonObject& state) {
    m_model->setParams(GpuCheckParams::fromJson(state.value(QStringLiteral("params")).toObject()));
}

} // namespace algoscope::ui
