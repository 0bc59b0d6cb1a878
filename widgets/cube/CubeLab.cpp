// [SECTION] lab  [SECTION] editing  [SECTION] solving  [SECTION] playback  [SECTION] tour
#include "CubeLab.h"

#include "CubeComparePanel.h"
#include "CubeControlsPanel.h"
#include "CubeStatsPanel.h"
#include "CubeTrainPanel.h"
#include "CubeView.h"
#include "Icons.h"
#include "TaskRunner.h"
#include "cube/PocketTable.h"
#include "cube/QNetwork.h"

#include <QAction>
#include <QFileDialog>
#include <QMessageBox>
#include <QUndoCommand>
#include <QUndoStack>

#include <chrono>
#include <cmath>

namespace algoscope::ui {

namespace {

class CubeStateCmd : public QUndoCommand {
public:
    CubeStateCmd(CubeLab* lab, int beforeSize, QString before, int afterSize, QString after,
                 const QString& text)
        : QUndoCommand(text), m_lab(lab), m_beforeSize(beforeSize), m_afterSize(afterSize),
          m_before(std::move(before)), m_after(std::move(after)) {}
    void redo() override { m_lab->applyState(m_afterSize, m_after); }
    void undo() override { m_lab->applyState(m_beforeSize, m_before); }

private:
    CubeLab* m_lab;
    int m_beforeSize, m_afterSize;
    QString m_before, m_after;
};

} // namespace

// [SECTION] lab ------------------------------------------------------------------------------

CubeLab::CubeLab() {
    auto* open = new QAction(tr("&Open Q-network..."), this);
    open->setObjectName(QStringLiteral("action.cube.openModel"));
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            nullptr, tr("Open cube Q-network"), {}, tr("Models (*.safetensors);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !openModel(path, &error))
            QMessageBox::warning(nullptr, tr("Cannot open model"), error);
    });
    m_fileActions = {open};
}

CubeLab::~CubeLab() {
    taskRunner()->stopAndWait();
}

QIcon CubeLab::icon() const {
    return embeddedIcon(QStringLiteral("cube"));
}

QString CubeLab::paperReference() const {
    return QStringLiteral(
        "F. Agostinelli, S. A. Shperberg, A. Shmakov, S. McAleer, R. Fox, P. Baldi, \"Q* Search: "
        "Heuristic Search with Deep Q-Networks\" (A* Search Without Expansions), 2024; "
        "DeepCubeA: Agostinelli et al., Nature Machine Intelligence 1, 2019.");
}

QWidget* CubeLab::createCentralView(QWidget* parent) {
    m_view = new CubeView(parent);
    connect(m_view, &CubeView::moveRequested, this, &CubeLab::applyUserMove);
    connect(m_view, &CubeView::animationFinished, this, [this] {
        if (!m_playing)
            return;
        if (m_position >= int(m_solution.size())) {
            pause();
            return;
        }
        stepForward();
    });
    m_view->setCube(currentCube());
    return m_view;
}

QList<Panel*> CubeLab::createPanels(QWidget* parent) {
    return {new CubeControlsPanel(this, parent), new CubeStatsPanel(this, parent),
            new CubeTrainPanel(this, parent), new CubeComparePanel(this, parent)};
}

Exportable* CubeLab::defaultExportable() {
    return m_view;
}

void CubeLab::activate() {}

cube::Cube CubeLab::currentCube() const {
    cube::Cube c(m_size);
    c.apply(m_scrambleMoves);
    for (int i = 0; i < m_position && i < int(m_solution.size()); ++i)
        c.apply(m_solution[std::size_t(i)]);
    return c;
}

// [SECTION] editing ----------------------------------------------------------------------------

void CubeLab::applyState(int size, const QString& scramble) {
    taskRunner()->cancel();
    m_size = size;
    m_scramble = scramble;
    m_scrambleMoves = cube::parseMoves(scramble.toStdString(), size); // validated before the push
    m_solution.clear();
    m_position = 0;
    m_playing = false;
    m_stats.reset();
    if (m_view)
        m_view->setCube(currentCube());
    Q_EMIT stateChanged();
    Q_EMIT solutionChanged();
}

void CubeLab::setSize(int n) {
    if (n == m_size || (n != 2 && n != 3))
        return;
    undoStack()->push(
        new CubeStateCmd(this, m_size, m_scramble, n, QString(), tr("%1x%1x%1 cube").arg(n)));
}

