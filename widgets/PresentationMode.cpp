#include "PresentationMode.h"

#include "PlotView.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>

namespace algoscope::ui {

PresentationMode::PresentationMode(QMainWindow* window) : QObject(window), m_window(window) {}

void PresentationMode::enter(const QList<QDockWidget*>& keepVisible) {
    if (m_active)
        return;
    m_active = true;
    m_dockState = m_window->saveState();
    m_geometry = m_window->saveGeometry();
    m_font = QApplication::font();
    m_palette = QApplication::palette();

    QFont big = m_font;
    big.setPointSizeF(m_font.pointSizeF() * kFontScale);
    QApplication::setFont(big);
    // High contrast: pure black on white, a saturated selection colour, no grey-on-grey text.
    QPalette p = m_palette;
    for (auto group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, Qt::white);
        p.setColor(group, QPalette::WindowText, Qt::black);
        p.setColor(group, QPalette::Base, Qt::white);
        p.setColor(group, QPalette::AlternateBase, QColor(235, 235, 235));
        p.setColor(group, QPalette::Text, Qt::black);
        p.setColor(group, QPalette::Button, QColor(240, 240, 240));
        p.setColor(group, QPalette::ButtonText, Qt::black);
        p.setColor(group, QPalette::Highlight, QColor(0, 90, 200));
        p.setColor(group, QPalette::HighlightedText, Qt::white);
    }
    QApplication::setPalette(p);

    for (QDockWidget* dock : m_window->findChildren<QDockWidget*>())
        if (!keepVisible.contains(dock) && dock->parentWidget() == m_window)
            dock->hide();
    for (QDockWidget* dock : keepVisible)
        dock->show();
    applyToPlots(true);
    m_window->showFullScreen();
    // Arrow keys and Space drive the presentation unless an editor has the focus.
    if (QWidget* central = m_window->centralWidget())
        central->setFocus();
    Q_EMIT activeChanged(true);
}

void PresentationMode::leave() {
    if (!m_active)
        return;
    m_active = false;
    QApplication::setFont(m_font);
    QApplication::setPalette(m_palette);
    applyToPlots(false);
    m_window->showNormal();
    m_window->restoreGeometry(m_geometry);
    m_window->restoreState(m_dockState);
    Q_EMIT activeChanged(false);
}

void PresentationMode::applyToPlots(bool on) {
    for (PlotView* plot : m_window->findChildren<PlotView*>())
        plot->setPresentationStyle(on);
}

} // namespace algoscope::ui
