#include "heatlift/equipment/map_io.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "heatlift/core/error.hpp"
#include "heatlift/core/output_files.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::equipment {

namespace {

constexpr std::array<std::string_view, 5> kColumns = {"t_source_K", "t_sink_K", "part_load",
                                                      "heating_capacity_W", "electric_power_W"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

struct Row {
  double ts, tk, x;
  std::optional<NodeValue> value;
  std::size_t line;
};

}  // namespace

std::string to_csv(const PerformanceMap& map) {
  std::string out = "# heatlift performance map\n";
  out += fmt::format("# source_kind = {}\n", to_string(map.source_kind()));
  out +=
      "# t_source: outdoor air dry bulb (air) or brine/water inlet; t_sink: leaving water; "
      "part_load: compressor speed fraction (1 = maximum); empty capacity and power: infeasible "
      "node\n";
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    out += kColumns[c];
    out += c + 1 < kColumns.size() ? ',' : '\n';
  }
  const MapAxes& a = map.axes();
  for (std::size_t i = 0; i < a.t_source.size(); ++i) {
    for (std::size_t j = 0; j < a.t_sink.size(); ++j) {
      for (std::size_t k = 0; k < a.part_load.size(); ++k) {
        const auto v = map.node(i, j, k);
        if (v) {
          out += fmt::format("{},{},{},{},{}\n", a.t_source[i], a.t_sink[j], a.part_load[k],
                             v->capacity, v->power);
        } else {
          out += fmt::format("{},{},{},,\n", a.t_source[i], a.t_sink[j], a.part_load[k]);
        }
      }
    }
  }
  return out;
}

namespace {

// A comment line; '# source_kind = ...' sets the map's source kind.
void read_comment(std::string_view line, std::string_view name, std::size_t line_no,
                  std::optional<SourceKind>& kind) {
  std::string_view body = trim(line.substr(1));
  if (body.starts_with("source_kind")) {
    body = trim(body.substr(std::string_view("source_kind").size()));
    if (body.empty() || body.front() != '=') {
      throw InvalidInput(
          fmt::format("{}:{}: expected '# source_kind = air|brine|water'", name, line_no));
    }
    kind = source_kind_from_string(trim(body.substr(1)),
                                   fmt::format("{}:{}: source_kind", name, line_no));
  }
}

void check_header(const std::vector<std::string_view>& fields, std::string_view name,
                  std::size_t line_no) {
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    if (c >= fields.size() || fields[c] != kColumns[c]) {
      throw InvalidInput(
          fmt::format("{}:{}: column {} of the header is '{}'; expected '{}' "
                      "(header: {})",
                      name, line_no, c + 1, c < fields.size() ? fields[c] : std::string_view{},
                      kColumns[c], fmt::join(kColumns, ",")));
    }
  }
  if (fields.size() != kColumns.size()) {
    throw InvalidInput(fmt::format("{}:{}: the header has {} columns; expected {}", name, line_no,
                                   fields.size(), kColumns.size()));
  }
}

// One node: three finite coordinates, and capacity and power both > 0 or both empty
// (infeasible).
Row read_row(const std::vector<std::string_view>& fields, std::string_view name,
             std::size_t line_no) {
  if (fields.size() != kColumns.size()) {
    throw InvalidInput(fmt::format("{}:{}: {} fields; expected {} ({})", name, line_no,
                                   fields.size(), kColumns.size(), fmt::join(kColumns, ",")));
  }
  std::array<std::optional<double>, 5> v;
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    const std::string_view f = fields[c];
    if (f.empty()) {
      if (c < 3) {
        throw InvalidInput(fmt::format("{}:{}: column {} ({}) is empty; expected a number", name,
                                       line_no, c + 1, kColumns[c]));
      }
      continue;
    }
    double d = 0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), d);
    if (ec != std::errc() || end != f.data() + f.size() || !std::isfinite(d)) {
      throw InvalidInput(fmt::format("{}:{}: column {} ({}) = '{}'; expected a finite number", name,
                                     line_no, c + 1, kColumns[c], f));
    }
    v[c] = d;
  }
  if (v[3].has_value() != v[4].has_value()) {
    throw InvalidInput(fmt::format(
        "{}:{}: column {} ({}) is empty but column {} ({}) is not; an infeasible node leaves "
        "both empty",
        name, line_no, v[3] ? 5 : 4, v[3] ? kColumns[4] : kColumns[3], v[3] ? 4 : 5,
        v[3] ? kColumns[3] : kColumns[4]));
  }
  for (std::size_t c = 3; c < 5; ++c) {
    if (v[c] && *v[c] <= 0) {
      throw InvalidInput(fmt::format("{}:{}: column {} ({}) = {}; expected a value > 0", name,
                                     line_no, c + 1, kColumns[c], *v[c]));
    }
  }
  Row r{*v[0], *v[1], *v[2], std::nullopt, line_no};
  if (v[3]) r.value = NodeValue{*v[3], *v[4]};
  return r;
}

