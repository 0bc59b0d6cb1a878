#pragma once
// The LifeGPT lab's central view: the input board (editable: click a cell to toggle it), the true
// next state from the Life engine, the model's prediction with every wrong cell marked, and the
// model's per-cell confidence. Hovering a predicted cell shows, on the input board, where the
// chosen attention head of that output position looks. Drawn with QPainter (boards are at most
// 64 x 64), so PNG, SVG and PDF export are the same drawing.
#include "Exportable.h"

#include "life/Board.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace algoscope::ui {

class LifeGptBoardsView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit LifeGptBoardsView(QWidget* parent = nullptr);

    void setBoards(const life::Board& input, const std::optional<life::Board>& truth,
                   const std::optional<life::Board>& predicted,
                   const std::vector<float>& confidence);
    /// Attention weights (grid*grid) of the hovered output cell over the input, or empty.
    void setAttention(int outputCell, const std::vector<float>& weights);
    void setCaption(const QString& caption);

    QString exportName() const override { return QStringLiteral("lifegpt-prediction"); }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;
    /// Number of wrong cells in the shown prediction (-1 when none is shown).
    int wrongCells() const;

Q_SIGNALS:
    void cellToggled(int x, int y);
    /// -1 when the mouse leaves the predicted board.
    void outputCellHovered(int index);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent*) override;

private:
    void paintAll(QPainter& p, QSize size) const;
    /// Board panel i (0 input, 1 truth, 2 prediction, 3 confidence) in a widget of this size.
    QRectF panelRect(int i, QSize size) const;
    /// Cell under a point in panel i, or nullopt.
    std::optional<QPoint> cellAt(int panel, QPointF pos) const;

    life::Board m_input;
    std::optional<life::Board> m_truth, m_predicted;
    std::vector<float> m_confidence;
    int m_attentionCell = -1;
    std::vector<float> m_attention;
    QString m_caption;
};

} // namespace algoscope::ui
