#include "LabRegistry.h"

#include "Lab.h"
#include "attention/AttentionLab.h"
#include "contfrac/ContfracLab.h"
#include "cube/CubeLab.h"
#include "gpucheck/GpuCheckLab.h"
#include "life/LifeLab.h"
#include "lifegpt/LifeGptLab.h"
#include "rashomon/RashomonLab.h"

namespace algoscope::ui {

namespace {
template <class T> LabInfo entry(const QString& id, const QString& title) {
    return {id, title, [] { return std::unique_ptr<Lab>(std::make_unique<T>()); }};
}
} // namespace

const std::vector<LabInfo>& labRegistry() {
    // Only real labs appear here: a lab is listed when its issue has landed.
    static const std::vector<LabInfo> labs = {
        entry<LifeLab>(QStringLiteral("life"), QStringLiteral("Life")),
        entry<LifeGptLab>(QStringLiteral("lifegpt"), QStringLiteral("LifeGPT")),
        entry<CubeLab>(QStringLiteral("cube"), QStringLiteral("Q* cube")),
        entry<ContfracLab>(QStringLiteral("contfrac"), QStringLiteral("Continued fractions")),
        entry<AttentionLab>(QStringLiteral("attention"), QStringLiteral("Neighborhood attention")),
        entry<RashomonLab>(QStringLiteral("rashomon"), QStringLiteral("Rashomon sets")),
        entry<GpuCheckLab>(QStringLiteral("gpu"), QStringLiteral("GPU check")),
    };
    return labs;
}

const LabInfo* findLab(const QString& id) {
    for (const auto& lab : labRegistry())
        if (lab.id == id)
            return &lab;
    return nullptr;
}

} // namespace algoscope::ui
