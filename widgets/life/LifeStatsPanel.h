#pragma once
// Generation, population, board, engine speed and period of the Life run.
#include "Panel.h"

class QLabel;

namespace algoscope::ui {

class LifeModel;

class LifeStatsPanel : public Panel {
    Q_OBJECT
public:
    LifeStatsPanel(LifeModel* model, QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    LifeModel* m_model;
    QLabel* m_generation;
    QLabel* m_population;
    QLabel* m_board;
    QLabel* m_bbox;
    QLabel* m_engineRate;
    QLabel* m_displayRate;
    QLabel* m_period;
};

} // namespace algoscope::ui
