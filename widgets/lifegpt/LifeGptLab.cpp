// [SECTION] lab  [SECTION] commands  [SECTION] tasks  [SECTION] teaching
#include "LifeGptLab.h"

#include "Icons.h"
#include "LifeGptBoardsView.h"
#include "LifeGptEvalPanel.h"
#include "LifeGptModelPanel.h"
#include "LifeGptRolloutPanel.h"
#include "LifeGptTrainPanel.h"
#include "TaskRunner.h"
#include "gpu/GpuCaps.h"
#include "gpu/GpuLifeGpt.h"
#include "gpu/HeadlessContext.h"
#include "life/PatternLibrary.h"
#include "tour/TourArgs.h"
#include "util/Resources.h"

#include <QAction>
#include <QFileDialog>
#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QTemporaryFile>
#include <QUndoCommand>
#include <QUndoStack>
#include <qcustomplot.h>

#include <cmath>

namespace algoscope::ui {

namespace {

/// The lab's one edit command: the input board before and after (value swap).
class LifeGptBoardCmd : public QUndoCommand {
public:
    LifeGptBoardCmd(LifeGptLab* lab, life::Board before, life::Board after, const QString& text)
        : QUndoCommand(text), m_lab(lab), m_before(std::move(before)), m_after(std::move(after)) {}
    void redo() override { m_lab->applyBoard(m_after); }
    void undo() override { m_lab->applyBoard(m_before); }

private:
    LifeGptLab* m_lab;
    life::Board m_before, m_after;
};

struct ShippedModel {
    QString name; // file name, e.g. "lifegpt-8x8.safetensors"
    std::shared_ptr<lifegpt::LifeGptModel> model;
    QString data() const { // training data mode from the metadata: "broad" or "high"
        const auto it = model->metadata().find("train.data");
        return it == model->metadata().end() ? QString() : QString::fromStdString(it->second);
    }
};

/// Every model embedded under resources/models/lifegpt*.
std::vector<ShippedModel> shippedModels() {
    std::vector<ShippedModel> out;
    for (const std::string& name : util::listResources("resources/models/lifegpt")) {
        const auto bytes = util::findResource(name);
        QTemporaryFile file;
        if (!bytes || !file.open())
            continue;
        file.write(bytes->data(), qint64(bytes->size()));
        file.flush();
        try {
            out.push_back({QString::fromStdString(name).section('/', -1),
                           std::make_shared<lifegpt::LifeGptModel>(
                               lifegpt::LifeGptModel::load(file.fileName().toStdString()))});
        } catch (const std::exception&) {
            continue; // a broken shipped file is a build defect; the tests catch it
        }
    }
    return out;
}

/// The lab's default: the shipped broad-entropy model with the largest grid (LifeGPT's own
/// training data), or nullptr when none ships.
std::shared_ptr<lifegpt::LifeGptModel> shippedModel(QString* origin) {
    const ShippedModel* best = nullptr;
    const std::vector<ShippedModel> all = shippedModels();
    for (const ShippedModel& m : all)
        if (m.data() != QLatin1String("high") && (!best || m.model->grid() > best->model->grid()))
            best = &m;
    if (!best)
        return nullptr;
    *origin = best->name;
    return best->model;
}

/// The shipped pair for the training-data comparison: a broad- and a high-entropy model of the
/// same grid (the smallest grid that has both). False when no such pair ships.
bool shippedDataPair(ShippedModel* broad, ShippedModel* high) {
    const std::vector<ShippedModel> all = shippedModels();
    bool found = false;
    for (const ShippedModel& h : all) {
        if (h.data() != QLatin1String("high"))
            continue;
        for (const ShippedModel& b : all)
            if (b.data() == QLatin1String("broad") && b.model->grid() == h.model->grid() &&
                (!found || b.model->grid() < broad->model->grid())) {
                *broad = b;
                *high = h;
                found = true;
            }
    }
    return found;
}

/// The gallery's accuracy-by-density axes: density 0..1, accuracy 0..1, legend bottom left.
void accuracyAxes(QCustomPlot& plot) {
    plot.xAxis->setLabel(QStringLiteral("initial density"));
    plot.yAxis->setLabel(QStringLiteral("accuracy"));
    plot.xAxis->setRange(0, 1);
    plot.yAxis->setRange(0, 1.02);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
}

} // namespace

// [SECTION] lab ---------------------------------------------------------------------------------

LifeGptLab::LifeGptLab() {
    QString origin;
    auto model = shippedModel(&origin);
    if (!model) {
        nn::TransformerConfig net;
        net.dim = 64;
        net.layers = 2;
        net.heads = 4;
        model = std::make_shared<lifegpt::LifeGptModel>(8, net);
        model->net().init(1);
        origin = tr("untrained 8x8 model (train one in the Training panel, or open a file)");
    }
    setModel(model, origin);

    auto* open = new QAction(tr("&Open model..."), this);
    open->setObjectName(QStringLiteral("action.lifegpt.open"));
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            nullptr, tr("Open LifeGPT model"), {}, tr("Models (*.safetensors);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !openModel(path, &error))
            QMessageBox::warning(nullptr, tr("Cannot open model"), error);
    });
    auto* save = new QAction(tr("&Save model as..."), this);
    save->setObjectName(QStringLiteral("action.lifegpt.save"));
    connect(save, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(nullptr, tr("Save LifeGPT model"), {},
                                                          tr("Models (*.safetensors)"));
        QString error;
        if (!path.isEmpty() && !saveModel(path, &error))
            QMessageBox::warning(nullptr, tr("Cannot save model"), error);
    });
    m_fileActions = {open, save};
}

