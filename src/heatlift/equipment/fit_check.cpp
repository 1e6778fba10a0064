#include "heatlift/equipment/fit_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::equipment {

namespace {

constexpr double kC = core::kZeroCelsius;

// A temperature in °C for messages: "-15 °C", "7.5 °C".
std::string celsius(double t) {
  return fmt::format("{:g} °C", std::round((t - kC) * 100.0) / 100.0);
}
std::string kelvin_gap(double d) {
  return fmt::format("{:g} K", std::round(d * 100.0) / 100.0);
}
std::string percent(double x) {
  return fmt::format("{:g} %", std::round(x * 1000.0) / 10.0);
}

void add(ErrorSummary& s, double capacity_rel, double cop_rel) {
  ++s.points;
  s.capacity_max = std::max(s.capacity_max, std::abs(capacity_rel));
  s.cop_max = std::max(s.cop_max, std::abs(cop_rel));
  s.capacity_rms += capacity_rel * capacity_rel;  // sums of squares until finish()
  s.cop_rms += cop_rel * cop_rel;
}

void finish(ErrorSummary& s) {
  if (s.points == 0) return;
  s.capacity_rms = std::sqrt(s.capacity_rms / static_cast<double>(s.points));
  s.cop_rms = std::sqrt(s.cop_rms / static_cast<double>(s.points));
}

FitOptions model_options(ModelChoice m, const FitOptions& base) {
  FitOptions o = base;
  const bool q = m == ModelChoice::quadratic;
  o.capacity = q ? CapacityModel::quadratic : CapacityModel::linear;
  o.efficiency = q ? EfficiencyModel::quadratic : EfficiencyModel::linear;
  return o;
}

ValidatedFit validated(SourceKind kind, std::span<const DatasheetPoint> points, ModelChoice m,
                       const FitOptions& base) {
  DatasheetFit f = DatasheetFit::fit(kind, points, model_options(m, base));
  CrossValidation cv = cross_validate(f, points);
  return {std::move(f), std::move(cv), m == ModelChoice::quadratic ? "quadratic" : "linear", ""};
}

// The larger of the capacity and COP RMS held-out errors over the points where both fits
// have one.
std::pair<double, double> common_scores(const CrossValidation& a, const CrossValidation& b,
                                        std::size_t& n) {
  ErrorSummary sa, sb;
  for (std::size_t i = 0; i < a.held_out.size(); ++i) {
    const HeldOutPoint &pa = a.held_out[i], &pb = b.held_out[i];
    if (!pa.defined || !pb.defined) continue;
    add(sa, pa.capacity_rel, pa.cop_rel);
    add(sb, pb.capacity_rel, pb.cop_rel);
  }
  finish(sa);
  finish(sb);
  n = sa.points;
  return {std::max(sa.capacity_rms, sa.cop_rms), std::max(sb.capacity_rms, sb.cop_rms)};
}

}  // namespace

ModelChoice model_choice_from_string(std::string_view text, std::string_view field) {
  if (text == "auto") return ModelChoice::automatic;
  if (text == "linear") return ModelChoice::linear;
  if (text == "quadratic") return ModelChoice::quadratic;
  throw InvalidInput(
      fmt::format("{} = '{}': expected one of 'auto', 'linear', 'quadratic'", field, text));
}

CrossValidation cross_validate(const DatasheetFit& fit, std::span<const DatasheetPoint> points) {
  if (fit.residuals().size() != points.size()) {
    throw InternalError("cross_validate: the fit was not made from these points");
  }
  CrossValidation cv;
  cv.parameters = fit.parameter_count();
  cv.exactly_determined = points.size() == cv.parameters;
  for (const FitResidual& r : fit.residuals()) add(cv.in_sample, r.capacity_rel, r.cop_rel);
  finish(cv.in_sample);

  std::vector<DatasheetPoint> rest(points.begin(), points.end());
  for (std::size_t i = 0; i < points.size(); ++i) {
    HeldOutPoint h;
    const DatasheetPoint& p = points[i];
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
    try {
      const DatasheetFit g = DatasheetFit::fit(fit.source_kind(), rest, fit.options());
      if (g.capacity_coefficients().size() != fit.capacity_coefficients().size() ||
          g.efficiency_coefficients().size() != fit.efficiency_coefficients().size()) {
        // The only point at its part load: without it the model has fewer terms.
        h.why_undefined = fmt::format(
            "the only point at part load {}: without it the model loses its part-load term",
            percent(p.part_load));
      } else {
        h.defined = true;
        h.capacity_rel = (g.capacity(p.t_source, p.t_sink, p.part_load) - p.capacity) / p.capacity;
        h.cop_rel = (g.cop(p.t_source, p.t_sink, p.part_load) - p.cop) / p.cop;
        add(cv.held_out_summary, h.capacity_rel, h.cop_rel);
      }
    } catch (const InvalidInput& e) {
      h.why_undefined = fmt::format("without it: {}", e.what());
    }
    rest.insert(rest.begin() + static_cast<std::ptrdiff_t>(i), p);
    cv.held_out.push_back(std::move(h));
  }
  finish(cv.held_out_summary);
  return cv;
}

