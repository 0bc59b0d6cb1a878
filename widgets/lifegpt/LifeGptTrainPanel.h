#pragma once
// Train a LifeGPT model here: grid, size of the transformer, steps, batch, learning rate and the
// training data (broad or high entropy), with live loss and accuracy. The trained model replaces
// the current one (File > Save model as... keeps it).
#include "Panel.h"

#include "lifegpt/LifeGpt.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace algoscope::ui {

class LifeGptLab;
class PlotView;

class LifeGptTrainPanel : public Panel {
    Q_OBJECT
public:
    LifeGptTrainPanel(LifeGptLab* lab, QWidget* parent = nullptr);
    lifegpt::TrainConfig config() const;

private:
    void onProgress(const lifegpt::TrainProgress& p);

    LifeGptLab* m_lab;
    QSpinBox *m_grid, *m_dim, *m_layers, *m_heads, *m_steps, *m_batch, *m_seed;
    QDoubleSpinBox* m_lr;
    QComboBox* m_data;
    QLabel* m_status;
    PlotView* m_plot;
};

} // namespace algoscope::ui