LifeGptLab::~LifeGptLab() {
    taskRunner()->stopAndWait();
}

QIcon LifeGptLab::icon() const {
    return embeddedIcon(QStringLiteral("lifegpt"));
}

QString LifeGptLab::paperReference() const {
    return QStringLiteral(
        "J. Berkovich, M. J. Buehler, \"LifeGPT: Topology-Agnostic Generative Pretrained "
        "Transformer Model for Cellular Automata\", 2024 (lamm-mit/LifeGPT).");
}

QWidget* LifeGptLab::createCentralView(QWidget* parent) {
    m_view = new LifeGptBoardsView(parent);
    connect(m_view, &LifeGptBoardsView::cellToggled, this, &LifeGptLab::toggleCell);
    connect(m_view, &LifeGptBoardsView::outputCellHovered, this, &LifeGptLab::showAttention);
    refreshView();
    return m_view;
}

QList<Panel*> LifeGptLab::createPanels(QWidget* parent) {
    return {new LifeGptModelPanel(this, parent), new LifeGptRolloutPanel(this, parent),
            new LifeGptEvalPanel(this, parent), new LifeGptTrainPanel(this, parent)};
}

Exportable* LifeGptLab::defaultExportable() {
    return m_view;
}

void LifeGptLab::activate() {
    if (m_activated)
        return;
    m_activated = true;
    placePattern(QStringLiteral("glider"));
    undoStack()->clear();
}

QString LifeGptLab::modelDescription() const {
    const nn::TransformerConfig& c = m_model->net().config();
    QString text = tr("%1\n%2x%2 torus, %3 layers, %4 heads, width %5, %6 parameters")
                       .arg(m_modelOrigin)
                       .arg(m_model->grid())
                       .arg(c.layers)
                       .arg(c.heads)
                       .arg(c.dim)
                       .arg(qulonglong(nn::parameterCount(
                           const_cast<nn::TransformerLM&>(m_model->net()).parameters())));
    const auto& meta = m_model->metadata();
    if (auto it = meta.find("train.command"); it != meta.end())
        text += tr("\nTrained by: %1").arg(QString::fromStdString(it->second));
    if (auto it = meta.find("train.seconds"); it != meta.end())
        text += tr(" (%1 s)").arg(QString::fromStdString(it->second));
    return text;
}

void LifeGptLab::setModel(std::shared_ptr<lifegpt::LifeGptModel> model, const QString& origin) {
    m_model = std::move(model);
    m_modelOrigin = origin;
    m_layer = std::min(m_layer, m_model->net().config().layers - 1);
    m_head = std::min(m_head, m_model->net().config().heads - 1);
    if (int(m_board.width()) != m_model->grid()) {
        m_board = life::Board{std::uint64_t(m_model->grid()), std::uint64_t(m_model->grid())};
        undoStack()->clear(); // edits of a board of another size cannot be replayed
    }
    m_prediction.reset();
    Q_EMIT modelChanged();
    predict();
}

// [SECTION] commands ----------------------------------------------------------------------------

