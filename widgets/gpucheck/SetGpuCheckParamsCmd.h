#pragma once
// Undoable parameter edit (LabPlot's value-swap setter command): redo and undo swap the stored
// value with the model's, so one class serves every field.
#include "GpuCheckModel.h"

#include <QUndoCommand>

namespace algoscope::ui {

class SetGpuCheckParamsCmd : public QUndoCommand {
public:
    SetGpuCheckParamsCmd(GpuCheckModel* model, const GpuCheckParams& value, const QString& text)
        : QUndoCommand(text), m_model(model), m_value(value) {}
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap() {
        GpuCheckParams old = m_model->params();
        m_model->setParams(m_value);
        m_value = old;
    }
    GpuCheckModel* m_model;
    GpuCheckParams m_value;
};

} // namespace algoscope::ui
