// parseTour and tourForLab: the tour file format (Tour.h), on Qt Core alone, so that the fuzz
// target tests/fuzz/FuzzTour.cpp can compile this file without the widgets.
#include "Tour.h"

#include "util/Resources.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace algoscope::ui {

namespace {

QString fieldString(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

} // namespace

std::optional<Tour> parseTour(const QByteArray& json, QString* error) {
    auto fail = [error](const QString& why) -> std::optional<Tour> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("tour: %1 at byte %2")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("tour: the file must hold one JSON object"));
    const QJsonObject root = doc.object();
    Tour tour;
    tour.lab = fieldString(root, "lab");
    tour.title = fieldString(root, "title");
    if (tour.lab.isEmpty() || tour.title.isEmpty())
        return fail(QStringLiteral("tour: \"lab\" and \"title\" are required"));
    const QJsonValue steps = root.value(QLatin1String("steps"));
    if (!steps.isArray() || steps.toArray().isEmpty())
        return fail(QStringLiteral("tour: \"steps\" must be a non-empty array"));
    int number = 0;
    for (const QJsonValue& v : steps.toArray()) {
        ++number;
        if (!v.isObject())
            return fail(QStringLiteral("tour step %1: must be an object").arg(number));
        const QJsonObject o = v.toObject();
        TourStep step;
        step.title = fieldString(o, "title");
        step.text = fieldString(o, "text");
        step.highlight = fieldString(o, "highlight");
        if (step.title.isEmpty() || step.text.isEmpty())
            return fail(
                QStringLiteral("tour step %1: \"title\" and \"text\" are required").arg(number));
        const QJsonValue actions = o.value(QLatin1String("actions"));
        if (!actions.isUndefined() && !actions.isArray())
            return fail(QStringLiteral("tour step %1: \"actions\" must be an array").arg(number));
        for (const QJsonValue& a : actions.toArray()) {
            QJsonObject args = a.toObject();
            TourAction action;
            action.name = args.take(QLatin1String("do")).toString();
            if (!a.isObject() || action.name.isEmpty())
                return fail(QStringLiteral("tour step %1: every action needs \"do\"").arg(number));
            action.args = args;
            step.actions.append(action);
        }
        tour.steps.append(step);
    }
    return tour;
}

std::optional<Tour> tourForLab(const QString& labId, QString* error) {
    const auto text = util::findResource("resources/tours/" + labId.toStdString() + ".json");
    if (!text) {
        if (error)
            *error = QStringLiteral("the %1 lab has no tour").arg(labId);
        return std::nullopt;
    }
    return parseTour(QByteArray(text->data(), qsizetype(text->size())), error);
}

} // namespace algoscope::ui
