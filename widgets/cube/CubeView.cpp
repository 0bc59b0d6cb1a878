#include "CubeView.h"

#include "GlShaders.h"

#include <QKeyEvent>
#include <QMatrix3x3>
#include <QMouseEvent>
#include <QOpenGLShaderProgram>
#include <QTimer>
#include <QWheelEvent>

#include <glm/gtc/type_ptr.hpp>

#include <cmath>

namespace algoscope::ui {

namespace {
// Western colour scheme in face order U D L R B F: white, yellow, orange, red, blue, green.
const QVector3D kColors[6] = {{0.96f, 0.96f, 0.96f}, {1.0f, 0.84f, 0.0f},  {1.0f, 0.45f, 0.0f},
                              {0.80f, 0.05f, 0.10f}, {0.0f, 0.30f, 0.85f}, {0.0f, 0.62f, 0.28f}};

QVector3D toVec(const std::array<int, 3>& a) {
    return QVector3D(float(a[0]), float(a[1]), float(a[2]));
}

/// GLM is column major, QMatrix4x4's float constructor reads row major.
QMatrix4x4 toQMatrix(const glm::mat4& m) {
    return QMatrix4x4(glm::value_ptr(m)).transposed();
}
} // namespace

CubeView::CubeView(QWidget* parent)
    : GlView(QStringLiteral("cube-view"), parent), m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("cube.view"));
    setFocusPolicy(Qt::StrongFocus);
    m_timer->setInterval(16);
    connect(m_timer, &QTimer::timeout, this, &CubeView::tick);
}

CubeView::~CubeView() {
    releaseGlNow();
}

void CubeView::setCube(const cube::Cube& c) {
    m_timer->stop();
    m_animating = false;
    m_cube = c;
    update();
}

void CubeView::setCameraAngles(float yaw, float pitch) {
    m_yaw = yaw;
    m_pitch = std::clamp(pitch, -89.0f, 89.0f);
    update();
}

cube::CubeCamera CubeView::camera() const {
    cube::CubeCamera c;
    c.yaw = m_yaw;
    c.pitch = m_pitch;
    c.distance = m_distance > 0 ? m_distance : cube::CubeCamera::defaultDistance(m_cube.size());
    c.width = std::max(1, width());
    c.height = std::max(1, height());
    return c;
}

void CubeView::animate(const cube::Move& move, int milliseconds) {
    if (m_animating) { // finish the running one at once
        m_cube.apply(m_move);
        m_animating = false;
    }
    if (milliseconds <= 0) {
        m_cube.apply(move);
        update();
        Q_EMIT animationFinished();
        return;
    }
    m_move = move;
    m_durationMs = milliseconds;
    m_angle = 0;
    m_animating = true;
    m_clock.start();
    m_timer->start();
    update();
}

void CubeView::tick() {
    const float t = std::min(1.0f, float(m_clock.elapsed()) / float(m_durationMs));
    // Ease in and out: the turn starts and stops smoothly.
    const float eased = t * t * (3.0f - 2.0f * t);
    const int q = m_move.quarterTurns == 3 ? -1 : m_move.quarterTurns;
    m_angle = eased * 90.0f * float(q);
    if (t >= 1.0f) {
        m_timer->stop();
        m_animating = false;
        m_cube.apply(m_move);
        update();
        Q_EMIT animationFinished();
        return;
    }
    update();
}

void CubeView::initGl() {
    m_program =
        buildViewProgram(QStringLiteral("cube_view.vert"), QStringLiteral("cube_view.frag"));
    glGenVertexArrays(1, &m_vao);
    glGenBuffers(1, &m_vbo);
}

void CubeView::releaseGl() {
    if (m_vbo)
        glDeleteBuffers(1, &m_vbo);
    if (m_vao)
        glDeleteVertexArrays(1, &m_vao);
    m_vbo = m_vao = 0;
    m_program.reset();
}

