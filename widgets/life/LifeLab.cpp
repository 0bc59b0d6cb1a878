// [SECTION] construction  [SECTION] simulation  [SECTION] editing  [SECTION] files
// [SECTION] state
#include "LifeLab.h"

#include "Icons.h"
#include "LifeCanvas.h"
#include "LifeCommands.h"
#include "LifeControlsPanel.h"
#include "LifeModel.h"
#include "LifePatternsPanel.h"
#include "LifePlotPanel.h"
#include "LifeSimulator.h"
#include "LifeStatsPanel.h"
#include "LifeUniverse.h"
#include "LifeUniversePanel.h"
#include "LifeUniverseView.h"
#include "PlotView.h"
#include "TaskRunner.h"

#include "life/PatternFile.h"
#include "life/Rle.h"
#include "life/Soup.h"
#include "util/Error.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTimer>
#include <QUndoStack>

#include <qcustomplot.h>

namespace algoscope::ui {

// [SECTION] construction ---------------------------------------------------------------------

LifeLab::LifeLab()
    : m_model(new LifeModel(this)), m_sim(std::make_shared<LifeSimulator>()),
      m_frameTimer(new QTimer(this)), m_plotTimer(new QTimer(this)) {
    m_frameTimer->setSingleShot(true);
    connect(m_frameTimer, &QTimer::timeout, this, [this] {
        if (m_playing)
            runGenerations(std::uint64_t(m_model->settings().generationsPerStep), true);
    });
    // The plot is redrawn at most 5 times a second, whatever the generation rate.
    m_plotTimer->setSingleShot(true);
    m_plotTimer->setInterval(200);
    connect(m_plotTimer, &QTimer::timeout, this, &LifeLab::updatePlot);
    connect(m_model, &LifeModel::statsChanged, this, [this] {
        if (!m_plotTimer->isActive())
            m_plotTimer->start();
    });
    connect(taskRunner(), &TaskRunner::finished, this,
            [this](const QString&, bool ok, bool cancelled, const QString& error) {
                if (cancelled && m_cancelledForEdit) {
                    m_cancelledForEdit = false;
                    scheduleNextFrame(); // an edit interrupted the step: keep playing
                } else if (!ok && m_playing) {
                    pause(); // user cancel or an error: stop, keep the board shown
                }
                if (!error.isEmpty())
                    Q_EMIT statusMessage(tr("Life: %1").arg(error), 10000);
            });
    m_universe = new LifeUniverse(taskRunner(), this);
    connect(m_model, &LifeModel::settingsChanged, this, &LifeLab::applyTopologyMode);
    createActions();
    m_model->loadBoard(life::randomSoup(256, 256, 0.35, 1));
}

LifeLab::~LifeLab() {
    // The running step uses m_sim and the model's data: stop it before members go away.
    taskRunner()->stopAndWait();
}

QIcon LifeLab::icon() const {
    return embeddedIcon(QStringLiteral("life"));
}

QString LifeLab::paperReference() const {
    return tr("M. Gardner, \"Mathematical Games: The fantastic combinations of John Conway's new "
              "solitaire "
              "game 'life'\", Scientific American 223 (1970); bit-parallel update after Fujita, "
              "Nakano & Ito (2016); "
              "file formats after Golly (golly.sourceforge.net).");
}

QWidget* LifeLab::createCentralView(QWidget* parent) {
    m_canvas = new LifeCanvas(m_model, parent);
    connect(m_canvas, &LifeCanvas::strokeStarted, this, [this](QPoint c) { onStroke(c, true); });
    connect(m_canvas, &LifeCanvas::strokeMoved, this, [this](QPoint c) { onStroke(c, false); });
    connect(m_canvas, &LifeCanvas::strokeFinished, this, &LifeLab::finishStroke);
    connect(m_canvas, &LifeCanvas::selectionDragged, m_model, &LifeModel::setSelection);
    connect(m_canvas, &LifeCanvas::placeRequested, this, &LifeLab::place);
    connect(m_canvas, &LifeCanvas::placementCancelled, this, [this] {
        m_placement = life::Board();
        m_canvas->cancelPlacement();
    });
    connect(m_canvas, &LifeCanvas::togglePlayRequested, this, &LifeLab::togglePlay);
    connect(m_canvas, &LifeCanvas::fileDropped, this, [this](const QString& path) {
        QString error;
        if (!openPattern(path, &error))
            QMessageBox::warning(m_canvas, tr("Cannot open pattern"), error);
    });
    connect(m_model, &LifeModel::boardChanged, this, [this](const QRect& r) {
        // A new board size: show all of it.
        const QSize size(int(m_model->board().width()), int(m_model->board().height()));
        if (r.isNull() && size != m_lastBoardSize && m_canvas) {
            m_lastBoardSize = size;
            m_canvas->fitBoard();
        }
    });
    QTimer::singleShot(0, m_canvas, &LifeCanvas::fitBoard);
    // The unbounded plane has its own view (level-of-detail rendering from the quadtree); the
    // stack shows whichever the topology asks for.
    m_centralStack = new QStackedWidget(parent);
    m_centralStack->addWidget(m_canvas);
    m_universeView = new LifeUniverseView(m_universe, m_centralStack);
    m_centralStack->addWidget(m_universeView);
    m_centralStack->setCurrentWidget(m_unboundedShown ? static_cast<QWidget*>(m_universeView)
                                                      : static_cast<QWidget*>(m_canvas));
    return m_centralStack;
}

void LifeLab::applyTopologyMode() {
    const bool unbounded = m_model->settings().topology == life::Topology::Unbounded;
    if (unbounded == m_unboundedShown)
        return;
    pause();
    if (unbounded) {
        // Start the unbounded run from the board shown, centred on the origin.
        taskRunner()->stopAndWait();
        QString error;
        if (!m_universe->load(m_model->board(), m_model->rule(), &error)) {
            Q_EMIT statusMessage(tr("Life: %1").arg(error), 10000);
            LifeSettings s = m_model->settings();
            s.topology = life::Topology::Torus;
            m_model->setSettings(s); // back to the torus (re-enters this function)
            return;
        }
    } else {
        // The bounded engine restarts from the board shown.
        m_model->setEngineStale(true);
    }
    m_unboundedShown = unbounded;
    if (m_centralStack) {
        m_centralStack->setCurrentWidget(unbounded ? static_cast<QWidget*>(m_universeView)
                                                   : static_cast<QWidget*>(m_canvas));
        if (unbounded)
            QTimer::singleShot(0, m_universeView, &LifeUniverseView::fitPattern);
        if (unbounded && m_universePanel)
            m_universePanel->raise(); // its statistics replace the bounded board's
    }
}

QList<Panel*> LifeLab::createPanels(QWidget* parent) {
    m_plot = new PlotView(QStringLiteral("life-population"));
    QCustomPlot* plot = m_plot->plot();
    plot->xAxis->setLabel(tr("generation"));
    plot->yAxis->setLabel(tr("population"));
    QCPGraph* g = plot->addGraph();
    g->setName(tr("population"));
    g->setPen(QPen(QColor(40, 120, 220), 1.5));
    plot->legend->setVisible(false);
    return {new LifeControlsPanel(this, parent), new LifePatternsPanel(this, parent),
            new LifeStatsPanel(m_model, parent), new LifePlotPanel(m_plot, parent),
            m_universePanel = new LifeUniversePanel(this, m_universe, m_universeView, parent)};
}

Exportable* LifeLab::defaultExportable() {
    // On the unbounded plane the quadtree view is the one on screen.
    if (m_universeView && m_model->settings().topology == life::Topology::Unbounded)
        return m_universeView;
    return m_canvas;
}

void LifeLab::activate() {
    if (m_activated)
        return;
    m_activated = true;
    if (m_canvas)
        m_canvas->fitBoard();
}

void LifeLab::createActions() {
    auto add = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_actions << a;
        return a;
    };
    auto separator = [this] {
        auto* s = new QAction(this);
        s->setSeparator(true);
        m_actions << s;
    };
    QAction* open = add(tr("&Open pattern..."), QKeySequence::Open, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_canvas, tr("Open pattern"), QString(), tr("Patterns (*.rle *.cells);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !openPattern(path, &error))
            QMessageBox::warning(m_canvas, tr("Cannot open pattern"), error);
    });
    QAction* save = add(tr("&Save pattern..."), QKeySequence::Save, [this] {
        const QString path = QFileDialog::getSaveFileName(m_canvas, tr("Save pattern"),
                                                          QStringLiteral("pattern.rle"),
                                                          tr("RLE (*.rle);;Plaintext (*.cells)"));
        QString error;
        if (!path.isEmpty() && !savePattern(path, &error))
            QMessageBox::warning(m_canvas, tr("Cannot save pattern"), error);
    });
    // Open and save belong to the File menu (MainWindow shows fileActions() there).
    m_actions.removeAll(open);
    m_actions.removeAll(save);
    m_fileActions = {open, save};
    m_playAction = add(tr("&Play"), QKeySequence(Qt::Key_Return), &LifeLab::togglePlay);
    add(tr("S&tep"), QKeySequence(Qt::Key_Tab), &LifeLab::stepOnce);
    add(tr("Step &N"), QKeySequence(tr("Ctrl+Shift+N")), &LifeLab::stepN);
    add(tr("&Reset"), QKeySequence(tr("Ctrl+R")), &LifeLab::reset);
    separator();
    add(tr("Select &all"), QKeySequence::SelectAll, &LifeLab::selectAll);
    add(tr("&Copy selection"), QKeySequence::Copy, &LifeLab::copySelection);
    add(tr("&Paste"), QKeySequence::Paste, &LifeLab::paste);
    add(tr("C&lear selection"), QKeySequence::Delete, &LifeLab::clearSelection);
    add(tr("Rotate clockwise"), QKeySequence(tr(">")), [this] { transformSelection(0); });
    add(tr("Rotate counter-clockwise"), QKeySequence(tr("<")), [this] { transformSelection(1); });
    add(tr("Flip left-right"), QKeySequence(tr("X")), [this] { transformSelection(2); });
    add(tr("Flip top-bottom"), QKeySequence(tr("Y")), [this] { transformSelection(3); });
    add(tr("Random fill selection"), QKeySequence(), &LifeLab::randomFillSelection);
    separator();
    add(tr("&Fit board"), QKeySequence(tr("F")), [this] {
        if (m_unboundedShown && m_universeView)
            m_universeView->fitPattern();
        else if (m_canvas)
            m_canvas->fitBoard();
    });
}

