#pragma once
// Rule, board, engine and speed of the Life lab, the run buttons and the edit tools. Settings
// edits go through the undo stack; buttons call the lab's commands.
#include "Panel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace algoscope::ui {

class LifeLab;

class LifeControlsPanel : public Panel {
    Q_OBJECT
public:
    LifeControlsPanel(LifeLab* lab, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    void commit(const QString& what);
    void commitRule();
    LifeLab* m_lab;
    QLineEdit* m_rule;
    QComboBox* m_topology;
    QComboBox* m_engine;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_perStep;
    QSpinBox* m_speed;
    QSpinBox* m_stepN;
    QCheckBox* m_grid;
    QCheckBox* m_ages;
    QCheckBox* m_stopStable;
    QDoubleSpinBox* m_density;
    QSpinBox* m_seed;
    QPushButton* m_play;
    QToolButton* m_draw;
    QToolButton* m_select;
    QToolButton* m_pan;
};

} // namespace algoscope::ui