void CubeView::paintScene(QSize pixelSize) {
    glClearColor(0.93f, 0.93f, 0.95f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    const int n = m_cube.size();
    // Vertices: per sticker a black cubie face and the coloured sticker slightly above it.
    std::vector<float> v;
    v.reserve(std::size_t(m_cube.stickerCount()) * 12 * 9);
    auto quad = [&v](QVector3D c, QVector3D u, QVector3D w, QVector3D normal, QVector3D color) {
        const QVector3D p[4] = {c - u - w, c + u - w, c + u + w, c - u + w};
        for (int k : {0, 1, 2, 0, 2, 3})
            for (const QVector3D& x : {p[k], normal, color})
                v.insert(v.end(), {x.x(), x.y(), x.z()});
    };
    for (int i = 0; i < m_cube.stickerCount(); ++i) {
        const cube::StickerPlace place = cube::stickerPlace(n, i);
        QVector3D center = toVec(place.cubie), normal = toVec(place.normal);
        // Two axes across the face.
        QVector3D u = std::abs(normal.x()) > 0.5f ? QVector3D(0, 1, 0) : QVector3D(1, 0, 0);
        QVector3D w = QVector3D::crossProduct(normal, u);
        QMatrix4x4 turn;
        if (m_animating && cube::stickerInMove(n, i, m_move)) {
            QVector3D axis(0, 0, 0);
            axis[m_move.axis] = float(m_move.sign);
            turn.rotate(-m_angle, axis); // clockwise seen from the reference face
        }
        const QVector3D faceCenter = turn.map(center + normal);
        const QVector3D tu = turn.mapVector(u), tw = turn.mapVector(w), tn = turn.mapVector(normal);
        quad(faceCenter, tu, tw, tn, QVector3D(0.08f, 0.08f, 0.08f));
        quad(faceCenter + tn * 0.01f, tu * 0.86f, tw * 0.86f, tn,
             kColors[m_cube.stickers()[std::size_t(i)]]);
    }
    // The same camera picking uses (only the aspect ratio of the size matters).
    cube::CubeCamera cam = camera();
    cam.width = std::max(1, pixelSize.width());
    cam.height = std::max(1, pixelSize.height());
    const QMatrix4x4 projection = toQMatrix(cam.projection()), view = toQMatrix(cam.view());
    m_program->bind();
    m_program->setUniformValue("u_viewProjection", projection * view);
    m_program->setUniformValue("u_normalToView", view.normalMatrix());
    glBindVertexArray(m_vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(float)), v.data(), GL_STREAM_DRAW);
    for (int a = 0; a < 3; ++a) {
        glEnableVertexAttribArray(GLuint(a));
        glVertexAttribPointer(GLuint(a), 3, GL_FLOAT, GL_FALSE, 9 * sizeof(float),
                              reinterpret_cast<const void*>(std::uintptr_t(a * 3 * sizeof(float))));
    }
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(v.size() / 9));
    glBindVertexArray(0);
    m_program->release();
    glDisable(GL_DEPTH_TEST);
}

void CubeView::mousePressEvent(QMouseEvent* event) {
    if (overlayWantsMouse())
        return;
    m_dragging = event->button() == Qt::LeftButton;
    m_dragFrom = event->position();
    // On a sticker the drag turns its layer; off the cube it turns the camera.
    m_turnFrom.reset();
    if (m_dragging)
        m_turnFrom = cube::pickSticker(m_cube.size(), camera(),
                                       glm::vec2(float(m_dragFrom.x()), float(m_dragFrom.y())));
}

void CubeView::mouseMoveEvent(QMouseEvent* event) {
    if (!m_dragging)
        return GlView::mouseMoveEvent(event);
    const QPointF d = event->position() - m_dragFrom;
    if (m_turnFrom) {
        if (std::hypot(d.x(), d.y()) < kTurnDragPixels)
            return;
        const std::optional<cube::Move> move = cube::moveForDrag(
            m_cube.size(), camera(), *m_turnFrom, glm::vec2(float(d.x()), float(d.y())));
        // One turn per drag: the rest of it does nothing until the button is released.
        m_turnFrom.reset();
        m_dragging = false;
        if (move)
            Q_EMIT moveRequested(*move);
        return;
    }
    m_dragFrom = event->position();
    setCameraAngles(m_yaw + float(d.x()) * 0.5f, m_pitch + float(d.y()) * 0.5f);
}

void CubeView::mouseReleaseEvent(QMouseEvent*) {
    m_dragging = false;
    m_turnFrom.reset();
}

void CubeView::wheelEvent(QWheelEvent* event) {
    const float base =
        m_distance > 0 ? m_distance : cube::CubeCamera::defaultDistance(m_cube.size());
    m_distance = std::clamp(base * std::pow(0.999f, float(event->angleDelta().y())), 3.0f, 60.0f);
    update();
}

void CubeView::keyPressEvent(QKeyEvent* event) {
    static const QString faces = QStringLiteral("UDLRBF");
    const QString text = event->text().toUpper();
    const int face = text.size() == 1 ? int(faces.indexOf(text[0])) : -1;
    if (face < 0)
        return GlView::keyPressEvent(event);
    const bool inverse = event->modifiers() & Qt::ShiftModifier;
    Q_EMIT moveRequested(cube::faceTurn(face, inverse ? 3 : 1, m_cube.size()));
}

} // namespace algoscope::ui
