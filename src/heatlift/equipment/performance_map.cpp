#include "heatlift/equipment/performance_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <thread>

#include "heatlift/core/error.hpp"

namespace heatlift::equipment {

std::string_view to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::air: return "air";
    case SourceKind::brine: return "brine";
    case SourceKind::water: return "water";
  }
  return "?";
}

SourceKind source_kind_from_string(std::string_view text, std::string_view field) {
  if (text == "air") return SourceKind::air;
  if (text == "brine") return SourceKind::brine;
  if (text == "water") return SourceKind::water;
  throw InvalidInput(
      fmt::format("{} = '{}': expected one of 'air', 'brine', 'water'", field, text));
}

std::string_view to_string(MapStatus status) {
  switch (status) {
    case MapStatus::inside: return "inside";
    case MapStatus::outside_grid: return "outside_grid";
    case MapStatus::invalid_node: return "invalid_node";
  }
  return "?";
}

namespace {

void check_axis(const std::vector<double>& a, std::string_view name, std::string_view unit,
                double lo, double hi, bool hi_inclusive) {
  if (a.empty()) {
    throw InvalidInput(
        fmt::format("performance map: axis {} is empty; expected at least one value", name));
  }
  for (std::size_t n = 0; n < a.size(); ++n) {
    const double v = a[n];
    if (!std::isfinite(v) || v <= lo || (hi_inclusive ? v > hi : v >= hi)) {
      throw InvalidInput(
          fmt::format("performance map: {}[{}] = {}{}; expected a finite value in "
                      "({}, {}{}",
                      name, n, v, unit, lo, hi, hi_inclusive ? "]" : ")"));
    }
    if (n > 0 && !(v > a[n - 1])) {
      throw InvalidInput(fmt::format(
          "performance map: axis {} is not strictly increasing: {}[{}] = {}{} after {}[{}] = {}{}",
          name, name, n, v, unit, name, n - 1, a[n - 1], unit));
    }
  }
}

void check_axes(const MapAxes& axes) {
  check_axis(axes.t_source, "t_source", " K", 0.0, 1e4, false);
  check_axis(axes.t_sink, "t_sink", " K", 0.0, 1e4, false);
  check_axis(axes.part_load, "part_load", "", 0.0, 1.0, true);
  if (axes.part_load.size() == 1 && axes.part_load[0] != 1.0) {
    throw InvalidInput(fmt::format(
        "performance map: part_load[0] = {}; a single-speed map has the one part-load node 1",
        axes.part_load[0]));
  }
}

struct AxisPos {
  std::size_t i;  // lower node of the cell
  double w;       // weight of the upper node
  bool inside;
};

// Locates finite x on axis a; outside the axis the position is clamped to the end node.
// Short axes (the usual case) are searched by a branch-free count, long ones by bisection.
inline AxisPos locate(const std::vector<double>& a, double x) {
  const std::size_t n = a.size();
  if (n == 1) return {0, 0.0, x == a[0]};
  const double* v = a.data();
  if (x <= v[0]) return {0, 0.0, x == v[0]};
  if (x >= v[n - 1]) return {n - 2, 1.0, x == v[n - 1]};
  std::size_t i = 0;
  if (n <= 32) {
    for (std::size_t m = 1; m + 1 < n; ++m) i += static_cast<std::size_t>(x >= v[m]);
  } else {
    i = static_cast<std::size_t>(std::upper_bound(v + 1, v + n - 1, x) - v) - 1;
  }
  return {i, (x - v[i]) / (v[i + 1] - v[i]), true};
}

std::size_t cells(std::size_t n) {
  return n > 1 ? n - 1 : 1;
}

}  // namespace

