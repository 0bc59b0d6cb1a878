#include "AppSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSettings>
#include <QStandardPaths>

namespace algoscope::ui {

namespace {
constexpr int kSettingsVersion = 1;
}

QString AppSettings::defaultFile() {
    const QByteArray env = qgetenv("ALGOSCOPE_SETTINGS");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/algoscope.ini");
}

AppSettings AppSettings::load(const QString& file, QStringList* warnings) {
    AppSettings s;
    if (!QFileInfo::exists(file))
        return s;
    QSettings q(file, QSettings::IniFormat);
    if (q.status() != QSettings::NoError) {
        if (warnings)
            *warnings << QStringLiteral("settings file %1 is unreadable or corrupt; using defaults")
                             .arg(file);
        return s;
    }
    const int version = q.value(QStringLiteral("version"), 0).toInt();
    if (version != kSettingsVersion) {
        if (version != 0 && warnings)
            *warnings
                << QStringLiteral("settings from another version (%1) were reset").arg(version);
        return s;
    }
    s.windowGeometry = q.value(QStringLiteral("window/geometry")).toByteArray();
    s.currentLab = q.value(QStringLiteral("window/currentLab")).toString();
    s.lastExportDir = q.value(QStringLiteral("export/lastDir")).toString();
    const QSize size = q.value(QStringLiteral("export/size"), s.exportOptions.size).toSize();
    const double dpi = q.value(QStringLiteral("export/dpi"), s.exportOptions.dpi).toDouble();
    if (size.width() >= 16 && size.height() >= 16 && size.width() <= 16384 &&
        size.height() <= 16384)
        s.exportOptions.size = size;
    if (dpi >= 30 && dpi <= 2400)
        s.exportOptions.dpi = dpi;

    q.beginGroup(QStringLiteral("labs"));
    for (const QString& lab : q.childGroups()) {
        q.beginGroup(lab);
        s.dockState[lab] = q.value(QStringLiteral("docks")).toByteArray();
        const QByteArray json = q.value(QStringLiteral("state")).toByteArray();
        if (!json.isEmpty()) {
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
            if (err.error == QJsonParseError::NoError && doc.isObject())
                s.labState[lab] = doc.object();
            else if (warnings)
                *warnings
                    << QStringLiteral("saved state of lab '%1' was corrupt and was reset").arg(lab);
        }
        q.endGroup();
    }
    q.endGroup();
    return s;
}

bool AppSettings::save(const QString& file, QString* error) const {
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSettings q(file, QSettings::IniFormat);
    q.clear();
    q.setValue(QStringLiteral("version"), kSettingsVersion);
    q.setValue(QStringLiteral("window/geometry"), windowGeometry);
    q.setValue(QStringLiteral("window/currentLab"), currentLab);
    q.setValue(QStringLiteral("export/size"), exportOptions.size);
    q.setValue(QStringLiteral("export/dpi"), exportOptions.dpi);
    q.setValue(QStringLiteral("export/lastDir"), lastExportDir);
    for (auto it = dockState.begin(); it != dockState.end(); ++it)
        q.setValue(QStringLiteral("labs/%1/docks").arg(it.key()), it.value());
    for (auto it = labState.begin(); it != labState.end(); ++it)
        q.setValue(QStringLiteral("labs/%1/state").arg(it.key()),
                   QJsonDocument(it.value()).toJson(QJsonDocument::Compact));
    q.sync();
    if (q.status() != QSettings::NoError) {
        if (error)
            *error = QStringLiteral("could not save settings to %1").arg(file);
        return false;
    }
    return true;
}

} // namespace algoscope::ui
