#pragma once
// What the search did: solved, path cost, quarter-turn length, optimal length (2x2x2 table),
// nodes generated and expanded, network calls, iterations, time. Q*'s point is the nodes.
#include "Panel.h"

class QLabel;

namespace algoscope::ui {

class CubeLab;

class CubeStatsPanel : public Panel {
    Q_OBJECT
public:
    CubeStatsPanel(CubeLab* lab, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    CubeLab* m_lab;
    QLabel* m_text;
};

} // namespace algoscope::ui
