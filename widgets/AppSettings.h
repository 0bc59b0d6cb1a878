#pragma once
// Application settings: a plain struct with defaults, plus one persistence adapter (Tracy's
// ViewData idea), so no code calls QSettings ad hoc. Corrupt or foreign values are reset to the
// defaults with a warning instead of crashing.
#include "Exportable.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace algoscope::ui {

struct AppSettings {
    QByteArray windowGeometry;
    QString currentLab;
    QMap<QString, QByteArray> dockState; // per lab: QMainWindow::saveState()
    QMap<QString, QJsonObject> labState; // per lab: Lab::saveState()
    ExportOptions exportOptions;
    QString lastExportDir;

    /// Reads from the settings file. Problems found are appended to warnings.
    static AppSettings load(const QString& file, QStringList* warnings);
    /// Writes everything; returns false with a message on failure.
    bool save(const QString& file, QString* error) const;
    /// Default location: QSettings' per-user ini file, or $ALGOSCOPE_SETTINGS when set.
    static QString defaultFile();
};

} // namespace algoscope::ui
