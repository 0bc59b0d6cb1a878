#pragma once
// Builds a Qt shader program for views from embedded shader files (shaders/NAME.vert/.frag).
// As in core/gpu, one place prepends the #version line, so shader files carry none.
#include <QOpenGLShaderProgram>
#include <QString>

#include <memory>

namespace algoscope::ui {

/// Throws util::Error with the compiler's log when a stage does not compile or link.
std::unique_ptr<QOpenGLShaderProgram> buildViewProgram(const QString& vertexName,
                                                       const QString& fragmentName);

} // namespace algoscope::ui
