#pragma once
// The main window composes; it computes nothing. It creates the labs from the registry, shows one
// lab at a time (central view + that lab's docks), keeps a dock layout per lab, builds the menus
// from the labs' panels and actions, routes File > Export figure to the focused view, and shows
// every lab's task progress in the status bar. Settings go through AppSettings only.
#include "AppSettings.h"

#include <QMainWindow>
#include <QMap>
#include <QPointer>

#include <memory>
#include <vector>

class QActionGroup;
class QDockWidget;
class QShortcut;
class QLabel;
class QTimer;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class QUndoGroup;

namespace algoscope::ui {

class Exportable;
class Lab;
class Panel;
class PresentationMode;
class TourPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// settingsFile empty: AppSettings::defaultFile(). persist=false: never write settings
    /// (screenshot mode, tests).
    explicit MainWindow(const QString& settingsFile = {}, bool persist = true,
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Shows a lab; returns false for an unknown id.
    bool switchToLab(const QString& id);
    Lab* currentLab() const { return m_current; }
    Lab* lab(const QString& id) const;
    QList<Panel*> panels(const QString& labId) const;
    QStringList labIds() const;

    /// The figure File > Export would write: the focused view, else the lab's default view.
    Exportable* currentExportable() const;
    bool exportFigureTo(const QString& path, const ExportOptions& options, QString* error);

    /// Puts the current lab's panels back where the lab places them by default.
    void resetLayout();
    /// Waits (processing events) until the current lab is idle; for screenshots and tests.
    bool waitForCurrentLab(int timeoutMs);

    void saveSettings();

    /// Opens the current lab's guided tour at step 1; false (with a message) when it has none.
    bool startTour();
    void closeTour();
    TourPanel* tourPanel() const { return m_tourPanel; }
    QDockWidget* tourDock() const { return m_tourDock; }
    /// Draws attention to a panel (by objectName) or the central view ("view").
    void highlight(const QString& target);

    void setPresentationMode(bool on);
    bool isPresenting() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct LabSlot {
        std::unique_ptr<Lab> lab;
        QWidget* central = nullptr;
        QList<Panel*> panels;
        QAction* switchAction = nullptr;
        bool created = false;
    };
    void createActions();
    void createStatusWidgets();
    void createTour();
    void ensureCreated(LabSlot& slot);
    void placeDefault(LabSlot& slot);
    void rebuildViewMenu();
    void connectRunner(Lab* lab);
    void exportFigureInteractive();
    void showAboutLab();
    void showAbout();

    AppSettings m_settings;
    QString m_settingsFile;
    bool m_persist = true;
    std::vector<LabSlot> m_labs;
    Lab* m_current = nullptr;
    LabSlot* m_currentSlot = nullptr;
    QStackedWidget* m_stack = nullptr;
    QActionGroup* m_labGroup = nullptr;
    QUndoGroup* m_undo = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_labMenu = nullptr;
    QMenu* m_fileMenu = nullptr;
    QAction* m_fileSeparator = nullptr;
    QList<QAction*> m_fileLabActions;
    QLabel* m_taskLabel = nullptr;
    QProgressBar* m_taskProgress = nullptr;
    QToolButton* m_taskCancel = nullptr;
    QPointer<Lab> m_taskLab;
    // Shows the task widgets once a task has run for a moment: a Life board playing runs one
    // short task per frame, and showing and hiding them each time relaid out the window (the
    // canvas resized, every widget repainted) on every frame.
    QTimer* m_taskShowTimer = nullptr;
    QDockWidget* m_tourDock = nullptr;
    TourPanel* m_tourPanel = nullptr;
    QAction* m_tourAction = nullptr;
    QAction* m_presentAction = nullptr;
    PresentationMode* m_presentation = nullptr;
    QList<QShortcut*> m_presentKeys;
};

} // namespace algoscope::ui
