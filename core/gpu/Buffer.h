#pragma once
// A shader storage buffer (SSBO) owned RAII-style, with typed upload/download.
// A buffer may be larger than GL_MAX_SHADER_STORAGE_BLOCK_SIZE (128 MiB on Mesa drivers), but a
// shader sees at most that much through one binding: bindBase/bindRange check it and kernels
// that take longer arrays bind them in chunks (GpuScan, GpuSaxpy).
// Uses direct state access (glCreateBuffers/glNamedBufferStorage) on OpenGL 4.5 or
// ARB_direct_state_access, and the bind-to-edit path on plain 4.3 (restoring the binding it
// borrows, so a Qt context's state is left as found).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

namespace algoscope::gpu {

class Buffer {
public:
    /// An empty buffer: no GL object, size 0; bindBase() on it throws.
    Buffer() = default;
    /// Uninitialised storage of `bytes` bytes. Throws util::LimitError when the driver is out of
    /// memory.
    explicit Buffer(std::size_t bytes);

    template <class T> static Buffer fromSpan(std::span<const T> data) {
        static_assert(std::is_trivially_copyable_v<T>);
        Buffer b(data.size_bytes());
        b.upload(data);
        return b;
    }

    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    /// Writes data at element offset firstElement (in units of T). Throws std::out_of_range
    /// when it does not fit.
    template <class T> void upload(std::span<const T> data, std::size_t firstElement = 0) {
        static_assert(std::is_trivially_copyable_v<T>);
        uploadBytes(data.data(), firstElement * sizeof(T), data.size_bytes());
    }
    /// Reads out.size() elements starting at element firstElement. Waits for the GPU; shaders'
    /// writes must be made visible first (dispatch's default barrier does that).
    template <class T> void download(std::span<T> out, std::size_t firstElement = 0) const {
        static_assert(std::is_trivially_copyable_v<T>);
        downloadBytes(out.data(), firstElement * sizeof(T), out.size_bytes());
    }
    /// The first count elements (all whole elements when count is -1).
    template <class T>
    std::vector<T> download(std::size_t count = static_cast<std::size_t>(-1)) const {
        std::vector<T> out(std::min(count, m_bytes / sizeof(T)));
        download(std::span<T>(out));
        return out;
    }

    /// glBindBufferBase(GL_SHADER_STORAGE_BUFFER, index, ...). Throws util::LimitError when the
    /// buffer exceeds GL_MAX_SHADER_STORAGE_BLOCK_SIZE or index
    /// GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS (the message names the limit and its value).
    void bindBase(std::uint32_t index) const;
    /// Binds bytes [offset, offset + size) to SSBO slot index; same limits as bindBase, and
    /// offset must be a multiple of GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT
    /// (std::invalid_argument otherwise; std::out_of_range outside the buffer).
    void bindRange(std::uint32_t index, std::size_t offset, std::size_t size) const;

    std::size_t sizeBytes() const { return m_bytes; }
    std::uint32_t id() const { return m_id; }
    bool isEmpty() const { return m_id == 0; }

    /// GL_MAX_SHADER_STORAGE_BLOCK_SIZE of the current context: the most bytes one binding
    /// shows a shader.
    static std::size_t maxBindableBytes();
    /// GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT of the current context.
    static std::size_t offsetAlignment();
    /// Elements per chunk for kernels that bind long arrays piecewise: the largest power of two
    /// whose bytes fit one binding. A power of two of >= 256 bytes keeps every chunk offset
    /// aligned (the alignment is at most 256 by the GL spec).
    static std::size_t chunkElements(std::size_t elementBytes);

private:
    void uploadBytes(const void* data, std::size_t offset, std::size_t bytes);
    void downloadBytes(void* out, std::size_t offset, std::size_t bytes) const;
    void release() noexcept;
    void checkBinding(std::uint32_t index, std::size_t size) const;

    std::uint32_t m_id = 0;
    std::size_t m_bytes = 0;
};

} // namespace algoscope::gpu
