#pragma once
// The constant (picker or expression), sign pattern, number of terms and precision, and the
// table of certified terms with their convergents p_n/q_n and errors.
#include "Panel.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace algoscope::ui {

class ContfracLab;

class ContfracTermsPanel : public Panel {
    Q_OBJECT
public:
    ContfracTermsPanel(ContfracLab* lab, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    void fillTable();
    ContfracLab* m_lab;
    QComboBox* m_constant;
    QLineEdit* m_signs;
    QSpinBox* m_terms;
    QSpinBox* m_digits;
    QLabel* m_status;
    QTableWidget* m_table;
};

} // namespace algoscope::ui
