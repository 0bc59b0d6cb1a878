#pragma once
// Dock holding the GL view of the last output array.
#include "Panel.h"

namespace algoscope::ui {

class ArrayView;
class GpuCheckModel;

class GpuCheckOutputPanel : public Panel {
    Q_OBJECT
public:
    explicit GpuCheckOutputPanel(GpuCheckModel* model, QWidget* parent = nullptr);
    ArrayView* view() const { return m_view; }

protected:
    void refresh() override;

private:
    GpuCheckModel* m_model;
    ArrayView* m_view;
};

} // namespace algoscope::ui
