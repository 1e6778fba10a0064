#include "heatlift/core/output_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <system_error>

#include "heatlift/core/error.hpp"

namespace heatlift::core {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void cannot_write(const fs::path& target, int err) {
  throw InvalidInput(fmt::format("cannot write '{}': {}", target.string(), std::strerror(err)));
}

fs::path folder_of(const fs::path& target) {
  return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

// Removes temporary files that a killed run left for `target`: ".NAME.PID.tmp-XXXXXX"
// whose PID no longer runs.
void remove_stale_temps(const fs::path& target) {
  const std::string prefix = fmt::format(".{}.", target.filename().string());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_of(target), ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dot = rest.find(".tmp-");
    if (dot == std::string::npos || dot == 0) continue;
    if (!std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(dot),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const long pid = std::strtol(rest.substr(0, dot).c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    fs::remove(entry.path(), ec);
  }
}

void write_all(int fd, std::string_view content, const fs::path& target) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) cannot_write(target, errno);
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

mode_t file_mode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the renames are done; a folder that cannot be opened is not an error
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

StagedOutputs::~StagedOutputs() {
  discard();
}

void StagedOutputs::stage(const fs::path& target, std::string_view content) {
  if (target.filename().empty()) {
    throw InvalidInput(fmt::format("cannot write '{}': not a file name", target.string()));
  }
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    throw InvalidInput(fmt::format("cannot write '{}': it is a folder", target.string()));
  }
  remove_stale_temps(target);
  std::string name =
      (folder_of(target) / fmt::format(".{}.{}.tmp-XXXXXX", target.filename().string(), ::getpid()))
          .string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) cannot_write(target, errno);
  Entry entry{name, target};
  try {
    write_all(fd, content, target);
    if (::fchmod(fd, file_mode()) != 0 || ::fsync(fd) != 0) cannot_write(target, errno);
  } catch (...) {
    ::close(fd);
    fs::remove(entry.temp, ec);
    throw;
  }
  if (::close(fd) != 0) {
    const int err = errno;
    fs::remove(entry.temp, ec);
    cannot_write(target, err);
  }
  // The same target staged again replaces the earlier version.
  for (auto& e : staged_) {
    if (e.target == target) {
      fs::remove(e.temp, ec);
      e.temp = entry.temp;
      return;
    }
  }
  staged_.push_back(std::move(entry));
}

void StagedOutputs::commit() {
  std::set<fs::path> folders;
  while (!staged_.empty()) {
    Entry& e = staged_.front();
    if (::rename(e.temp.c_str(), e.target.c_str()) != 0) {
      const int err = errno;
      const fs::path target = e.target;
      discard();
      cannot_write(target, err);
    }
    folders.insert(folder_of(e.target));
    staged_.erase(staged_.begin());
  }
  for (const auto& f : folders) sync_folder(f);
}

void StagedOutputs::discard() noexcept {
  std::error_code ec;
  for (const auto& e : staged_) fs::remove(e.temp, ec);
  staged_.clear();
}

void write_file_atomically(const fs::path& target, std::string_view content) {
  StagedOutputs out;
  out.stage(target, content);
  out.commit();
}

}  // namespace heatlift::core
