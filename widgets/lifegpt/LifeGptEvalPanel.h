#pragma once
// Accuracy on held-out boards by initial density, the paper's evaluation: cell accuracy and the
// fraction of boards predicted exactly, per density bin.
#include "Panel.h"

#include "lifegpt/LifeGpt.h"

class QLabel;
class QSpinBox;

namespace algoscope::ui {

class LifeGptLab;
class PlotView;

class LifeGptEvalPanel : public Panel {
    Q_OBJECT
public:
    LifeGptEvalPanel(LifeGptLab* lab, QWidget* parent = nullptr);
    PlotView* plot() const { return m_plot; }

private:
    void show(const lifegpt::Evaluation& e);

    LifeGptLab* m_lab;
    QSpinBox* m_boards;
    QLabel* m_summary;
    PlotView* m_plot;
};

} // namespace algoscope::ui
