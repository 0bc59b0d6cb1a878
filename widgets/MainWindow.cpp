// [SECTION] construction  [SECTION] lab switching and layout  [SECTION] export and help
// [SECTION] tours and presentation  [SECTION] task status  [SECTION] settings
#include "MainWindow.h"

#include "ExportDialog.h"
#include "Lab.h"
#include "LabRegistry.h"
#include "Panel.h"
#include "PresentationMode.h"
#include "TaskRunner.h"
#include "tour/TourPanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

namespace algoscope::ui {

namespace {
/// A task shows its progress bar and Cancel button once it has run this long.
constexpr int kTaskShowDelayMs = 250;
} // namespace

// [SECTION] construction ---------------------------------------------------------------------

MainWindow::MainWindow(const QString& settingsFile, bool persist, QWidget* parent)
    : QMainWindow(parent),
      m_settingsFile(settingsFile.isEmpty() ? AppSettings::defaultFile() : settingsFile),
      m_persist(persist) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("algoscope"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                   QMainWindow::AllowNestedDocks | QMainWindow::GroupedDragging);
    QStringList warnings;
    m_settings = AppSettings::load(m_settingsFile, &warnings);

    m_stack = new QStackedWidget(this);
    setCentralWidget(m_stack);
    m_undo = new QUndoGroup(this);
    for (const LabInfo& info : labRegistry()) {
        LabSlot slot;
        slot.lab = info.create();
        m_undo->addStack(slot.lab->undoStack());
        connect(slot.lab.get(), &Lab::statusMessage, this,
                [this](const QString& m, int t) { statusBar()->showMessage(m, t); });
        connectRunner(slot.lab.get());
        m_labs.push_back(std::move(slot));
    }
    createActions();
    createStatusWidgets();
    createTour();
    if (!m_settings.windowGeometry.isEmpty())
        restoreGeometry(m_settings.windowGeometry);
    else
        resize(1400, 900);

    QString first = m_settings.currentLab;
    if (!findLab(first) && !m_labs.empty())
        first = m_labs.front().lab->id();
    if (!first.isEmpty())
        switchToLab(first);
    for (const QString& w : warnings)
        statusBar()->showMessage(w, 10000);
}

