#pragma once
// The bundled pattern library (resources/patterns): a preview, name and discoverer of each;
// clicking one starts placing it on the board.
#include "Panel.h"

class QListWidget;

namespace algoscope::ui {

class LifeLab;

class LifePatternsPanel : public Panel {
    Q_OBJECT
public:
    LifePatternsPanel(LifeLab* lab, QWidget* parent = nullptr);

private:
    LifeLab* m_lab;
    QListWidget* m_list;
};

} // namespace algoscope::ui