// The grid from the rows: the axes are the distinct values of each coordinate, and every
// combination must appear exactly once.
PerformanceMap grid_of(SourceKind kind, const std::vector<Row>& rows, std::string_view name) {
  const auto distinct = [&](auto member) {
    std::vector<double> a;
    for (const Row& r : rows) a.push_back(r.*member);
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    return a;
  };
  MapAxes axes{distinct(&Row::ts), distinct(&Row::tk), distinct(&Row::x)};
  const std::size_t nj = axes.t_sink.size(), nk = axes.part_load.size();
  const std::size_t total = axes.t_source.size() * nj * nk;
  std::vector<std::optional<NodeValue>> nodes(total);
  std::vector<std::size_t> seen(total, 0);
  const auto find = [](const std::vector<double>& a, double x) {
    return static_cast<std::size_t>(std::lower_bound(a.begin(), a.end(), x) - a.begin());
  };
  for (const Row& r : rows) {
    const std::size_t n =
        (find(axes.t_source, r.ts) * nj + find(axes.t_sink, r.tk)) * nk + find(axes.part_load, r.x);
    if (seen[n]) {
      throw InvalidInput(
          fmt::format("{}:{}: node (t_source_K = {}, t_sink_K = {}, part_load = {}) "
                      "already given on line {}",
                      name, r.line, r.ts, r.tk, r.x, seen[n]));
    }
    seen[n] = r.line;
    nodes[n] = r.value;
  }
  for (std::size_t n = 0; n < total; ++n) {
    if (!seen[n]) {
      throw InvalidInput(fmt::format(
          "{}: the grid is incomplete: no row for node (t_source_K = {}, t_sink_K = {}, "
          "part_load = {}); every combination of the axes' values must appear once",
          name, axes.t_source[n / (nj * nk)], axes.t_sink[(n / nk) % nj], axes.part_load[n % nk]));
    }
  }
  try {
    return PerformanceMap(kind, std::move(axes), std::move(nodes));
  } catch (const InvalidInput& e) {
    throw InvalidInput(fmt::format("{}: {}", name, e.what()));
  }
}

}  // namespace

PerformanceMap parse_map_csv(std::string_view text, std::string_view name) {
  std::optional<SourceKind> kind;
  bool header_seen = false;
  std::vector<Row> rows;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '#') {
      read_comment(line, name, line_no, kind);
      continue;
    }
    const auto fields = split(line);
    if (!header_seen) {
      check_header(fields, name, line_no);
      header_seen = true;
      continue;
    }
    rows.push_back(read_row(fields, name, line_no));
  }
  if (!kind) {
    throw InvalidInput(fmt::format("{}: no '# source_kind = air|brine|water' line", name));
  }
  if (!header_seen) {
    throw InvalidInput(
        fmt::format("{}: no header line; expected '{}'", name, fmt::join(kColumns, ",")));
  }
  if (rows.empty()) throw InvalidInput(fmt::format("{}: the map has no rows", name));
  return grid_of(*kind, rows, name);
}

void save_map_csv(const PerformanceMap& map, const std::filesystem::path& path) {
  core::write_file_atomically(path, to_csv(map));
}

PerformanceMap load_map_csv(const std::filesystem::path& path) {
  return parse_map_csv(core::read_text_file(path, "performance map"), path.string());
}

}  // namespace heatlift::equipment
