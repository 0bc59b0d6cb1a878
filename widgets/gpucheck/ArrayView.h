#pragma once
// GL view of the last output array (value against index), with pan/zoom and an ImGui read-out of
// the value under the cursor. Small on purpose: it exercises the GlView base (context loss on
// float/re-dock, overlay, offscreen export) inside a dock.
#include "GlView.h"

#include <QOpenGLBuffer>
#include <QOpenGLVertexArrayObject>

#include <memory>
#include <vector>

class QOpenGLShaderProgram;

namespace algoscope::ui {

class ArrayView : public GlView {
    Q_OBJECT
public:
    explicit ArrayView(QWidget* parent = nullptr);
    ~ArrayView() override;

    void setData(std::vector<float> values, const QString& label);

protected:
    void initGl() override;
    void releaseGl() override;
    void paintScene(QSize pixelSize) override;
    void buildOverlay() override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void upload();
    void fit();
    double m_worldHeight = 1;
    std::vector<float> m_values;
    QString m_label;
    float m_maxAbs = 1;
    std::unique_ptr<QOpenGLShaderProgram> m_program;
    QOpenGLBuffer m_vbo{QOpenGLBuffer::VertexBuffer};
    QOpenGLVertexArrayObject m_vao;
    int m_vertexCount = 0;
    bool m_dirty = true;
};

} // namespace algoscope::ui
