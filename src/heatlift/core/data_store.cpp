#include "heatlift/core/data_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "heatlift/core/embedded.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::core {
namespace fs = std::filesystem;

namespace {

const detail::EmbeddedFile* find_embedded(std::string_view path) {
  const auto files = detail::embedded_files();
  const auto it = std::lower_bound(
      files.begin(), files.end(), path,
      [](const detail::EmbeddedFile& f, std::string_view p) { return f.path < p; });
  if (it != files.end() && it->path == path) return &*it;
  return nullptr;
}

bool safe_relative(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  const fs::path p{std::string(path)};
  return std::none_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
}

std::string read_file(const fs::path& p) {
  return read_text_file(p, "data file");
}

std::string strip(std::string_view s) {
  const char* junk = " \t\r\"',";
  const auto b = s.find_first_not_of(junk);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(junk);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

DataStore::DataStore(fs::path user_dir) {
  std::error_code ec;
  if (!fs::is_directory(user_dir, ec)) {
    throw InvalidInput(
        fmt::format("data folder '{}' does not exist or is not a folder", user_dir.string()));
  }
  user_dir_ = fs::absolute(user_dir);
}

DataStore DataStore::from_environment(const std::optional<fs::path>& cli_dir) {
  if (cli_dir) return DataStore(*cli_dir);
  if (const char* env = std::getenv("HEATLIFT_DATA"); env != nullptr && *env != '\0') {
    try {
      return DataStore(fs::path(env));
    } catch (const InvalidInput& e) {
      throw InvalidInput(fmt::format("HEATLIFT_DATA: {}", e.what()));
    }
  }
  return DataStore();
}

bool DataStore::exists(std::string_view path) const {
  if (!safe_relative(path)) return false;
  if (user_dir_ && fs::is_regular_file(*user_dir_ / std::string(path))) return true;
  return find_embedded(path) != nullptr;
}

std::string DataStore::read(std::string_view path) const {
  if (!safe_relative(path)) {
    throw InvalidInput(
        fmt::format("data path '{}' must be relative and stay inside the data folder", path));
  }
  if (user_dir_) {
    const fs::path p = *user_dir_ / std::string(path);
    if (fs::is_regular_file(p)) return read_file(p);
  }
  if (const auto* f = find_embedded(path)) return std::string(f->bytes.data(), f->bytes.size());
  throw DataMissing(fmt::format(
      "no data file '{}'{}", path,
      user_dir_ ? fmt::format(" (looked in '{}' and the built-in data)", user_dir_->string())
                : std::string(" in the built-in data")));
}

std::vector<DataFileInfo> DataStore::list(std::string_view prefix) const {
  std::map<std::string, DataFileInfo> by_path;
  for (const auto& f : detail::embedded_files()) {
    if (!f.path.starts_with(prefix)) continue;
    const std::string_view content(f.bytes.data(), f.bytes.size());
    by_path[std::string(f.path)] = {std::string(f.path), "built-in", source_line(content),
                                    f.bytes.size()};
  }
  if (user_dir_) {
    for (const auto& entry : fs::recursive_directory_iterator(*user_dir_)) {
      if (!entry.is_regular_file()) continue;
      const std::string rel = fs::relative(entry.path(), *user_dir_).generic_string();
      if (!rel.starts_with(prefix) || rel.starts_with(".")) continue;
      // Listing reads the bytes only: a file that is not text yet is refused when it is used.
      const std::string content = read_file_bytes(entry.path(), "data file");
      by_path[rel] = {rel, user_dir_->string(), escape_invalid_utf8(source_line(content)),
                      content.size()};
    }
  }
  std::vector<DataFileInfo> out;
  out.reserve(by_path.size());
  for (auto& [path, info] : by_path) out.push_back(std::move(info));
  return out;
}

std::string DataStore::source_line(std::string_view content) {
  // Look at the header only: the first 40 lines.
  std::size_t pos = 0;
  for (int line_no = 0; line_no < 40 && pos < content.size(); ++line_no) {
    const std::size_t end = std::min(content.find('\n', pos), content.size());
    const std::string_view line = content.substr(pos, end - pos);
    pos = end + 1;
    std::string lower(line);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto k = lower.find("source");
    if (k == std::string::npos) continue;
    // Only a key at the start of the line (after comment marks, quotes or spaces).
    const std::string_view before = std::string_view(lower).substr(0, k);
    if (before.find_first_not_of(" \t#/-*\"{") != std::string_view::npos) continue;
    std::size_t v = k + 6;
    while (v < lower.size() && (lower[v] == '"' || lower[v] == ' ' || lower[v] == 's')) ++v;
    if (v >= lower.size() || (lower[v] != ':' && lower[v] != '=')) continue;
    std::string value = strip(line.substr(v + 1));
    // JSON strings escape their quotes.
    for (std::size_t q = value.find("\\\""); q != std::string::npos;
         q = value.find("\\\"", q + 1)) {
      value.erase(q, 1);
    }
    return value;
  }
  return {};
}

}  // namespace heatlift::core
