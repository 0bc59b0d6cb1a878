#include "GpuCheckOutputPanel.h"

#include "ArrayView.h"
#include "GpuCheckModel.h"

namespace algoscope::ui {

GpuCheckOutputPanel::GpuCheckOutputPanel(GpuCheckModel* model, QWidget* parent)
    : Panel(QStringLiteral("gpu"), QStringLiteral("output"), tr("Output array"), parent),
      m_model(model), m_view(new ArrayView(this)) {
    setDefaultArea(Qt::RightDockWidgetArea);
    m_view->setMinimumSize(280, 200);
    setWidget(m_view);
    connect(m_model, &GpuCheckModel::resultsChanged, this, &GpuCheckOutputPanel::requestRefresh);
}

void GpuCheckOutputPanel::refresh() {
    const QString label =
        m_model->resultOp() == QLatin1String("saxpy") ? tr("saxpy y") : tr("scan");
    m_view->setData(m_model->output(), label);
}

} // namespace algoscope::ui
