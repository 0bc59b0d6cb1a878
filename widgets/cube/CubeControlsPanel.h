#pragma once
// Cube controls: size, the scramble (the cube follows as you type; invalid notation is shown
// with the reason, the cube keeps its last valid state), random scrambles, the solver (method,
// batch, lambda) and playback of the solution with the current move highlighted.
#include "Panel.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace algoscope::ui {

class CubeLab;

class CubeControlsPanel : public Panel {
    Q_OBJECT
public:
    CubeControlsPanel(CubeLab* lab, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    void showSolution();

    CubeLab* m_lab;
    QComboBox* m_size;
    QLineEdit* m_scramble;
    QLabel* m_scrambleError;
    QSpinBox* m_randomMoves;
    QComboBox* m_method;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_lambda;
    QLabel* m_model;
    QPushButton* m_play;
    QSlider* m_scrub;
    QSpinBox* m_speed;
    QLabel* m_solution;
    quint64 m_seed = 1;
};

} // namespace algoscope::ui
