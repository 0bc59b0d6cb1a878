#pragma once
// Base of every OpenGL view. It owns the GL lifetime rules so no view forgets them:
//  - GL objects are created in initGl() and freed in releaseGl(), which runs on the context's
//    aboutToBeDestroyed (a QOpenGLWidget in a dock gets a NEW context when the dock floats or
//    re-docks; Qt's hellogl2 example), so a view survives any number of float/re-dock cycles;
//  - a 2-D camera (centre + zoom) with wheel zoom about the cursor and drag to pan;
//  - a Dear ImGui overlay for in-viewport read-outs, which gets input first (io.WantCaptureMouse);
//  - export at any size through an offscreen framebuffer (PNG, or the image on an SVG/PDF page).
// Rendering needs OpenGL 3.3 core; compute paths (4.3) are optional and have CPU fallbacks.
#include "Exportable.h"

#include <QMatrix4x4>
#include <QOpenGLExtraFunctions>
#include <QOpenGLWidget>
#include <QRectF>

#include <memory>

namespace algoscope::ui {

class ImGuiOverlay;

class GlView : public QOpenGLWidget, protected QOpenGLExtraFunctions, public Exportable {
    Q_OBJECT
public:
    explicit GlView(const QString& exportName, QWidget* parent = nullptr);
    ~GlView() override;

    // --- camera: world units are whatever the view draws (cells, samples, ...) ---------------
    QPointF center() const { return m_center; }
    double zoom() const { return m_zoom; } // screen pixels per world unit
    void setCamera(QPointF center, double zoom);
    /// Fits the world rectangle into the view with a small margin.
    void fitToRect(const QRectF& world);
    QPointF screenToWorld(QPointF screen) const;
    QPointF worldToScreen(QPointF world) const;
    QRectF visibleWorldRect() const;
    /// Orthographic projection to clip space (y down, like the screen) for a target of
    /// pixelSize: same centre, aspect ratio kept, and all of the on-screen region visible, so an
    /// export at another size shows the same region undistorted.
    QMatrix4x4 worldToClip(QSize pixelSize) const;

    void setOverlayEnabled(bool on);
    bool isGlReady() const { return m_glReady; }
    /// How many times GL resources were (re)created; tests check float/re-dock cycles with it.
    int glInitCount() const { return m_glInitCount; }
    /// How many times they were released (context destroyed, or the view deleted).
    int glReleaseCount() const { return m_glReleaseCount; }

    /// Renders the scene (no overlay) at `size` pixels into an offscreen framebuffer.
    QImage renderToImage(QSize size);

    QString exportName() const override { return m_exportName; }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;

Q_SIGNALS:
    void cameraChanged();
    void glReinitialised();

protected:
    /// Create GL objects; the context is current. Called again after every context change.
    virtual void initGl() = 0;
    /// Free every GL object created in initGl(); the context is current.
    virtual void releaseGl() = 0;
    /// Draw the scene into the bound framebuffer of `pixelSize` (viewport already set).
    virtual void paintScene(QSize pixelSize) = 0;
    /// ImGui widgets for the overlay (ImGui:: calls); default: none.
    virtual void buildOverlay() {}
    /// Every subclass destructor must call this first: releaseGl() is virtual, so the base
    /// destructor cannot call it (the derived part is already gone by then).
    void releaseGlNow() { cleanupGl(); }
    /// True when the ImGui overlay wants the mouse (a subclass must then ignore the event).
    bool overlayWantsMouse() const;
    /// A hover position in world coordinates (for read-outs); NaN when the mouse is outside.
    QPointF hoverWorld() const { return m_hoverWorld; }

    void initializeGL() final;
    void resizeGL(int w, int h) final;
    void paintGL() final;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void cleanupGl();

    std::unique_ptr<ImGuiOverlay> m_overlay;
    QString m_exportName;
    QPointF m_center{0, 0};
    double m_zoom = 1.0;
    QPointF m_dragStart;
    QPointF m_dragCenter;
    QPointF m_hoverWorld;
    bool m_dragging = false;
    bool m_glReady = false;
    bool m_overlayEnabled = true;
    int m_glInitCount = 0;
    int m_glReleaseCount = 0;
};

} // namespace algoscope::ui
