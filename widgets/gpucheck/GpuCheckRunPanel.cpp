#include "GpuCheckRunPanel.h"

#include "GpuCheckModel.h"
#include "SetGpuCheckParamsCmd.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUndoStack>

namespace algoscope::ui {

GpuCheckRunPanel::GpuCheckRunPanel(GpuCheckModel* model, QUndoStack* undo, QWidget* parent)
    : Panel(QStringLiteral("gpu"), QStringLiteral("run"), tr("Run"), parent), m_model(model),
      m_undo(undo) {
    setDefaultArea(Qt::LeftDockWidgetArea);
    auto* body = new QWidget(this);
    auto* form = new QFormLayout(body);
    m_op = new QComboBox(body);
    m_op->addItem(tr("Inclusive prefix sum (scan)"), QStringLiteral("scan"));
    m_op->addItem(tr("SAXPY  y = a·x + y"), QStringLiteral("saxpy"));
    m_op->setObjectName(QStringLiteral("gpu.op"));
    m_minLog2 = new QSpinBox(body);
    m_maxLog2 = new QSpinBox(body);
    for (QSpinBox* s : {m_minLog2, m_maxLog2}) {
        s->setRange(0, 26);
        s->setPrefix(QStringLiteral("2^"));
    }
    m_reps = new QSpinBox(body);
    m_reps->setRange(1, 100);
    m_useGpu = new QCheckBox(tr("Run on the GPU too"), body);
    m_run = new QPushButton(tr("Run"), body);
    m_run->setObjectName(QStringLiteral("gpu.run"));
    form->addRow(tr("Operation"), m_op);
    form->addRow(tr("Smallest size"), m_minLog2);
    form->addRow(tr("Largest size"), m_maxLog2);
    form->addRow(tr("Repetitions"), m_reps);
    form->addRow(m_useGpu);
    form->addRow(m_run);
    setWidget(body);

    connect(m_op, &QComboBox::currentIndexChanged, this,
            [this] { commit(tr("Change operation")); });
    connect(m_minLog2, &QSpinBox::valueChanged, this,
            [this] { commit(tr("Change smallest size")); });
    connect(m_maxLog2, &QSpinBox::valueChanged, this,
            [this] { commit(tr("Change largest size")); });
    connect(m_reps, &QSpinBox::valueChanged, this, [this] { commit(tr("Change repetitions")); });
    connect(m_useGpu, &QCheckBox::toggled, this, [this] { commit(tr("Toggle GPU")); });
    connect(m_run, &QPushButton::clicked, this, &GpuCheckRunPanel::runRequested);
    connect(m_model, &GpuCheckModel::paramsChanged, this, &GpuCheckRunPanel::requestRefresh);
    connect(m_model, &GpuCheckModel::deviceChanged, this, &GpuCheckRunPanel::requestRefresh);
    refresh();
}

void GpuCheckRunPanel::commit(const QString& what) {
    GpuCheckParams p = m_model->params();
    p.op = m_op->currentData().toString();
    p.minLog2 = m_minLog2->value();
    p.maxLog2 = std::max(m_maxLog2->value(), p.minLog2);
    p.reps = m_reps->value();
    p.useGpu = m_useGpu->isChecked();
    if (p != m_model->params())
        m_undo->push(new SetGpuCheckParamsCmd(m_model, p, what));
}

void GpuCheckRunPanel::refresh() {
    // Model -> widgets without echoing back into new undo commands.
    const GpuCheckParams& p = m_model->params();
    const QSignalBlocker b1(m_op), b2(m_minLog2), b3(m_maxLog2), b4(m_reps), b5(m_useGpu);
    m_op->setCurrentIndex(std::max(0, m_op->findData(p.op)));
    m_minLog2->setValue(p.minLog2);
    m_maxLog2->setValue(p.maxLog2);
    m_reps->setValue(p.reps);
    m_useGpu->setChecked(p.useGpu && m_model->gpuAvailable());
    m_useGpu->setEnabled(m_model->gpuAvailable());
    m_useGpu->setToolTip(m_model->gpuAvailable() ? QString() : m_model->deviceInfo());
}

} // namespace algoscope::ui
