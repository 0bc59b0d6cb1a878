#include "Tour.h"

#include "Lab.h"
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

QStringList validateTour(const Tour& tour, const Lab& lab, const QStringList& panelNames) {
    QStringList problems;
    if (tour.lab != lab.id())
        problems << QStringLiteral("tour is for lab '%1', not '%2'").arg(tour.lab, lab.id());
    if (tour.steps.size() < 1 || tour.steps.size() > 20)
        problems << QStringLiteral("a tour has 1 to 20 steps, this one %1").arg(tour.steps.size());
    const QList<TourActionSpec> specs = lab.tourActions();
    for (int i = 0; i < tour.steps.size(); ++i) {
        const TourStep& step = tour.steps[i];
        const QString where = QStringLiteral("step %1 (%2)").arg(i + 1).arg(step.title);
        if (!step.highlight.isEmpty() && step.highlight != QLatin1String("view") &&
            !panelNames.contains(step.highlight))
            problems << where + QStringLiteral(": highlight '%1' is not a panel of the lab")
                                    .arg(step.highlight);
        for (const TourAction& action : step.actions) {
            const TourActionSpec* spec = nullptr;
            for (const TourActionSpec& s : specs)
                if (s.name == action.name)
                    spec = &s;
            if (!spec) {
                problems << where + QStringLiteral(": unknown action '%1'").arg(action.name);
                continue;
            }
            for (const QString& r : spec->required)
                if (!action.args.contains(r))
                    problems << where +
                                    QStringLiteral(": action '%1' needs '%2'").arg(action.name, r);
            for (auto it = action.args.constBegin(); it != action.args.constEnd(); ++it)
                if (!spec->required.contains(it.key()) && !spec->optional.contains(it.key()))
                    problems << where + QStringLiteral(": action '%1' has no argument '%2'")
                                            .arg(action.name, it.key());
        }
    }
    return problems;
}

QString describeActions(const TourStep& step, const Lab& lab) {
    const QList<TourActionSpec> specs = lab.tourActions();
    QStringList lines;
    for (const TourAction& action : step.actions) {
        QString line = action.name;
        for (const TourActionSpec& s : specs)
            if (s.name == action.name)
                line = s.description;
        QStringList values;
        for (auto it = action.args.constBegin(); it != action.args.constEnd(); ++it)
            values << it.key() + QStringLiteral(" = ") +
                          (it.value().isString()
                               ? it.value().toString()
                               : QString::fromUtf8(QJsonDocument(QJsonArray{it.value()})
                                                       .toJson(QJsonDocument::Compact))
                                     .mid(1)
                                     .chopped(1));
        if (!values.isEmpty())
            line += QStringLiteral(" (") + values.join(QStringLiteral(", ")) + QLatin1Char(')');
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace algoscope::ui
