#include "heatlift/standards/refrigerants.hpp"

#include <fmt/format.h>

#include <charconv>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::standards {
namespace {

// Splits one CSV line (RFC 4180 quotes).
std::vector<std::string> split_csv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
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
  if (text == "ar4" || text == "AR4") return GwpBasis::ar4;
  if (text == "ar5" || text == "AR5") return GwpBasis::ar5;
  if (text == "ar6" || text == "AR6") return GwpBasis::ar6;
  throw InvalidInput(
      fmt::format("{}: '{}' is not a GWP basis; expected ar4, ar5 or ar6", field, text));
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
  constexpr std::string_view path = "refrigerants/gwp.csv";
  return parse(data.read(path), path);
}

GwpTable GwpTable::parse(std::string_view text, std::string_view file) {
  GwpTable t;
  t.file_ = std::string(file);
  t.source_ = core::DataStore::source_line(text);
  std::size_t line_no = 0;
  bool header = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const auto cells = split_csv(line);
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
    auto num = [&](const std::string& s, std::string_view col) -> std::optional<double> {
      if (s.empty()) return std::nullopt;
      double v = 0.0;
      const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0.0)
        throw InvalidInput(
            fmt::format("{}:{}: {} = '{}' is not a GWP (a number >= 0)", file, line_no, col, s));
      return v;
    };
    RefrigerantGwp r{cells[0],
                     cells[1],
                     num(cells[2], "gwp_ar4"),
                     num(cells[3], "gwp_ar5"),
                     num(cells[4], "gwp_ar6"),
                     cells[5]};
    t.by_key_[fluids::normalise_fluid_name(r.id)] = r;
  }
  return t;
}

const RefrigerantGwp* GwpTable::find(std::string_view name) const {
  const auto it = by_key_.find(fluids::normalise_fluid_name(name));
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace heatlift::standards