// [SECTION] simulation -------------------------------------------------------------------------

void LifeLab::play() {
    if (m_playing)
        return;
    m_playing = true;
    m_playAction->setText(tr("&Pause"));
    Q_EMIT playingChanged(true);
    runGenerations(std::uint64_t(m_model->settings().generationsPerStep), true);
}

void LifeLab::pause() {
    if (!m_playing)
        return;
    m_playing = false;
    m_frameTimer->stop();
    m_playAction->setText(tr("&Play"));
    Q_EMIT playingChanged(false);
}

void LifeLab::togglePlay() {
    m_playing ? pause() : play();
}

void LifeLab::stepOnce() {
    pause();
    runGenerations(std::uint64_t(m_model->settings().generationsPerStep), false);
}

void LifeLab::stepN() {
    pause();
    runGenerations(std::uint64_t(m_model->settings().stepN), false);
}

void LifeLab::reset() {
    pause();
    cancelForEdit();
    m_cancelledForEdit = false;
    m_model->reset();
}

void LifeLab::scheduleNextFrame() {
    if (!m_playing)
        return;
    const int interval = 1000 / std::max(1, m_model->settings().stepsPerSecond);
    const int elapsed = m_lastFrame.isValid() ? int(m_lastFrame.elapsed()) : interval;
    m_frameTimer->start(std::max(0, interval - elapsed));
}

