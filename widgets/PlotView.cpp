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
