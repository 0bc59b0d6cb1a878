#pragma once
// Undoable edits of the Life lab (LabPlot's value-swap commands). Each stores only what it
// changed: the cells of a pen stroke, the rectangle of a paste/clear/rotate, or the whole board
// for a resize, a soup or a file.
#include "LifeModel.h"

#include <QUndoCommand>

#include <vector>

namespace algoscope::ui {

/// Cells set or cleared by a pen stroke. The stroke is drawn live, so the first redo() (when
/// the command is pushed) does nothing.
class LifeCellsCmd : public QUndoCommand {
public:
    struct Change {
        std::uint32_t x, y;
        bool before, after;
    };
    LifeCellsCmd(LifeModel* model, std::vector<Change> changes, const QString& text);
    void redo() override;
    void undo() override;

private:
    void apply(bool after);
    LifeModel* m_model;
    std::vector<Change> m_changes;
    QRect m_bounds;
    bool m_firstRedo = true;
};

/// A rectangle replaced (paste, clear, rotate, flip, random fill). before/after are the cells of
/// `rect` (same size as rect).
class LifeRectCmd : public QUndoCommand {
public:
    LifeRectCmd(LifeModel* model, const QRect& rect, life::Board before, life::Board after,
                const QString& text);
    void redo() override;
    void undo() override;

private:
    LifeModel* m_model;
    QRect m_rect;
    life::Board m_before, m_after;
};

/// The whole board replaced (new size, random soup, opened file): undo restores the old board
/// and its size.
class LifeBoardCmd : public QUndoCommand {
public:
    LifeBoardCmd(LifeModel* model, life::Board after, const QString& text);
    void redo() override;
    void undo() override;

private:
    LifeModel* m_model;
    life::Board m_other;
};

class SetLifeSettingsCmd : public QUndoCommand {
public:
    SetLifeSettingsCmd(LifeModel* model, const LifeSettings& value, const QString& text)
        : QUndoCommand(text), m_model(model), m_value(value) {}
    void redo() override { swap(); }
    void undo() override { swap(); }

private:
    void swap() {
        LifeSettings old = m_model->settings();
        m_model->setSettings(m_value);
        m_value = old;
    }
    LifeModel* m_model;
    LifeSettings m_value;
};

} // namespace algoscope::ui
