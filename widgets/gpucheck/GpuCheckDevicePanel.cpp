#include "GpuCheckDevicePanel.h"

#include "GpuCheckModel.h"

#include <QFontDatabase>
#include <QPlainTextEdit>

namespace algoscope::ui {

GpuCheckDevicePanel::GpuCheckDevicePanel(GpuCheckModel* model, QWidget* parent)
    : Panel(QStringLiteral("gpu"), QStringLiteral("device"), tr("Device"), parent), m_model(model),
      m_text(new QPlainTextEdit(this)) {
    setDefaultArea(Qt::LeftDockWidgetArea);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setWidget(m_text);
    connect(m_model, &GpuCheckModel::deviceChanged, this, &GpuCheckDevicePanel::requestRefresh);
}

void GpuCheckDevicePanel::refresh() {
    m_text->setPlainText(m_model->deviceInfo().isEmpty() ? tr("Probing...")
                                                         : m_model->deviceInfo());
}

} // namespace algoscope::ui
