#include "util/AtomicFile.h"

#include "util/ByteSource.h"
#include "util/Error.h"

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <span>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace algoscope::util {

namespace {

std::string errnoText(int err) {
    return std::generic_category().message(err);
}

/// Closes the descriptor and unlinks the temporary file unless release() was called, so every
/// early throw below cleans up without repeating itself.
class TempFileGuard {
public:
    TempFileGuard(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
    TempFileGuard(const TempFileGuard&) = delete;
    TempFileGuard& operator=(const TempFileGuard&) = delete;
    ~TempFileGuard() {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_path.empty())
            ::unlink(m_path.c_str());
    }
    int fd() const { return m_fd; }
    /// Closes the file and reports the errno of a failed close (NFS reports write errors there).
    int close() {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc == 0 ? 0 : errno;
    }
    void release() { m_path.clear(); }

private:
    int m_fd;
    std::string m_path;
};

void syncDirectory(const std::string& dir) {
    // Makes the rename itself durable. Best effort: some file systems refuse fsync on a directory
    // (EINVAL), and by now the new content is complete under its final name either way.
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

void writeFileAtomically(const std::string& path, std::string_view bytes) {
    writeFileAtomically(path, std::span<const std::string_view>(&bytes, 1));
}

void writeFileAtomically(const std::string& path, std::span<const std::string_view> pieces) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (target.filename().empty())
        throw Error("cannot write '" + path + "': not a file name");
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();

    // A unique hidden name in the same directory. O_EXCL makes the creation fail instead of
    // reusing someone else's file; the counter makes collisions within one process impossible and
    // the pid across processes, so the retry loop is only a safety net.
    static std::atomic<unsigned> counter{0};
    std::string tempPath;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        std::string name = ".";
        name += target.filename().string();
        name += ".tmp.";
        name += std::to_string(::getpid());
        name += '.';
        name += std::to_string(counter.fetch_add(1));
        tempPath = (dir / name).string();
        // 0666 lets the umask decide the permissions, as for any newly created file.
        fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            throw Error("cannot write '" + path + "': " + errnoText(errno));
    }
    if (fd < 0)
        throw Error("cannot write '" + path + "': no free temporary file name");
    TempFileGuard guard(fd, tempPath);
    // Replacing a file keeps its permissions: rewriting a 0600 file must not make it readable
    // by others. (Owner and ACLs are not carried over; we only write the user's own files.)
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode) &&
        ::fchmod(guard.fd(), existing.st_mode & 07777) != 0)
        throw Error("cannot write '" + path + "': " + errnoText(errno));

    for (std::string_view bytes : pieces) {
        const char* p = bytes.data();
        std::size_t left = bytes.size();
        while (left > 0) {
            // Linux writes at most 0x7ffff000 bytes per call; the loop handles any short write.
            const ssize_t n = ::write(guard.fd(), p, left);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                throw Error("cannot write '" + path + "': " + errnoText(errno));
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
    }
    // Without the fsync a crash after the rename can leave an empty file under the final name
    // (ext4 delayed allocation), which is exactly what this function promises not to do.
    if (::fsync(guard.fd()) != 0)
        throw Error("cannot write '" + path + "': fsync failed: " + errnoText(errno));
    if (const int err = guard.close(); err != 0)
        throw Error("cannot write '" + path + "': close failed: " + errnoText(err));
    if (::rename(tempPath.c_str(), path.c_str()) != 0)
        throw Error("cannot write '" + path + "': " + errnoText(errno));
    guard.release();
    syncDirectory(dir.string());
}

std::string readFileBytes(const std::string& path, std::uint64_t maxBytes) {
    const ByteSource source = ByteSource::openFile(path);
    if (source.size() > maxBytes)
        throw LimitError("'" + path + "' is " + std::to_string(source.size()) +
                         " bytes, larger than the limit of " + std::to_string(maxBytes) +
                         " bytes for this kind of file (see core/util/Limits.h)");
    std::string bytes(static_cast<std::size_t>(source.size()), '\0');
    source.read(0, std::as_writable_bytes(std::span(bytes.data(), bytes.size())));
    return bytes;
}

} // namespace algoscope::util
