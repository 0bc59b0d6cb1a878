#include "ContfracDeltaPanel.h"

#include "PlotView.h"

namespace algoscope::ui {

ContfracDeltaPanel::ContfracDeltaPanel(PlotView* plot, QWidget* parent)
    : Panel(QStringLiteral("contfrac"), QStringLiteral("delta"), tr("Irrationality measure"),
            parent) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    plot->setParent(this);
    plot->setMinimumHeight(160);
    setWidget(plot);
}

} // namespace algoscope::ui
