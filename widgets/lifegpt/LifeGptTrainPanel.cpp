#include "LifeGptTrainPanel.h"

#include "Gallery.h"
#include "LifeGptLab.h"
#include "PlotView.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace algoscope::ui {

namespace {
QSpinBox* spin(int lo, int hi, int value) {
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setValue(value);
    return s;
}
} // namespace

LifeGptTrainPanel::LifeGptTrainPanel(LifeGptLab* lab, QWidget* parent)
    : Panel(QStringLiteral("lifegpt"), QStringLiteral("training"), tr("Training"), parent),
      m_lab(lab), m_grid(spin(2, 32, 8)), m_dim(spin(8, 1024, 64)), m_layers(spin(1, 24, 2)),
      m_heads(spin(1, 32, 4)), m_steps(spin(1, 10000000, 2000)), m_batch(spin(1, 1024, 16)),
      m_seed(spin(0, 1000000, 1)), m_lr(new QDoubleSpinBox), m_data(new QComboBox),
      m_status(new QLabel), m_plot(new PlotView(QStringLiteral("lifegpt-training"))) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* form = new QFormLayout;
    m_lr->setDecimals(5);
    m_lr->setRange(0.00001, 0.1);
    m_lr->setSingleStep(0.0005);
    m_lr->setValue(0.002);
    m_data->addItem(tr("broad entropy (density uniform in [0, 1])"), QStringLiteral("broad"));
    m_data->addItem(tr("high entropy (density 0.5)"), QStringLiteral("high"));
    form->addRow(tr("Grid"), m_grid);
    form->addRow(tr("Width"), m_dim);
    form->addRow(tr("Layers"), m_layers);
    form->addRow(tr("Heads"), m_heads);
    form->addRow(tr("Steps"), m_steps);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Data"), m_data);
    form->addRow(tr("Seed"), m_seed);
    layout->addLayout(form);
    auto* train = new QPushButton(tr("Train"));
    train->setToolTip(tr("Runs in the background; Cancel in the status bar stops it"));
    layout->addWidget(train);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    QCustomPlot* p = m_plot->plot();
    p->addGraph()->setName(tr("loss"));
    p->graph(0)->setPen(QPen(seriesColor(1), 1.5));
    p->addGraph(p->xAxis, p->yAxis2)->setName(tr("cell accuracy (teacher forced)"));
    p->graph(1)->setPen(QPen(seriesColor(0), 1.5));
    p->yAxis2->setVisible(true);
    p->yAxis2->setRange(0, 1.02);
    p->xAxis->setLabel(tr("step"));
    p->yAxis->setLabel(tr("cross-entropy"));
    p->yAxis2->setLabel(tr("accuracy"));
    m_plot->setMinimumHeight(120);
    layout->addWidget(m_plot, 1);
    setWidget(body);
    connect(train, &QPushButton::clicked, this, [this] {
        m_plot->plot()->graph(0)->data()->clear();
        m_plot->plot()->graph(1)->data()->clear();
        m_lab->train(config());
    });
    connect(lab, &LifeGptLab::trainingProgress, this, &LifeGptTrainPanel::onProgress);
}

lifegpt::TrainConfig LifeGptTrainPanel::config() const {
    lifegpt::TrainConfig c;
    c.grid = m_grid->value();
    c.net.dim = m_dim->value();
    c.net.layers = m_layers->value();
    c.net.heads = m_heads->value();
    c.steps = m_steps->value();
    c.batch = m_batch->value();
    c.lr = m_lr->value();
    c.warmup = std::min(100, std::max(1, c.steps / 10));
    c.data = lifegpt::parseDataMode(m_data->currentData().toString().toStdString());
    c.seed = std::uint64_t(m_seed->value());
    return c;
}

void LifeGptTrainPanel::onProgress(const lifegpt::TrainProgress& p) {
    m_plot->plot()->graph(0)->addData(p.step, p.loss);
    m_plot->plot()->graph(1)->addData(p.step, p.cellAccuracy);
    m_plot->plot()->xAxis->setRange(0, p.steps);
    m_plot->plot()->graph(0)->rescaleValueAxis(false, true);
    m_plot->plot()->replot(QCustomPlot::rpQueuedReplot);
    m_status->setText(tr("step %1 / %2, loss %3, accuracy %4, %5 tokens/s, about %6 s left")
                          .arg(p.step)
                          .arg(p.steps)
                          .arg(p.loss, 0, 'f', 4)
                          .arg(p.cellAccuracy, 0, 'f', 4)
                          .arg(p.tokensPerSecond, 0, 'f', 0)
                          .arg(p.etaSeconds, 0, 'f', 0));
}

} // namespace algoscope::ui
