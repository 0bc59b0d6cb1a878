#pragma once
// The figure gallery: each lab lists its paper's key figures (Lab::galleryFigures()), computed
// with our own engines. `algoscope-cli figures` writes them as PNG/SVG/PDF with a caption file
// each, and docs/gallery.md shows them. A figure computes its data first (may take seconds,
// honours cancellation) and returns a paint function, so the same figure exports to raster and
// vector formats through FigureExport's single path.
#include "FigureExport.h"

#include <QSize>
#include <QString>

#include <functional>
#include <memory>

class QCustomPlot;

namespace algoscope::util {
class TaskContext;
}

namespace algoscope::ui {

struct FigureDrawing {
    PaintFunction paint;   // draws the figure at any size
    QSize size{1200, 800}; // the natural size (pixels for PNG, points for vector)
    QString details;       // parameters and measured values, appended to the caption
    QByteArray csv;        // the plotted data, written beside the figure when not empty
};

struct GalleryFigure {
    QString id;      // file stem, unique across labs: "life-methuselah-population"
    QString title;   // "R-pentomino: population against generation"
    QString caption; // what it shows and which paper figure it reproduces
    /// Computes the figure's data. Runs on the calling (GUI) thread of the figures command;
    /// must not create widgets (paint() may: it runs later on the same thread).
    std::function<FigureDrawing(const util::TaskContext&)> make;
};

/// A paint function drawing a QCustomPlot built by `build` (on first paint, on the GUI thread),
/// laid out at the requested size: vector output stays vector.
PaintFunction paintPlot(std::function<void(QCustomPlot&)> build);

/// House style for gallery plots: white background, readable fonts, thicker lines, legend top
/// right. Call at the start of a build function.
void applyGalleryStyle(QCustomPlot& plot);

/// The colours gallery and lab plots use for series, in order (colour-blind safe, Okabe-Ito).
QColor seriesColor(int index);

} // namespace algoscope::ui
