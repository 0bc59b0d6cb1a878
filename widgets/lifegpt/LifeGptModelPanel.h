#pragma once
// LifeGPT model and board: which model is loaded (and how it was trained), the input board
// (a bundled pattern, a random board of a chosen density, or clear), and which attention layer
// and head the hover view shows.
#include "Panel.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace algoscope::ui {

class LifeGptLab;

class LifeGptModelPanel : public Panel {
    Q_OBJECT
public:
    LifeGptModelPanel(LifeGptLab* lab, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    LifeGptLab* m_lab;
    QLabel* m_info;
    QComboBox* m_shipped;
    QComboBox* m_pattern;
    QDoubleSpinBox* m_density;
    QSpinBox* m_seed;
    QSpinBox* m_layer;
    QSpinBox* m_head;
};

} // namespace algoscope::ui
