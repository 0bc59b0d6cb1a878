#pragma once
// The 3-D cube: sticker quads on black cubies, rotated by dragging off the cube (yaw/pitch),
// zoomed with the wheel, with smooth animated turns: during a move the stickers of its layers are
// drawn rotated by the animation angle, and the cube state changes when the animation ends.
// A drag that starts on a sticker turns the layer under it along the drag (cube/CubePicking does
// the geometry with the camera drawn here). Keyboard: U D L R F B turn (Shift: inverse).
#include "GlView.h"

#include "cube/Cube.h"
#include "cube/CubePicking.h"

#include <QElapsedTimer>

#include <memory>
#include <optional>

class QOpenGLShaderProgram;
class QTimer;

namespace algoscope::ui {

class CubeView : public GlView {
    Q_OBJECT
public:
    explicit CubeView(QWidget* parent = nullptr);
    ~CubeView() override;

    void setCube(const cube::Cube& cube);
    const cube::Cube& cube() const { return m_cube; }
    /// Animates a move from the current state; the state changes when the animation ends.
    void animate(const cube::Move& move, int milliseconds);
    bool isAnimating() const { return m_animating; }
    void setCameraAngles(float yaw, float pitch);
    /// The camera the cube is drawn with, for this widget's size in widget pixels.
    cube::CubeCamera camera() const;
    /// Pixels a drag on a sticker must move before it chooses a turn.
    static constexpr float kTurnDragPixels = 8.0f;

Q_SIGNALS:
    void moveRequested(const algoscope::cube::Move& move);
    void animationFinished();

protected:
    void initGl() override;
    void releaseGl() override;
    void paintScene(QSize pixelSize) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void tick();

    cube::Cube m_cube{3};
    std::unique_ptr<QOpenGLShaderProgram> m_program;
    unsigned m_vao = 0, m_vbo = 0;
    float m_yaw = -35.0f, m_pitch = 25.0f, m_distance = 0;
    QPointF m_dragFrom;
    bool m_dragging = false;
    std::optional<cube::StickerHit> m_turnFrom; // set while a drag that began on a sticker runs
    // animation
    bool m_animating = false;
    cube::Move m_move;
    float m_angle = 0; // degrees, 0 .. target
    int m_durationMs = 250;
    QElapsedTimer m_clock;
    QTimer* m_timer;
};

} // namespace algoscope::ui