ValidatedFit fit_and_validate(SourceKind kind, std::span<const DatasheetPoint> points,
                              ModelChoice model, const FitOptions& base) {
  if (model != ModelChoice::automatic) return validated(kind, points, model, base);
  ValidatedFit lin = validated(kind, points, ModelChoice::linear, base);
  std::optional<ValidatedFit> quad;
  try {
    quad = validated(kind, points, ModelChoice::quadratic, base);
  } catch (const InvalidInput&) {
    lin.choice = "linear: the points cannot determine the quadratic model";
    return lin;
  }
  std::size_t n = 0;
  const auto [s_lin, s_quad] = common_scores(lin.validation, quad->validation, n);
  if (n == 0) {
    lin.choice = "linear: no held-out error to compare with the quadratic model";
    return lin;
  }
  const std::string scores = fmt::format(
      "held-out error (RMS, the larger of capacity and COP, {} points) {:.2f} % linear, "
      "{:.2f} % quadratic",
      n, 100.0 * s_lin, 100.0 * s_quad);
  if (s_quad < s_lin) {
    quad->choice = fmt::format("quadratic: {}", scores);
    return std::move(*quad);
  }
  lin.choice = fmt::format("linear: {}", scores);
  return lin;
}

// ---- axes ----------------------------------------------------------------------------------

namespace {

std::vector<double> temperature_axis(const std::vector<double>& values, AxisRange r, double step,
                                     std::string_view what) {
  if (!std::isfinite(r.lo) || !std::isfinite(r.hi) || !(r.lo > 0) || !(r.hi >= r.lo)) {
    throw InvalidInput(
        fmt::format("{} range {}..{}: expected a low end above 0 K and a high end "
                    "not below it",
                    what, celsius(r.lo), celsius(r.hi)));
  }
  std::vector<double> a{r.lo, r.hi};
  for (double v : values) {
    if (v > r.lo && v < r.hi) a.push_back(v);
  }
  for (double c = std::ceil((r.lo - kC) / step) * step; c + kC < r.hi; c += step) {
    if (c + kC > r.lo) a.push_back(c + kC);
  }
  std::sort(a.begin(), a.end());
  // Nodes closer than 0.05 K add nothing but round-off: keep the first (a point's own).
  std::vector<double> out;
  for (double v : a) {
    if (out.empty() || v - out.back() > 0.05) out.push_back(v);
  }
  if (out.size() > 1 && r.hi - out.back() <= 0.05 && out.back() != r.hi) out.back() = r.hi;
  return out;
}

}  // namespace

MapAxes datasheet_axes(std::span<const DatasheetPoint> points, std::optional<AxisRange> source,
                       std::optional<AxisRange> sink, std::vector<double> part_loads, double step) {
  if (points.empty()) throw InvalidInput("datasheet axes: no points");
  if (!(step > 0) || !std::isfinite(step)) {
    throw InvalidInput(fmt::format("datasheet axes: step = {} K; expected > 0", step));
  }
  std::vector<double> ts, tk, x;
  for (const DatasheetPoint& p : points) {
    ts.push_back(p.t_source);
    tk.push_back(p.t_sink);
    x.push_back(p.part_load);
  }
  const auto range_of = [](const std::vector<double>& v) {
    return AxisRange{*std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end())};
  };
  MapAxes axes;
  axes.t_source = temperature_axis(ts, source.value_or(range_of(ts)), step, "source");
  axes.t_sink = temperature_axis(tk, sink.value_or(range_of(tk)), step, "sink");
  if (part_loads.empty()) {
    std::sort(x.begin(), x.end());
    x.erase(std::unique(x.begin(), x.end()), x.end());
    part_loads = x.size() == 1 ? std::vector<double>{1.0} : x;
  }
  for (std::size_t i = 0; i < part_loads.size(); ++i) {
    const double v = part_loads[i];
    if (!(v > 0 && v <= 1) || (i > 0 && !(v > part_loads[i - 1]))) {
      throw InvalidInput(
          fmt::format("part loads: {} is not in (0, 1] or not above the one before; "
                      "expected increasing speed fractions in (0, 1]",
                      v));
    }
  }
  if (part_loads.size() == 1 && part_loads.front() != 1.0) {
    throw InvalidInput(fmt::format(
        "part loads: a single part load must be 1 (a single-speed map); got {}", part_loads[0]));
  }
  axes.part_load = std::move(part_loads);
  return axes;
}

