#pragma once
// Whole-file I/O that never leaves a half-written file and never reads an unbounded one.
// Every writer in core (npy, safetensors, JSON settings) goes through writeFileAtomically, so a
// crash, a full disk or a failed conversion leaves the previous file untouched.
// POSIX only (open/fsync/rename), like the rest of the project's platform code.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace algoscope::util {

/// Replaces the file at path with bytes: writes a new file next to it (same directory, so the
/// rename cannot cross file systems), fsyncs it, renames it over path, then fsyncs the directory.
/// Readers see either the old content or the new one, never a mixture. On any failure the
/// temporary file is removed and util::Error names the path and the errno text.
/// A new file gets mode 0666 & ~umask, a replaced file keeps its mode; if path is a symlink, the
/// link itself is replaced by a regular file.
void writeFileAtomically(const std::string& path, std::string_view bytes);
/// The same for content made of several pieces written one after another (a header and a large
/// data buffer), so a writer does not have to concatenate them into one more copy first.
void writeFileAtomically(const std::string& path, std::span<const std::string_view> pieces);

/// The whole content of a regular file. Throws Error when it cannot be opened (message names the
/// path and errno text) and LimitError when it is larger than maxBytes, before reading anything.
std::string readFileBytes(const std::string& path, std::uint64_t maxBytes);

} // namespace algoscope::util
