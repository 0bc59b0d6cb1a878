#pragma once
// Random-access, bounds-checked bytes from memory or from a file. The .npy and safetensors
// readers parse through this one interface, so the code a fuzzer exercises on a memory buffer is
// exactly the code that reads a file, and a file reader can check the header against the file
// size and the limits before it allocates, then read each tensor straight into its own buffer
// (one copy of an 8 GiB tensor in memory, not two).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace algoscope::util {

class ByteSource {
public:
    /// A view of bytes that must outlive the source.
    static ByteSource fromMemory(std::span<const std::byte> bytes);
    /// Opens a regular file for reading; throws Error naming the path and errno text.
    static ByteSource openFile(const std::string& path);

    ByteSource(ByteSource&& other) noexcept;
    ByteSource& operator=(ByteSource&& other) noexcept;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;
    ~ByteSource();

    std::uint64_t size() const noexcept { return m_size; }
    /// Copies out.size() bytes starting at offset. Throws Error when the range is not inside the
    /// source (checked without overflow) or the file cannot be read.
    void read(std::uint64_t offset, std::span<std::byte> out) const;

private:
    ByteSource() = default;

    std::span<const std::byte> m_memory;
    int m_fd = -1; // >= 0 for a file source
    std::uint64_t m_size = 0;
    std::string m_path;
};

} // namespace algoscope::util
