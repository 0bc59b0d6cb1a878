#pragma once
// Anything the user can export as a figure: plots (vector output) and GL views (raster output).
// The format is chosen by the file extension: .png, .svg, .pdf, and .csv for a plot's data.
#include <QSize>
#include <QString>
#include <QStringList>

namespace algoscope::ui {

struct ExportOptions {
    QSize size{1200, 800}; // pixels for PNG and raster content; points for vector output
    double dpi = 150;      // stored in the PNG, and the scale used for PDF/SVG page size
};

class Exportable {
public:
    virtual ~Exportable() = default;
    /// A short name for file dialogs, e.g. "gpu-timings".
    virtual QString exportName() const = 0;
    /// Writes the figure atomically; on failure returns false and sets *error.
    virtual bool exportFigure(const QString& path, const ExportOptions& options,
                              QString* error) = 0;
    /// The formats this view writes, as lower-case extensions.
    virtual QStringList exportFormats() const { return {"png", "svg", "pdf"}; }
};

} // namespace algoscope::ui