PerformanceMap::PerformanceMap(SourceKind kind, MapAxes axes,
                               std::vector<std::optional<NodeValue>> nodes)
    : kind_(kind), axes_(std::move(axes)) {
  check_axes(axes_);
  const std::size_t ni = axes_.t_source.size(), nj = axes_.t_sink.size(),
                    nk = axes_.part_load.size();
  if (nodes.size() != ni * nj * nk) {
    throw InvalidInput(
        fmt::format("performance map: {} node values for a {} × {} × {} grid; "
                    "expected {}",
                    nodes.size(), ni, nj, nk, ni * nj * nk));
  }
  value_.assign(nodes.size(), NodeValue{0.0, 0.0});
  valid_.assign(nodes.size(), 0);
  for (std::size_t i = 0; i < ni; ++i) {
    for (std::size_t j = 0; j < nj; ++j) {
      for (std::size_t k = 0; k < nk; ++k) {
        const std::size_t n = index(i, j, k);
        if (!nodes[n]) continue;
        const NodeValue v = *nodes[n];
        const auto where = [&] {
          return fmt::format(
              "performance map node (t_source = {} K, t_sink = {} K, part_load = {})",
              axes_.t_source[i], axes_.t_sink[j], axes_.part_load[k]);
        };
        if (!std::isfinite(v.capacity) || v.capacity <= 0) {
          throw InvalidInput(fmt::format("{}: heating_capacity = {} W; expected a finite value > 0",
                                         where(), v.capacity));
        }
        if (!std::isfinite(v.power) || v.power <= 0) {
          throw InvalidInput(
              fmt::format("{}: electric_power = {} W; expected a finite value > 0 (COP > 0)",
                          where(), v.power));
        }
        value_[n] = v;
        valid_[n] = 1;
      }
    }
  }
  const std::size_t ci = cells(ni), cj = cells(nj), ck = cells(nk);
  cell_valid_.assign(ci * cj * ck, 0);
  for (std::size_t i = 0; i < ci; ++i) {
    for (std::size_t j = 0; j < cj; ++j) {
      for (std::size_t k = 0; k < ck; ++k) {
        bool ok = true;
        for (std::size_t di = 0; di < (ni > 1 ? 2u : 1u); ++di) {
          for (std::size_t dj = 0; dj < (nj > 1 ? 2u : 1u); ++dj) {
            for (std::size_t dk = 0; dk < (nk > 1 ? 2u : 1u); ++dk) {
              ok = ok && valid_[index(i + di, j + dj, k + dk)];
            }
          }
        }
        cell_valid_[(i * cj + j) * ck + k] = ok ? 1 : 0;
      }
    }
  }
}

PerformanceMap PerformanceMap::generate(SourceKind kind, MapAxes axes, const NodeFunction& f,
                                        const GenerateOptions& options,
                                        std::vector<NodeIssue>* issues) {
  check_axes(axes);
  const std::size_t nj = axes.t_sink.size(), nk = axes.part_load.size();
  const std::size_t total = axes.t_source.size() * nj * nk;
  std::vector<std::optional<NodeValue>> nodes(total);
  std::vector<std::string> reasons(total);
  std::vector<std::exception_ptr> fatal(total);

  const auto run = [&](std::size_t begin, std::size_t end) {
    for (std::size_t n = begin; n < end; ++n) {
      const double ts = axes.t_source[n / (nj * nk)], tk = axes.t_sink[(n / nk) % nj],
                   x = axes.part_load[n % nk];
      try {
        nodes[n] = f(ts, tk, x);
        if (!nodes[n]) reasons[n] = "infeasible (the node function returned no value)";
      } catch (const InternalError&) {
        fatal[n] = std::current_exception();
      } catch (const Error& e) {
        nodes[n].reset();
        reasons[n] = e.what();
      } catch (...) {
        fatal[n] = std::current_exception();
      }
    }
  };

  unsigned threads =
      options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(total, 1)));
  if (threads <= 1) {
    run(0, total);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back(run, total * t / threads, total * (t + 1) / threads);
    }
    for (auto& th : pool) th.join();
  }
  for (const auto& e : fatal) {
    if (e) std::rethrow_exception(e);  // the first in node order, whatever the thread count
  }
  if (issues) {
    issues->clear();
    for (std::size_t n = 0; n < total; ++n) {
      if (nodes[n]) continue;
      issues->push_back({axes.t_source[n / (nj * nk)], axes.t_sink[(n / nk) % nj],
                         axes.part_load[n % nk], std::move(reasons[n])});
    }
  }
  return PerformanceMap(kind, std::move(axes), std::move(nodes));
}

