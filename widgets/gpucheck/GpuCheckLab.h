#pragma once
// "GPU check": the smallest real lab. Runs an inclusive prefix sum or SAXPY on the CPU and on the
// GPU (OpenGL compute, core/gpu) over a range of sizes, shows both timings on a log-log plot,
// checks that the outputs agree exactly, and draws the output array in a GL view. It proves the
// whole stack end to end: core, GPU layer, task runner, docks, GL views, export.
#include "Lab.h"

namespace algoscope::ui {

class GpuCheckModel;
class PlotView;

class GpuCheckLab : public Lab {
    Q_OBJECT
public:
    GpuCheckLab();
    ~GpuCheckLab() override;

    QString id() const override { return QStringLiteral("gpu"); }
    QString title() const override { return tr("GPU check"); }
    QIcon icon() const override;
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    Exportable* defaultExportable() override;
    void activate() override;
    QJsonObject saveState() const override;
    void restoreState(const QJsonObject& state) override;

    GpuCheckModel* model() const { return m_model; }
    /// Starts a run with the current parameters (cancels a running one).
    void run();

private:
    void probeDevice();
    void updatePlot();
    GpuCheckModel* m_model;
    PlotView* m_plot = nullptr;
    bool m_activated = false;
};

} // namespace algoscope::ui