bool CubeLab::setScramble(const QString& text, QString* error) {
    try {
        cube::parseMoves(text.toStdString(), m_size);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    if (text.simplified() == m_scramble.simplified())
        return true;
    undoStack()->push(
        new CubeStateCmd(this, m_size, m_scramble, m_size, text.simplified(), tr("Scramble")));
    return true;
}

void CubeLab::randomScramble(int moves, quint64 seed) {
    util::Rng rng(seed);
    setScramble(
        QString::fromStdString(cube::toString(cube::randomQuarterTurns(m_size, moves, rng))));
}

void CubeLab::applyUserMove(const cube::Move& m) {
    const QString next = (m_scramble.isEmpty() ? QString() : m_scramble + QLatin1Char(' ')) +
                         QString::fromStdString(m.name);
    undoStack()->push(new CubeStateCmd(this, m_size, m_scramble, m_size, next,
                                       tr("Turn %1").arg(QString::fromStdString(m.name))));
}

bool CubeLab::openModel(const QString& path, QString* error) {
    try {
        setModel(std::make_shared<cube::QNetwork>(cube::QNetwork::load(path.toStdString())),
                 path.section('/', -1));
        return true;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void CubeLab::setModel(std::shared_ptr<cube::QNetwork> model, const QString& name) {
    m_model = std::move(model); // a running solve keeps its own reference
    m_modelShipped = false;
    m_modelName = m_model ? name : QString();
    Q_EMIT stateChanged();
}

// [SECTION] solving --------------------------------------------------------------------------

void CubeLab::solve(const QString& method, int batch, double lambda) {
    pause();
    const cube::Cube start = [this] {
        cube::Cube c(m_size);
        c.apply(m_scrambleMoves);
        return c;
    }();
    if (method == QLatin1String("optimal") && m_size != 2) {
        Q_EMIT statusMessage(tr("The exact optimal solver is for the 2x2x2"), 8000);
        return;
    }
    // Without a network of the user's, Q* and A* use the one shipped for this size, if any.
    if (method != QLatin1String("optimal") &&
        (!m_model || (m_modelShipped && m_model->cubeSize() != m_size))) {
        try {
            if (auto shipped = cube::QNetwork::shipped(m_size, 12)) {
                setModel(std::make_shared<cube::QNetwork>(std::move(*shipped)),
                         QString::fromStdString(cube::QNetwork::shippedName(m_size, 12))
                             .section('/', -1));
                m_modelShipped = true;
            }
        } catch (const std::exception& e) {
            Q_EMIT statusMessage(tr("The shipped network is damaged: %1").arg(e.what()), 10000);
        }
    }
    if (method != QLatin1String("optimal") && !m_model) {
        Q_EMIT statusMessage(tr("Open a trained Q-network first (File > Open Q-network...; "
                                "train one with algoscope-cli cube train)"),
                             10000);
        return;
    }
    if (m_model && method != QLatin1String("optimal") && m_model->cubeSize() != m_size) {
        Q_EMIT statusMessage(tr("The loaded network is for the %1x%1x%1").arg(m_model->cubeSize()),
                             8000);
        return;
    }
    auto model = m_model;
    auto out = std::make_shared<CubeSolveStats>();
    out->method = method;
    const int n = m_size;
    taskRunner()->run(
        tr("Cube: solving with %1").arg(method),
        [=](const util::TaskContext& ctx) {
            const auto t0 = std::chrono::steady_clock::now();
            std::optional<cube::PocketTable> table;
            if (n == 2)
                table = cube::PocketTable::build(cube::Metric::Quarter, ctx);
            if (method == QLatin1String("optimal")) {
                out->result.solution = table->solve(start);
                out->result.solved = true;
                out->result.pathCost = int(out->result.solution.size());
                out->result.nodesGenerated = cube::PocketTable::kStates;
                out->result.seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            } else {
                const cube::ActionSpace actions(n, model->actions());
                cube::SearchLimits lim;
                lim.batch = batch;
                lim.lambda = lambda;
                lim.maxNodes = 5'000'000;
                lim.maxSeconds = 120;
                out->result =
                    method == QLatin1String("qstar")
                        ? cube::qstarSearch(start, actions, model->asQFunction(), lim, ctx)
                        : cube::astarSearch(start, actions, model->asQFunction(), lim, ctx);
            }
            if (table)
                out->optimalLength = table->distance(start);
        },
        [this, out] {
            m_stats = *out;
            m_solution = out->result.solved ? out->result.solution : std::vector<cube::Move>{};
            m_position = 0;
            if (m_view)
                m_view->setCube(currentCube());
            Q_EMIT solutionChanged();
            if (!out->result.solved)
                Q_EMIT statusMessage(
                    tr("No solution: %1").arg(QString::fromStdString(out->result.stopReason)),
                    10000);
        });
}

// [SECTION] playback -----------------------------------------------------------------------------

void CubeLab::showPosition(bool animateLast) {
    if (!m_view)
        return;
    if (animateLast && m_position > 0) {
        cube::Cube before(m_size);
        before.apply(m_scrambleMoves);
        for (int i = 0; i + 1 < m_position; ++i)
            before.apply(m_solution[std::size_t(i)]);
        m_view->setCube(before);
        m_view->animate(m_solution[std::size_t(m_position - 1)], 1000 / std::max(1, m_speed));
    } else {
        m_view->setCube(currentCube());
    }
    Q_EMIT playbackChanged();
}

void CubeLab::play() {
    if (m_solution.empty())
        return;
    if (m_position >= int(m_solution.size()))
        m_position = 0;
    m_playing = true;
    stepForward();
}

void CubeLab::pause() {
    m_playing = false;
    Q_EMIT playbackChanged();
}

void CubeLab::togglePlay() {
    m_playing ? pause() : play();
}

void CubeLab::stepForward() {
    if (m_position >= int(m_solution.size())) {
        m_playing = false;
        Q_EMIT playbackChanged();
        return;
    }
    ++m_position;
    showPosition(true);
    if (!m_view && m_playing) // headless: no animation to wait for
        stepForward();
}

void CubeLab::stepBack() {
    pause();
    if (m_position > 0)
        --m_position;
    showPosition(false);
}

void CubeLab::seek(int position) {
    pause();
    m_position = std::clamp(position, 0, int(m_solution.size()));
    showPosition(false);
}

void CubeLab::setSpeed(int movesPerSecond) {
    m_speed = std::clamp(movesPerSecond, 1, 30);
}

// [SECTION] tour
// -----------------------------------------------------------------------------------

QList<TourActionSpec> CubeLab::tourActions() const {
    return {
        {QStringLiteral("setSize"),
         {QStringLiteral("size")},
         {},
         tr("Controls: choose 2x2x2 or 3x3x3")},
        {QStringLiteral("scramble"),
         {QStringLiteral("moves")},
         {},
         tr("Controls: type the scramble")},
        {QStringLiteral("randomScramble"),
         {QStringLiteral("moves")},
         {QStringLiteral("seed")},
         tr("Controls: set the number of moves and press Random")},
        {QStringLiteral("solve"),
         {QStringLiteral("method")},
         {},
         tr("Controls: choose the method and press Solve")},
        {QStringLiteral("play"), {}, {}, tr("Playback: press Play")},
    };
}

bool CubeLab::applyTourAction(const QString& name, const QJsonObject& args, QString* error) {
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (name == QLatin1String("setSize")) {
        const int n = args.value(QLatin1String("size")).toInt();
        if (n != 2 && n != 3)
            return fail(tr("'size' is 2 or 3"));
        setSize(n);
        return true;
    }
    if (name == QLatin1String("scramble"))
        return setScramble(args.value(QLatin1String("moves")).toString(), error);
    if (name == QLatin1String("randomScramble")) {
        const int moves = args.value(QLatin1String("moves")).toInt(-1);
        if (moves < 0 || moves > 1000)
            return fail(tr("'moves' is 0 to 1000"));
        randomScramble(moves, quint64(args.value(QLatin1String("seed")).toInt(1)));
        return true;
    }
    if (name == QLatin1String("solve")) {
        const QString method = args.value(QLatin1String("method")).toString();
        if (method != QLatin1String("optimal") && method != QLatin1String("qstar") &&
            method != QLatin1String("astar"))
            return fail(tr("'method' is optimal, qstar or astar"));
        solve(method, 100, 0.6);
        return true;
    }
    if (name == QLatin1String("play")) {
        play();
        return true;
    }
    return Lab::applyTourAction(name, args, error);
}

} // namespace algoscope::ui
