#pragma once
// Counters of every implementation for the current setting (attention/NaCounters.h, batch 1 and
// the heads/head_dim of the controls): useful and executed FLOPs, score-tensor bytes, q/k/v
// bytes, key/value bytes per query tile and arithmetic intensity. Shows where unfused kernels
// lose: the score tensor's round trip grows with prod(k), the fused kernel's traffic does not.
#include "Panel.h"

class QLabel;
class QTableWidget;

namespace algoscope::ui {

class AttentionModel;

class AttentionCountersPanel : public Panel {
    Q_OBJECT
public:
    explicit AttentionCountersPanel(AttentionModel* model, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

protected:
    void refresh() override;

private:
    AttentionModel* m_model;
    QLabel* m_header;
    QTableWidget* m_table;
};

} // namespace algoscope::ui