MainWindow::~MainWindow() {
    // Stop every computation before views go away.
    for (auto& slot : m_labs)
        slot.lab->taskRunner()->cancel();
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    m_fileSeparator = file->addSeparator();
    QAction* exportFig =
        file->addAction(tr("&Export figure..."), this, &MainWindow::exportFigureInteractive);
    exportFig->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportFig->setObjectName(QStringLiteral("action.exportFigure"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_labMenu = menuBar()->addMenu(tr("Lab"));
    m_labMenu->menuAction()->setVisible(false);

    QToolBar* labBar = new QToolBar(tr("Labs"), this);
    labBar->setObjectName(QStringLiteral("toolbar.labs"));
    labBar->setMovable(false);
    labBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    addToolBar(Qt::LeftToolBarArea, labBar);
    QMenu* labsMenu = menuBar()->addMenu(tr("&Labs"));
    m_labGroup = new QActionGroup(this);
    int index = 1;
    for (auto& slot : m_labs) {
        const QString id = slot.lab->id();
        QAction* a = new QAction(slot.lab->icon(), slot.lab->title(), this);
        a->setObjectName(QStringLiteral("action.lab.") + id);
        a->setCheckable(true);
        a->setToolTip(slot.lab->paperReference());
        if (index <= 9)
            a->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(index++)));
        connect(a, &QAction::triggered, this, [this, id] { switchToLab(id); });
        m_labGroup->addAction(a);
        labBar->addAction(a);
        labsMenu->addAction(a);
        slot.switchAction = a;
    }

    m_presentAction = new QAction(tr("&Presentation mode"), this);
    m_presentAction->setObjectName(QStringLiteral("action.presentation"));
    m_presentAction->setCheckable(true);
    m_presentAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentAction->setToolTip(tr("Full screen, large fonts, high contrast; arrows step the "
                                   "tour, Space plays, Esc leaves"));
    connect(m_presentAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
    addAction(m_presentAction); // the shortcut works while the menu bar is hidden

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    m_tourAction = help->addAction(tr("Guided &tour of this lab"), this, &MainWindow::startTour);
    m_tourAction->setObjectName(QStringLiteral("action.tour"));
    m_tourAction->setShortcut(QKeySequence(tr("Ctrl+T")));
    help->addAction(tr("About this &lab"), this, &MainWindow::showAboutLab)
        ->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About algoscope"), this, &MainWindow::showAbout);
}

// [SECTION] lab switching and layout ----------------------------------------------------------

void MainWindow::ensureCreated(LabSlot& slot) {
    if (slot.created)
        return;
    slot.created = true;
    slot.central = slot.lab->createCentralView(m_stack);
    m_stack->addWidget(slot.central);
    slot.panels = slot.lab->createPanels(this);
    const QString id = slot.lab->id();
    if (m_settings.labState.contains(id))
        slot.lab->restoreState(m_settings.labState.value(id));
}

void MainWindow::placeDefault(LabSlot& slot) {
    // Panels beyond two in an area are tabbed with the second, so none gets too small.
    QMap<Qt::DockWidgetArea, QList<Panel*>> inArea;
    for (Panel* p : slot.panels) {
        QList<Panel*>& list = inArea[p->defaultArea()];
        if (list.size() >= 2)
            tabifyDockWidget(list[1], p);
        else
            addDockWidget(p->defaultArea(), p);
        p->setFloating(false);
        list << p;
        p->show();
    }
    for (const auto& list : inArea)
        if (list.size() > 2)
            list[1]->raise();
}

bool MainWindow::switchToLab(const QString& id) {
    auto it = std::find_if(m_labs.begin(), m_labs.end(),
                           [&](const LabSlot& s) { return s.lab->id() == id; });
    if (it == m_labs.end())
        return false;
    if (m_currentSlot == &*it)
        return true;
    if (m_currentSlot) {
        const QString cur = m_current->id();
        m_settings.dockState[cur] = saveState();
        m_settings.labState[cur] = m_current->saveState();
        for (Panel* p : m_currentSlot->panels)
            removeDockWidget(p);
    }
    if (m_tourPanel && m_tourPanel->lab() && m_tourPanel->lab()->id() != id)
        closeTour();
    LabSlot& slot = *it;
    ensureCreated(slot);
    m_stack->setCurrentWidget(slot.central);
    m_currentSlot = &slot;
    m_current = slot.lab.get();
    placeDefault(slot);
    const QByteArray state = m_settings.dockState.value(id);
    if (!state.isEmpty() && !restoreState(state))
        statusBar()->showMessage(
            tr("Saved layout of %1 was unreadable; using the default").arg(slot.lab->title()),
            8000);
    slot.switchAction->setChecked(true);
    m_undo->setActiveStack(m_current->undoStack());
    m_settings.currentLab = id;
    setWindowTitle(QStringLiteral("%1 — algoscope").arg(m_current->title()));
    rebuildViewMenu();
    if (m_tourAction)
        m_tourAction->setEnabled(tourForLab(id).has_value());
    m_current->activate();
    return true;
}

void MainWindow::resetLayout() {
    if (!m_currentSlot)
        return;
    for (Panel* p : m_currentSlot->panels)
        removeDockWidget(p);
    placeDefault(*m_currentSlot);
    m_settings.dockState.remove(m_current->id());
}

void MainWindow::rebuildViewMenu() {
    m_viewMenu->clear();
    m_labMenu->clear();
    for (QAction* a : m_fileLabActions)
        m_fileMenu->removeAction(a);
    m_fileLabActions.clear();
    if (m_current) {
        m_fileLabActions = m_current->fileActions();
        m_fileMenu->insertActions(m_fileSeparator, m_fileLabActions);
    }
    if (m_currentSlot) {
        for (Panel* p : m_currentSlot->panels)
            m_viewMenu->addAction(p->toggleViewAction());
        // The lab's own commands get a menu named after it (shortcuts work through it).
        const QList<QAction*> actions = m_current->labActions();
        m_labMenu->setTitle(m_current->title());
        m_labMenu->menuAction()->setVisible(!actions.isEmpty());
        for (QAction* a : actions) {
            if (a->isSeparator())
                m_labMenu->addSeparator();
            else
                m_labMenu->addAction(a);
        }
    }
    m_viewMenu->addSeparator();
    if (m_tourDock)
        m_viewMenu->addAction(m_tourDock->toggleViewAction());
    m_viewMenu->addAction(m_presentAction);
    m_viewMenu->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout)
        ->setObjectName(QStringLiteral("action.resetLayout"));
}

Lab* MainWindow::lab(const QString& id) const {
    for (const auto& s : m_labs)
        if (s.lab->id() == id)
            return s.lab.get();
    return nullptr;
}

