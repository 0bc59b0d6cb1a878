#pragma once
// A QCustomPlot with the house defaults (readable fonts, zoom/drag on both axes, legend) and
// export: PNG at any size/DPI, true vector SVG and PDF, and the plotted data as CSV.
#include "Exportable.h"

#include <QWidget>

class QCustomPlot;

namespace algoscope::ui {

class PlotView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit PlotView(const QString& exportName, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }

    QString exportName() const override { return m_exportName; }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;
    QStringList exportFormats() const override { return {"png", "svg", "pdf", "csv"}; }
    /// Every graph's points in long form: series,x,y (one header line).
    QByteArray dataAsCsv() const;
    /// Presentation mode: lines at least 3 px and fonts 1.5x, kept through later replots.
    void setPresentationStyle(bool on);
    bool presentationStyle() const { return m_presentation; }

private:
    QCustomPlot* m_plot;
    QString m_exportName;
    bool m_presentation = false;
};

} // namespace algoscope::ui
