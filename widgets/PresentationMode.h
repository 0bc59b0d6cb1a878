#pragma once
// Presentation mode, for a lecturer at a projector: full screen, fonts 1.5x, a high-contrast
// palette, thicker plot lines, and the docks hidden except the ones asked for (the tour). Leaving
// it restores the window exactly (geometry, dock layout, fonts, palette).
#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPalette>

class QDockWidget;
class QMainWindow;

namespace algoscope::ui {

class PresentationMode : public QObject {
    Q_OBJECT
public:
    explicit PresentationMode(QMainWindow* window);

    bool isActive() const { return m_active; }
    /// keepVisible: docks that stay (shown) while presenting.
    void enter(const QList<QDockWidget*>& keepVisible);
    void leave();

    static constexpr double kFontScale = 1.5;

Q_SIGNALS:
    void activeChanged(bool active);

private:
    void applyToPlots(bool on);

    QMainWindow* m_window;
    bool m_active = false;
    QByteArray m_dockState;
    QByteArray m_geometry;
    QFont m_font;
    QPalette m_palette;
};

} // namespace algoscope::ui
