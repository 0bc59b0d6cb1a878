#pragma once
// Fuzz body of the guided-tour file reader (widgets/tour/TourFile.cpp: parseTour), same contract
// as FuzzBodies.h. parseTour reports problems through its error string rather than by throwing,
// so the invariants are: a refused file always says why; an accepted tour has what the tour
// player relies on (a lab and a title, at least one step, every step a title and a text, every
// action a name, and no "do" key left among an action's arguments).
#include "FuzzBodies.h"

#include "tour/Tour.h"

#include <QByteArray>

namespace algoscope::fuzz {

inline int fuzzTour(const std::uint8_t* data, std::size_t size) {
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const std::optional<ui::Tour> tour = ui::parseTour(json, &error);
    if (!tour) {
        require(!error.isEmpty(), "a refused tour says why");
        return 0;
    }
    require(!tour->lab.isEmpty() && !tour->title.isEmpty(), "a tour has a lab and a title");
    require(!tour->steps.isEmpty(), "a tour has steps");
    for (const ui::TourStep& step : tour->steps) {
        require(!step.title.isEmpty() && !step.text.isEmpty(), "a step has a title and a text");
        for (const ui::TourAction& action : step.actions) {
            require(!action.name.isEmpty(), "an action has a name");
            require(!action.args.contains(QStringLiteral("do")), "'do' is not an argument");
        }
    }
    return 0;
}

} // namespace algoscope::fuzz
