#include "LifeGptRolloutPanel.h"

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

LifeGptRolloutPanel::LifeGptRolloutPanel(LifeGptLab* lab, QWidget* parent)
    : Panel(QStringLiteral("lifegpt"), QStringLiteral("rollout"), tr("Rollout (ARAR)"), parent),
      m_lab(lab), m_steps(new QSpinBox), m_summary(new QLabel),
      m_plot(new PlotView(QStringLiteral("lifegpt-rollout"))) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* row = new QHBoxLayout;
    m_steps->setRange(1, 1000);
    m_steps->setValue(50);
    auto* run = new QPushButton(tr("Roll out"));
    run->setToolTip(tr("Feed each prediction back as the next input, beside true Life"));
    row->addWidget(new QLabel(tr("Steps")));
    row->addWidget(m_steps);
    row->addWidget(run);
    row->addWidget(m_summary, 1);
    layout->addLayout(row);
    m_plot->setMinimumHeight(120);
    QCustomPlot* p = m_plot->plot();
    p->addGraph()->setName(tr("cell accuracy"));
    p->graph(0)->setPen(QPen(seriesColor(0), 2));
    p->xAxis->setLabel(tr("step"));
    p->yAxis->setLabel(tr("cell accuracy"));
    p->yAxis->setRange(0, 1.02);
    layout->addWidget(m_plot, 1);
    setWidget(body);
    connect(run, &QPushButton::clicked, this, [this] { m_lab->runRollout(m_steps->value()); });
    connect(lab, &LifeGptLab::rolloutFinished, this, &LifeGptRolloutPanel::show);
}

void LifeGptRolloutPanel::show(const lifegpt::Rollout& r) {
    QVector<double> x, y;
    for (std::size_t i = 0; i < r.cellAccuracy.size(); ++i) {
        x << double(i + 1);
        y << r.cellAccuracy[i];
    }
    m_plot->plot()->graph(0)->setData(x, y, true);
    m_plot->plot()->xAxis->setRange(0.5, double(r.cellAccuracy.size()) + 0.5);
    m_plot->plot()->replot();
    m_summary->setText(r.firstError ? tr("first wrong board at step %1").arg(*r.firstError)
                                    : tr("exact for all %1 steps").arg(r.cellAccuracy.size()));
}

} // namespace algoscope::ui
