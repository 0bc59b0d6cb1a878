#pragma once
// Icons are SVG files embedded with the other resources (resources/icons/NAME.svg).
#include <QIcon>
#include <QString>

namespace algoscope::ui {

/// The embedded icon, rendered crisply at any size; a null icon when it does not exist.
QIcon embeddedIcon(const QString& name);

} // namespace algoscope::ui
