#include "Gallery.h"

#include <qcustomplot.h>

namespace algoscope::ui {

PaintFunction paintPlot(std::function<void(QCustomPlot&)> build) {
    // The plot is created lazily and kept for further exports of the same figure.
    auto plot = std::make_shared<std::unique_ptr<QCustomPlot>>();
    return [plot, build = std::move(build)](QCPPainter& painter, QSize size) {
        if (!*plot) {
            *plot = std::make_unique<QCustomPlot>();
            build(**plot);
        }
        if (painter.device() && painter.device()->devType() != QInternal::Image) {
            painter.setMode(QCPPainter::pmVectorized);
            painter.setMode(QCPPainter::pmNoCaching);
        }
        (*plot)->toPainter(&painter, size.width(), size.height());
    };
}

QColor seriesColor(int index) {
    // Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour
    // vision deficiency, and in greyscale print by lightness.
    static const QColor colors[] = {
        QColor(0, 114, 178), QColor(213, 94, 0),   QColor(0, 158, 115), QColor(204, 121, 167),
        QColor(230, 159, 0), QColor(86, 180, 233), QColor(0, 0, 0),     QColor(240, 228, 66)};
    return colors[((index % 8) + 8) % 8];
}

void applyGalleryStyle(QCustomPlot& plot) {
    plot.setBackground(Qt::white);
    plot.setAntialiasedElements(QCP::aeAll);
    QFont tickFont = plot.font();
    tickFont.setPointSizeF(11);
    QFont labelFont = tickFont;
    labelFont.setPointSizeF(13);
    for (QCPAxis* axis : plot.axisRect()->axes()) {
        axis->setTickLabelFont(tickFont);
        axis->setLabelFont(labelFont);
        axis->setBasePen(QPen(Qt::black, 1.2));
        axis->setTickPen(QPen(Qt::black, 1.2));
        axis->setSubTickPen(QPen(Qt::black, 0.8));
        axis->grid()->setPen(QPen(QColor(220, 220, 220), 0.8, Qt::DotLine));
    }
    plot.legend->setVisible(true);
    plot.legend->setFont(tickFont);
    plot.legend->setBrush(QColor(255, 255, 255, 230));
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

} // namespace algoscope::ui
