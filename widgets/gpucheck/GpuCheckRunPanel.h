#pragma once
// Parameters of the GPU check and the Run button. Edits go through the undo stack.
#include "Panel.h"

class QCheckBox;
class QComboBox;
class QPushButton;
class QSpinBox;
class QUndoStack;

namespace algoscope::ui {

class GpuCheckModel;

class GpuCheckRunPanel : public Panel {
    Q_OBJECT
public:
    GpuCheckRunPanel(GpuCheckModel* model, QUndoStack* undo, QWidget* parent = nullptr);

Q_SIGNALS:
    void runRequested();

protected:
    void refresh() override;

private:
    void commit(const QString& what);
    GpuCheckModel* m_model;
    QUndoStack* m_undo;
    QComboBox* m_op;
    QSpinBox* m_minLog2;
    QSpinBox* m_maxLog2;
    QSpinBox* m_reps;
    QCheckBox* m_useGpu;
    QPushButton* m_run;
};

} // namespace algoscope::ui
