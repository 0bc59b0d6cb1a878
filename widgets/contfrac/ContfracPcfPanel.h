#pragma once
// Polynomial continued fraction: a(n), b(n), depth and convention; shows the value, the digits,
// digits per term, delta and the guesses of the limit (small Moebius images of the constants).
#include "Panel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace algoscope::ui {

class ContfracLab;

class ContfracPcfPanel : public Panel {
    Q_OBJECT
public:
    ContfracPcfPanel(ContfracLab* lab, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    ContfracLab* m_lab;
    QLineEdit *m_a, *m_b;
    QSpinBox* m_depth;
    QCheckBox* m_rt;
    QLabel* m_result;
};

} // namespace algoscope::ui
