#pragma once
// One lab = one algorithm: a central view, docked panels, actions, persistent state, an undo
// stack for parameter edits, and a task runner for its long computations.
// A lab is added by writing widgets/<lab>/ and one line in LabRegistry.cpp; MainWindow needs no
// change.
#include "Exportable.h"

#include <QIcon>
#include <QJsonObject>
#include <QList>
#include <QObject>

class QAction;
class QUndoStack;
class QWidget;

namespace algoscope::ui {

class Panel;
class TaskRunner;

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
