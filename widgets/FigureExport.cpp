#include "FigureExport.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace algoscope::ui {

QString exportFormatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("svg") ||
        suffix == QLatin1String("pdf") || suffix == QLatin1String("csv"))
        return suffix;
    return {};
}

bool saveFileAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(bytes);
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

namespace {

// Vector targets render into a buffer first, then the bytes are committed atomically.
QByteArray paintSvg(const PaintFunction& paint, QSize size, double dpi, const QString& title) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(int(dpi));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Exported by algoscope"));
    {
        QCPPainter painter(&generator);
        paint(painter, size);
    }
    return buffer.data();
}

QByteArray paintPdf(const PaintFunction& paint, QSize size, double dpi, const QString& title) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("algoscope"));
    writer.setResolution(int(dpi));
    // Page exactly the figure's size: `size` pixels at `dpi`.
    writer.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / dpi, size.height() * 72.0 / dpi),
                                 QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    {
        QCPPainter painter(&writer);
        // Scale the logical figure size to the device so the content fills the page.
        const QRect target = painter.viewport();
        painter.scale(double(target.width()) / size.width(),
                      double(target.height()) / size.height());
        paint(painter, size);
    }
    return buffer.data();
}

QByteArray pngBytes(const QImage& image, double dpi) {
    QImage copy = image;
    const int dpm = int(dpi / 0.0254 + 0.5);
    copy.setDotsPerMeterX(dpm);
    copy.setDotsPerMeterY(dpm);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    writer.write(copy);
    return buffer.data();
}

bool validate(const QString& path, const ExportOptions& options, QString* error) {
    if (exportFormatOf(path).isEmpty() || exportFormatOf(path) == QLatin1String("csv")) {
        if (error)
            *error =
                QStringLiteral("unknown figure format for %1 (use .png, .svg or .pdf)").arg(path);
        return false;
    }
    if (options.size.width() < 16 || options.size.height() < 16 || options.size.width() > 16384 ||
        options.size.height() > 16384) {
        if (error)
            *error = QStringLiteral("figure size %1x%2 is outside 16..16384 pixels")
                         .arg(options.size.width())
                         .arg(options.size.height());
        return false;
    }
    if (!(options.dpi >= 30 && options.dpi <= 2400)) {
        if (error)
            *error = QStringLiteral("DPI %1 is outside 30..2400").arg(options.dpi);
        return false;
    }
    return true;
}

} // namespace

bool exportPainted(const PaintFunction& paint, const QString& path, const ExportOptions& options,
                   QString* error) {
    if (!validate(path, options, error))
        return false;
    const QString format = exportFormatOf(path);
    const QString title = QFileInfo(path).completeBaseName();
    QByteArray bytes;
    if (format == QLatin1String("svg")) {
        bytes = paintSvg(paint, options.size, options.dpi, title);
    } else if (format == QLatin1String("pdf")) {
        bytes = paintPdf(paint, options.size, options.dpi, title);
    } else {
        QImage image(options.size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            paint(painter, options.size);
        }
        bytes = pngBytes(image, options.dpi);
    }
    return saveFileAtomically(path, bytes, error);
}

bool exportImage(const QImage& image, const QString& path, const ExportOptions& options,
                 QString* error) {
    if (image.isNull()) {
        if (error)
            *error = QStringLiteral("nothing to export: the view has not been drawn yet");
        return false;
    }
    ExportOptions o = options;
    o.size = image.size();
    if (!validate(path, o, error))
        return false;
    if (exportFormatOf(path) == QLatin1String("png"))
        return saveFileAtomically(path, pngBytes(image, options.dpi), error);
    // SVG/PDF of a GL view: the raster image on a page of the same size (GL views are pixels).
    return exportPainted(
        [&](QCPPainter& p, QSize size) { p.drawImage(QRect(QPoint(0, 0), size), image); }, path, o,
        error);
}

} // namespace algoscope::ui
