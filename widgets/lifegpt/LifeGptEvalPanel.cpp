#include "LifeGptEvalPanel.h"

#include "Gallery.h"
#include "LifeGptLab.h"
#include "PlotView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace algoscope::ui {

void addAccuracyCurves(QCustomPlot& plot, const lifegpt::Evaluation& e, const QString& label,
                       int colour, int markerSize) {
    QVector<double> x, cell, board;
    for (const lifegpt::DensityBin& b : e.byDensity) {
        x << (b.lo + b.hi) / 2;
        cell << b.cellAccuracy();
        board << b.boardAccuracy();
    }
    const QString prefix = label.isEmpty() ? QString() : label + QStringLiteral(": ");
    QCPGraph* g = plot.addGraph();
    g->setName(prefix + LifeGptEvalPanel::tr("cell accuracy"));
    g->setPen(QPen(seriesColor(colour), 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, markerSize));
    g->setData(x, cell, true);
    QCPGraph* h = plot.addGraph();
    h->setName(prefix + LifeGptEvalPanel::tr("boards exactly right"));
    h->setPen(QPen(seriesColor(colour), 2, Qt::DashLine));
    h->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, markerSize));
    h->setData(x, board, true);
}

LifeGptEvalPanel::LifeGptEvalPanel(LifeGptLab* lab, QWidget* parent)
    : Panel(QStringLiteral("lifegpt"), QStringLiteral("evaluation"), tr("Accuracy by density"),
            parent),
      m_lab(lab), m_boards(new QSpinBox), m_engine(new QComboBox), m_summary(new QLabel),
      m_plot(new PlotView(QStringLiteral("lifegpt-accuracy-by-density"))) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* row = new QHBoxLayout;
    m_boards->setRange(10, 100000);
    m_boards->setValue(200);
    m_engine->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_engine->addItem(tr("GPU"), QStringLiteral("gpu"));
    m_engine->setToolTip(tr("GPU: the compute-shader decoder (same greedy predictions as the CPU; "
                            "the CPU serves when OpenGL 4.3 is missing)"));
    auto* run = new QPushButton(tr("Evaluate"));
    run->setToolTip(tr("Held-out random boards, densities spread over ten bins"));
    row->addWidget(new QLabel(tr("Boards")));
    row->addWidget(m_boards);
    row->addWidget(m_engine);
    auto* compare = new QPushButton(tr("Broad vs high entropy"));
    compare->setToolTip(
        tr("LifeGPT's lesson about training data: the shipped models trained on "
           "broad-entropy boards (density uniform in [0, 1]) and on high-entropy "
           "boards (density 0.5), same size and steps, on the same held-out boards"));
    row->addWidget(run);
    row->addWidget(compare);
    row->addWidget(m_summary, 1);
    m_summary->setWordWrap(true);
    layout->addLayout(row);
    m_plot->setMinimumHeight(120);
    QCustomPlot* p = m_plot->plot();
    p->legend->setVisible(false); // until there is something to name
    p->xAxis->setLabel(tr("initial density (bin centre)"));
    p->yAxis->setLabel(tr("accuracy"));
    p->xAxis->setRange(0, 1);
    p->yAxis->setRange(0, 1.02);
    layout->addWidget(m_plot, 1);
    setWidget(body);
    connect(run, &QPushButton::clicked, this, [this] {
        m_lab->runEvaluation(m_boards->value(), 12345,
                             m_engine->currentData().toString() == QLatin1String("gpu"));
    });
    connect(compare, &QPushButton::clicked, this,
            [this] { m_lab->runDataComparison(m_boards->value(), 12345); });
    connect(lab, &LifeGptLab::evaluationFinished, this, &LifeGptEvalPanel::show);
    connect(lab, &LifeGptLab::dataComparisonFinished, this, &LifeGptEvalPanel::showComparison);
}

void LifeGptEvalPanel::plotSeries(const QList<QPair<QString, const lifegpt::Evaluation*>>& series) {
    QCustomPlot* p = m_plot->plot();
    p->clearGraphs();
    int colour = 0;
    for (const auto& [label, e] : series)
        addAccuracyCurves(*p, *e, label, colour++, 6);
    p->legend->setVisible(!series.isEmpty());
    p->replot();
}

void LifeGptEvalPanel::showComparison(const LifeGptLab::DataComparison& c) {
    plotSeries({{tr("broad"), &c.broad}, {tr("high"), &c.high}});
    m_summary->setText(tr("broad entropy (%1): cells %2, boards %3 of %4; high entropy (%5): "
                          "cells %6, boards %7 of %8")
                           .arg(c.broadModel)
                           .arg(c.broad.cellAccuracy(), 0, 'f', 5)
                           .arg(c.broad.boardsExact)
                           .arg(c.broad.boards)
                           .arg(c.highModel)
                           .arg(c.high.cellAccuracy(), 0, 'f', 5)
                           .arg(c.high.boardsExact)
                           .arg(c.high.boards));
}

void LifeGptEvalPanel::show(const lifegpt::Evaluation& e, const QString& engine) {
    plotSeries({{QString(), &e}});
    m_summary->setText(tr("cell accuracy %1, boards exact %2 of %3 (%4, %5 s)")
                           .arg(e.cellAccuracy(), 0, 'f', 5)
                           .arg(e.boardsExact)
                           .arg(e.boards)
                           .arg(engine)
                           .arg(e.seconds, 0, 'f', 1));
}

} // namespace algoscope::ui
