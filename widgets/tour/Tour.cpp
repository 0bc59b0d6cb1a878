// validateTour and describeActions (they need the lab); the file format is read in TourFile.cpp.
#include "Tour.h"

#include "Lab.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace algoscope::ui {

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
