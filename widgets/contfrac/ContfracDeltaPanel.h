#pragma once
// Dock holding the plot of the irrationality measure delta_n (a PlotView: PNG/SVG/PDF/CSV).
#include "Panel.h"

namespace algoscope::ui {

class PlotView;

class ContfracDeltaPanel : public Panel {
    Q_OBJECT
public:
    ContfracDeltaPanel(PlotView* plot, QWidget* parent = nullptr);
};

} // namespace algoscope::ui
