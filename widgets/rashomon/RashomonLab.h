#pragma once
// The Rashomon lab (Semenova, Rudin & Parr, FAccT 2022): exact counts of decision-tree spaces by
// training error, the Rashomon ratio against theta, the Rashomon curve over depth with its elbow,
// the learners comparison, a 2-D view of the data with sampled Rashomon-set trees' boundaries,
// the 2-D linear weight space (angle on the circle) with the set shaded, and a browser of trees
// from the set. Settings go through the undo stack; counting runs on the lab's TaskRunner;
// theta updates the numbers and plots live from the kept error distribution.
#include "Lab.h"

class QTabWidget;

namespace algoscope::ui {

class PlotView;
class RashomonModel;

class RashomonLab : public Lab {
    Q_OBJECT
public:
    RashomonLab();
    ~RashomonLab() override;

    QString id() const override { return QStringLiteral("rashomon"); }
    QString title() const override { return tr("Rashomon sets"); }
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    Exportable* defaultExportable() override;
    void activate() override;
    QJsonObject saveState() const override;
    void restoreState(const QJsonObject& state) override;
    QList<TourActionSpec> tourActions() const override;
    bool applyTourAction(const QString& name, const QJsonObject& args, QString* error) override;
    QList<GalleryFigure> galleryFigures() const override;

    RashomonModel* model() const { return m_model; }
    PlotView* dataPlot() const { return m_dataPlot; }
    PlotView* thetaPlot() const { return m_thetaPlot; }
    PlotView* curvePlot() const { return m_curvePlot; }
    PlotView* anglePlot() const { return m_anglePlot; }

    /// Recounts everything for the current settings (on the task runner).
    void recompute();
    /// Draws new trees from the set at the current theta (the whole set when small).
    void resampleTrees();

private:
    void replotAll();
    void replotData();
    void replotTheta();
    void replotCurve();
    void replotAngle();

    RashomonModel* m_model;
    QTabWidget* m_tabs = nullptr;
    PlotView* m_dataPlot = nullptr;
    PlotView* m_thetaPlot = nullptr;
    PlotView* m_curvePlot = nullptr;
    PlotView* m_anglePlot = nullptr;
    bool m_activated = false;
    std::uint64_t m_sampleSeed = 1;
};

} // namespace algoscope::ui