// ---- extrapolation -------------------------------------------------------------------------

namespace {

using Vec2 = std::array<double, 2>;

double cross(const Vec2& o, const Vec2& a, const Vec2& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

// Convex hull, counter-clockwise, without collinear points (Andrew's monotone chain).
std::vector<Vec2> convex_hull(std::vector<Vec2> p) {
  std::sort(p.begin(), p.end());
  p.erase(std::unique(p.begin(), p.end()), p.end());
  if (p.size() < 3) return p;
  std::vector<Vec2> h(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(h[k - 2], h[k - 1], p[i - 1]) <= 0) --k;
    h[k++] = p[i - 1];
  }
  h.resize(k - 1);
  return h;
}

bool inside_hull(const std::vector<Vec2>& h, const Vec2& q) {
  constexpr double tol = 1e-7;
  if (h.size() == 1) return std::abs(h[0][0] - q[0]) < tol && std::abs(h[0][1] - q[1]) < tol;
  if (h.size() == 2) {
    const double len = std::hypot(h[1][0] - h[0][0], h[1][1] - h[0][1]);
    const double t =
        ((q[0] - h[0][0]) * (h[1][0] - h[0][0]) + (q[1] - h[0][1]) * (h[1][1] - h[0][1])) /
        (len * len);
    return std::abs(cross(h[0], h[1], q)) < tol * len && t > -tol && t < 1 + tol;
  }
  for (std::size_t i = 0; i < h.size(); ++i) {
    const Vec2& a = h[i];
    const Vec2& b = h[(i + 1) % h.size()];
    if (cross(a, b, q) < -tol * std::hypot(b[0] - a[0], b[1] - a[1])) return false;
  }
  return true;
}

// Why a temperature lies outside [lo, hi], or "".
std::string beyond(std::string_view axis, double t, double lo, double hi) {
  constexpr double tol = 1e-6;
  if (t < lo - tol) {
    return fmt::format("{} {} is {} below the points' lowest ({})", axis, celsius(t),
                       kelvin_gap(lo - t), celsius(lo));
  }
  if (t > hi + tol) {
    return fmt::format("{} {} is {} above the points' highest ({})", axis, celsius(t),
                       kelvin_gap(t - hi), celsius(hi));
  }
  return {};
}

}  // namespace

std::vector<Extrapolation> find_extrapolations(std::span<const DatasheetPoint> points,
                                               const PerformanceMap& map) {
  if (points.empty()) return {};
  double ts_lo = points[0].t_source, ts_hi = ts_lo, tk_lo = points[0].t_sink, tk_hi = tk_lo;
  double x_lo = points[0].part_load, x_hi = x_lo;
  std::vector<Vec2> pairs;
  for (const DatasheetPoint& p : points) {
    ts_lo = std::min(ts_lo, p.t_source);
    ts_hi = std::max(ts_hi, p.t_source);
    tk_lo = std::min(tk_lo, p.t_sink);
    tk_hi = std::max(tk_hi, p.t_sink);
    x_lo = std::min(x_lo, p.part_load);
    x_hi = std::max(x_hi, p.part_load);
    pairs.push_back({p.t_source - kC, p.t_sink - kC});
  }
  const std::vector<Vec2> hull = convex_hull(std::move(pairs));
  const MapAxes& a = map.axes();
  std::vector<Extrapolation> out;
  for (std::size_t i = 0; i < a.t_source.size(); ++i) {
    for (std::size_t j = 0; j < a.t_sink.size(); ++j) {
      for (std::size_t k = 0; k < a.part_load.size(); ++k) {
        const double ts = a.t_source[i], tk = a.t_sink[j], x = a.part_load[k];
        std::vector<std::string> why;
        for (std::string s : {beyond("source", ts, ts_lo, ts_hi), beyond("sink", tk, tk_lo, tk_hi)})
          if (!s.empty()) why.push_back(std::move(s));
        if (x < x_lo - 1e-9 || x > x_hi + 1e-9) {
          why.push_back(fmt::format("part load {} is {} the points' {} ({})", percent(x),
                                    x < x_lo ? "below" : "above", x < x_lo ? "lowest" : "highest",
                                    percent(x < x_lo ? x_lo : x_hi)));
        }
        if (why.empty() && !inside_hull(hull, {ts - kC, tk - kC})) {
          why.push_back(fmt::format(
              "source {} with sink {} is outside the points' source-sink hull (no points "
              "around it)",
              celsius(ts), celsius(tk)));
        }
        if (why.empty()) continue;
        std::string reason = why[0];
        for (std::size_t n = 1; n < why.size(); ++n) {
          reason += "; ";
          reason += why[n];
        }
        out.push_back({ts, tk, x, std::move(reason), map.node(i, j, k).has_value()});
      }
    }
  }
  return out;
}

}  // namespace heatlift::equipment
