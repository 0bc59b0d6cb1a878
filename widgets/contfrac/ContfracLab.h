#pragma once
// The continued-fractions lab: certified expansions of constants, their convergence, the ESMA
// conjecture search and polynomial continued fractions. The central view is the formula (drawn
// as nested fractions) over the convergence plot; panels edit settings through the undo stack,
// and every computation runs on the lab's TaskRunner (expansion + PCF together, ESMA alone, its
// conjectures streamed into the model while it runs).
#include "Lab.h"

#include <QStringList>

class QTimer;

namespace algoscope::ui {

class ContfracFormulaView;
class ContfracModel;
class PlotView;

class ContfracLab : public Lab {
    Q_OBJECT
public:
    ContfracLab();
    ~ContfracLab() override;

    QString id() const override { return QStringLiteral("contfrac"); }
    QString title() const override { return tr("Continued fractions"); }
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    Exportable* defaultExportable() override;
    void activate() override;
    bool isIdle() const override;
    QJsonObject saveState() const override;
    void restoreState(const QJsonObject& state) override;
    // Teaching (ContfracLabTour.cpp): the guided tour's actions and the gallery figures.
    QList<TourActionSpec> tourActions() const override;
    bool applyTourAction(const QString& name, const QJsonObject& args, QString* error) override;
    QList<GalleryFigure> galleryFigures() const override;

    ContfracModel* model() const { return m_model; }
    PlotView* convergencePlot() const { return m_plot; }
    PlotView* deltaPlot() const { return m_deltaPlot; }
    ContfracFormulaView* formulaView() const { return m_formula; }

    /// Recomputes the expansion and the PCF (runs on the task runner).
    void recompute();
    /// Starts the ESMA search with the current settings.
    void runEsma();
    /// Shows conjecture `index` in the formula view and on the plot against its simple CF.
    void showConjecture(int index);
    /// Writes the ESMA results as JSON (.json) or a LaTeX document (.tex).
    bool exportConjectures(const QString& path, QString* error) const;
    /// The constants of the picker.
    static QStringList presetConstants();

private:
    void replot();
    void scheduleRecompute();

    ContfracModel* m_model;
    PlotView* m_plot = nullptr;
    PlotView* m_deltaPlot = nullptr;
    ContfracFormulaView* m_formula = nullptr;
    QTimer* m_recomputeTimer;
    bool m_activated = false;
    bool m_autoEsmaPending = false; // the first activation's search has not started yet
};

} // namespace algoscope::ui
