#include "PlotView.h"

#include "ExportDialog.h"
#include "FigureExport.h"

#include <QMenu>
#include <QMessageBox>

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace algoscope::ui {

PlotView::PlotView(const QString& exportName, QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_exportName(exportName) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectPlottables);
    m_plot->legend->setVisible(true);
    m_plot->setAntialiasedElements(QCP::aeAll);
    setObjectName(QStringLiteral("PlotView.") + exportName);
    connect(m_plot, &QCustomPlot::beforeReplot, this, [this] {
        if (!m_presentation)
            return;
        for (int i = 0; i < m_plot->plottableCount(); ++i) {
            QCPAbstractPlottable* p = m_plot->plottable(i);
            if (p->pen().widthF() < 3.0) {
                if (!p->property("algoscope.normalPenWidth").isValid())
                    p->setProperty("algoscope.normalPenWidth", p->pen().widthF());
                QPen pen = p->pen();
                pen.setWidthF(3.0);
                p->setPen(pen);
            }
        }
    });
    // Clicking a plot makes it the target of File > Export figure (MainWindow looks at focus).
    m_plot->setFocusPolicy(Qt::ClickFocus);
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_plot, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(tr("Export figure..."), this, [this] {
            ExportDialog dialog(m_exportName, exportFormats(), ExportOptions(), QString(), this);
            if (dialog.exec() != QDialog::Accepted)
                return;
            QString error;
            if (!exportFigure(dialog.path(), dialog.options(), &error))
                QMessageBox::warning(this, tr("Export failed"), error);
        });
        menu.addAction(tr("Reset zoom"), this, [this] {
            m_plot->rescaleAxes();
            m_plot->replot();
        });
        menu.exec(m_plot->mapToGlobal(pos));
    });
}

void PlotView::setPresentationStyle(bool on) {
    if (on == m_presentation)
        return;
    m_presentation = on;
    // Fonts scale once per switch; pen widths are re-applied before every replot so graphs a lab
    // adds later are thick too. The normal width is remembered on each graph.
    const double scale = on ? 1.5 : 1.0 / 1.5;
    for (QCPAxis* axis : m_plot->axisRect()->axes()) {
        QFont f = axis->tickLabelFont();
        f.setPointSizeF(f.pointSizeF() * scale);
        axis->setTickLabelFont(f);
        f = axis->labelFont();
        f.setPointSizeF(f.pointSizeF() * scale);
        axis->setLabelFont(f);
    }
    QFont lf = m_plot->legend->font();
    lf.setPointSizeF(lf.pointSizeF() * scale);
    m_plot->legend->setFont(lf);
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = m_plot->plottable(i);
        QPen pen = p->pen();
        const QVariant normal = p->property("algoscope.normalPenWidth");
        if (on) {
            if (!normal.isValid())
                p->setProperty("algoscope.normalPenWidth", pen.widthF());
            pen.setWidthF(std::max(3.0, pen.widthF()));
        } else if (normal.isValid()) {
            pen.setWidthF(normal.toDouble());
        }
        p->setPen(pen);
    }
    m_plot->replot();
}

QByteArray PlotView::dataAsCsv() const {
    QByteArray csv = "series,x,y\n";
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph* graph = m_plot->graph(g);
        QByteArray name = graph->name().toUtf8();
        name.replace('"', "\"\"");
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            csv += '"' + name + "\"," + QByteArray::number(it->key, 'g', 17) + ',' +
                   QByteArray::number(it->value, 'g', 17) + '\n';
    }
    return csv;
}

bool PlotView::exportFigure(const QString& path, const ExportOptions& options, QString* error) {
    const QString format = exportFormatOf(path);
    if (format == QLatin1String("csv"))
        return saveFileAtomically(path, dataAsCsv(), error);
    // toPainter() lays the plot out at the requested size, so vector output is real vector
    // graphics (axes, lines and text stay sharp), not a screenshot.
    return exportPainted(
        [this, format](QCPPainter& painter, QSize size) {
            if (format != QLatin1String("png")) {
                painter.setMode(QCPPainter::pmVectorized);
                painter.setMode(QCPPainter::pmNoCaching);
            }
            m_plot->toPainter(&painter, size.width(), size.height());
        },
        path, options, error);
}

} // namespace algoscope::ui
