#pragma once
// Attention weights over a real image (the bundled photo, resources/images/): for the query pixel
// under the mouse (or the selected one), the neighbourhood-attention weights of the current
// setting as a heatmap over the image, and beside it full self-attention's weights for the same
// query and the same features (attention/NaImage.h: colour + sinusoidal position, identity
// projections). Each map is scaled to its own largest weight; the title gives the share of full
// attention's weight that falls inside the window. A click selects the query (an undoable edit).
#include "Exportable.h"

#include <QWidget>

#include <array>
#include <optional>

class QPainter;

namespace algoscope::ui {

class AttentionModel;

class AttentionImageView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit AttentionImageView(AttentionModel* model, QWidget* parent = nullptr);

    QString exportName() const override { return QStringLiteral("attention-image-heatmap"); }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;

    /// The [row, column] of the image pixel at a widget position (either map), if any.
    std::optional<std::array<int, 2>> pixelAt(QPointF pos) const;
    /// Widget-space centre of a pixel in the left (neighbourhood) map.
    QPointF pixelCentre(int row, int column) const;
    /// The query shown: the hovered pixel, else the selected one (clamped to the image).
    std::array<int, 2> shownQuery() const;

Q_SIGNALS:
    void pixelClicked(int row, int column);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent*) override;

private:
    struct Layout {
        double cell = 1;
        double x0[2] = {0, 0}, y0[2] = {0, 0}; // top left of each map
        int rows = 1, cols = 1;
    };
    Layout layoutFor(QSize size) const;
    void paintFigure(QPainter& p, QSize size) const;

    AttentionModel* m_model;
    std::optional<std::array<int, 2>> m_hover;
};

} // namespace algoscope::ui
