#pragma once
// Undoable settings edits of the continued-fractions lab (LabPlot's value-swap setter command,
// as in the Life lab).
#include "ContfracModel.h"

#include <QUndoCommand>

namespace algoscope::ui {

class SetContfracSettingsCmd : public QUndoCommand {
public:
    SetContfracSettingsCmd(ContfracModel* model, const ContfracSettings& value, const QString& text)
        : QUndoCommand(text), m_model(model), m_value(value) {}
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap() {
        ContfracSettings old = m_model->settings();
        m_model->setSettings(m_value);
        m_value = old;
    }
    ContfracModel* m_model;
    ContfracSettings m_value;
};

} // namespace algoscope::ui
