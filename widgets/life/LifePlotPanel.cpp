#include "LifePlotPanel.h"

#include "PlotView.h"

namespace algoscope::ui {

LifePlotPanel::LifePlotPanel(PlotView* plot, QWidget* parent)
    : Panel(QStringLiteral("life"), QStringLiteral("population"), tr("Population"), parent) {
    setDefaultArea(Qt::BottomDockWidgetArea);
    plot->setParent(this);
    plot->setMinimumHeight(160);
    setWidget(plot);
}

} // namespace algoscope::ui
