#include "LifeCommands.h"

namespace algoscope::ui {

LifeCellsCmd::LifeCellsCmd(LifeModel* model, std::vector<Change> changes, const QString& text)
    : QUndoCommand(text), m_model(model), m_changes(std::move(changes)) {
    for (const Change& c : m_changes)
        m_bounds |= QRect(int(c.x), int(c.y), 1, 1);
}

void LifeCellsCmd::apply(bool after) {
    life::Board& b = m_model->mutableBoard();
    for (const Change& c : m_changes)
        if (c.x < b.width() && c.y < b.height())
            b.set(c.x, c.y, after ? c.after : c.before);
    m_model->notifyBoardEdited(m_bounds);
}

void LifeCellsCmd::redo() {
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    apply(true);
}

void LifeCellsCmd::undo() {
    apply(false);
}

LifeRectCmd::LifeRectCmd(LifeModel* model, const QRect& rect, life::Board before, life::Board after,
                         const QString& text)
    : QUndoCommand(text), m_model(model), m_rect(rect), m_before(std::move(before)),
      m_after(std::move(after)) {}

void LifeRectCmd::redo() {
    m_model->mutableBoard().paste(m_after, m_rect.x(), m_rect.y(), life::PasteMode::Copy);
    m_model->notifyBoardEdited(m_rect);
}

void LifeRectCmd::undo() {
    m_model->mutableBoard().paste(m_before, m_rect.x(), m_rect.y(), life::PasteMode::Copy);
    m_model->notifyBoardEdited(m_rect);
}

LifeBoardCmd::LifeBoardCmd(LifeModel* model, life::Board after, const QString& text)
    : QUndoCommand(text), m_model(model), m_other(std::move(after)) {}

void LifeBoardCmd::redo() {
    life::Board old = m_model->board();
    m_model->loadBoard(std::move(m_other));
    m_other = std::move(old);
}

void LifeBoardCmd::undo() {
    redo();
}

} // namespace algoscope::ui