void LifeLab::runGenerations(std::uint64_t generations, bool fromPlay) {
    if (taskRunner()->isBusy()) {
        if (!fromPlay)
            return; // a step is in flight; the user's click is not queued behind a long run
        scheduleNextFrame();
        return;
    }
    m_lastFrame.start();
    if (m_unboundedShown) {
        // Unbounded: Play and Step advance 2^k (the Unbounded panel's exponent), Step N N.
        const auto& st = m_model->settings();
        if (!fromPlay && generations == std::uint64_t(st.stepN) &&
            generations != std::uint64_t(st.generationsPerStep))
            m_universe->advance(mpz_class(std::to_string(generations)),
                                [this] { scheduleNextFrame(); });
        else
            m_universe->step([this] { scheduleNextFrame(); });
        return;
    }
    LifeSimulator::Request request;
    if (m_model->engineStale())
        request.load = m_model->board();
    request.startGeneration = m_model->generation();
    request.rule = m_model->rule();
    request.topology = m_model->settings().topology;
    request.engine = m_model->settings().engine.toStdString();
    request.generations = generations;
    request.stopWhenStable = m_model->settings().stopWhenStable;
    request.view = m_canvas->viewRegion();
    m_model->setEngineStale(false);
    auto sim = m_sim;
    auto result = std::make_shared<LifeSimulator::Result>();
    taskRunner()->run(
        generations > 1000 ? tr("Life: %1 generations").arg(generations) : tr("Life"),
        [sim, request, result](const util::TaskContext& ctx) { *result = sim->step(request, ctx); },
        [this, result] {
            if (!result->note.empty())
                Q_EMIT statusMessage(QString::fromStdString(result->note), 10000);
            if (result->view)
                m_canvas->setPrerendered(result->generation, *result->view,
                                         std::move(result->texels));
            m_model->setSnapshot(std::move(result->board), result->generation, result->seconds,
                                 result->generationsRun);
            if (result->period) {
                m_model->setPeriod(result->period);
                pause();
                Q_EMIT statusMessage(
                    *result->period == 1
                        ? tr("Stable: a still life at generation %1").arg(result->generation)
                        : tr("Stable: an oscillator of period %1 at generation %2")
                              .arg(*result->period)
                              .arg(result->generation),
                    10000);
            }
            scheduleNextFrame();
        });
}

