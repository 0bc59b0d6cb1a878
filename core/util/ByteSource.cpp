#include "util/ByteSource.h"

#include "util/Error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace algoscope::util {

namespace {

std::string errnoText(int err) {
    return std::generic_category().message(err);
}

} // namespace

ByteSource ByteSource::fromMemory(std::span<const std::byte> bytes) {
    ByteSource s;
    s.m_memory = bytes;
    s.m_size = bytes.size();
    return s;
}

ByteSource ByteSource::openFile(const std::string& path) {
    ByteSource s;
    s.m_path = path;
    s.m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (s.m_fd < 0)
        throw Error("cannot open '" + path + "': " + errnoText(errno));
    struct stat st {};
    if (::fstat(s.m_fd, &st) != 0)
        throw Error("cannot stat '" + path + "': " + errnoText(errno));
    // A directory opens fine with O_RDONLY and a FIFO has no size: refuse both up front.
    if (!S_ISREG(st.st_mode))
        throw Error("cannot read '" + path + "': not a regular file");
    s.m_size = static_cast<std::uint64_t>(st.st_size);
    return s;
}

ByteSource::ByteSource(ByteSource&& other) noexcept
    : m_memory(other.m_memory), m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size),
      m_path(std::move(other.m_path)) {}

ByteSource& ByteSource::operator=(ByteSource&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_memory = other.m_memory;
        m_fd = std::exchange(other.m_fd, -1);
        m_size = other.m_size;
        m_path = std::move(other.m_path);
    }
    return *this;
}

ByteSource::~ByteSource() {
    if (m_fd >= 0)
        ::close(m_fd);
}

void ByteSource::read(std::uint64_t offset, std::span<std::byte> out) const {
    const std::uint64_t n = out.size();
    // Written as two comparisons so that offset + n cannot overflow.
    if (n > m_size || offset > m_size - n)
        throw Error("read of " + std::to_string(n) + " bytes at offset " + std::to_string(offset) +
                    " is past the end of the " + std::to_string(m_size) + "-byte input");
    if (n == 0)
        return;
    if (m_fd < 0) {
        std::memcpy(out.data(), m_memory.data() + offset, out.size());
        return;
    }
    std::size_t done = 0;
    while (done < out.size()) {
        const std::size_t chunk = std::min<std::size_t>(out.size() - done, std::size_t{1} << 30);
        const ssize_t got =
            ::pread(m_fd, out.data() + done, chunk, static_cast<off_t>(offset + done));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throw Error("cannot read '" + m_path + "': " + errnoText(errno));
        }
        if (got == 0)
            throw Error("cannot read '" + m_path + "': file was truncated while reading");
        done += static_cast<std::size_t>(got);
    }
}

} // namespace algoscope::util
