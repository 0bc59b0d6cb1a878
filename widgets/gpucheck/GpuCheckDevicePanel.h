#pragma once
// What the GPU offers (or why there is none), from the core/gpu capability probe.
#include "Panel.h"

class QPlainTextEdit;

namespace algoscope::ui {

class GpuCheckModel;

class GpuCheckDevicePanel : public Panel {
    Q_OBJECT
public:
    explicit GpuCheckDevicePanel(GpuCheckModel* model, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    GpuCheckModel* m_model;
    QPlainTextEdit* m_text;
};

} // namespace algoscope::ui