QList<Panel*> MainWindow::panels(const QString& labId) const {
    for (const auto& s : m_labs)
        if (s.lab->id() == labId)
            return s.panels;
    return {};
}

QStringList MainWindow::labIds() const {
    QStringList ids;
    for (const auto& s : m_labs)
        ids << s.lab->id();
    return ids;
}

bool MainWindow::waitForCurrentLab(int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (m_current && !m_current->isIdle() && timer.elapsed() < timeoutMs) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return !m_current || m_current->isIdle();
}

// [SECTION] export and help ---------------------------------------------------------------------

Exportable* MainWindow::currentExportable() const {
    for (QWidget* w = QApplication::focusWidget(); w; w = w->parentWidget())
        if (auto* e = dynamic_cast<Exportable*>(w))
            return e;
    return m_current ? m_current->defaultExportable() : nullptr;
}

bool MainWindow::exportFigureTo(const QString& path, const ExportOptions& options, QString* error) {
    Exportable* target = currentExportable();
    if (!target) {
        if (error)
            *error = tr("this lab has no figure to export");
        return false;
    }
    return target->exportFigure(path, options, error);
}

void MainWindow::exportFigureInteractive() {
    Exportable* target = currentExportable();
    if (!target) {
        statusBar()->showMessage(tr("This lab has no figure to export"), 5000);
        return;
    }
    ExportDialog dialog(target->exportName(), target->exportFormats(), m_settings.exportOptions,
                        m_settings.lastExportDir, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.exportOptions = dialog.options();
    m_settings.lastExportDir = dialog.directory();
    QString error;
    if (target->exportFigure(dialog.path(), dialog.options(), &error))
        statusBar()->showMessage(tr("Exported %1").arg(dialog.path()), 5000);
    else
        QMessageBox::warning(this, tr("Export failed"), error);
}

void MainWindow::showAboutLab() {
    if (!m_current)
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("About %1").arg(m_current->title()));
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QTextBrowser(&dialog);
    text->setOpenExternalLinks(true);
    text->setMarkdown(m_current->aboutMarkdown() + QStringLiteral("\n\n---\n\n**Reference.** ") +
                      m_current->paperReference());
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(720, 640);
    dialog.exec();
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About algoscope"),
                       tr("<b>algoscope %1</b><p>A visual laboratory for algorithms from recent "
                          "papers: watch them run, change a parameter, check the numbers, export "
                          "the figure.</p>")
                           .arg(QStringLiteral(ALGOSCOPE_VERSION)));
}

// [SECTION] tours and presentation ------------------------------------------------------------

void MainWindow::createTour() {
    m_tourDock = new QDockWidget(tr("Tour"), this);
    m_tourDock->setObjectName(QStringLiteral("tour"));
    m_tourPanel = new TourPanel(m_tourDock);
    m_tourDock->setWidget(m_tourPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_tourDock);
    m_tourDock->hide();
    connect(m_tourPanel, &TourPanel::highlightRequested, this, &MainWindow::highlight);
    connect(m_tourPanel, &TourPanel::closeRequested, this, &MainWindow::closeTour);

    m_presentation = new PresentationMode(this);
    connect(m_presentation, &PresentationMode::activeChanged, this, [this](bool on) {
        menuBar()->setVisible(!on);
        for (QShortcut* k : m_presentKeys)
            k->setEnabled(on);
        QSignalBlocker block(m_presentAction);
        m_presentAction->setChecked(on);
    });
    // Keyboard-only navigation while presenting. Focused editors (spin boxes, text fields) keep
    // their arrow keys: Qt gives a ShortcutOverride-accepting widget precedence.
    auto key = [this](QKeySequence seq, auto slot) {
        auto* k = new QShortcut(seq, this);
        k->setEnabled(false);
        connect(k, &QShortcut::activated, this, slot);
        m_presentKeys << k;
    };
    key(QKeySequence(Qt::Key_Right), [this] {
        if (!m_tourDock->isVisible())
            return;
        m_tourPanel->next();
        m_tourPanel->doCurrentStep();
    });
    key(QKeySequence(Qt::Key_Left), [this] {
        if (m_tourDock->isVisible())
            m_tourPanel->previous();
    });
    key(QKeySequence(Qt::Key_Space), [this] {
        if (m_current)
            m_current->togglePlay();
    });
    key(QKeySequence(Qt::Key_Escape), [this] { setPresentationMode(false); });
}

