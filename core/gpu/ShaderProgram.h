#pragma once
// A linked compute shader program, built from an embedded file ("shaders/gpucheck_scan.comp") or
// a source string. This is the ONE place that prepends `#version 430 core` and injected
// constants, so shader files never carry a #version line and there are no copy-pasted variants:
//
//     #version 430 core
//     #define NAME VALUE          (one per requested define, in order)
//     #line 1 0                   (the file's own line 1, source string 0)
//     ...file, where a line `#include "snippet.glsl"` becomes:
//     #line 10001 1               (snippet k's lines, from embedded shaders/snippet.glsl,
//     ...snippet...                numbered from k * 10000 + 1)
//     #line <next> 0              (back in the including file)
//
// The #line directives make the driver report original file lines; the log is then rewritten to
// "shaders/x.comp:LINE:..." (Mesa, NVIDIA and AMD log formats), so errors name file and line.
// The file is told by the line number (line / 10000), not the source-string number, because
// Mesa reports source 0 for most errors regardless of #line.
// Each snippet is included once per program (pragma-once semantics), which also breaks cycles.
#include <glm/vec2.hpp>
#include <glm/vec4.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace algoscope::gpu {

class ShaderProgram {
public:
    /// `#define first second` lines, in order. Names must be identifiers, values one line.
    using Defines = std::vector<std::pair<std::string, std::string>>;

    /// The text handed to the driver and the name of each source-string number in it.
    struct Preprocessed {
        std::string text;
        std::vector<std::string> sourceNames; // [0] is the program's own file
    };

    /// Builds from an embedded file, e.g. "shaders/gpucheck_saxpy.comp". Throws util::Error on a
    /// missing file, bad define, or a compile/link error (with file names and original lines).
    /// Needs a current OpenGL 4.3 context.
    static ShaderProgram fromResource(std::string_view resourceName, const Defines& defines = {});
    /// Builds from source text; name is used in error messages ("name:LINE: ...").
    static ShaderProgram fromSource(std::string name, std::string_view source,
                                    const Defines& defines = {});
    /// The prelude + #include expansion, without compiling (also used by tests). Throws
    /// util::Error for a bad define, a #version line in the source or a missing snippet.
    static Preprocessed preprocess(const std::string& name, std::string_view source,
                                   const Defines& defines);

    ShaderProgram() = default;
    ~ShaderProgram();
    ShaderProgram(ShaderProgram&& other) noexcept;
    ShaderProgram& operator=(ShaderProgram&& other) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    bool isValid() const { return m_id != 0; }
    std::uint32_t id() const { return m_id; }
    const std::string& name() const { return m_name; }
    /// The compiled local_size_x/y/z.
    const std::array<std::uint32_t, 3>& localSize() const { return m_localSize; }
    /// glUseProgram.
    void use() const;

    /// Sets a uniform without binding the program (glProgramUniform*). Returns false when the
    /// program has no active uniform of that name: compilers drop unused uniforms, so this is
    /// not an error.
    bool setUniform(const char* name, std::int32_t v) const;
    bool setUniform(const char* name, std::uint32_t v) const;
    bool setUniform(const char* name, float v) const;
    bool setUniform(const char* name, glm::ivec2 v) const;
    bool setUniform(const char* name, glm::uvec2 v) const;
    bool setUniform(const char* name, glm::vec2 v) const;
    bool setUniform(const char* name, glm::vec4 v) const;
    /// -1 when absent.
    std::int32_t uniformLocation(const char* name) const;

private:
    ShaderProgram(std::uint32_t id, std::string name);
    void release() noexcept;

    std::uint32_t m_id = 0;
    std::string m_name;
    std::array<std::uint32_t, 3> m_localSize{};
};

} // namespace algoscope::gpu
