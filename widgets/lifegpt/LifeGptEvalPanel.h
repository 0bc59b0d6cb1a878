#pragma once
// Accuracy on held-out boards by initial density, the paper's evaluation: cell accuracy and the
// fraction of boards predicted exactly, per density bin; and LifeGPT's comparison of training data
// (the shipped broad- and high-entropy models on the same boards).
#include "Panel.h"

#include "LifeGptLab.h"
#include "lifegpt/LifeGpt.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;

namespace algoscope::ui {

/// Accuracy by density of one evaluation as two curves in `colour`: cell accuracy (solid,
/// circles) and boards exactly right (dashed, squares), named "<label>: ..." when label is not
/// empty. Shared by the evaluation panel and the gallery figures.
void addAccuracyCurves(QCustomPlot& plot, const lifegpt::Evaluation& e, const QString& label,
                       int colour, int markerSize);

class LifeGptLab;
class PlotView;

class LifeGptEvalPanel : public Panel {
    Q_OBJECT
public:
    LifeGptEvalPanel(LifeGptLab* lab, QWidget* parent = nullptr);
    PlotView* plot() const { return m_plot; }
    QComboBox* engineBox() const { return m_engine; }

private:
    void show(const lifegpt::Evaluation& e, const QString& engine);
    void showComparison(const LifeGptLab::DataComparison& c);
    /// Replaces the plot's curves: one (cell, board) pair per labelled evaluation.
    void plotSeries(const QList<QPair<QString, const lifegpt::Evaluation*>>& series);

    LifeGptLab* m_lab;
    QSpinBox* m_boards;
    QComboBox* m_engine;
    QLabel* m_summary;
    PlotView* m_plot;
};

} // namespace algoscope::ui
