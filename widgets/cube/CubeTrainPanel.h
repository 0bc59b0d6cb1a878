#pragma once
// Train a deep Q-network for Q* here: cube size, action space (12, 156 or 1884), steps, batch,
// scramble depth K, learning rate, the trunk's size and the seed. Training runs on the lab's
// task runner with a progress bar, a live loss plot, states/s and the time left; Cancel stops it
// within a step and keeps the network trained so far. Save writes it (atomically) and "Use in
// lab" makes it the network the lab solves with.
#include "Panel.h"

#include "cube/QNetwork.h"

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace algoscope::ui {

class CubeLab;
class PlotView;

class CubeTrainPanel : public Panel {
    Q_OBJECT
public:
    CubeTrainPanel(CubeLab* lab, QWidget* parent = nullptr);

    cube::DqnConfig config() const;
    void setConfig(const cube::DqnConfig& config);
    /// Starts training with config() (the Train button).
    void train();
    /// Stops a running training (the Cancel button); the network so far is kept.
    void cancel();
    bool isTraining() const { return m_training; }
    /// The network trained (or partly trained) last; nullptr before the first training.
    std::shared_ptr<const cube::QNetwork> network() const { return m_network; }
    /// Steps the network has been trained for.
    int trainedSteps() const { return m_trainedSteps; }
    /// Writes the network to path atomically; false and a reason when it cannot.
    bool saveNetwork(const QString& path, QString* error) const;
    /// Makes the network the lab's (the Use in lab button).
    void useInLab();
    PlotView* lossPlot() const { return m_plot; }

Q_SIGNALS:
    /// Training ended: finished normally, or cancelled (then the network so far is kept).
    void trainingFinished(bool cancelled);

private:
    void onProgress(const cube::DqnProgress& p);
    void onFinished(bool ok, bool cancelled, const QString& error);
    void updateButtons();

    CubeLab* m_lab;
    QComboBox *m_size, *m_actions;
    QSpinBox *m_steps, *m_batch, *m_maxScramble, *m_hidden1, *m_hidden2, *m_blocks, *m_seed,
        *m_actionsPerState;
    QDoubleSpinBox* m_lr;
    QCheckBox *m_doubleQ, *m_scrambleBound;
    QPushButton *m_train, *m_cancel, *m_save, *m_use;
    QProgressBar* m_progress;
    QLabel* m_status;
    PlotView* m_plot;
    bool m_training = false;
    std::shared_ptr<cube::DqnTrainer> m_trainer; // owned with the worker while it runs
    std::shared_ptr<cube::QNetwork> m_network;
    cube::DqnConfig m_trainedConfig;
    std::shared_ptr<std::atomic<int>> m_stepsDone; // written by the worker at every step
    int m_trainedSteps = 0;
    double m_lastLoss = 0;
};

} // namespace algoscope::ui
