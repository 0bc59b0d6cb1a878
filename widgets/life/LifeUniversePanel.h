#pragma once
// Controls and statistics of the unbounded plane (HashLife): the step exponent (2^k generations
// per step), hyperspeed, "go to generation N", the memory limit, fit-pattern, Macrocell files,
// and the read-outs: generation and population as exact integers with thousands separators,
// bounding box, nodes, bytes, memoised-result hit rate, garbage collections.
#include "Panel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace algoscope::ui {

class LifeLab;
class LifeUniverse;
class LifeUniverseView;

class LifeUniversePanel : public Panel {
    Q_OBJECT
public:
    LifeUniversePanel(LifeLab* lab, LifeUniverse* universe, LifeUniverseView* view,
                      QWidget* parent = nullptr);

protected:
    void refresh() override;

private:
    LifeLab* m_lab;
    LifeUniverse* m_universe;
    LifeUniverseView* m_view;
    QSpinBox* m_exponent;
    QCheckBox* m_hyper;
    QLineEdit* m_goTo;
    QSpinBox* m_memory;
    QLabel* m_generation;
    QLabel* m_population;
    QLabel* m_bbox;
    QLabel* m_nodes;
    QLabel* m_bytes;
    QLabel* m_hitRate;
    QLabel* m_gc;
    QLabel* m_seconds;
};

} // namespace algoscope::ui
