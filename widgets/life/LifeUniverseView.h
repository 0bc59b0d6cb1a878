#pragma once
// The canvas of the unbounded plane: draws a LifeUniverse through the core level-of-detail
// renderer (HashLife::render), from 16 pixels per cell out to 2^62 cells per pixel; a subtree
// smaller than a pixel is drawn as one pixel whose brightness is its density. Drag to pan,
// wheel to zoom (about the mouse), F or "fit pattern" to frame the whole pattern. Re-renders
// only while the universe is idle (a step in flight keeps the last image).
#include "Exportable.h"

#include <QImage>
#include <QWidget>

#include <cstdint>

namespace algoscope::ui {

class LifeUniverse;

class LifeUniverseView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit LifeUniverseView(LifeUniverse* universe, QWidget* parent = nullptr);

    /// Zoom level: z >= 0 draws 2^z x 2^z cells per pixel, z < 0 draws a cell as 2^-z pixels.
    int zoom() const { return m_zoom; }
    void setZoom(int z);
    void setCentre(std::int64_t x, std::int64_t y);
    std::int64_t centreX() const { return m_cx; }
    std::int64_t centreY() const { return m_cy; }
    /// Frames the bounding box of the pattern (no-op when empty or busy).
    void fitPattern();
    /// The current view rendered now (for tests and screenshots).
    QImage renderToImage();

    QString exportName() const override { return QStringLiteral("life-unbounded"); }
    /// The current view as an image (PNG, or embedded in an SVG/PDF page).
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;

Q_SIGNALS:
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rerender();
    LifeUniverse* m_universe;
    QImage m_image;
    bool m_dirty = true;
    int m_zoom = -2;
    std::int64_t m_cx = 0, m_cy = 0;
    QPoint m_dragLast;
    QPoint m_dragRemainder;
    bool m_dragging = false;
};

} // namespace algoscope::ui
