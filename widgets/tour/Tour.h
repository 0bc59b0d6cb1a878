#pragma once
// A guided tour: a lab's story told in 6-12 steps, stored as data in resources/tours/<lab>.json
// (embedded), never as code. Format:
//   {"lab": "life", "title": "...", "steps": [
//      {"title": "...", "text": "a few sentences (basic HTML allowed)",
//       "actions": [{"do": "loadPattern", "pattern": "glider"}, {"do": "run", ...}],
//       "highlight": "life.controls"   // a panel objectName, or "view" for the central view
//      }, ...]}
// The actions are the lab's TourActionSpecs (Lab::tourActions()); validateTour() checks a tour
// against its lab so tests catch a step that names something that does not exist.
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace algoscope::ui {

class Lab;

struct TourAction {
    QString name;     // the "do" field
    QJsonObject args; // every other field
};

struct TourStep {
    QString title;
    QString text;
    QList<TourAction> actions;
    QString highlight; // panel objectName, "view", or empty
};

struct Tour {
    QString lab;
    QString title;
    QList<TourStep> steps;
};

/// Parses a tour; on malformed JSON or a missing field returns nullopt and sets *error (with the
/// step number).
std::optional<Tour> parseTour(const QByteArray& json, QString* error);
/// The embedded tour of a lab (resources/tours/<labId>.json), or nullopt when it has none.
std::optional<Tour> tourForLab(const QString& labId, QString* error = nullptr);
/// Problems of a tour against its lab: unknown actions, missing or unknown arguments, highlight
/// targets that are neither "view" nor one of panelNames, step count outside 1..20. Empty when
/// the tour is valid.
QStringList validateTour(const Tour& tour, const Lab& lab, const QStringList& panelNames);
/// "Let me try": what the user would do by hand for this step, from the actions' descriptions.
QString describeActions(const TourStep& step, const Lab& lab);

} // namespace algoscope::ui
