#pragma once
// The numbers behind the plot: per size, CPU and GPU times and whether the outputs agree.
#include "Panel.h"

class QTableWidget;

namespace algoscope::ui {

class GpuCheckModel;

class GpuCheckResultsPanel : public Panel {
    Q_OBJECT
public:
    explicit GpuCheckResultsPanel(GpuCheckModel* model, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    GpuCheckModel* m_model;
    QTableWidget* m_table;
};

} // namespace algoscope::ui
