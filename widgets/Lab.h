#pragma once
// One lab = one algorithm: a central view, docked panels, actions, persistent state, an undo
// stack for parameter edits, and a task runner for its long computations.
// A lab is added by writing widgets/<lab>/ and one line in LabRegistry.cpp; MainWindow needs no
// change.
#include "Exportable.h"
#include "Gallery.h"

#include <QIcon>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

class QAction;
class QUndoStack;
class QWidget;

namespace algoscope::ui {

class Panel;
class TaskRunner;

/// One thing a guided tour step may do to a lab (resources/tours/<lab>.json, see
/// widgets/tour/Tour.h). Tours are data, not code: the lab lists what it supports so tests can
/// check every tour file against it.
struct TourActionSpec {
    QString name;         // "loadPattern"
    QStringList required; // argument names that must be present
    QStringList optional; // argument names that may be present
    QString description;  // one line for "Let me try": what the user would do by hand
};

class Lab : public QObject {
    Q_OBJECT
public:
    explicit Lab(QObject* parent = nullptr);
    ~Lab() override;

    virtual QString id() const = 0;    // stable, used in settings and --lab
    virtual QString title() const = 0; // shown in the switcher
    virtual QIcon icon() const;
    /// The paper (or source) the lab follows, as a citation line.
    virtual QString paperReference() const = 0;
    /// Markdown explaining the lab: the embedded docs/labs/<id>.md.
    virtual QString aboutMarkdown() const;

    /// Created once; MainWindow owns the returned widgets.
    virtual QWidget* createCentralView(QWidget* parent) = 0;
    virtual QList<Panel*> createPanels(QWidget* parent) = 0;
    virtual QList<QAction*> labActions() { return {}; }
    /// Open/save actions of the lab's documents, shown at the top of the File menu.
    virtual QList<QAction*> fileActions() { return {}; }

    /// The view File > Export figure uses when no view has focus.
    virtual Exportable* defaultExportable() = 0;

    /// Called when the lab becomes the visible one (first time: compute something to show).
    virtual void activate() {}
    /// True when nothing is computing and the view shows a finished result.
    virtual bool isIdle() const;

    // Teaching: every lab brings a guided tour (resources/tours/<id>.json) and its paper's key
    // figures for `algoscope-cli figures` (see ARCHITECTURE.md, "What a lab is").
    /// The actions this lab's tour steps may use.
    virtual QList<TourActionSpec> tourActions() const { return {}; }
    /// Performs one tour action through the same commands (undo stack) as a user edit. Returns
    /// false and sets *error for an unknown action or a bad argument. Long work is started on the
    /// lab's task runner; the tour waits until the lab is idle before the next action.
    virtual bool applyTourAction(const QString& name, const QJsonObject& args, QString* error);
    /// Space in presentation mode: start or stop whatever the lab animates.
    virtual void togglePlay() {}
    /// The paper's key figures, computed with our own engines (no GUI state involved).
    virtual QList<GalleryFigure> galleryFigures() const { return {}; }

    virtual QJsonObject saveState() const { return {}; }
    virtual void restoreState(const QJsonObject&) {}

    TaskRunner* taskRunner() const { return m_runner; }
    QUndoStack* undoStack() const { return m_undo; }

Q_SIGNALS:
    void statusMessage(const QString& message, int timeoutMs);

private:
    TaskRunner* m_runner;
    QUndoStack* m_undo;
};

} // namespace algoscope::ui
