#include "heatlift/fluids/refrigerants.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::fluids {
namespace {

// Common names of natural refrigerants (normalised) and their ASHRAE designation.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kCommonNames{{
    {"water", "r718"},
    {"h2o", "r718"},
    {"co2", "r744"},
    {"carbondioxide", "r744"},
    {"propane", "r290"},
    {"isobutane", "r600a"},
    {"ammonia", "r717"},
    {"nh3", "r717"},
}};

std::string key_of(std::string_view name) {
  std::string key = normalise_fluid_name(name);
  for (const auto& [common, designation] : kCommonNames) {
    if (key == common) return std::string(designation);
  }
  return key;
}

double number(std::string_view text, std::string_view file, std::size_t line,
              std::string_view what) {
  double v = 0.0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || v < 0.0)
    throw InvalidInput(
        fmt::format("{}:{}: {} = '{}' is not a GWP (a number >= 0)", file, line, what, text));
  return v;
}

std::optional<double> optional_gwp(const std::string& s, std::string_view file, std::size_t line,
                                   std::string_view column) {
  if (s.empty()) return std::nullopt;
  return number(s, file, line, column);
}

// "R32/R125 50/50": the components and their mass shares in percent.
std::vector<BlendComponent> parse_blend(const std::string& composition, std::string_view file,
                                        std::size_t line) {
  if (composition == "pure") return {};
  const auto bad = [&] {
    return InvalidInput(fmt::format(
        "{}:{}: composition = '{}': expected \"pure\" or components and mass percents, e.g. "
        "\"R32/R125 50/50\"",
        file, line, composition));
  };
  const std::size_t space = composition.find(' ');
  if (space == std::string::npos) throw bad();
  const std::string_view names = std::string_view(composition).substr(0, space);
  const std::string_view shares = std::string_view(composition).substr(space + 1);
  std::vector<BlendComponent> out;
  std::size_t n = 0, s = 0;
  while (n <= names.size() && s <= shares.size()) {
    const std::size_t n_end = std::min(names.find('/', n), names.size());
    const std::size_t s_end = std::min(shares.find('/', s), shares.size());
    const std::string_view share = shares.substr(s, s_end - s);
    double percent = 0.0;
    const auto r = std::from_chars(share.data(), share.data() + share.size(), percent);
    if (n_end == n || share.empty() || r.ec != std::errc() ||
        r.ptr != share.data() + share.size() || percent <= 0.0 || percent > 100.0)
      throw bad();
    out.push_back({std::string(names.substr(n, n_end - n)), percent / 100.0});
    n = n_end + 1;
    s = s_end + 1;
  }
  if (n <= names.size() || s <= shares.size() || out.size() < 2) throw bad();
  return out;
}

}  // namespace

std::string_view to_string(GwpBasis b) {
  switch (b) {
    case GwpBasis::ar4: return "AR4";
    case GwpBasis::ar5: return "AR5";
    case GwpBasis::ar6: return "AR6";
  }
  return "AR4";
}

GwpBasis parse_gwp_basis(std::string_view text, std::string_view field) {
  std::string t(text);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "ar4") return GwpBasis::ar4;
  if (t == "ar5") return GwpBasis::ar5;
  if (t == "ar6") return GwpBasis::ar6;
  throw InvalidInput(fmt::format("{}{}'{}' is not a GWP basis; expected ar4, ar5 or ar6", field,
                                 field.empty() ? "" : ": ", text));
}

std::optional<double> RefrigerantGwp::gwp(GwpBasis b) const {
  switch (b) {
    case GwpBasis::ar4: return ar4;
    case GwpBasis::ar5: return ar5;
    case GwpBasis::ar6: return ar6;
  }
  return std::nullopt;
}

GwpTable GwpTable::load(const core::DataStore& data) {
  return parse(data.read(kPath), kPath);
}

GwpTable GwpTable::parse(std::string_view text, std::string_view file) {
  GwpTable t;
  t.file_ = std::string(file);
  t.source_ = core::DataStore::source_line(text);
  bool header = true;
  for (const auto [line_no, line] : core::csv_lines(text)) {
    const auto cells = core::split_csv_line(line);
    if (header) {
      if (cells.size() < 6 || cells[0] != "refrigerant" || cells[2] != "gwp_ar4")
        throw InvalidInput(fmt::format(
            "{}:{}: expected the header refrigerant,composition,gwp_ar4,gwp_ar5,gwp_ar6,status",
            file, line_no));
      header = false;
      continue;
    }
    if (cells.size() != 6)
      throw InvalidInput(
          fmt::format("{}:{}: expected 6 columns, got {}", file, line_no, cells.size()));
    RefrigerantGwp r{cells[0],
                     cells[1],
                     parse_blend(cells[1], file, line_no),
                     optional_gwp(cells[2], file, line_no, "gwp_ar4"),
                     optional_gwp(cells[3], file, line_no, "gwp_ar5"),
                     optional_gwp(cells[4], file, line_no, "gwp_ar6"),
                     cells[5],
                     line_no};
    const auto [it, fresh] = t.index_.emplace(key_of(r.id), t.rows_.size());
    if (!fresh) {
      throw InvalidInput(fmt::format("{}:{}: refrigerant {} appears again (first at line {})", file,
                                     line_no, r.id, t.rows_[it->second].line));
    }
    t.rows_.push_back(std::move(r));
  }
  return t;
}

const RefrigerantGwp* GwpTable::find(std::string_view name) const {
  const auto it = index_.find(key_of(name));
  return it == index_.end() ? nullptr : &rows_[it->second];
}

}  // namespace heatlift::fluids
