#pragma once
// Base of every docked panel (after Cutter's CutterDockWidget): a stable objectName so
// QMainWindow::saveState/restoreState work, per-panel view state, and refresh deferred while the
// panel is hidden (a tabbed-away panel does no work until it is shown).
#include <QDockWidget>
#include <QJsonObject>

namespace algoscope::ui {

class Panel : public QDockWidget {
    Q_OBJECT
public:
    /// objectName becomes "<labId>.<panelId>"; it must never change between versions.
    Panel(const QString& labId, const QString& panelId, const QString& title,
          QWidget* parent = nullptr);

    QString panelId() const { return m_panelId; }
    Qt::DockWidgetArea defaultArea() const { return m_defaultArea; }
    void setDefaultArea(Qt::DockWidgetArea area) { m_defaultArea = area; }

    /// Asks for a refresh: done now when visible, else when the panel is next shown.
    void requestRefresh();

    virtual QJsonObject saveViewState() const { return {}; }
    virtual void restoreViewState(const QJsonObject&) {}

protected:
    /// Bring the panel's widgets up to date with the model. Called only while visible.
    virtual void refresh() {}
    void showEvent(QShowEvent* event) override;

private:
    QString m_panelId;
    Qt::DockWidgetArea m_defaultArea = Qt::RightDockWidgetArea;
    bool m_dirty = false;
};

} // namespace algoscope::ui