bool MainWindow::startTour() {
    if (!m_current)
        return false;
    QString error;
    const std::optional<Tour> tour = tourForLab(m_current->id(), &error);
    if (!tour) {
        statusBar()->showMessage(error, 8000);
        return false;
    }
    m_tourPanel->setTour(*tour, m_current);
    m_tourDock->show();
    m_tourDock->raise();
    return true;
}

void MainWindow::closeTour() {
    if (m_tourDock)
        m_tourDock->hide();
}

void MainWindow::highlight(const QString& target) {
    if (!m_currentSlot)
        return;
    if (target == QLatin1String("view")) {
        flashHighlight(m_currentSlot->central);
        return;
    }
    for (Panel* p : m_currentSlot->panels)
        if (p->objectName() == target) {
            p->show();
            p->raise();
            flashHighlight(p->widget() ? p->widget() : p);
            return;
        }
}

void MainWindow::setPresentationMode(bool on) {
    if (on == m_presentation->isActive())
        return;
    if (on)
        m_presentation->enter(m_tourDock->isVisible() ? QList<QDockWidget*>{m_tourDock}
                                                      : QList<QDockWidget*>{});
    else
        m_presentation->leave();
}

bool MainWindow::isPresenting() const {
    return m_presentation && m_presentation->isActive();
}

// [SECTION] task status -----------------------------------------------------------------------

void MainWindow::createStatusWidgets() {
    m_taskLabel = new QLabel(this);
    m_taskProgress = new QProgressBar(this);
    m_taskProgress->setRange(0, 1000);
    m_taskProgress->setMaximumWidth(220);
    m_taskCancel = new QToolButton(this);
    m_taskCancel->setText(tr("Cancel"));
    m_taskCancel->setObjectName(QStringLiteral("button.cancelTask"));
    statusBar()->addPermanentWidget(m_taskLabel);
    statusBar()->addPermanentWidget(m_taskProgress);
    statusBar()->addPermanentWidget(m_taskCancel);
    m_taskLabel->hide();
    m_taskProgress->hide();
    m_taskCancel->hide();
    // The bar keeps the height it has with the progress bar shown, so showing it never relays
    // out the window.
    statusBar()->setMinimumHeight(
        std::max(m_taskProgress->sizeHint().height(), m_taskCancel->sizeHint().height()) + 4);
    m_taskShowTimer = new QTimer(this);
    m_taskShowTimer->setSingleShot(true);
    m_taskShowTimer->setInterval(kTaskShowDelayMs);
    connect(m_taskShowTimer, &QTimer::timeout, this, [this] {
        if (m_taskLab && m_taskLab->taskRunner()->isBusy()) {
            m_taskLabel->show();
            m_taskProgress->show();
            m_taskCancel->show();
        }
    });
    connect(m_taskCancel, &QToolButton::clicked, this, [this] {
        if (m_taskLab)
            m_taskLab->taskRunner()->cancel();
    });
}

void MainWindow::connectRunner(Lab* lab) {
    TaskRunner* runner = lab->taskRunner();
    connect(runner, &TaskRunner::started, this, [this, lab](const QString& title) {
        m_taskLab = lab;
        m_taskLabel->setText(title);
        m_taskProgress->setValue(0);
        if (!m_taskProgress->isVisible())
            m_taskShowTimer->start();
    });
    connect(runner, &TaskRunner::progress, this, [this, lab](double f, const QString& msg) {
        if (m_taskLab != lab)
            return;
        m_taskProgress->setValue(int(std::clamp(f, 0.0, 1.0) * 1000));
        if (!msg.isEmpty())
            m_taskLabel->setText(msg);
    });
    connect(runner, &TaskRunner::finished, this,
            [this, lab](const QString& title, bool ok, bool cancelled, const QString& error) {
                if (m_taskLab == lab) {
                    m_taskShowTimer->stop();
                    m_taskLabel->hide();
                    m_taskProgress->hide();
                    m_taskCancel->hide();
                }
                if (cancelled)
                    statusBar()->showMessage(tr("%1: cancelled").arg(title), 5000);
                else if (!ok)
                    statusBar()->showMessage(tr("%1 failed: %2").arg(title, error), 15000);
            });
}

// [SECTION] settings ---------------------------------------------------------------------------

void MainWindow::saveSettings() {
    if (!m_persist)
        return;
    m_settings.windowGeometry = saveGeometry();
    if (m_current) {
        m_settings.dockState[m_current->id()] = saveState();
        m_settings.labState[m_current->id()] = m_current->saveState();
    }
    QString error;
    if (!m_settings.save(m_settingsFile, &error))
        statusBar()->showMessage(error, 8000);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace algoscope::ui