void LifeLab::cancelForEdit() {
    // The displayed board is the truth: a step in flight started from the old board, so its
    // result is dropped and the engine reloads from the edited board.
    if (taskRunner()->isBusy()) {
        m_cancelledForEdit = true;
        taskRunner()->cancel();
    }
    m_model->setEngineStale(true);
}

void LifeLab::updatePlot() {
    if (!m_plot)
        return;
    QCPGraph* g = m_plot->plot()->graph(0);
    QVector<double> x, y;
    x.reserve(int(m_model->history().size()));
    y.reserve(int(m_model->history().size()));
    for (const auto& [gen, pop] : m_model->history()) {
        x << gen;
        y << pop;
    }
    g->setData(x, y, true);
    m_plot->plot()->rescaleAxes();
    // A short history would give a degenerate axis: show at least 100 generations and a
    // population range starting at 0.
    QCustomPlot* plot = m_plot->plot();
    plot->xAxis->setRange(0, std::max(100.0, plot->xAxis->range().upper));
    plot->yAxis->setRange(0, std::max(10.0, plot->yAxis->range().upper * 1.05));
    m_plot->plot()->replot(QCustomPlot::rpQueuedReplot);
}

// [SECTION] editing ----------------------------------------------------------------------------

void LifeLab::onStroke(QPoint cell, bool start) {
    life::Board& b = m_model->mutableBoard();
    if (start) {
        cancelForEdit();
        m_strokeCells.clear();
        m_strokeBefore.clear();
        const bool inside = cell.x() >= 0 && cell.y() >= 0 && std::uint32_t(cell.x()) < b.width() &&
                            std::uint32_t(cell.y()) < b.height();
        // The first cell decides: clicking a live cell erases, a dead one draws (Golly's pencil).
        m_strokeAlive = !(inside && b.get(std::uint32_t(cell.x()), std::uint32_t(cell.y())));
        m_lastStrokeCell = cell;
    }
    // Bresenham from the last cell so fast strokes leave no gaps.
    QPoint p = start ? cell : m_lastStrokeCell;
    const int dx = std::abs(cell.x() - p.x()), sx = p.x() < cell.x() ? 1 : -1;
    const int dy = -std::abs(cell.y() - p.y()), sy = p.y() < cell.y() ? 1 : -1;
    int err = dx + dy;
    QRect dirty;
    for (;;) {
        if (p.x() >= 0 && p.y() >= 0 && std::uint32_t(p.x()) < b.width() &&
            std::uint32_t(p.y()) < b.height()) {
            const bool before = b.get(std::uint32_t(p.x()), std::uint32_t(p.y()));
            if (before != m_strokeAlive) {
                m_strokeCells.emplace_back(std::uint32_t(p.x()), std::uint32_t(p.y()));
                m_strokeBefore.push_back(before);
                b.set(std::uint32_t(p.x()), std::uint32_t(p.y()), m_strokeAlive);
                dirty |= QRect(p, QSize(1, 1));
            }
        }
        if (p == cell)
            break;
        const int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            p.rx() += sx;
        }
        if (e2 <= dx) {
            err += dx;
            p.ry() += sy;
        }
    }
    m_lastStrokeCell = cell;
    if (!dirty.isNull()) {
        cancelForEdit();
        m_model->notifyBoardEdited(dirty);
    }
}