MapPoint PerformanceMap::interpolate(double t_source, double t_sink, double part_load,
                                     bool clamped) const {
  const std::size_t ni = axes_.t_source.size(), nj = axes_.t_sink.size(),
                    nk = axes_.part_load.size();
  double scale = 1.0;  // on-time fraction of a single-speed unit
  if (nk == 1) {
    if (part_load > 1.0) {
      clamped = true;
    } else if (part_load <= 0.0) {
      clamped = true;
      scale = 0.0;
    } else {
      scale = part_load;
    }
    part_load = 1.0;
  }
  const AxisPos pi = locate(axes_.t_source, t_source);
  const AxisPos pj = locate(axes_.t_sink, t_sink);
  const AxisPos pk = locate(axes_.part_load, part_load);
  clamped = clamped || !pi.inside || !pj.inside || !pk.inside;

  const std::size_t si = nj * nk, sj = nk;
  const std::size_t base = pi.i * si + pj.i * sj + pk.i;
  const std::size_t oi = ni > 1 ? si : 0, oj = nj > 1 ? sj : 0, ok = nk > 1 ? 1 : 0;
  const double wi = pi.w, wj = pj.w, wk = pk.w;
  const NodeValue* v = value_.data();

  MapPoint out;
  const std::size_t cj = cells(nj), ck = cells(nk);
  if (cell_valid_[(pi.i * cj + pj.i) * ck + pk.i]) {
    // Seven lerps: along part load, then sink, then source. The (1 − t)·a + t·b form
    // returns a node's value exactly at t = 0 and t = 1.
    const auto lerp = [](double a, double b, double t) { return (1 - t) * a + t * b; };
    const auto edge = [&](std::size_t n, double& q, double& p) {
      q = lerp(v[n].capacity, v[n + ok].capacity, wk);
      p = lerp(v[n].power, v[n + ok].power, wk);
    };
    double q00, p00, q01, p01, q10, p10, q11, p11;
    edge(base, q00, p00);
    edge(base + oj, q01, p01);
    edge(base + oi, q10, p10);
    edge(base + oi + oj, q11, p11);
    out.capacity = lerp(lerp(q00, q01, wj), lerp(q10, q11, wj), wi);
    out.power = lerp(lerp(p00, p01, wj), lerp(p10, p11, wj), wi);
    out.status = clamped ? MapStatus::outside_grid : MapStatus::inside;
  } else {
    // Some corner is infeasible: blend the valid corners with renormalised weights. A
    // corner whose weight is zero does not matter for the value but still flags the query.
    const std::array<std::size_t, 8> idx = {base,           base + ok,          base + oj,
                                            base + oj + ok, base + oi,          base + oi + ok,
                                            base + oi + oj, base + oi + oj + ok};
    const std::array<double, 8> w = {(1 - wi) * (1 - wj) * (1 - wk),
                                     (1 - wi) * (1 - wj) * wk,
                                     (1 - wi) * wj * (1 - wk),
                                     (1 - wi) * wj * wk,
                                     wi * (1 - wj) * (1 - wk),
                                     wi * (1 - wj) * wk,
                                     wi * wj * (1 - wk),
                                     wi * wj * wk};
    double q = 0, p = 0, wsum = 0;
    for (std::size_t c = 0; c < 8; ++c) {
      if (!valid_[idx[c]]) continue;
      q += w[c] * v[idx[c]].capacity;
      p += w[c] * v[idx[c]].power;
      wsum += w[c];
    }
    if (wsum > 0) {
      out.capacity = q / wsum;
      out.power = p / wsum;
    }
    out.status = clamped ? MapStatus::outside_grid : MapStatus::invalid_node;
  }
  out.cop = out.power > 0 ? out.capacity / out.power : 0.0;
  out.capacity *= scale;
  out.power *= scale;
  out.valid = out.status == MapStatus::inside;
  return out;
}

MapPoint PerformanceMap::at(double t_source, double t_sink, double part_load) const noexcept {
  if (std::isnan(t_source) || std::isnan(t_sink) || std::isnan(part_load)) {
    MapPoint out;
    out.status = MapStatus::outside_grid;
    out.valid = false;
    return out;
  }
  return interpolate(t_source, t_sink, part_load, false);
}

