#pragma once
// Dock holding the population-over-time plot (a PlotView: exportable as PNG/SVG/PDF/CSV).
#include "Panel.h"

namespace algoscope::ui {

class PlotView;

class LifePlotPanel : public Panel {
    Q_OBJECT
public:
    LifePlotPanel(PlotView* plot, QWidget* parent = nullptr);
};

} // namespace algoscope::ui
