#pragma once
// The OpenGL format every algoscope window asks for: 4.3 core (compute shaders for the GPU
// engines), with depth/stencil for the views. Set as the default before QApplication exists so
// the global share context (AA_ShareOpenGLContexts) uses it too.
#include <QSurfaceFormat>

namespace algoscope::ui {

inline QSurfaceFormat preferredSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setVersion(4, 3);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    return format;
}

} // namespace algoscope::ui
