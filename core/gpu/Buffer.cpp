#include "gpu/Buffer.h"

#include "gpu/GlError.h"
#include "util/Error.h"

#include <epoxy/gl.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace algoscope::gpu {

namespace {

bool hasDsa() {
    return epoxy_gl_version() >= 45 || epoxy_has_gl_extension("GL_ARB_direct_state_access");
}

// Binds id to GL_COPY_WRITE_BUFFER (a target no rendering code relies on) for the scope and
// restores the previous binding, so the non-DSA path leaves a foreign context as it was.
class ScopedCopyBinding {
public:
    explicit ScopedCopyBinding(GLuint id) {
        glGetIntegerv(GL_COPY_WRITE_BUFFER_BINDING, &m_previous);
        glBindBuffer(GL_COPY_WRITE_BUFFER, id);
    }
    ~ScopedCopyBinding() { glBindBuffer(GL_COPY_WRITE_BUFFER, static_cast<GLuint>(m_previous)); }
    ScopedCopyBinding(const ScopedCopyBinding&) = delete;
    ScopedCopyBinding& operator=(const ScopedCopyBinding&) = delete;

private:
    GLint m_previous = 0;
};

std::string mib(std::size_t bytes) {
    return std::to_string(bytes) + " bytes (" + std::to_string(bytes >> 20) + " MiB)";
}

} // namespace

std::size_t Buffer::maxBindableBytes() {
    GLint64 v = 0;
    glGetInteger64v(GL_MAX_SHADER_STORAGE_BLOCK_SIZE, &v);
    return static_cast<std::size_t>(v);
}

std::size_t Buffer::offsetAlignment() {
    GLint v = 0;
    glGetIntegerv(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT, &v);
    return static_cast<std::size_t>(std::max(v, 1));
}

std::size_t Buffer::chunkElements(std::size_t elementBytes) {
    const std::size_t maxElements = maxBindableBytes() / elementBytes;
    std::size_t c = 1;
    while (c * 2 <= maxElements)
        c *= 2;
    return c;
}

Buffer::Buffer(std::size_t bytes) : m_bytes(bytes) {
    if (bytes == 0)
        return;
    if (bytes > static_cast<std::size_t>(std::numeric_limits<GLsizeiptr>::max()))
        throw util::LimitError("a buffer of " + mib(bytes) + " is too large");
    GlError::clear();
    // Dynamic storage: uploaded from the CPU with glBufferSubData, read back with
    // glGetBufferSubData; no mapping, so the driver may keep it in video memory.
    if (hasDsa()) {
        glCreateBuffers(1, &m_id);
        glNamedBufferStorage(m_id, static_cast<GLsizeiptr>(bytes), nullptr, GL_DYNAMIC_STORAGE_BIT);
    } else {
        glGenBuffers(1, &m_id);
        ScopedCopyBinding bind(m_id);
        glBufferData(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(bytes), nullptr,
                     GL_DYNAMIC_COPY);
    }
    const GLenum err = glGetError();
    if (err != GL_NO_ERROR) {
        GlError::clear();
        release();
        if (err == GL_OUT_OF_MEMORY)
            throw util::LimitError("out of GPU memory allocating a buffer of " + mib(bytes));
        throw GlError(err, "allocating a buffer of " + mib(bytes));
    }
}

Buffer::~Buffer() {
    release();
}

Buffer::Buffer(Buffer&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)), m_bytes(std::exchange(other.m_bytes, 0)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        m_id = std::exchange(other.m_id, 0);
        m_bytes = std::exchange(other.m_bytes, 0);
    }
    return *this;
}

void Buffer::release() noexcept {
    if (m_id)
        glDeleteBuffers(1, &m_id);
    m_id = 0;
}

void Buffer::uploadBytes(const void* data, std::size_t offset, std::size_t bytes) {
    if (offset > m_bytes || bytes > m_bytes - offset)
        throw std::out_of_range("Buffer::upload: " + std::to_string(bytes) + " bytes at offset " +
                                std::to_string(offset) + " do not fit in " +
                                std::to_string(m_bytes));
    if (bytes == 0)
        return;
    if (hasDsa()) {
        glNamedBufferSubData(m_id, static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes),
                             data);
    } else {
        ScopedCopyBinding bind(m_id);
        glBufferSubData(GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(offset),
                        static_cast<GLsizeiptr>(bytes), data);
    }
}

void Buffer::downloadBytes(void* out, std::size_t offset, std::size_t bytes) const {
    if (offset > m_bytes || bytes > m_bytes - offset)
        throw std::out_of_range("Buffer::download: " + std::to_string(bytes) + " bytes at offset " +
                                std::to_string(offset) + " do not fit in " +
                                std::to_string(m_bytes));
    if (bytes == 0)
        return;
    if (hasDsa()) {
        glGetNamedBufferSubData(m_id, static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes),
                                out);
    } else {
        ScopedCopyBinding bind(m_id);
        glGetBufferSubData(GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(offset),
                           static_cast<GLsizeiptr>(bytes), out);
    }
}

void Buffer::checkBinding(std::uint32_t index, std::size_t size) const {
    GLint bindings = 0;
    glGetIntegerv(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS, &bindings);
    if (index >= static_cast<std::uint32_t>(bindings))
        throw util::LimitError("storage buffer binding " + std::to_string(index) +
                               " exceeds GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS (" +
                               std::to_string(bindings) + ")");
    const std::size_t limit = maxBindableBytes();
    if (size > limit)
        throw util::LimitError("binding " + mib(size) +
                               " of storage buffer exceeds this driver's "
                               "GL_MAX_SHADER_STORAGE_BLOCK_SIZE of " +
                               mib(limit) + "; bind it in chunks or use fewer elements");
}

void Buffer::bindBase(std::uint32_t index) const {
    if (!m_id)
        throw std::logic_error("Buffer::bindBase on an empty buffer");
    checkBinding(index, m_bytes);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, index, m_id);
}

void Buffer::bindRange(std::uint32_t index, std::size_t offset, std::size_t size) const {
    if (!m_id)
        throw std::logic_error("Buffer::bindRange on an empty buffer");
    if (size == 0 || offset > m_bytes || size > m_bytes - offset)
        throw std::out_of_range("Buffer::bindRange: " + std::to_string(size) + " bytes at offset " +
                                std::to_string(offset) + " do not fit in " +
                                std::to_string(m_bytes));
    if (offset % offsetAlignment() != 0)
        throw std::invalid_argument(
            "Buffer::bindRange: offset " + std::to_string(offset) +
            " is not a multiple of GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT (" +
            std::to_string(offsetAlignment()) + ")");
    checkBinding(index, size);
    glBindBufferRange(GL_SHADER_STORAGE_BUFFER, index, m_id, static_cast<GLintptr>(offset),
                      static_cast<GLsizeiptr>(size));
}

} // namespace algoscope::gpu
