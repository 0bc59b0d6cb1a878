#pragma once
// The lab's central view: the token strip (1-D) or grid (2-D, up to 256 x 256) painted with
// QPainter. Each token is tinted by its dilation group; the neighbourhood of the query under the
// mouse (or the selected one) is drawn saturated, or, in the inverse view, the queries whose
// window contains that key. A click selects the position (an undoable edit). An invalid setting
// is drawn greyed with NATTEN's reason, never clamped.
#include "Exportable.h"

#include <QWidget>

#include <array>
#include <optional>

class QPainter;

namespace algoscope::ui {

class AttentionModel;

class AttentionExplorerView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit AttentionExplorerView(AttentionModel* model, QWidget* parent = nullptr);

    QString exportName() const override { return QStringLiteral("attention-neighbourhood"); }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;
    QStringList exportFormats() const override { return {"png", "svg", "pdf"}; }

    /// The [row, column] of the token at a widget position, if any (for tests too).
    std::optional<std::array<int, 2>> cellAt(QPointF pos) const;
    /// Widget-space centre of a token.
    QPointF cellCentre(int row, int column) const;

Q_SIGNALS:
    void positionClicked(int row, int column);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent*) override;

private:
    struct Layout {
        double cell = 1, x0 = 0, y0 = 0;
        int rows = 1, cols = 1;
    };
    Layout layoutFor(QSize size) const;
    void paintFigure(QPainter& p, QSize size) const;

    AttentionModel* m_model;
};

} // namespace algoscope::ui
