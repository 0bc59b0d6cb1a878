#pragma once
// The Rashomon lab's docked panels: settings (data, features, binarisation, space, theta with
// the live set size / ratio / pattern ratio), the learners comparison, and the tree browser.
#include "Panel.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace algoscope::ui {

class RashomonLab;
class RashomonTreeView;
struct RashomonSettings;

class RashomonSettingsPanel : public Panel {
    Q_OBJECT
public:
    RashomonSettingsPanel(RashomonLab* lab, QWidget* parent = nullptr);

    QSlider* thetaSlider() const { return m_theta; }
    QComboBox* datasetCombo() const { return m_dataset; }
    QSpinBox* depthSpin() const { return m_depth; }
    QLabel* ratioLabel() const { return m_ratio; }

protected:
    void refresh() override;

private:
    void edit(const std::function<void(RashomonSettings&)>& change, const QString& what,
              bool mergeable = false);
    void updateNumbers();

    RashomonLab* m_lab;
    QComboBox* m_dataset;
    QLineEdit* m_class;
    QComboBox* m_fx;
    QComboBox* m_fy;
    QSpinBox* m_quantiles;
    QSpinBox* m_depth;
    QComboBox* m_space;
    QDoubleSpinBox* m_test;
    QSlider* m_theta;
    QLabel* m_thetaLabel;
    QLabel* m_best;
    QLabel* m_space_size;
    QLabel* m_set_size;
    QLabel* m_ratio;
    QLabel* m_pattern;
};

class RashomonLearnersPanel : public Panel {
    Q_OBJECT
public:
    RashomonLearnersPanel(RashomonLab* lab, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }

protected:
    void refresh() override;

private:
    RashomonLab* m_lab;
    QTableWidget* m_table;
    QLabel* m_summary;
};

class RashomonTreesPanel : public Panel {
    Q_OBJECT
public:
    RashomonTreesPanel(RashomonLab* lab, QWidget* parent = nullptr);
    QListWidget* list() const { return m_list; }
    /// The selected tree as a node-link diagram (exportable PNG/SVG/PDF).
    RashomonTreeView* diagram() const { return m_diagram; }
    /// Writes every browsed tree as indented text.
    bool exportText(const QString& path, QString* error) const;

protected:
    void refresh() override;

private:
    RashomonLab* m_lab;
    QLabel* m_header;
    void showTree(int row);

    QListWidget* m_list;
    QTabWidget* m_views;
    RashomonTreeView* m_diagram;
    QPlainTextEdit* m_text;
    QLabel* m_features;
};

} // namespace algoscope::ui
