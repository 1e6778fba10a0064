// `heatlift product eval MAP|PRODUCT`: a performance map read at many conditions, as a
// batch. Conditions come as CSV on stdin with a header that names each column's unit, as
// the datasheet points of `product fit` do:
//
//   t_source_C,t_sink_C,part_load
//   -7,35,1
//   2,45,0.5
//
//   t_source_<unit>  source temperature (air dry bulb, brine or water inlet): C, °C, K, F
//   t_sink_<unit>    leaving water temperature: C, °C, K, F
//   part_load        optional speed fraction in (0, 1] (part_load_% in %); 1 when absent
//
// Out: CSV `capacity_kW,power_kW,cop`, one line per input line. A condition outside the map
// (or next to an infeasible node, or unreadable) gives an empty line and a message on
// stderr naming the line, as `fluid eval` does; the exit code stays 0 unless the header is
// wrong. `--capacity 12kW` scales the map to a unit of that rated capacity (at A7/W35,
// B0/W35 or W10/W35 by source kind; a product at its own rating point).
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>

#include "heatlift/cli/app.hpp"
#include "heatlift/core/csv.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/core/units.hpp"
#include "heatlift/equipment/map_io.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/expected.hpp"

namespace heatlift::cli {
namespace {

namespace eq = equipment;

struct EvalArgs {
  std::string map;
  std::string capacity;
};

// A column of the header: which quantity, and its unit's conversion to SI.
struct Column {
  int quantity = -1;  // 0 t_source, 1 t_sink, 2 part_load
  double factor = 1.0, offset = 0.0;
};

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

bool parse_number(std::string_view text, double& value) {
  const std::string t = trim(text);
  std::string_view v(t);
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  return ec == std::errc{} && ptr == v.data() + v.size() && !v.empty() && std::isfinite(value);
}

Column column_of(const std::string& name, std::size_t index) {
  Column c;
  const auto with_unit = [&](std::string_view prefix, int quantity) {
    const std::string symbol = name.substr(prefix.size());
    const core::UnitInfo& u = core::unit(symbol);
    if (u.dimension != core::Dimension::temperature) {
      throw InvalidInput(fmt::format(
          "stdin: header column {} '{}': '{}' is not a temperature unit (C, °C, K or F)", index + 1,
          name, symbol));
    }
    c.quantity = quantity;
    c.factor = u.factor;
    c.offset = u.offset;
  };
  if (name.rfind("t_source_", 0) == 0) {
    with_unit("t_source_", 0);
  } else if (name.rfind("t_sink_", 0) == 0) {
    with_unit("t_sink_", 1);
  } else if (name == "part_load") {
    c.quantity = 2;
  } else if (name == "part_load_%") {
    c.quantity = 2;
    c.factor = 0.01;
  } else if (name == "t_source" || name == "t_sink") {
    throw InvalidInput(fmt::format(
        "stdin: header column {} '{}': the unit is missing; write it after the name, e.g. "
        "{}_C or {}_K",
        index + 1, name, name, name));
  } else {
    throw InvalidInput(fmt::format(
        "stdin: header column {} '{}': expected t_source_<unit>, t_sink_<unit> or part_load",
        index + 1, core::utf8_prefix(name, 60)));
  }
  return c;
}

// Which axis a point lies outside of, in the units engineers read.
std::string outside_message(const eq::PerformanceMap& map, double ts, double tk, double x) {
  const eq::MapAxes& ax = map.axes();
  const double c = core::kZeroCelsius;
  if (ts < ax.t_source.front() || ts > ax.t_source.back()) {
    return fmt::format("t_source {:g} °C is outside the map's {:g} … {:g} °C", ts - c,
                       ax.t_source.front() - c, ax.t_source.back() - c);
  }
  if (tk < ax.t_sink.front() || tk > ax.t_sink.back()) {
    return fmt::format("t_sink {:g} °C is outside the map's {:g} … {:g} °C", tk - c,
                       ax.t_sink.front() - c, ax.t_sink.back() - c);
  }
  if (x < ax.part_load.front()) {
    return fmt::format("part_load {:g} is below the map's lowest speed {:g}", x,
                       ax.part_load.front());
  }
  return fmt::format(
      "t_source {:g} °C, t_sink {:g} °C, part_load {:g} lies next to an infeasible node of the "
      "map",
      ts - c, tk - c, x);
}

operations::UnitModel load_model(Context& ctx, const EvalArgs& a, double rated) {
  const std::filesystem::path path(a.map);
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    auto map = std::make_shared<const eq::PerformanceMap>(eq::load_map_csv(path));
    return operations::make_model(std::move(map), rated, fmt::format("map file {}", a.map));
  }
  const fluids::FluidLibrary fl(ctx.data());
  const eq::ProductLibrary lib(ctx.data(), fl);
  const eq::Product& p = lib.product(a.map);  // DataMissing lists the ids
  return operations::make_model(lib.map(a.map), rated, fmt::format("product {}", p.id),
                                p.rated_capacity);
}

void product_eval(Context& ctx, const EvalArgs& a) {
  double rated = 0.0;
  if (!a.capacity.empty()) {
    rated = core::parse_quantity(a.capacity, core::Dimension::power, "--capacity");
    if (!(rated > 0.0)) {
      throw InvalidInput(fmt::format("--capacity = '{}': expected a power above 0 W", a.capacity));
    }
  }
  const operations::UnitModel model = load_model(ctx, a, rated);
  const eq::PerformanceMap& map = *model.map;

  const std::string input = core::decode_text(ctx.read_input(core::kMaxInputBytes), "stdin").text;

  std::vector<Column> columns;
  bool have_source = false, have_sink = false;
  std::string out = "capacity_kW,power_kW,cop\n";
  std::size_t line_no = 0, failed = 0, done = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t end = input.find('\n', pos);
    if (end == std::string::npos) end = input.size();
    const std::string_view line(input.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (line.front() == '#') continue;
    const std::vector<std::string> cells = core::split_csv_line(line);
    if (columns.empty()) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const Column c = column_of(trim(cells[i]), i);
        for (const Column& o : columns) {
          if (o.quantity == c.quantity) {
            throw InvalidInput(fmt::format("stdin: header column {} '{}' repeats a quantity", i + 1,
                                           trim(cells[i])));
          }
        }
        have_source |= c.quantity == 0;
        have_sink |= c.quantity == 1;
        columns.push_back(c);
      }
      if (!have_source || !have_sink) {
        throw InvalidInput(
            fmt::format("stdin:{}: the header needs t_source_<unit> and t_sink_<unit> (e.g. "
                        "t_source_C,t_sink_C,part_load)",
                        line_no));
      }
      continue;
    }
    double v[3] = {0.0, 0.0, 1.0};
    std::string problem;
    if (cells.size() != columns.size()) {
      problem = fmt::format("{} cells, the header has {}", cells.size(), columns.size());
    } else {
      for (std::size_t i = 0; i < cells.size() && problem.empty(); ++i) {
        double x = 0.0;
        if (!parse_number(cells[i], x)) {
          problem = fmt::format("cell {} '{}' is not a number", i + 1,
                                core::escape_invalid_utf8(core::utf8_prefix(trim(cells[i]), 40)));
          break;
        }
        v[columns[i].quantity] = x * columns[i].factor + columns[i].offset;
      }
    }
    if (problem.empty()) {
      try {
        if (!(v[2] > 0.0 && v[2] <= 1.0)) {
          throw InvalidInput(fmt::format("part_load {} is not a speed fraction in (0, 1]", v[2]));
        }
        const eq::MapPoint p = map.at(v[0], v[1], v[2]);
        if (!p.valid) throw OutOfRange(outside_message(map, v[0], v[1], v[2]));
        fmt::format_to(std::back_inserter(out), "{:.6g},{:.6g},{:.6g}\n",
                       p.capacity * model.scale / 1e3, p.power * model.scale / 1e3, p.cop);
        ++done;
        continue;
      } catch (const Error& e) {
        problem = e.what();
      }
    }
    ++failed;
    ctx.err() << fmt::format("heatlift: line {}: {}; row left empty\n", line_no,
                             core::escape_invalid_utf8(problem));
    out += ",,\n";
  }
  if (columns.empty()) {
    throw InvalidInput(
        "stdin: no header; the first line must name the columns, e.g. t_source_C,t_sink_C,"
        "part_load");
  }
  ctx.out().write(out.data(), static_cast<std::streamsize>(out.size()));
  if (failed) {
    ctx.err() << fmt::format("heatlift: {} of {} lines could not be evaluated\n", failed,
                             failed + done);
  }
}

void setup(CLI::App& app, Context& ctx) {
  auto* product = app.get_subcommand("product");
  auto* eval = product->add_subcommand(
      "eval",
      "a map at many conditions: CSV on stdin (t_source_C,t_sink_C,part_load), "
      "capacity_kW,power_kW,cop on stdout");
  auto a = std::make_shared<EvalArgs>();
  eval->add_option("map", a->map, "a map file (CSV) or a shipped product's id, e.g. evi-r32-10kw")
      ->required();
  eval->add_option("--capacity", a->capacity,
                   "scale to a unit of this rated capacity, e.g. 12kW (default: the map's own)");
  eval->callback([&ctx, a] { product_eval(ctx, *a); });
}

// After `product` (120) and `product fit` (121).
const VerbRegistrar registrar{"product eval", 122, setup};

}  // namespace
}  // namespace heatlift::cli
