#pragma once
// Label/field pairs side by side in a QGridLayout: two (or more) pairs per row keep a plot in
// view in a short dock (the cube lab's training and comparison panels).
#include <QGridLayout>
#include <QLabel>

namespace algoscope::ui {

/// Puts `label` and `field` at row `row`, pair column `column` (grid columns 2c and 2c+1).
inline void addFormPair(QGridLayout* form, int row, int column, const QString& label,
                        QWidget* field) {
    form->addWidget(new QLabel(label), row, 2 * column);
    form->addWidget(field, row, 2 * column + 1);
}

} // namespace algoscope::ui
