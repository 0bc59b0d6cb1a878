#pragma once
// Undoable settings edits of the Rashomon lab (LabPlot's value-swap setter command, as in the
// Life lab). Consecutive theta slider moves merge into one undo step.
#include "RashomonModel.h"

#include <QUndoCommand>

namespace algoscope::ui {

class SetRashomonSettingsCmd : public QUndoCommand {
public:
    SetRashomonSettingsCmd(RashomonModel* model, const RashomonSettings& value, const QString& text,
                           bool mergeable = false)
        : QUndoCommand(text), m_model(model), m_value(value), m_mergeable(mergeable) {}
    void redo() override { swap(); }
    void undo() override { swap(); }
    int id() const override { return m_mergeable ? 0x7a5a : -1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const SetRashomonSettingsCmd*>(other);
        if (!o->m_mergeable)
            return false;
        // Keep our old value (to undo to) and take the newest state, already applied.
        return true;
    }

private:
    void swap() {
        RashomonSettings old = m_model->settings();
        m_model->setSettings(m_value);
        m_value = old;
    }
    RashomonModel* m_model;
    RashomonSettings m_value;
    bool m_mergeable;
};

} // namespace algoscope::ui