void LifeLab::finishStroke() {
    if (m_strokeCells.empty())
        return;
    std::vector<LifeCellsCmd::Change> changes;
    changes.reserve(m_strokeCells.size());
    for (std::size_t i = 0; i < m_strokeCells.size(); ++i)
        changes.push_back({m_strokeCells[i].first, m_strokeCells[i].second, bool(m_strokeBefore[i]),
                           m_strokeAlive});
    undoStack()->push(new LifeCellsCmd(m_model, std::move(changes),
                                       m_strokeAlive ? tr("Draw cells") : tr("Erase cells")));
    m_strokeCells.clear();
    m_strokeBefore.clear();
}

bool LifeLab::requireSelection() {
    if (!m_model->selection().isEmpty())
        return true;
    Q_EMIT statusMessage(tr("Select a rectangle first (Select tool)"), 4000);
    return false;
}

life::Board LifeLab::selectionCells() const {
    const QRect s = m_model->selection();
    if (s.isEmpty())
        return {};
    return m_model->board().cropped({std::uint32_t(s.x()), std::uint32_t(s.y()),
                                     std::uint32_t(s.width()), std::uint32_t(s.height())});
}

void LifeLab::clearSelection() {
    const QRect s = m_model->selection();
    if (!requireSelection())
        return;
    cancelForEdit();
    life::Board before = selectionCells();
    life::Board after(before.width(), before.height());
    undoStack()->push(
        new LifeRectCmd(m_model, s, std::move(before), std::move(after), tr("Clear selection")));
}

void LifeLab::randomFillSelection() {
    const QRect s = m_model->selection();
    if (!requireSelection())
        return;
    cancelForEdit();
    life::Board before = selectionCells();
    LifeSettings settings = m_model->settings();
    life::Board after =
        life::randomSoup(before.width(), before.height(), settings.soupDensity, settings.seed);
    undoStack()->push(
        new LifeRectCmd(m_model, s, std::move(before), std::move(after), tr("Random fill")));
}

