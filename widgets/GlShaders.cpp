#include "GlShaders.h"

#include "util/Error.h"
#include "util/Resources.h"

namespace algoscope::ui {

namespace {
QByteArray source(const QString& name) {
    const std::string_view text = util::resource("shaders/" + name.toStdString());
    // Views need only OpenGL 3.3 core; "#line 1" keeps the compiler's line numbers equal to the
    // file's.
    return QByteArrayLiteral("#version 330 core\n#line 1\n") +
           QByteArray(text.data(), qsizetype(text.size()));
}
} // namespace

std::unique_ptr<QOpenGLShaderProgram> buildViewProgram(const QString& vertexName,
                                                       const QString& fragmentName) {
    auto program = std::make_unique<QOpenGLShaderProgram>();
    if (!program->addShaderFromSourceCode(QOpenGLShader::Vertex, source(vertexName)))
        throw util::Error("shader " + vertexName.toStdString() + ": " +
                          program->log().toStdString());
    if (!program->addShaderFromSourceCode(QOpenGLShader::Fragment, source(fragmentName)))
        throw util::Error("shader " + fragmentName.toStdString() + ": " +
                          program->log().toStdString());
    if (!program->link())
        throw util::Error("shader program " + vertexName.toStdString() + "+" +
                          fragmentName.toStdString() + ": " + program->log().toStdString());
    return program;
}

} // namespace algoscope::ui
