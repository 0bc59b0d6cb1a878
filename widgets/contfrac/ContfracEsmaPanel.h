#pragma once
// ESMA search settings, live progress (the lab's TaskRunner), the results table (sortable by
// convergence rate; a click plots the conjecture against the simple CF) and JSON/LaTeX export.
#include "Panel.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace algoscope::ui {

class ContfracLab;

class ContfracEsmaPanel : public Panel {
    Q_OBJECT
public:
    ContfracEsmaPanel(ContfracLab* lab, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

protected:
    void refresh() override;

private:
    void addRow(int index);
    void updateStats();
    ContfracLab* m_lab;
    QLineEdit* m_constant;
    QSpinBox *m_degree, *m_coeff, *m_minPeriod, *m_maxPeriod, *m_depth, *m_verify;
    QPushButton *m_run, *m_cancel, *m_export;
    QProgressBar* m_progress;
    QLabel* m_stats;
    QTableWidget* m_table;
};

} // namespace algoscope::ui