void LifeLab::transformSelection(int kind) {
    const QRect s = m_model->selection();
    if (!requireSelection())
        return;
    cancelForEdit();
    const life::Board cells = selectionCells();
    life::Board moved = kind == 0   ? cells.rotatedClockwise()
                        : kind == 1 ? cells.rotatedCounterClockwise()
                        : kind == 2 ? cells.flippedLeftRight()
                                    : cells.flippedTopBottom();
    // A rotation swaps width and height: the result is anchored at the selection's top-left and
    // the affected rectangle is the union of both footprints (clipped to the board).
    const life::Board& b = m_model->board();
    QRect target = QRect(s.topLeft(), QSize(int(moved.width()), int(moved.height())));
    QRect affected = (s | target).intersected(QRect(0, 0, int(b.width()), int(b.height())));
    life::Board before =
        b.cropped({std::uint32_t(affected.x()), std::uint32_t(affected.y()),
                   std::uint32_t(affected.width()), std::uint32_t(affected.height())});
    life::Board after = before;
    after.fill({std::uint32_t(s.x() - affected.x()), std::uint32_t(s.y() - affected.y()),
                std::uint32_t(s.width()), std::uint32_t(s.height())},
               false);
    after.paste(moved, target.x() - affected.x(), target.y() - affected.y(), life::PasteMode::Or);
    undoStack()->push(new LifeRectCmd(m_model, affected, std::move(before), std::move(after),
                                      kind < 2 ? tr("Rotate selection") : tr("Flip selection")));
    m_model->setSelection(target);
}

void LifeLab::copySelection() {
    if (!requireSelection())
        return;
    m_clipboard = selectionCells();
    // Also as RLE text, so it pastes into Golly or a text editor.
    life::Pattern p;
    p.cells = m_clipboard;
    p.rule.rule = m_model->rule();
    try {
        QApplication::clipboard()->setText(QString::fromStdString(life::writeRle(p)));
    } catch (const util::Error&) {
    }
    Q_EMIT statusMessage(
        tr("Copied %1 x %2 cells").arg(m_clipboard.width()).arg(m_clipboard.height()), 3000);
}

void LifeLab::paste() {
    // Prefer RLE/.cells text on the system clipboard (from Golly, LifeWiki...), else our own copy.
    const QString text = QApplication::clipboard()->text();
    if (!text.trimmed().isEmpty()) {
        try {
            life::Pattern p = life::parsePattern(text.toStdString());
            beginPlacement(p.cells, tr("clipboard"));
            return;
        } catch (const util::Error&) {
        }
    }
    if (m_clipboard.isEmpty()) {
        Q_EMIT statusMessage(tr("Nothing to paste"), 3000);
        return;
    }
    beginPlacement(m_clipboard, tr("clipboard"));
}

void LifeLab::selectAll() {
    m_model->setSelection(
        QRect(0, 0, int(m_model->board().width()), int(m_model->board().height())));
}

void LifeLab::beginPlacement(const life::Board& pattern, const QString& what) {
    if (pattern.isEmpty() || !m_canvas)
        return;
    m_placement = pattern;
    m_placementName = what;
    m_canvas->setPlacement(pattern);
    Q_EMIT statusMessage(
        tr("Click on the board to place %1 (Esc or right-click cancels)").arg(what), 6000);
}

void LifeLab::place(QPoint topLeft) {
    if (m_placement.isEmpty())
        return;
    cancelForEdit();
    const life::Board& b = m_model->board();
    const QRect target = QRect(topLeft, QSize(int(m_placement.width()), int(m_placement.height())))
                             .intersected(QRect(0, 0, int(b.width()), int(b.height())));
    if (target.isEmpty())
        return;
    life::Board before = b.cropped({std::uint32_t(target.x()), std::uint32_t(target.y()),
                                    std::uint32_t(target.width()), std::uint32_t(target.height())});
    life::Board after = before;
    after.paste(m_placement, topLeft.x() - target.x(), topLeft.y() - target.y(),
                life::PasteMode::Or);
    undoStack()->push(new LifeRectCmd(m_model, target, std::move(before), std::move(after),
                                      tr("Place %1").arg(m_placementName)));
    // Shift-click places several copies; a plain click ends placement.
    if (!(QApplication::keyboardModifiers() & Qt::ShiftModifier)) {
        m_placement = life::Board();
        m_canvas->cancelPlacement();
    }
}

