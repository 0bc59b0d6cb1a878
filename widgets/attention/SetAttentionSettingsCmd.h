#pragma once
// Undoable edit of the attention lab's settings (LabPlot's value-swap setter command): redo and
// undo swap the stored value with the model's, so one class serves every field.
#include "AttentionModel.h"

#include <QUndoCommand>

namespace algoscope::ui {

class SetAttentionSettingsCmd : public QUndoCommand {
public:
    SetAttentionSettingsCmd(AttentionModel* model, const AttentionSettings& value,
                            const QString& text)
        : QUndoCommand(text), m_model(model), m_value(value) {}
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap() {
        AttentionSettings old = m_model->settings();
        m_model->setSettings(m_value);
        m_value = old;
    }
    AttentionModel* m_model;
    AttentionSettings m_value;
};

} // namespace algoscope::ui
