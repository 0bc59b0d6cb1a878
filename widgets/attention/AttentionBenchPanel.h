#pragma once
// Benchmark of every implementation against kernel size for the current grid, dilation and
// causal flags (odd kernels 1, 3, ... up to the chosen maximum; stride 1): latency per run
// (the best of the runs: robust to other load on the machine) and speed-up over naive, as two
// plots. The run happens in the lab's task runner (progress and Cancel in the status bar); GPU rows
// appear when an OpenGL 4.3 context exists.
#include "Panel.h"

class QPushButton;
class QSpinBox;

namespace algoscope::ui {

class AttentionModel;
class PlotView;

class AttentionBenchPanel : public Panel {
    Q_OBJECT
public:
    explicit AttentionBenchPanel(AttentionModel* model, QWidget* parent = nullptr);
    PlotView* latencyPlot() const { return m_latency; }
    PlotView* speedupPlot() const { return m_speedup; }
    int maxKernel() const;
    int reps() const;

Q_SIGNALS:
    void runRequested();

protected:
    void refresh() override;

private:
    AttentionModel* m_model;
    QSpinBox* m_maxKernel;
    QSpinBox* m_reps;
    QPushButton* m_run;
    PlotView* m_latency;
    PlotView* m_speedup;
};

} // namespace algoscope::ui
