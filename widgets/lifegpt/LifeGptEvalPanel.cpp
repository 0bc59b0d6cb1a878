#include "LifeGptEvalPanel.h"

#include "Gallery.h"
#include "LifeGptLab.h"
#include "PlotView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace algoscope::ui {

LifeGptEvalPanel::LifeGptEvalPanel(LifeGptLab* lab, QWidget* parent)
    : Panel(QStringLiteral("lifegpt"), QStringLiteral("evaluation"), tr("Accuracy by density"),
            parent),
      m_lab(lab), m_boards(new QSpinBox), m_summary(new QLabel),
      m_plot(new PlotView(QStringLiteral("lifegpt-accuracy-by-density"))) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* row = new QHBoxLayout;
    m_boards->setRange(10, 100000);
    m_boards->setValue(200);
    auto* run = new QPushButton(tr("Evaluate"));
    run->setToolTip(tr("Held-out random boards, densities spread over ten bins"));
    row->addWidget(new QLabel(tr("Boards")));
    row->addWidget(m_boards);
    row->addWidget(run);
    row->addWidget(m_summary, 1);
    layout->addLayout(row);
    m_plot->setMinimumHeight(120);
    QCustomPlot* p = m_plot->plot();
    p->addGraph()->setName(tr("cell accuracy"));
    p->graph(0)->setPen(QPen(seriesColor(0), 2));
    p->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    p->addGraph()->setName(tr("boards exactly right"));
    p->graph(1)->setPen(QPen(seriesColor(1), 2));
    p->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 6));
    p->xAxis->setLabel(tr("initial density (bin centre)"));
    p->yAxis->setLabel(tr("accuracy"));
    p->xAxis->setRange(0, 1);
    p->yAxis->setRange(0, 1.02);
    layout->addWidget(m_plot, 1);
    setWidget(body);
    connect(run, &QPushButton::clicked, this,
            [this] { m_lab->runEvaluation(m_boards->value(), 12345); });
    connect(lab, &LifeGptLab::evaluationFinished, this, &LifeGptEvalPanel::show);
}

void LifeGptEvalPanel::show(const lifegpt::Evaluation& e) {
    QVector<double> x, cell, board;
    for (const lifegpt::DensityBin& b : e.byDensity) {
        x << (b.lo + b.hi) / 2;
        cell << b.cellAccuracy();
        board << b.boardAccuracy();
    }
    m_plot->plot()->graph(0)->setData(x, cell, true);
    m_plot->plot()->graph(1)->setData(x, board, true);
    m_plot->plot()->replot();
    m_summary->setText(tr("cell accuracy %1, boards exact %2 of %3")
                           .arg(e.cellAccuracy(), 0, 'f', 5)
                           .arg(e.boardsExact)
                           .arg(e.boards));
}

} // namespace algoscope::ui
