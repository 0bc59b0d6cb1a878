#include "AttentionLab.h"

#include "AttentionBenchPanel.h"
#include "AttentionControlsPanel.h"
#include "AttentionCountersPanel.h"
#include "AttentionExplorerView.h"
#include "AttentionImageView.h"
#include "AttentionMaskView.h"
#include "AttentionModel.h"
#include "Panel.h"
#include "SetAttentionSettingsCmd.h"
#include "TaskRunner.h"

#include "attention/NaForward.h"
#include "gpu/GpuAttention.h"
#include "gpu/HeadlessContext.h"
#include "util/Error.h"
#include "util/Resources.h"
#include "util/Rng.h"

#include <QImage>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <memory>

namespace algoscope::ui {

namespace {

// A panel holding the mask view (views are widgets; docks are Panels).
class AttentionMaskPanel : public Panel {
public:
    AttentionMaskPanel(AttentionMaskView* view, QWidget* parent)
        : Panel(QStringLiteral("attention"), QStringLiteral("mask"), QObject::tr("Mask"), parent) {
        setDefaultArea(Qt::RightDockWidgetArea);
        view->setMinimumSize(300, 240);
        setWidget(view);
    }
};

// A panel holding the image heatmap.
class AttentionImagePanel : public Panel {
public:
    AttentionImagePanel(AttentionImageView* view, QWidget* parent)
        : Panel(QStringLiteral("attention"), QStringLiteral("image"), QObject::tr("Image"),
                parent) {
        setDefaultArea(Qt::RightDockWidgetArea);
        view->setMinimumSize(360, 220);
        setWidget(view);
    }
};

// The bundled photo (resources/images/ATTRIBUTION.md) as RGB in [0, 1].
attention::RgbImage loadPhoto() {
    const auto bytes = util::resource("resources/images/chelsea-96x64.png");
    QImage im = QImage::fromData(reinterpret_cast<const uchar*>(bytes.data()), int(bytes.size()));
    if (im.isNull())
        throw util::Error("resources/images/chelsea-96x64.png is not a readable image");
    im = im.convertToFormat(QImage::Format_RGB888);
    attention::RgbImage photo;
    photo.width = im.width();
    photo.height = im.height();
    photo.rgb.reserve(std::size_t(im.width()) * std::size_t(im.height()) * 3);
    for (int y = 0; y < im.height(); ++y) {
        const uchar* line = im.constScanLine(y);
        for (int x = 0; x < im.width() * 3; ++x)
            photo.rgb.push_back(float(line[x]) / 255.0f);
    }
    return photo;
}

} // namespace

AttentionLab::AttentionLab()
    : m_model(new AttentionModel(this)), m_imageRunner(new TaskRunner(this)), m_photo(loadPhoto()) {
    connect(m_model, &AttentionModel::settingsChanged, this, &AttentionLab::updateImageAttention);
    connect(m_imageRunner, &TaskRunner::finished, this,
            [this](const QString&, bool ok, bool cancelled, const QString& error) {
                if (!ok && !cancelled)
                    Q_EMIT statusMessage(tr("Image heatmap: %1").arg(error), 5000);
            });
    updateImageAttention();
}
AttentionLab::~AttentionLab() {
    taskRunner()->stopAndWait();
    m_imageRunner->stopAndWait();
}

void AttentionLab::updateImageAttention() {
    const attention::NaParams params = m_model->imageParams();
    if (m_imageParams && m_imageParams->axes == params.axes)
        return;
    m_imageParams = params;
    const std::string why = attention::invalidReason(params, {m_photo.height, m_photo.width});
    if (!why.empty()) {
        m_imageRunner->cancel();
        m_model->setImageAttention(nullptr, QString::fromStdString(why));
        return;
    }
    auto result = std::make_shared<attention::ImageAttention>();
    const attention::RgbImage photo = m_photo;
    m_imageRunner->run(
        tr("Attention over the image"),
        [result, photo, params](const util::TaskContext& ctx) {
            *result = attention::computeImageAttention(photo, params, {}, ctx);
        },
        [this, result] { m_model->setImageAttention(result); });
}

void AttentionLab::selectImagePixel(int row, int column) {
    AttentionSettings s = m_model->settings();
    s.imageQuery = {row, column};
    if (!(s == m_model->settings()))
        undoStack()->push(new SetAttentionSettingsCmd(m_model, s, tr("Select image pixel")));
}

QString AttentionLab::paperReference() const {
    return tr("Hassani, Ke, Walton, Shi & Hassani, \"Faster Neighborhood Attention: Reducing the "
              "O(n^2) Cost of Self Attention at the Threadblock Level\", NeurIPS 2024; "
              "NATTEN (github.com/SHI-Labs/NATTEN).");
}

QWidget* AttentionLab::createCentralView(QWidget* parent) {
    m_explorer = new AttentionExplorerView(m_model, parent);
    connect(m_explorer, &AttentionExplorerView::positionClicked, this,
            &AttentionLab::selectPosition);
    return m_explorer;
}

QList<Panel*> AttentionLab::createPanels(QWidget* parent) {
    m_mask = new AttentionMaskView(m_model, nullptr);
    m_counters = new AttentionCountersPanel(m_model, parent);
    m_bench = new AttentionBenchPanel(m_model, parent);
    connect(m_bench, &AttentionBenchPanel::runRequested, this, &AttentionLab::runBenchmark);
    m_imageView = new AttentionImageView(m_model, nullptr);
    connect(m_imageView, &AttentionImageView::pixelClicked, this, &AttentionLab::selectImagePixel);
    return {new AttentionControlsPanel(m_model, undoStack(), parent),
            new AttentionMaskPanel(m_mask, parent), new AttentionImagePanel(m_imageView, parent),
            m_bench, m_counters};
}

Exportable* AttentionLab::defaultExportable() {
    return m_explorer;
}

void AttentionLab::activate() {
    // First time: a quick sweep for the default setting, so the plots show something.
    if (m_activated)
        return;
    m_activated = true;
    if (m_model->bench().isEmpty())
        runBenchmark();
}

QJsonObject AttentionLab::saveState() const {
    return m_model->settings().toJson();
}

void AttentionLab::restoreState(const QJsonObject& state) {
    if (!state.isEmpty())
        m_model->setSettings(AttentionSettings::fromJson(state));
}

void AttentionLab::selectPosition(int row, int column) {
    AttentionSettings s = m_model->settings();
    s.query = {s.rank == 1 ? s.query[0] : row, column};
    if (!(s == m_model->settings()))
        undoStack()->push(new SetAttentionSettingsCmd(m_model, s, tr("Select position")));
}

void AttentionLab::runBenchmark() {
    if (!m_model->isValid()) {
        Q_EMIT statusMessage(tr("Invalid setting: %1").arg(m_model->invalidReason()), 5000);
        return;
    }
    const AttentionSettings s = m_model->settings();
    const std::vector<int> sizes = m_model->sizes();
    const attention::NaParams base = m_model->params();
    const int reps = m_bench ? m_bench->reps() : 3;
    auto points = std::make_shared<QVector<AttentionBenchPoint>>();
    taskRunner()->run(
        tr("Benchmarking neighbourhood attention"),
        [=](const util::TaskContext& ctx) {
            std::vector<std::int64_t> shape{1};
            for (int n : sizes)
                shape.push_back(n);
            shape.push_back(s.heads);
            shape.push_back(s.headDim);
            const auto q = attention::uniformTensor(shape, 1),
                       k = attention::uniformTensor(shape, 2),
                       v = attention::uniformTensor(shape, 3);
            std::int64_t tokens = 1;
            for (int n : sizes)
                tokens *= n;
            // Kernels 1, 3, 5, ... that NATTEN accepts for this grid and dilation.
            std::vector<int> kernels;
            for (int kk = 1; kk <= s.benchMaxKernel; kk += 2) {
                attention::NaParams p = base;
                for (auto& a : p.axes) {
                    a.kernel = kk;
                    a.stride = 1;
                }
                if (attention::invalidReason(p, sizes).empty())
                    kernels.push_back(kk);
            }
            std::vector<attention::Impl> impls{attention::Impl::Naive, attention::Impl::Gemm,
                                               attention::Impl::Fused};
            if (tokens <= attention::kMaxReferenceTokens)
                impls.push_back(attention::Impl::MaskedGemm);
            std::string why;
            auto context = gpu::HeadlessContext::create(&why);
            std::unique_ptr<gpu::GpuAttention> gpuAttn;
            if (context) {
                gpuAttn = std::make_unique<gpu::GpuAttention>();
                impls.push_back(attention::Impl::GpuNaive);
                impls.push_back(attention::Impl::GpuFused);
            }
            const double total = double(kernels.size() * impls.size());
            int done = 0;
            for (int kk : kernels) {
                attention::NaOptions o;
                o.params = base;
                for (auto& a : o.params.axes) {
                    a.kernel = kk;
                    a.stride = 1;
                }
                o.threads = 1;
                for (attention::Impl impl : impls) {
                    ctx.checkCancelled();
                    ctx.report(done / total,
                               QStringLiteral("%1, k = %2")
                                   .arg(QString::fromLatin1(attention::implName(impl).data()))
                                   .arg(kk)
                                   .toStdString());
                    std::vector<double> ms;
                    for (int r = 0; r <= reps; ++r) { // r = 0 warms up
                        double gpuMs = 0;
                        const auto t0 = std::chrono::steady_clock::now();
                        if (attention::isGpuImpl(impl))
                            gpuAttn->forward(impl, q, k, v, o, ctx, &gpuMs);
                        else
                            attention::forwardCpu(impl, q, k, v, o, ctx);
                        const double wall = std::chrono::duration<double, std::milli>(
                                                std::chrono::steady_clock::now() - t0)
                                                .count();
                        if (r > 0)
                            ms.push_back(attention::isGpuImpl(impl) ? gpuMs : wall);
                    }
                    // The best run: on a shared machine other load only ever adds time.
                    points->push_back({QString::fromLatin1(attention::implName(impl).data()), kk,
                                       *std::min_element(ms.begin(), ms.end())});
                    ++done;
                }
            }
        },
        [this, points] { m_model->setBench(*points); });
}

} // namespace algoscope::ui
