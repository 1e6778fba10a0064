#include "heatlift/cli/app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "heatlift/core/error.hpp"

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

const core::DataStore& Context::data() {
  if (!data_)
    data_ = std::make_unique<core::DataStore>(core::DataStore::from_environment(data_dir));
  return *data_;
}

std::filesystem::path Context::require_out_dir(std::string_view verb) {
  if (!out_dir) throw InvalidInput(fmt::format("{}: --out DIR is required", verb));
  std::error_code ec;
  std::filesystem::create_directories(*out_dir, ec);
  if (ec || !std::filesystem::is_directory(*out_dir)) {
    throw InvalidInput(fmt::format("--out: cannot create folder '{}': {}", out_dir->string(),
                                   ec ? ec.message() : "not a folder"));
  }
  return *out_dir;
}

void Context::print_json(const nlohmann::json& doc) {
  out_ << doc.dump(2) << '\n';
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
  Context ctx(out, err);
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

  auto fail = [&](ErrorCode code, const std::string& message) {
    err << "heatlift: error: " << message << '\n';
    if (ctx.format() == Format::json) {
      ctx.print_json({{"error", {{"code", std::string(to_string(code))}, {"message", message}}}});
    }
    return exit_code(code);
  };

  try {
    app.parse(argc, argv);
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
    std::string message = e.what();
    if (message.empty()) message = e.get_name();
    err << "heatlift: error: " << message << " (see 'heatlift --help')\n";
    return 2;
  } catch (const Error& e) {
    return fail(e.code(), e.what());
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, fmt::format("internal error: {}", e.what()));
  }
  return 0;
}

}  // namespace heatlift::cli
