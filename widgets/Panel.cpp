#include "Panel.h"

namespace algoscope::ui {

Panel::Panel(const QString& labId, const QString& panelId, const QString& title, QWidget* parent)
    : QDockWidget(title, parent), m_panelId(panelId) {
    setObjectName(labId + QLatin1Char('.') + panelId);
    setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                QDockWidget::DockWidgetFloatable);
}

void Panel::requestRefresh() {
    if (isVisible() && !visibleRegion().isEmpty()) {
        m_dirty = false;
        refresh();
    } else {
        m_dirty = true;
    }
}

void Panel::showEvent(QShowEvent* event) {
    QDockWidget::showEvent(event);
    if (m_dirty) {
        m_dirty = false;
        refresh();
    }
}

} // namespace algoscope::ui
