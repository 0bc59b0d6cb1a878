#include "gpu/ShaderProgram.h"

#include "gpu/GlError.h"
#include "util/Error.h"
#include "util/Resources.h"
#include "util/Text.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <regex>
#include <set>

namespace algoscope::gpu {

namespace {

constexpr std::string_view kVersionLine = "#version 430 core\n";
constexpr std::string_view kSnippetDir = "shaders/";
// Snippet k's lines are numbered from k * kLineBase + 1. Mesa reports source-string number 0 for
// most expression errors whatever #line said, so the line number alone must name the file.
constexpr std::size_t kLineBase = 10000;

bool isIdentifier(const std::string& s) {
    static const std::regex re("[A-Za-z_][A-Za-z0-9_]*");
    return std::regex_match(s, re);
}

class Expander {
public:
    explicit Expander(ShaderProgram::Preprocessed& out) : m_out(out) {}

    void expand(const std::string& name, std::string_view source) {
        const int sourceNo = static_cast<int>(m_out.sourceNames.size());
        m_out.sourceNames.push_back(name);
        m_included.insert(name);
        static const std::regex includeRe(R"re(^\s*#\s*include\s*"([^"]+)"\s*(//.*)?$)re");
        static const std::regex versionRe(R"(^\s*#\s*version\b.*)");
        const std::size_t lineBase = static_cast<std::size_t>(sourceNo) * kLineBase;
        m_out.text +=
            "#line " + std::to_string(lineBase + 1) + " " + std::to_string(sourceNo) + "\n";
        const auto lines = util::splitLines(source);
        if (lines.size() >= kLineBase)
            throw util::Error(name + ": more than " + std::to_string(kLineBase - 1) +
                              " lines; split it into snippets");
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string line(lines[i]);
            const std::size_t lineNo = i + 1;
            std::smatch m;
            if (std::regex_match(line, versionRe))
                throw util::Error(name + ":" + std::to_string(lineNo) +
                                  ": remove the #version line; ShaderProgram prepends " +
                                  std::string(kVersionLine.substr(0, kVersionLine.size() - 1)));
            if (!std::regex_match(line, m, includeRe)) {
                m_out.text += line;
                m_out.text += '\n';
                continue;
            }
            const std::string snippet = std::string(kSnippetDir) + m[1].str();
            if (!m_included.count(snippet)) {
                auto text = util::findResource(snippet);
                if (!text)
                    throw util::Error(name + ":" + std::to_string(lineNo) + ": #include \"" +
                                      m[1].str() + "\": no embedded " + snippet);
                expand(snippet, *text);
            }
            m_out.text += "#line " + std::to_string(lineBase + lineNo + 1) + " " +
                          std::to_string(sourceNo) + "\n";
        }
    }

private:
    ShaderProgram::Preprocessed& m_out;
    std::set<std::string> m_included;
};

// Driver logs name source-string numbers and lines, not files; rewrite the three common formats
// to "file:line[:column]: message", taking the file from the line number (see kLineBase). Lines
// in other formats are kept as they are.
std::string remapLog(const std::string& log, const std::vector<std::string>& names) {
    static const std::regex mesa(R"(^(\d+):(\d+)\((\d+)\): (.*)$)");        // 0:12(5): error: ...
    static const std::regex nvidia(R"(^(\d+)\((\d+)\) : (.*)$)");           // 0(12) : error C0000
    static const std::regex amd(R"(^(ERROR|WARNING): (\d+):(\d+): (.*)$)"); // ERROR: 0:12: ...
    auto where = [&](const std::string& lineText) {
        const std::size_t line = std::stoul(lineText);
        const std::size_t file = line / kLineBase;
        return (file < names.size() ? names[file] : "source " + std::to_string(file)) + ":" +
               std::to_string(line % kLineBase);
    };
    std::string out;
    for (auto lineView : util::splitLines(log)) {
        const std::string line(lineView);
        std::smatch m;
        if (std::regex_match(line, m, mesa))
            out += where(m[2]) + ":" + m[3].str() + ": " + m[4].str();
        else if (std::regex_match(line, m, nvidia))
            out += where(m[2]) + ": " + m[3].str();
        else if (std::regex_match(line, m, amd))
            out += where(m[3]) + ": " + m[1].str() + ": " + m[4].str();
        else
            out += line;
        out += '\n';
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

std::string shaderLog(GLuint shader) {
    GLint len = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
    glGetShaderInfoLog(shader, len, nullptr, log.data());
    log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
    return log;
}

std::string programLog(GLuint program) {
    GLint len = 0;
    glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
    glGetProgramInfoLog(program, len, nullptr, log.data());
    log.resize(log.find('\0') == std::string::npos ? log.size() : log.find('\0'));
    return log;
}

} // namespace

ShaderProgram::Preprocessed ShaderProgram::preprocess(const std::string& name,
                                                      std::string_view source,
                                                      const Defines& defines) {
    Preprocessed out;
    out.text = kVersionLine;
    for (const auto& [key, value] : defines) {
        if (!isIdentifier(key))
            throw util::Error("shader " + name + ": bad #define name '" + key + "'");
        if (value.find_first_of("\r\n") != std::string::npos)
            throw util::Error("shader " + name + ": #define " + key + " value spans lines");
        out.text += "#define " + key + " " + value + "\n";
    }
    Expander(out).expand(name, source);
    return out;
}

ShaderProgram ShaderProgram::fromResource(std::string_view resourceName, const Defines& defines) {
    return fromSource(std::string(resourceName), util::resource(resourceName), defines);
}

ShaderProgram ShaderProgram::fromSource(std::string name, std::string_view source,
                                        const Defines& defines) {
    const Preprocessed pre = preprocess(name, source, defines);
    GlError::clear();

    GLuint shader = glCreateShader(GL_COMPUTE_SHADER);
    if (!shader)
        throw util::Error("shader " + name + ": glCreateShader failed (no OpenGL 4.3 context?)");
    const char* text = pre.text.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        const std::string log = remapLog(shaderLog(shader), pre.sourceNames);
        glDeleteShader(shader);
        throw util::Error("shader " + name + " failed to compile:\n" + log);
    }

    GLuint program = glCreateProgram();
    glAttachShader(program, shader);
    glLinkProgram(program);
    glDetachShader(program, shader);
    glDeleteShader(shader);
    ShaderProgram result(program, name); // owns program from here, also on the throws below
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok)
        throw util::Error("shader " + name + " failed to link:\n" +
                          remapLog(programLog(program), pre.sourceNames));
    GLint size[3] = {0, 0, 0};
    glGetProgramiv(program, GL_COMPUTE_WORK_GROUP_SIZE, size);
    for (int i = 0; i < 3; ++i)
        result.m_localSize[i] = static_cast<std::uint32_t>(size[i]);
    GlError::check("building shader " + name);
    return result;
}

ShaderProgram::ShaderProgram(std::uint32_t id, std::string name)
    : m_id(id), m_name(std::move(name)) {}

ShaderProgram::~ShaderProgram() {
    release();
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)), m_name(std::move(other.m_name)),
      m_localSize(other.m_localSize) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
    if (this != &other) {
        release();
        m_id = std::exchange(other.m_id, 0);
        m_name = std::move(other.m_name);
        m_localSize = other.m_localSize;
    }
    return *this;
}

void ShaderProgram::release() noexcept {
    if (m_id)
        glDeleteProgram(m_id);
    m_id = 0;
}

void ShaderProgram::use() const {
    glUseProgram(m_id);
}

std::int32_t ShaderProgram::uniformLocation(const char* name) const {
    return glGetUniformLocation(m_id, name);
}

bool ShaderProgram::setUniform(const char* name, std::int32_t v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform1i(m_id, loc, v);
    return loc >= 0;
}

bool ShaderProgram::setUniform(const char* name, std::uint32_t v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform1ui(m_id, loc, v);
    return loc >= 0;
}

bool ShaderProgram::setUniform(const char* name, float v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform1f(m_id, loc, v);
    return loc >= 0;
}

bool ShaderProgram::setUniform(const char* name, glm::ivec2 v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform2i(m_id, loc, v.x, v.y);
    return loc >= 0;
}

bool ShaderProgram::setUniform(const char* name, glm::uvec2 v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform2ui(m_id, loc, v.x, v.y);
    return loc >= 0;
}

bool ShaderProgram::setUniform(const char* name, glm::vec2 v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform2f(m_id, loc, v.x, v.y);
    return loc >= 0;
}

bool ShaderProgram::setUniform(const char* name, glm::vec4 v) const {
    const GLint loc = uniformLocation(name);
    if (loc >= 0)
        glProgramUniform4f(m_id, loc, v.x, v.y, v.z, v.w);
    return loc >= 0;
}

} // namespace algoscope::gpu
