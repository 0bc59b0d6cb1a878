#pragma once
// The list of labs. Each lab registers once, in LabRegistry.cpp; MainWindow, the screenshot
// mode and the figure exporter iterate this list.
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace algoscope::ui {

class Lab;

struct LabInfo {
    QString id;
    QString title;
    std::function<std::unique_ptr<Lab>()> create;
};

const std::vector<LabInfo>& labRegistry();
const LabInfo* findLab(const QString& id);

} // namespace algoscope::ui
