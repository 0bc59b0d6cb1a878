#pragma once
// Shared export helpers: format from extension, atomic writes (QSaveFile), raster image to
// PNG/SVG/PDF with the chosen DPI.
#include "Exportable.h"

#include <QImage>
#include <QString>
#include <functional>

class QCPPainter;

namespace algoscope::ui {

/// Draws a figure of the given logical size. QCPPainter is a QPainter that QCustomPlot can also
/// draw into, so plots and hand-painted figures share one export path.
using PaintFunction = std::function<void(QCPPainter&, QSize)>;

/// "png", "svg", "pdf", "csv" from a path; empty when unknown.
QString exportFormatOf(const QString& path);

/// Writes an image as PNG (with DPI recorded), or embeds it in an SVG or PDF page.
bool exportImage(const QImage& image, const QString& path, const ExportOptions& options,
                 QString* error);

/// Vector output: calls paint(painter, size) on an SVG generator or a PDF writer; PNG renders
/// the same paint function into an image at options.size. All writes go through QSaveFile.
bool exportPainted(const PaintFunction& paint, const QString& path, const ExportOptions& options,
                   QString* error);

/// Writes bytes atomically (temp file + rename via QSaveFile).
bool saveFileAtomically(const QString& path, const QByteArray& bytes, QString* error);

} // namespace algoscope::ui
