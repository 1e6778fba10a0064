#include "heatlift/cli/app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <mutex>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::cli {
namespace {

struct VerbEntry {
  const char* name;
  int order;
  VerbSetup setup;
};

std::vector<VerbEntry>& registry() {
  static std::vector<VerbEntry> verbs;
  return verbs;
}

// Display width of a UTF-8 string: code points, CJK ideographs counted as two columns.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    width += (len == 3 && c >= 0xE3 && c <= 0xE9) ? 2 : 1;  // CJK unified ideographs
    i += len;
  }
  return width;
}

}  // namespace

VerbRegistrar::VerbRegistrar(const char* name, int order, VerbSetup setup) {
  registry().push_back({name, order, setup});
}

std::string Context::read_input(std::size_t max_bytes) {
  std::string input;
  std::vector<char> buf(1 << 20);
  while (in_.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in_.gcount() > 0) {
    input.append(buf.data(), static_cast<std::size_t>(in_.gcount()));
    if (input.size() > max_bytes)
      throw InvalidInput(fmt::format("stdin: more than {} bytes", max_bytes));
  }
  return input;
}

const core::DataStore& Context::data() {
  if (!data_)
    data_ = std::make_unique<core::DataStore>(core::DataStore::from_environment(data_dir));
  return *data_;
}

std::filesystem::path Context::require_out_dir(std::string_view verb) {
  if (!out_dir) throw InvalidInput(fmt::format("{}: --out DIR is required", verb));
  std::error_code ec;
  // Remember each level created, deepest last, so a failed run can remove them again.
  std::vector<std::filesystem::path> missing;
  for (auto p = std::filesystem::absolute(*out_dir, ec);
       !ec && !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  std::filesystem::create_directories(*out_dir, ec);
  if (!ec) created_dirs_.insert(created_dirs_.end(), missing.begin(), missing.end());
  if (ec || !std::filesystem::is_directory(*out_dir)) {
    throw InvalidInput(fmt::format("--out: cannot create folder '{}': {}", out_dir->string(),
                                   ec ? ec.message() : "not a folder"));
  }
  return *out_dir;
}

void Context::write_file(const std::filesystem::path& path, std::string_view content) {
  staged_.stage(path, content);
}

void Context::commit_files() {
  staged_.commit();
  created_dirs_.clear();
}

void Context::discard_files() noexcept {
  staged_.discard();
  std::error_code ec;
  for (const auto& d : created_dirs_) {  // deepest first; remove() refuses a non-empty folder
    if (std::filesystem::is_empty(d, ec)) std::filesystem::remove(d, ec);
  }
  created_dirs_.clear();
}

namespace {

// Path of the first non-finite number in `j`, or "" when there is none.
std::string first_non_finite(const nlohmann::json& j, const std::string& path) {
  if (j.is_number_float()) return std::isfinite(j.get<double>()) ? "" : path;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (auto p = first_non_finite(v, path + "." + k); !p.empty()) return p;
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      if (auto p = first_non_finite(j[i], fmt::format("{}[{}]", path, i)); !p.empty()) return p;
    }
  }
  return "";
}

}  // namespace

std::string json_text(const nlohmann::json& doc, int indent) {
  if (const std::string p = first_non_finite(doc, "$"); !p.empty()) {
    throw InternalError(fmt::format("the result holds a NaN or infinite number at {}",
                                    core::escape_invalid_utf8(p)));
  }
  // Every string from an input is UTF-8 (core/text_input.hpp); should one slip through, it
  // is written with U+FFFD rather than aborting the document.
  return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Context::print_json(const nlohmann::json& doc) {
  out_ << json_text(doc, 2) << '\n';
  printed_json_ = true;
}

void Table::add_row(std::vector<std::string> row) {
  if (row.size() != headers_.size()) {
    throw InternalError(
        fmt::format("table row has {} cells, expected {}", row.size(), headers_.size()));
  }
  rows_.push_back(std::move(row));
}

void Table::print(std::ostream& os) const {
  std::vector<std::size_t> width(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) width[c] = display_width(headers_[c]);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      s += cells[c];
      if (c + 1 < cells.size()) s += std::string(width[c] - display_width(cells[c]) + 2, ' ');
    }
    os << s << '\n';
  };
  line(headers_);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < headers_.size(); ++c) rule.emplace_back(width[c], '-');
  line(rule);
  for (const auto& row : rows_) line(row);
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

void Table::print_csv(std::ostream& os) const {
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) os << ',';
      os << csv_field(cells[c]);
    }
    os << '\n';
  };
  line(headers_);
  for (const auto& row : rows_) line(row);
}

void Table::print(Context& ctx) const {
  if (ctx.format() == Format::csv) {
    print_csv(ctx.out());
  } else {
    print(ctx.out());
  }
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return run(argc, argv, out, err, std::cin);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, std::istream& in) {
  Context ctx(out, err, in);
  CLI::App app{
      "heatlift: heat pumps from the refrigerant to the nation (China's 2025 heat-pump action plan "
      "and the building-sector heat-pump roadmap, as software)",
      "heatlift"};
  app.set_version_flag("--version", std::string("heatlift ") + HEATLIFT_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--format", ctx.format_name, "output format: table (default), json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.add_option("--out", ctx.out_dir, "folder for files a verb writes (reports, results)")
      ->option_text("DIR");
  app.add_option("--data", ctx.data_dir,
                 "folder of your own data files, used before the built-in ones (or HEATLIFT_DATA)")
      ->option_text("DIR");

  auto verbs = registry();
  std::stable_sort(verbs.begin(), verbs.end(),
                   [](const VerbEntry& a, const VerbEntry& b) { return a.order < b.order; });
  for (const auto& verb : verbs) verb.setup(app, ctx);

  // A failed run writes no file: what was staged is dropped, and folders it made go again.
  auto fail = [&](ErrorCode code, const std::string& raw) {
    ctx.discard_files();
    const std::string message = core::escape_invalid_utf8(raw);  // bad bytes as \xNN
    err << "heatlift: error: " << message << '\n';
    if (ctx.format() == Format::json && !ctx.printed_json()) {
      ctx.print_json({{"error", {{"code", std::string(to_string(code))}, {"message", message}}}});
    }
    return exit_code(code);
  };

  // Notices (a file read as GB 18030 ...) go to stderr as they come.
  std::mutex notice_mutex;
  struct RestoreNotices {
    core::NoticeHandler previous;
    ~RestoreNotices() { core::set_notice_handler(std::move(previous)); }
  } restore{core::set_notice_handler([&](const std::string& m) {
    std::lock_guard lock(notice_mutex);
    err << "heatlift: note: " << m << '\n';
  })};

  try {
    app.parse(argc, argv);
    ctx.commit_files();
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "heatlift " << HEATLIFT_VERSION << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    // Unknown flags, missing arguments, bad choices: the user's input.
    ctx.discard_files();
    std::string message = core::escape_invalid_utf8(e.what());
    if (message.empty()) message = e.get_name();
    err << "heatlift: error: " << message << " (see 'heatlift --help')\n";
    return 2;
  } catch (const Error& e) {
    return fail(e.code(), e.what());
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return fail(ErrorCode::internal, "internal error: an exception of unknown type");
  }
  return 0;
}

}  // namespace heatlift::cli