void LifeLab::randomSoup() {
    pause();
    cancelForEdit();
    LifeSettings s = m_model->settings();
    const life::Board& b = m_model->board();
    undoStack()->push(
        new LifeBoardCmd(m_model, life::randomSoup(b.width(), b.height(), s.soupDensity, s.seed),
                         tr("Random soup")));
    // Next soup differs unless the user sets the seed again (recorded in the undo text).
    s.seed += 1;
    m_model->setSettings(s);
}

void LifeLab::resizeBoard(int width, int height) {
    pause();
    cancelForEdit();
    try {
        life::Board::checkSize(std::uint64_t(std::max(0, width)),
                               std::uint64_t(std::max(0, height)), "board size");
        life::Board resized{std::uint64_t(width), std::uint64_t(height)};
        resized.paste(m_model->board(), 0, 0, life::PasteMode::Copy);
        undoStack()->push(new LifeBoardCmd(m_model, std::move(resized),
                                           tr("Resize board to %1 x %2").arg(width).arg(height)));
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(QString::fromUtf8(e.what()), 10000);
    }
}

// [SECTION] files ------------------------------------------------------------------------------

bool LifeLab::openPattern(const QString& path, QString* error) {
    life::Pattern p;
    try {
        p = life::readPatternFile(path.toStdString());
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    pause();
    cancelForEdit();
    // A bounded grid in the rule (":T64,64") sets board and topology; otherwise the pattern is
    // centred on the current board, grown (to twice the pattern) when it does not fit.
    const life::Board& cur = m_model->board();
    std::uint64_t w = cur.width(), h = cur.height();
    LifeSettings s = m_model->settings();
    s.rule = QString::fromStdString(p.rule.rule.toString());
    if (p.rule.grid) {
        w = p.rule.grid->width;
        h = p.rule.grid->height;
        s.topology = p.rule.grid->topology;
    } else if (p.cells.width() > w || p.cells.height() > h) {
        w = std::min<std::uint64_t>(life::Board::kMaxSide,
                                    std::max<std::uint64_t>(w, 2 * std::uint64_t(p.cells.width())));
        h = std::min<std::uint64_t>(
            life::Board::kMaxSide, std::max<std::uint64_t>(h, 2 * std::uint64_t(p.cells.height())));
    }
    life::Board board(w, h);
    board.paste(p.cells, (std::int64_t(w) - p.cells.width()) / 2,
                (std::int64_t(h) - p.cells.height()) / 2);
    undoStack()->beginMacro(tr("Open %1").arg(QFileInfo(path).fileName()));
    undoStack()->push(new SetLifeSettingsCmd(m_model, s, tr("Rule")));
    undoStack()->push(new LifeBoardCmd(m_model, std::move(board), tr("Open")));
    undoStack()->endMacro();
    Q_EMIT statusMessage(tr("Opened %1%2")
                             .arg(QFileInfo(path).fileName(),
                                  p.name.empty()
                                      ? QString()
                                      : QStringLiteral(" — ") + QString::fromStdString(p.name)),
                         5000);
    return true;
}

bool LifeLab::savePattern(const QString& path, QString* error) {
    life::Pattern p;
    p.cells = m_model->board();
    p.rule.rule = m_model->rule();
    p.rule.grid = life::GridSpec{m_model->settings().topology, m_model->board().width(),
                                 m_model->board().height()};
    p.comments.push_back("Generation " + std::to_string(m_model->generation()) +
                         ", saved by algoscope");
    try {
        life::writePatternFile(path.toStdString(), p);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

// [SECTION] state ------------------------------------------------------------------------------

QJsonObject LifeLab::saveState() const {
    return {{QStringLiteral("settings"), m_model->settings().toJson()}};
}

void LifeLab::restoreState(const QJsonObject& state) {
    m_model->setSettings(
        LifeSettings::fromJson(state.value(QStringLiteral("settings")).toObject()));
}

} // namespace algoscope::ui
