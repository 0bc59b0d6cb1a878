#pragma once
// Settings of the attention lab: 1-D strip or 2-D grid, its size, and per axis NATTEN's kernel
// size, dilation, stride and causal flag; the selected position, the inverse view, and the
// heads/head_dim used by the counters and the benchmark. Every edit is one command on the lab's
// undo stack. The spin boxes accept any value in their range: combinations NATTEN rejects are
// shown as invalid with the reason (here and in the views), not clamped.
#include "Panel.h"

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QUndoStack;

namespace algoscope::ui {

class AttentionModel;
struct AttentionSettings;

class AttentionControlsPanel : public Panel {
    Q_OBJECT
public:
    AttentionControlsPanel(AttentionModel* model, QUndoStack* undo, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    void commit(const QString& what);
    void push(const AttentionSettings& s, const QString& what);

    AttentionModel* m_model;
    QUndoStack* m_undo;
    QComboBox* m_rank;
    std::array<QSpinBox*, 2> m_size{}, m_kernel{}, m_dilation{}, m_stride{}, m_query{};
    std::array<QCheckBox*, 2> m_causal{};
    QCheckBox* m_inverse;
    QSpinBox* m_heads;
    QSpinBox* m_headDim;
    QLabel* m_status;
};

} // namespace algoscope::ui
