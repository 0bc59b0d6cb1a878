#pragma once
// The Life board on screen: an OpenGL view (GlView) that draws the visible part of the board as a
// texture (one texel per cell zoomed in, per block of cells zoomed out: the upload never exceeds
// the viewport, so a 65,536^2 board pans as smoothly as a 64^2 one), optional grid lines and
// ages, and an ImGui read-out (hovered cell, generation, population, fps).
// Editing: the canvas turns mouse gestures into signals (stroke, selection, placement); the lab
// turns them into undoable model edits. It never changes the model itself.
#include "GlView.h"

#include "life/Board.h"
#include "life/BoardRaster.h"

#include <QOpenGLBuffer>
#include <QOpenGLVertexArrayObject>
#include <QRect>

#include <memory>
#include <optional>
#include <vector>

class QOpenGLShaderProgram;

namespace algoscope::ui {

class LifeModel;

class LifeCanvas : public GlView {
    Q_OBJECT
public:
    enum class Tool { Draw, Select, Pan };

    explicit LifeCanvas(const LifeModel* model, QWidget* parent = nullptr);
    ~LifeCanvas() override;

    Tool tool() const { return m_tool; }
    void setTool(Tool t);
    /// A pattern that follows the cursor until clicked (placeRequested) or cancelled.
    void setPlacement(const life::Board& pattern);
    void cancelPlacement();
    bool isPlacing() const { return !m_placement.isEmpty(); }
    /// Fits the whole board in the view.
    void fitBoard();
    /// The cell under a widget position (may lie outside the board).
    QPoint cellAt(QPointF widgetPos) const;
    /// The region (and block size) the next frame shows, for the simulation thread to picture;
    /// nullopt when the canvas shows ages (the model keeps those on the GUI thread).
    std::optional<life::RasterRegion> viewRegion() const;
    /// The picture of `region` at `generation`, built off the GUI thread: the next frame
    /// uploads it instead of rebuilding it, when the view and the generation still match.
    void setPrerendered(std::uint64_t generation, const life::RasterRegion& region,
                        std::vector<std::uint8_t> texels);
    /// Frames whose picture came from the simulation thread (tests, diagnostics).
    std::uint64_t prerenderedFrames() const { return m_prerenderedFrames; }
    /// Frames drawn so far, and the redraw rate the overlay shows.
    std::uint64_t framesDrawn() const { return m_framesDrawn; }
    double redrawFps() const { return m_fps; }

Q_SIGNALS:
    void strokeStarted(QPoint cell);
    void strokeMoved(QPoint cell);
    void strokeFinished();
    void selectionDragged(const QRect& cells);
    void placeRequested(QPoint topLeft);
    void placementCancelled();
    void fileDropped(const QString& path);
    void togglePlayRequested();

protected:
    void initGl() override;
    void releaseGl() override;
    void paintScene(QSize pixelSize) override;
    void buildOverlay() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void updateTexture(QSize pixelSize);
    life::RasterRegion regionFor(QSize pixelSize) const;
    const LifeModel* m_model;
    Tool m_tool = Tool::Draw;
    life::Board m_placement;
    QPoint m_hoverCell{-1, -1};
    QPoint m_selectStart;
    bool m_stroking = false;
    bool m_selecting = false;
    bool m_panning = false;

    std::unique_ptr<QOpenGLShaderProgram> m_program;
    GLuint m_texture = 0;
    QSize m_textureSize;
    QOpenGLBuffer m_vbo{QOpenGLBuffer::VertexBuffer};
    QOpenGLVertexArrayObject m_vao;
    bool m_textureDirty = true;
    QRectF m_texRect; // cells covered by the texture
    QRect m_texCells; // the region and block size the texture was built for
    int m_texBlock = 0;
    std::vector<std::uint8_t> m_texels;
    std::optional<life::RasterRegion> m_preRegion;
    std::uint64_t m_preGeneration = 0;
    std::vector<std::uint8_t> m_preTexels;
    std::uint64_t m_prerenderedFrames = 0;
    std::uint64_t m_framesDrawn = 0;

    // fps of actual redraws, for the overlay
    qint64 m_fpsWindowStart = 0;
    int m_fpsFrames = 0;
    double m_fps = 0;
};

} // namespace algoscope::ui
