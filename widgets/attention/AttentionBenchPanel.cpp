#include "AttentionBenchPanel.h"

#include "AttentionModel.h"
#include "PlotView.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <map>

namespace algoscope::ui {

namespace {

QColor implColor(const QString& impl) {
    static const std::map<QString, QColor> colors = {
        {"naive", QColor(220, 90, 40)},      {"gemm", QColor(150, 90, 200)},
        {"fused", QColor(30, 150, 90)},      {"masked-gemm", QColor(120, 120, 120)},
        {"gpu-naive", QColor(40, 120, 220)}, {"gpu-fused", QColor(20, 190, 210)}};
    const auto it = colors.find(impl);
    return it == colors.end() ? QColor(0, 0, 0) : it->second;
}

void setupPlot(PlotView* view, const QString& title, const QString& yLabel, bool logY) {
    QCustomPlot* plot = view->plot();
    plot->xAxis->setLabel(QObject::tr("kernel size k (per axis)"));
    plot->yAxis->setLabel(yLabel);
    if (logY) {
        plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    // Odd kernels only: integer ticks every 2. One legend (on the speed-up plot) serves both.
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(2);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot->xAxis->setTicker(ticker);
    plot->legend->setVisible(!logY);
    if (!logY) {
        // Below the axes, three entries per row, so it never hides a curve.
        QFont f = plot->legend->font();
        f.setPointSizeF(8);
        plot->legend->setFont(f);
        plot->axisRect()->insetLayout()->take(plot->legend);
        plot->plotLayout()->addElement(2, 0, plot->legend);
        plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        plot->legend->setWrap(3);
        plot->legend->setBorderPen(Qt::NoPen);
        plot->plotLayout()->setRowStretchFactor(2, 0.001);
    }
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(
        0, 0, new QCPTextElement(plot, title, QFont(QString(), 11, QFont::Bold)));
}

} // namespace

AttentionBenchPanel::AttentionBenchPanel(AttentionModel* model, QWidget* parent)
    : Panel(QStringLiteral("attention"), QStringLiteral("bench"), tr("Benchmark"), parent),
      m_model(model) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    auto* row = new QHBoxLayout;
    m_maxKernel = new QSpinBox(body);
    m_maxKernel->setRange(1, 63);
    m_maxKernel->setSingleStep(2);
    m_maxKernel->setPrefix(tr("k up to "));
    m_reps = new QSpinBox(body);
    m_reps->setRange(1, 50);
    m_reps->setValue(3);
    m_reps->setSuffix(tr(" runs"));
    m_run = new QPushButton(tr("Run benchmark"), body);
    m_run->setObjectName(QStringLiteral("attention.bench.run"));
    row->addWidget(m_maxKernel);
    row->addWidget(m_reps);
    row->addWidget(m_run);
    layout->addLayout(row);
    auto* split = new QSplitter(Qt::Vertical, body);
    m_latency = new PlotView(QStringLiteral("attention-latency"), split);
    m_speedup = new PlotView(QStringLiteral("attention-speedup"), split);
    setupPlot(m_latency, tr("Latency per forward pass (legend below)"), tr("ms (best run)"), true);
    setupPlot(m_speedup, tr("Speed-up over naive"), tr("x naive"), false);
    split->addWidget(m_latency);
    split->addWidget(m_speedup);
    layout->addWidget(split, 1);
    body->setMinimumWidth(440);
    split->setMinimumHeight(300);
    setWidget(body);
    connect(m_run, &QPushButton::clicked, this, &AttentionBenchPanel::runRequested);
    connect(m_maxKernel, &QSpinBox::valueChanged, this, [this](int v) {
        // Not an edit of the attention setting: only how far the sweep goes.
        AttentionSettings s = m_model->settings();
        s.benchMaxKernel = v;
        m_model->setSettings(s);
    });
    connect(m_model, &AttentionModel::benchChanged, this, &AttentionBenchPanel::requestRefresh);
    refresh();
}

int AttentionBenchPanel::maxKernel() const {
    return m_maxKernel->value();
}
int AttentionBenchPanel::reps() const {
    return m_reps->value();
}

void AttentionBenchPanel::refresh() {
    {
        const QSignalBlocker b(m_maxKernel);
        m_maxKernel->setValue(m_model->settings().benchMaxKernel);
    }
    std::map<QString, QVector<QPair<double, double>>> byImpl;
    std::map<int, double> naive;
    for (const auto& p : m_model->bench()) {
        byImpl[p.impl].push_back({double(p.kernel), p.ms});
        if (p.impl == QLatin1String("naive"))
            naive[p.kernel] = p.ms;
    }
    for (PlotView* view : {m_latency, m_speedup}) {
        QCustomPlot* plot = view->plot();
        plot->clearGraphs();
        for (const auto& [impl, points] : byImpl) {
            QVector<double> x, y;
            for (const auto& pt : points) {
                if (view == m_speedup) {
                    const auto it = naive.find(int(pt.first));
                    if (it == naive.end() || pt.second <= 0)
                        continue;
                    x.push_back(pt.first);
                    y.push_back(it->second / pt.second);
                } else {
                    x.push_back(pt.first);
                    y.push_back(pt.second);
                }
            }
            QCPGraph* g = plot->addGraph();
            g->setName(impl);
            g->setPen(QPen(implColor(impl), 2));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
            g->setData(x, y);
        }
        plot->rescaleAxes();
        if (view == m_speedup)
            plot->yAxis->setRangeLower(0);
        plot->xAxis->setRange(plot->xAxis->range().lower - 0.5, plot->xAxis->range().upper + 0.5);
        plot->replot();
    }
}

} // namespace algoscope::ui