bool LifeGptLab::openModel(const QString& path, QString* error) {
    try {
        auto model = std::make_shared<lifegpt::LifeGptModel>(
            lifegpt::LifeGptModel::load(path.toStdString()));
        taskRunner()->stopAndWait();
        setModel(model, path.section('/', -1));
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

QStringList LifeGptLab::shippedModelNames() {
    QStringList names;
    for (const ShippedModel& m : shippedModels())
        names << m.name;
    return names;
}

bool LifeGptLab::useShippedModel(const QString& name, QString* error) {
    for (ShippedModel& m : shippedModels())
        if (m.name == name) {
            taskRunner()->stopAndWait();
            setModel(m.model, m.name);
            return true;
        }
    if (error)
        *error = tr("no shipped model '%1'").arg(name);
    return false;
}

bool LifeGptLab::saveModel(const QString& path, QString* error) {
    try {
        m_model->save(path.toStdString());
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void LifeGptLab::applyBoard(const life::Board& board) {
    m_board = board;
    predict();
}

void LifeGptLab::setBoard(const life::Board& board, const QString& what) {
    if (int(board.width()) != m_model->grid() || int(board.height()) != m_model->grid()) {
        Q_EMIT statusMessage(tr("The model predicts %1x%1 boards").arg(m_model->grid()), 8000);
        return;
    }
    undoStack()->push(new LifeGptBoardCmd(this, m_board, board, what));
}

void LifeGptLab::toggleCell(int x, int y) {
    life::Board b = m_board;
    b.set(std::uint32_t(x), std::uint32_t(y), !b.get(std::uint32_t(x), std::uint32_t(y)));
    setBoard(b, tr("Toggle cell %1,%2").arg(x).arg(y));
}

void LifeGptLab::placePattern(const QString& id) {
    const life::LibraryPattern* p = life::PatternLibrary::instance().find(id.toStdString());
    const int n = m_model->grid();
    if (!p || int(p->width()) > n || int(p->height()) > n) {
        Q_EMIT statusMessage(tr("%1 does not fit on a %2x%2 board").arg(id).arg(n), 8000);
        return;
    }
    life::Board b{std::uint64_t(n), std::uint64_t(n)};
    b.paste(p->pattern.cells, (n - int(p->width())) / 2, (n - int(p->height())) / 2);
    setBoard(b, QString::fromStdString(p->name));
}

void LifeGptLab::randomBoard(double density, quint64 seed) {
    util::Rng rng(seed);
    setBoard(lifegpt::randomBoardWithDensity(m_model->grid(), std::clamp(density, 0.0, 1.0), rng),
             tr("Random board, density %1").arg(density));
}

void LifeGptLab::setAttentionHead(int layer, int head) {
    m_layer = std::clamp(layer, 0, m_model->net().config().layers - 1);
    m_head = std::clamp(head, 0, m_model->net().config().heads - 1);
    if (m_view)
        m_view->setAttention(-1, {});
}

void LifeGptLab::refreshView() {
    if (!m_view)
        return;
    std::optional<life::Board> predicted;
    std::vector<float> confidence;
    if (m_prediction) {
        predicted = m_prediction->board;
        confidence = m_prediction->confidence;
    }
    m_view->setBoards(m_board, m_truth, predicted, confidence);
    m_view->setCaption(tr("Click input cells to edit. Hover a predicted cell to see where layer "
                          "%1, head %2 attends on the input (blue).")
                           .arg(m_layer + 1)
                           .arg(m_head + 1));
}

void LifeGptLab::showAttention(int outputCell) {
    if (!m_view)
        return;
    if (outputCell < 0 || !m_prediction) {
        m_view->setAttention(-1, {});
        return;
    }
    // One forward pass of the (small) model on the GUI thread (about a millisecond for 8x8
    // here), on a private copy: attentionOnInput fills caches, and a task may be using the
    // shared model at the same time.
    try {
        lifegpt::LifeGptModel copy = m_model->clone();
        m_view->setAttention(outputCell, copy.attentionOnInput(m_board, m_prediction->board,
                                                               m_layer, m_head, outputCell));
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(QString::fromUtf8(e.what()), 8000);
    }
}

// [SECTION] tasks -------------------------------------------------------------------------------

void LifeGptLab::predict() {
    m_truth = lifegpt::lifeStep(m_board);
    m_prediction.reset();
    refreshView();
    auto model = m_model;
    const life::Board board = m_board;
    auto result = std::make_shared<lifegpt::LifeGptModel::Prediction>();
    taskRunner()->run(
        tr("LifeGPT: predict"),
        [model, board, result](const util::TaskContext& ctx) {
            *result = model->predict({board}, 0.0, nullptr, ctx)[0];
        },
        [this, result] {
            m_prediction = *result;
            refreshView();
            Q_EMIT predictionChanged();
        });
}

void LifeGptLab::runRollout(int steps) {
    auto model = m_model;
    const life::Board board = m_board;
    auto result = std::make_shared<lifegpt::Rollout>();
    taskRunner()->run(
        tr("LifeGPT: rollout of %1 steps").arg(steps),
        [model, board, steps, result](const util::TaskContext& ctx) {
            *result = lifegpt::rollout(*model, board, steps, 0.0, 1, ctx);
        },
        [this, result] { Q_EMIT rolloutFinished(*result); });
}

void LifeGptLab::runEvaluation(int boards, quint64 seed, bool gpu) {
    auto model = m_model;
    auto result = std::make_shared<lifegpt::Evaluation>();
    auto engine = std::make_shared<QString>(tr("CPU"));
    auto fallback = std::make_shared<QString>();
    taskRunner()->run(
        gpu ? tr("LifeGPT: evaluating on %1 boards (GPU)").arg(boards)
            : tr("LifeGPT: evaluating on %1 boards").arg(boards),
        [model, boards, seed, gpu, result, engine, fallback](const util::TaskContext& ctx) {
            if (!gpu) {
                *result = lifegpt::evaluate(*model, boards, seed, ctx);
                return;
            }
            // The context and decoder live and die on this task's thread; every failure to set
            // them up leaves the CPU twin to do the work.
            std::string why;
            std::unique_ptr<gpu::HeadlessContext> context = gpu::HeadlessContext::create(&why);
            std::unique_ptr<gpu::GpuLifeGpt> decoder;
            if (context) {
                try {
                    decoder = std::make_unique<gpu::GpuLifeGpt>(*model);
                } catch (const std::exception& e) {
                    why = e.what();
                }
            }
            if (!decoder) {
                *fallback = QString::fromStdString(why);
                *result = lifegpt::evaluate(*model, boards, seed, ctx);
                return;
            }
            *engine = tr("GPU (%1)").arg(QString::fromStdString(gpu::GpuCaps::probe().renderer()));
            *result = lifegpt::evaluate(
                *model, boards, seed, ctx,
                [&decoder](const std::vector<life::Board>& b, const util::TaskContext& c) {
                    return decoder->predict(b, c);
                });
            decoder.reset(); // GL objects go while the context is still current
        },
        [this, result, engine, fallback] {
            if (!fallback->isEmpty())
                Q_EMIT statusMessage(
                    tr("GPU evaluation unavailable (%1); evaluated on the CPU").arg(*fallback),
                    10000);
            Q_EMIT evaluationFinished(*result, *engine);
        });
}

void LifeGptLab::runDataComparison(int boards, quint64 seed) {
    ShippedModel broad, high;
    if (!shippedDataPair(&broad, &high)) {
        Q_EMIT statusMessage(tr("No shipped pair of broad- and high-entropy models to compare"),
                             10000);
        return;
    }
    auto result = std::make_shared<DataComparison>();
    result->broadModel = broad.name;
    result->highModel = high.name;
    taskRunner()->run(
        tr("LifeGPT: broad vs high-entropy training, %1 boards each").arg(boards),
        [broad, high, boards, seed, result](const util::TaskContext& ctx) {
            // The same held-out boards (one seed) for both models; the progress bar runs once
            // per model.
            result->broad = lifegpt::evaluate(*broad.model, boards, seed, ctx);
            result->high = lifegpt::evaluate(*high.model, boards, seed, ctx);
        },
        [this, result] { Q_EMIT dataComparisonFinished(*result); });
}

void LifeGptLab::train(const lifegpt::TrainConfig& config) {
    std::shared_ptr<lifegpt::Trainer> trainer;
    try {
        trainer = std::make_shared<lifegpt::Trainer>(config);
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(QString::fromUtf8(e.what()), 10000);
        return;
    }
    QPointer<LifeGptLab> self(this);
    taskRunner()->run(
        tr("LifeGPT: training"),
        [trainer, self](const util::TaskContext& ctx) {
            trainer->run(
                [self](const lifegpt::TrainProgress& p) {
                    // Every 10th step reaches the GUI (queued to its thread).
                    if (p.step % 10 != 0 && p.step != p.steps)
                        return;
                    QMetaObject::invokeMethod(
                        self.data(),
                        [self, p] {
                            if (self)
                                Q_EMIT self->trainingProgress(p);
                        },
                        Qt::QueuedConnection);
                },
                ctx);
        },
        [this, trainer, config] {
            auto model = std::make_shared<lifegpt::LifeGptModel>(trainer->model());
            nn::Metadata meta = lifegpt::trainMetadata(config);
            meta["train.command"] = "algoscope (LifeGPT lab, Training panel)";
            model->setMetadata(meta);
            setModel(model, tr("model trained in this session"));
            Q_EMIT statusMessage(tr("Training finished: the new model is in use (File > Save "
                                    "model as... keeps it)"),
                                 10000);
        });
}

// [SECTION] teaching ------------------------------------------------------------------------------

QList<TourActionSpec> LifeGptLab::tourActions() const {
    return {
        {QStringLiteral("placePattern"),
         {QStringLiteral("pattern")},
         {},
         tr("Model and board panel: choose the pattern and press Place")},
        {QStringLiteral("randomBoard"),
         {QStringLiteral("density")},
         {QStringLiteral("seed")},
         tr("Model and board panel: set the density and press Random board")},
        {QStringLiteral("attention"),
         {QStringLiteral("layer"), QStringLiteral("head")},
         {},
         tr("Model and board panel: choose the layer and head, then hover a predicted cell")},
        {QStringLiteral("rollout"),
         {QStringLiteral("steps")},
         {},
         tr("Rollout panel: set the steps and press Roll out")},
        {QStringLiteral("evaluate"),
         {QStringLiteral("boards")},
         {},
         tr("Accuracy by density panel: set the number of boards and press Evaluate")},
        {QStringLiteral("compareTrainingData"),
         {},
         {QStringLiteral("boards")},
         tr("Accuracy by density panel: set the number of boards and press Broad vs high "
            "entropy")},
    };
}

bool LifeGptLab::applyTourAction(const QString& name, const QJsonObject& args, QString* error) {
    using tourargs::fail;
    using tourargs::intArg;
    using tourargs::numberArg;
    if (name == QLatin1String("placePattern")) {
        QString id;
        if (!tourargs::stringArg(args, "pattern", &id, error))
            return false;
        if (!life::PatternLibrary::instance().find(id.toStdString()))
            return fail(error, tr("no bundled pattern '%1'").arg(id));
        placePattern(id);
        return true;
    }
    if (name == QLatin1String("randomBoard")) {
        double density = 0.5;
        int seed = 1;
        if (!numberArg(args, "density", 0, 1, false, &density, error) ||
            !intArg(args, "seed", 0, 1 << 30, &seed, error))
            return false;
        randomBoard(density, quint64(seed));
        return true;
    }
    if (name == QLatin1String("attention")) {
        const auto& config = m_model->net().config();
        int layer = 1, head = 1;
        if (!intArg(args, "layer", 1, config.layers, &layer, error) ||
            !intArg(args, "head", 1, config.heads, &head, error))
            return false;
        setAttentionHead(layer - 1, head - 1);
        return true;
    }
    if (name == QLatin1String("rollout")) {
        int steps = 1;
        if (!intArg(args, "steps", 1, 1000, &steps, error))
            return false;
        runRollout(steps);
        return true;
    }
    if (name == QLatin1String("evaluate") || name == QLatin1String("compareTrainingData")) {
        int boards = 200;
        if (!intArg(args, "boards", 10, 100000, &boards, error))
            return false;
        if (name == QLatin1String("evaluate"))
            runEvaluation(boards, 12345);
        else
            runDataComparison(boards, 12345);
        return true;
    }
    return Lab::applyTourAction(name, args, error);
}

QList<GalleryFigure> LifeGptLab::galleryFigures() const {
    // The paper's evaluation figure needs a trained model: only the shipped one counts.
    QString origin;
    std::shared_ptr<lifegpt::LifeGptModel> shipped = shippedModel(&origin);
    if (!shipped)
        return {};
    GalleryFigure fig;
    fig.id = QStringLiteral("lifegpt-accuracy-by-density");
    fig.title = QStringLiteral("LifeGPT: next-state accuracy by initial density");
    fig.caption =
        QStringLiteral(
            "The shipped LifeGPT-style model (%1), trained here on broad-entropy boards, "
            "predicting "
            "the next state of 1,000 held-out random torus boards whose densities are spread over "
            "ten bins (seed 12345), greedy decoding. As in Berkovich & Buehler's figure, accuracy "
            "is shown per initial density: cell accuracy and the fraction of boards exactly right.")
            .arg(origin);
    fig.make = [shipped](const util::TaskContext& ctx) {
        const lifegpt::Evaluation ev = lifegpt::evaluate(*shipped, 1000, 12345, ctx);
        FigureDrawing d;
        d.csv = "density_from,density_to,boards,cell_accuracy,board_accuracy\n";
        for (const auto& b : ev.byDensity)
            d.csv += QByteArray::number(b.lo) + ',' + QByteArray::number(b.hi) + ',' +
                     QByteArray::number(qulonglong(b.boards)) + ',' +
                     QByteArray::number(b.cellAccuracy(), 'g', 8) + ',' +
                     QByteArray::number(b.boardAccuracy(), 'g', 8) + '\n';
        d.details = QStringLiteral("Measured: cell accuracy %1, boards exactly right %2 of %3.")
                        .arg(ev.cellAccuracy(), 0, 'f', 5)
                        .arg(ev.boardsExact)
                        .arg(ev.boards);
        d.paint = paintPlot([ev](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            addAccuracyCurves(plot, ev, {}, 0, 7);
            accuracyAxes(plot);
        });
        return d;
    };
    QList<GalleryFigure> figures{fig};

    // LifeGPT's comparison of training data, when a broad/high pair of the same grid ships.
    ShippedModel broad, high;
    if (!shippedDataPair(&broad, &high))
        return figures;
    GalleryFigure cmp;
    cmp.id = QStringLiteral("lifegpt-broad-vs-high-entropy");
    cmp.title = QStringLiteral("LifeGPT: broad- vs high-entropy training data");
    cmp.caption =
        QStringLiteral(
            "Two LifeGPT-style models of the same size, trained here with the same command and "
            "steps, one on broad-entropy boards (density uniform in [0, 1]: %1) and one on "
            "high-entropy boards (density 0.5: %2), predicting the same 1,000 held-out random "
            "torus boards (seed 12345, densities over ten bins), greedy decoding. Solid: cell "
            "accuracy; dashed: boards exactly right. Berkovich & Buehler report that the "
            "high-entropy model fails away from density 0.5; compare with the measured curves.")
            .arg(broad.name, high.name);
    cmp.make = [broad, high](const util::TaskContext& ctx) {
        const lifegpt::Evaluation b = lifegpt::evaluate(*broad.model, 1000, 12345, ctx);
        const lifegpt::Evaluation h = lifegpt::evaluate(*high.model, 1000, 12345, ctx);
        FigureDrawing d;
        d.csv = "density_from,density_to,boards,broad_cell_accuracy,broad_board_accuracy,"
                "high_cell_accuracy,high_board_accuracy\n";
        for (std::size_t i = 0; i < b.byDensity.size(); ++i)
            d.csv += QByteArray::number(b.byDensity[i].lo) + ',' +
                     QByteArray::number(b.byDensity[i].hi) + ',' +
                     QByteArray::number(qulonglong(b.byDensity[i].boards)) + ',' +
                     QByteArray::number(b.byDensity[i].cellAccuracy(), 'g', 8) + ',' +
                     QByteArray::number(b.byDensity[i].boardAccuracy(), 'g', 8) + ',' +
                     QByteArray::number(h.byDensity[i].cellAccuracy(), 'g', 8) + ',' +
                     QByteArray::number(h.byDensity[i].boardAccuracy(), 'g', 8) + '\n';
        d.details = QStringLiteral("Measured: broad entropy cell accuracy %1, boards exact %2 of "
                                   "%3; high entropy cell accuracy %4, boards exact %5 of %6.")
                        .arg(b.cellAccuracy(), 0, 'f', 5)
                        .arg(b.boardsExact)
                        .arg(b.boards)
                        .arg(h.cellAccuracy(), 0, 'f', 5)
                        .arg(h.boardsExact)
                        .arg(h.boards);
        d.paint = paintPlot([b, h](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            addAccuracyCurves(plot, b, QStringLiteral("broad"), 0, 7);
            addAccuracyCurves(plot, h, QStringLiteral("high"), 1, 7);
            accuracyAxes(plot);
        });
        return d;
    };
    figures << cmp;
    return figures;
}

} // namespace algoscope::ui
