#include "heatlift/equipment/datasheet_csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::equipment {

namespace {

using core::Dimension;

enum class Field { label, t_source, t_sink, part_load, capacity, power, cop };
constexpr std::size_t kFields = 7;

struct Base {
  std::string_view name;
  Field field;
  Dimension dimension;
  bool needs_unit;
  std::string_view what;  // in messages
};

// Longer names first where one is the end of another (heating_capacity / capacity).
constexpr std::array<Base, 9> kBases = {{
    {"t_source", Field::t_source, Dimension::temperature, true, "the source temperature"},
    {"t_sink", Field::t_sink, Dimension::temperature, true, "the leaving water temperature"},
    {"heating_capacity", Field::capacity, Dimension::power, true, "the heating capacity"},
    {"capacity", Field::capacity, Dimension::power, true, "the heating capacity"},
    {"electric_power", Field::power, Dimension::power, true, "the electric power"},
    {"power", Field::power, Dimension::power, true, "the electric power"},
    {"part_load", Field::part_load, Dimension::fraction, false, "the part load"},
    {"cop", Field::cop, Dimension::fraction, false, "the COP"},
    {"label", Field::label, Dimension::fraction, false, "the label"},
}};

constexpr std::string_view kColumnsHelp =
    "label, t_source_C, t_sink_C, part_load, capacity_kW, power_kW (or cop); units in the "
    "names, e.g. t_source_K, capacity_W";

struct Column {
  Field field = Field::label;
  std::string header;
  std::string unit = "1";  // display symbol
  double factor = 1.0, offset = 0.0;
  std::string_view what;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view units_of(Dimension d) {
  return d == Dimension::temperature ? "C, °C, K or F" : "W, kW or MW";
}

// The column a header names, with its unit; InvalidInput for an unknown name, a missing
// unit or a unit of the wrong dimension.
Column classify(std::string_view header, std::string_view pos) {
  const std::string low = lower(header);
  for (const Base& b : kBases) {
    const bool bare = low == b.name;
    const bool suffixed =
        low.size() > b.name.size() + 1 && low.starts_with(b.name) && low[b.name.size()] == '_';
    if (!bare && !suffixed) continue;
    Column c{b.field, std::string(header), "1", 1.0, 0.0, b.what};
    if (bare) {
      if (b.needs_unit) {
        throw InvalidInput(fmt::format(
            "{}: column '{}' has no unit; write it in the name, e.g. {}_{} ({} is written in {})",
            pos, header, b.name, b.dimension == Dimension::temperature ? "C" : "kW", b.what,
            units_of(b.dimension)));
      }
      return c;
    }
    const std::string_view unit_text = header.substr(b.name.size() + 1);
    if (b.field == Field::label || b.field == Field::cop) break;  // no units
    const core::UnitInfo* u = nullptr;
    try {
      u = &core::unit(unit_text);
    } catch (const InvalidInput&) {
      u = nullptr;
    }
    if (u == nullptr || u->dimension != b.dimension) {
      throw InvalidInput(fmt::format(
          "{}: column '{}': '{}' is not a unit of {}; expected {}", pos, header, unit_text,
          core::to_string(b.dimension),
          b.dimension == Dimension::fraction ? std::string_view("%") : units_of(b.dimension)));
    }
    c.unit = std::string(u->symbol);
    c.factor = u->factor;
    c.offset = u->offset;
    return c;
  }
  throw InvalidInput(
      fmt::format("{}: column '{}' is unknown; expected {}", pos, header, kColumnsHelp));
}

std::vector<Column> read_header(const std::vector<std::string>& cells, std::string_view name,
                                std::size_t line_no, std::array<int, kFields>& index) {
  index.fill(-1);
  std::vector<Column> cols;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string pos = fmt::format("{}:{}:{}", name, line_no, i + 1);
    cols.push_back(classify(trim(cells[i]), pos));
    int& slot = index[static_cast<std::size_t>(cols.back().field)];
    if (slot >= 0) {
      throw InvalidInput(fmt::format("{}: column '{}' gives {} again (column {}, '{}')", pos,
                                     cols.back().header, cols.back().what, slot + 1,
                                     cols[static_cast<std::size_t>(slot)].header));
    }
    slot = static_cast<int>(i);
  }
  const auto need = [&](Field f, std::string_view example) {
    if (index[static_cast<std::size_t>(f)] < 0) {
      throw InvalidInput(
          fmt::format("{}:{}: no column {}; expected {}", name, line_no, example, kColumnsHelp));
    }
  };
  need(Field::t_source, "t_source_<unit> (e.g. t_source_C)");
  need(Field::t_sink, "t_sink_<unit> (e.g. t_sink_C)");
  need(Field::capacity, "capacity_<unit> (e.g. capacity_kW)");
  const bool power = index[static_cast<std::size_t>(Field::power)] >= 0;
  const bool cop = index[static_cast<std::size_t>(Field::cop)] >= 0;
  if (power == cop) {
    throw InvalidInput(fmt::format(
        "{}:{}: {}; give the electric power (power_kW, power_W ...) or the COP (cop), one of them",
        name, line_no, power ? "both power and cop columns" : "no power or cop column"));
  }
  return cols;
}

// One row's cells, each read through its column.
class RowReader {
 public:
  RowReader(const std::vector<Column>& cols, const std::vector<std::string>& cells,
            std::string_view name, std::size_t line_no)
      : cols_(cols), cells_(cells), name_(name), line_(line_no) {}

  [[noreturn]] void fail(std::size_t i, std::string_view value, std::string_view expected) const {
    throw InvalidInput(fmt::format("{}:{}:{}: column '{}' = '{}'; expected {}", name_, line_, i + 1,
                                   cols_[i].header, core::utf8_prefix(value, 60), expected));
  }