MapPoint PerformanceMap::at_checked(double t_source, double t_sink, double part_load) const {
  const auto check = [](double v, const std::vector<double>& a, std::string_view name,
                        std::string_view unit) {
    if (!std::isfinite(v)) {
      throw InvalidInput(
          fmt::format("performance map query: {} = {}; expected a finite value", name, v));
    }
    if (v < a.front() || v > a.back()) {
      throw OutOfRange(
          fmt::format("performance map query: {} = {}{} is outside the map's "
                      "range [{}, {}]{}",
                      name, v, unit, a.front(), a.back(), unit));
    }
  };
  check(t_source, axes_.t_source, "t_source", " K");
  check(t_sink, axes_.t_sink, "t_sink", " K");
  if (single_speed()) {
    if (!(part_load > 0.0 && part_load <= 1.0)) {
      throw OutOfRange(fmt::format(
          "performance map query: part_load = {} is outside (0, 1] (single-speed map)", part_load));
    }
  } else {
    check(part_load, axes_.part_load, "part_load", "");
  }
  const MapPoint p = interpolate(t_source, t_sink, part_load, false);
  if (p.status == MapStatus::invalid_node) {
    throw InvalidInput(
        fmt::format("performance map query: (t_source = {} K, t_sink = {} K, "
                    "part_load = {}) lies next to an infeasible node",
                    t_source, t_sink, part_load));
  }
  return p;
}

MapStatus PerformanceMap::slice(double t_source, double t_sink, std::span<NodeValue> out) const {
  const std::size_t ni = axes_.t_source.size(), nj = axes_.t_sink.size(),
                    nk = axes_.part_load.size();
  if (out.size() < nk) {
    throw InvalidInput(fmt::format(
        "performance map slice: output holds {} values, expected {} (one per part-load node)",
        out.size(), nk));
  }
  if (std::isnan(t_source) || std::isnan(t_sink)) {
    for (std::size_t k = 0; k < nk; ++k) out[k] = {};
    return MapStatus::outside_grid;
  }
  const AxisPos pi = locate(axes_.t_source, t_source);
  const AxisPos pj = locate(axes_.t_sink, t_sink);
  const bool clamped = !pi.inside || !pj.inside;
  const std::size_t si = nj * nk, sj = nk;
  const std::size_t base = pi.i * si + pj.i * sj;
  const std::size_t oi = ni > 1 ? si : 0, oj = nj > 1 ? sj : 0;
  const double wi = pi.w, wj = pj.w;
  const NodeValue* v = value_.data();
  const auto lerp = [](double a, double b, double t) { return (1 - t) * a + t * b; };
  MapStatus worst = clamped ? MapStatus::outside_grid : MapStatus::inside;
  for (std::size_t k = 0; k < nk; ++k) {
    const std::size_t n = base + k;
    if (valid_[n] && valid_[n + oj] && valid_[n + oi] && valid_[n + oi + oj]) {
      out[k].capacity = lerp(lerp(v[n].capacity, v[n + oj].capacity, wj),
                             lerp(v[n + oi].capacity, v[n + oi + oj].capacity, wj), wi);
      out[k].power = lerp(lerp(v[n].power, v[n + oj].power, wj),
                          lerp(v[n + oi].power, v[n + oi + oj].power, wj), wi);
    } else {
      const MapPoint p = interpolate(t_source, t_sink, axes_.part_load[k], false);
      out[k] = {p.capacity, p.power};
      if (p.status != MapStatus::inside && worst == MapStatus::inside) worst = p.status;
    }
  }
  return worst;
}

std::size_t PerformanceMap::invalid_node_count() const {
  return static_cast<std::size_t>(std::count(valid_.begin(), valid_.end(), 0));
}

std::optional<NodeValue> PerformanceMap::node(std::size_t i, std::size_t j, std::size_t k) const {
  if (i >= axes_.t_source.size() || j >= axes_.t_sink.size() || k >= axes_.part_load.size()) {
    throw OutOfRange(
        fmt::format("performance map: node ({}, {}, {}) is outside a {} × {} × {} grid", i, j, k,
                    axes_.t_source.size(), axes_.t_sink.size(), axes_.part_load.size()));
  }
  const std::size_t n = index(i, j, k);
  if (!valid_[n]) return std::nullopt;
  return value_[n];
}

std::vector<std::optional<NodeValue>> PerformanceMap::nodes() const {
  std::vector<std::optional<NodeValue>> out(valid_.size());
  for (std::size_t n = 0; n < out.size(); ++n) {
    if (valid_[n]) out[n] = value_[n];
  }
  return out;
}

}  // namespace heatlift::equipment
