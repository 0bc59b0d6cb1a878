#pragma once
// ARAR ("autoregressive autoregressor"): the model fed its own predictions for N steps beside
// true Life from the same board; cell accuracy per step and the first step with an error.
#include "Panel.h"

#include "lifegpt/LifeGpt.h"

class QLabel;
class QSpinBox;

namespace algoscope::ui {

class LifeGptLab;
class PlotView;

class LifeGptRolloutPanel : public Panel {
    Q_OBJECT
public:
    LifeGptRolloutPanel(LifeGptLab* lab, QWidget* parent = nullptr);
    PlotView* plot() const { return m_plot; }

private:
    void show(const lifegpt::Rollout& r);

    LifeGptLab* m_lab;
    QSpinBox* m_steps;
    QLabel* m_summary;
    PlotView* m_plot;
};

} // namespace algoscope::ui