  std::string expectation(std::size_t i) const {
    const Column& c = cols_[i];
    switch (c.field) {
      case Field::t_source: return fmt::format("a source temperature in {}", c.unit);
      case Field::t_sink: return fmt::format("a leaving water temperature in {}", c.unit);
      case Field::capacity: return fmt::format("a heating capacity in {}, above 0", c.unit);
      case Field::power: return fmt::format("an electric power in {}, above 0", c.unit);
      case Field::cop: return "a COP above 0";
      case Field::part_load:
        return c.unit == "%" ? "a part load in %, above 0 and at most 100"
                             : "a part load (speed fraction) above 0 and at most 1";
      case Field::label: break;
    }
    return "text";
  }

  // The cell in SI.
  double number(std::size_t i) const {
    const std::string_view v = trim(cells_[i]);
    if (v.empty()) fail(i, v, expectation(i) + ", not empty");
    std::string_view t = v;
    if (t.front() == '+') t.remove_prefix(1);
    double d = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (ec != std::errc() || t.empty() || !std::isfinite(d)) {
      fail(i, v, fmt::format("{}: a finite number", expectation(i)));
    }
    if (end != t.data() + t.size()) {
      fail(i, v,
           fmt::format("{}: a number alone (the unit belongs in the column's name, here {})",
                       expectation(i), cols_[i].unit));
    }
    return d * cols_[i].factor + cols_[i].offset;
  }

  std::string text(std::size_t i) const { return std::string(trim(cells_[i])); }

 private:
  const std::vector<Column>& cols_;
  const std::vector<std::string>& cells_;
  std::string_view name_;
  std::size_t line_;
};

DatasheetPoint read_point(const std::vector<Column>& cols, const std::array<int, kFields>& index,
                          const std::vector<std::string>& cells, std::string_view name,
                          std::size_t line_no) {
  const RowReader r(cols, cells, name, line_no);
  const auto at = [&](Field f) {
    return static_cast<std::size_t>(index[static_cast<std::size_t>(f)]);
  };
  const auto has = [&](Field f) { return index[static_cast<std::size_t>(f)] >= 0; };
  DatasheetPoint p;
  p.t_source = r.number(at(Field::t_source));
  if (!(p.t_source > 0)) {
    r.fail(at(Field::t_source), cells[at(Field::t_source)], "a temperature above absolute zero");
  }
  p.t_sink = r.number(at(Field::t_sink));
  if (!(p.t_sink > p.t_source)) {
    r.fail(at(Field::t_sink), cells[at(Field::t_sink)],
           fmt::format("a leaving water temperature above the source's ({})",
                       core::format_quantity(p.t_source, Dimension::temperature)));
  }
  if (has(Field::part_load)) {
    p.part_load = r.number(at(Field::part_load));
    if (!(p.part_load > 0 && p.part_load <= 1 + 1e-12)) {
      r.fail(at(Field::part_load), cells[at(Field::part_load)],
             r.expectation(at(Field::part_load)));
    }
    p.part_load = std::min(p.part_load, 1.0);
  }
  p.capacity = r.number(at(Field::capacity));
  if (!(p.capacity > 0)) {
    r.fail(at(Field::capacity), cells[at(Field::capacity)], r.expectation(at(Field::capacity)));
  }
  const std::size_t c = has(Field::cop) ? at(Field::cop) : at(Field::power);
  const double v = r.number(c);
  if (!(v > 0)) r.fail(c, cells[c], r.expectation(c));
  p.cop = has(Field::cop) ? v : p.capacity / v;
  const double carnot = p.t_sink / (p.t_sink - p.t_source);
  if (!(p.cop < carnot)) {
    r.fail(c, cells[c],
           fmt::format("a COP below the Carnot COP {:.3g} of its temperatures (the row's COP is "
                       "{:.3g})",
                       carnot, p.cop));
  }
  if (has(Field::label)) p.label = r.text(at(Field::label));
  if (p.label.empty()) p.label = fmt::format("line {}", line_no);
  return p;
}

}  // namespace

DatasheetTable parse_datasheet_csv(std::string_view text, std::string_view name) {
  DatasheetTable out;
  std::vector<Column> cols;
  std::array<int, kFields> index{};
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const auto cells = core::split_csv_line(line);
    if (cols.empty()) {
      cols = read_header(cells, name, line_no, index);
      continue;
    }
    if (cells.size() != cols.size()) {
      throw InvalidInput(fmt::format("{}:{}: {} cells; expected {}, one per column of the header",
                                     name, line_no, cells.size(), cols.size()));
    }
    out.points.push_back(read_point(cols, index, cells, name, line_no));
    out.lines.push_back(line_no);
  }
  if (cols.empty()) {
    throw InvalidInput(
        fmt::format("{}: no header line; expected the columns {}", name, kColumnsHelp));
  }
  if (out.points.empty()) {
    throw InvalidInput(fmt::format("{}: no points below the header", name));
  }
  return out;
}

DatasheetTable load_datasheet_csv(const std::filesystem::path& path) {
  return parse_datasheet_csv(core::read_text_file(path, "datasheet points"), path.string());
}

std::optional<SourceKind> source_kind_from_labels(const std::vector<DatasheetPoint>& points) {
  std::optional<SourceKind> kind;
  for (const DatasheetPoint& p : points) {
    SourceKind k{};
    try {
      k = rating_point_source(p.label);
      rating_point(p.label, 1.0, 1.0);  // the whole label must be a rating label
    } catch (const InvalidInput&) {
      return std::nullopt;
    }
    if (kind && *kind != k) return std::nullopt;
    kind = k;
  }
  return kind;
}

}  // namespace heatlift::equipment
