#include "heatlift/equipment/datasheet_fit.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <Eigen/Dense>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "heatlift/core/error.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::equipment {

namespace {

constexpr double kC = core::kZeroCelsius;

// Parses the signed °C number at the start of `s` ("7", "-7", "−7", "+2", "7.5"); advances s.
double parse_label_temperature(std::string_view& s, std::string_view label) {
  bool negative = false;
  if (s.starts_with("\u2212")) {  // U+2212 minus sign, as datasheets print it
    negative = true;
    s.remove_prefix(3);
  } else if (s.starts_with('-') || s.starts_with('+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || !std::isfinite(v)) {
    throw InvalidInput(
        fmt::format("rating point '{}': expected a temperature in °C after the "
                    "letter, e.g. 'A7/W35' or 'A-7/W35'",
                    label));
  }
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return negative ? -v : v;
}

std::string describe_values(const std::set<double>& v, char letter) {
  std::vector<std::string> parts;
  for (double t : v) parts.push_back(fmt::format("{}{:g}", letter, t - kC));
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

SourceKind rating_point_source(std::string_view label) {
  if (label.empty()) throw InvalidInput("rating point '': expected e.g. 'A7/W35'");
  switch (label.front()) {
    case 'A': return SourceKind::air;
    case 'B': return SourceKind::brine;
    case 'W': return SourceKind::water;
    default:
      throw InvalidInput(fmt::format(
          "rating point '{}': the source letter must be A (air), B (brine) or W (water)", label));
  }
}

DatasheetPoint rating_point(std::string_view label, double capacity_W, double cop,
                            double part_load) {
  rating_point_source(label);
  std::string_view s = label.substr(1);
  const double ts = parse_label_temperature(s, label);
  if (!s.starts_with("/W")) {
    throw InvalidInput(
        fmt::format("rating point '{}': expected '/W' and the leaving water "
                    "temperature after the source, e.g. 'A7/W35'",
                    label));
  }
  s.remove_prefix(2);
  const double tk = parse_label_temperature(s, label);
  if (!s.empty()) {
    throw InvalidInput(
        fmt::format("rating point '{}': unexpected '{}' after the sink temperature", label, s));
  }
  return DatasheetPoint{ts + kC, tk + kC, part_load, capacity_W, cop, std::string(label)};
}

namespace {

// Each point checked (finite, ordered temperatures, part load in (0, 1], COP below Carnot);
// the distinct source and sink temperatures and part loads they cover.
struct Coverage {
  std::set<double> sources, sinks, loads;
};

Coverage check_points(std::span<const DatasheetPoint> points) {
  Coverage cov;
  std::set<double>& sources = cov.sources;
  std::set<double>& sinks = cov.sinks;
  std::set<double>& loads = cov.loads;
  for (std::size_t n = 0; n < points.size(); ++n) {
    const DatasheetPoint& p = points[n];
    const std::string name = p.label.empty() ? fmt::format("point {}", n + 1)
                                             : fmt::format("point {} ({})", n + 1, p.label);
    const auto bad = [&](std::string_view field, double v, std::string_view expected) {
      throw InvalidInput(
          fmt::format("datasheet {}: {} = {}; expected {}", name, field, v, expected));
    };
    if (!std::isfinite(p.t_source) || p.t_source <= 0) bad("t_source", p.t_source, "> 0 K");
    if (!std::isfinite(p.t_sink) || p.t_sink <= p.t_source) {
      bad("t_sink", p.t_sink, fmt::format("a finite value above t_source = {} K", p.t_source));
    }
    if (!std::isfinite(p.part_load) || p.part_load <= 0 || p.part_load > 1) {
      bad("part_load", p.part_load, "a value in (0, 1]");
    }
    if (!std::isfinite(p.capacity) || p.capacity <= 0) {
      bad("heating_capacity", p.capacity, "a finite value > 0 W");
    }
    const double carnot = p.t_sink / (p.t_sink - p.t_source);
    if (!std::isfinite(p.cop) || p.cop <= 0) bad("cop", p.cop, "a finite value > 0");
    if (p.cop >= carnot) {
      bad("cop", p.cop, fmt::format("less than the Carnot COP {:.3g} of its temperatures", carnot));
    }
    sources.insert(p.t_source);
    sinks.insert(p.t_sink);
    loads.insert(p.part_load);
  }
  return cov;
}

// Refuses points too few or too alike to determine a model of n_params terms, saying what
// is missing.
void require_determined(SourceKind kind, std::size_t n_points, std::size_t n_params, bool quadratic,
                        bool quadratic_eta, const Coverage& cov) {
  const std::set<double>& sources = cov.sources;
  const std::set<double>& sinks = cov.sinks;
  const char src_letter = kind == SourceKind::air ? 'A' : (kind == SourceKind::brine ? 'B' : 'W');
  std::vector<std::string> missing;
  if (n_points < n_params) {
    missing.push_back(fmt::format("at least {} points (has {})", n_params, n_points));
  }
  const std::size_t need_sources = quadratic || quadratic_eta ? 3 : 2;
  const std::size_t need_sinks = quadratic_eta ? 3 : 2;
  if (sources.size() < need_sources) {
    missing.push_back(fmt::format(
        "points at {} or more distinct source temperatures to determine how capacity and COP "
        "change with the source (has {})",
        need_sources, sources.empty() ? "none" : describe_values(sources, src_letter)));
  }
  if (sinks.size() < need_sinks) {
    missing.push_back(fmt::format(
        "points at {} or more distinct sink temperatures to determine how capacity and COP change "
        "with the leaving water temperature (has {}), e.g. A7/W35 and A7/W55{}",
        need_sinks, sinks.empty() ? "none" : describe_values(sinks, 'W'),
        quadratic_eta ? " and A7/W45" : ""));
  }
  if (!missing.empty()) {
    throw InvalidInput(
        fmt::format("datasheet fit: the points cannot determine the model; it needs "
                    "{}",
                    fmt::join(missing, "; and ")));
  }
}

// Least squares A·b = y, refused where the points do not determine every term.
std::vector<double> solve_least_squares(const Eigen::MatrixXd& A, const Eigen::VectorXd& y,
                                        std::string_view what) {
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(A);
  qr.setThreshold(1e-10);
  if (qr.rank() < A.cols()) {
    throw InvalidInput(fmt::format(
        "datasheet fit: the points cannot determine the {} model ({} terms, rank {}): source "
        "temperature, sink temperature and part load must vary independently, not only "
        "together; add points that change one of them alone",
        what, A.cols(), qr.rank()));
  }
  const Eigen::VectorXd sol = qr.solve(y);
  return std::vector<double>(sol.data(), sol.data() + sol.size());
}

}  // namespace

DatasheetFit DatasheetFit::fit(SourceKind kind, std::span<const DatasheetPoint> points,
                               const FitOptions& options) {
  if (!std::isfinite(options.extrapolation_margin) || options.extrapolation_margin < 0) {
    throw InvalidInput(fmt::format("datasheet fit: extrapolation_margin = {} K; expected ≥ 0",
                                   options.extrapolation_margin));
  }
  const Coverage cov = check_points(points);

  DatasheetFit f;
  f.kind_ = kind;
  f.options_ = options;
  f.quadratic_ = options.capacity == CapacityModel::quadratic;
  f.quadratic_eta_ = options.efficiency == EfficiencyModel::quadratic;
  f.part_load_terms_ = cov.loads.size() >= 3 ? 2 : (cov.loads.size() == 2 ? 1 : 0);
  const std::size_t n_cap = 3 + (f.quadratic_ ? 1 : 0) + (f.part_load_terms_ > 0 ? 1 : 0);
  const std::size_t n_eta =
      3 + (f.quadratic_eta_ ? 3 : 0) + static_cast<std::size_t>(f.part_load_terms_);
  const std::size_t n_params = std::max(n_cap, n_eta);
  require_determined(kind, points.size(), n_params, f.quadratic_, f.quadratic_eta_, cov);

  const auto m = static_cast<Eigen::Index>(points.size());
  Eigen::MatrixXd A_cap(m, static_cast<Eigen::Index>(n_cap));
  Eigen::MatrixXd A_eta(m, static_cast<Eigen::Index>(n_eta));
  Eigen::VectorXd y_cap(m), y_eta(m);
  for (Eigen::Index r = 0; r < m; ++r) {
    const DatasheetPoint& p = points[static_cast<std::size_t>(r)];
    const double s = p.t_source - kC, k = p.t_sink - kC, x = p.part_load;
    Eigen::Index c = 0;
    A_cap(r, c++) = 1;
    A_cap(r, c++) = s;
    A_cap(r, c++) = k;
    if (f.quadratic_) A_cap(r, c++) = s * s;
    if (f.part_load_terms_ > 0) A_cap(r, c++) = x;
    y_cap(r) = p.capacity / x;
    c = 0;
    A_eta(r, c++) = 1;
    A_eta(r, c++) = s;
    A_eta(r, c++) = k;
    if (f.quadratic_eta_) {
      A_eta(r, c++) = s * s;
      A_eta(r, c++) = k * k;
      A_eta(r, c++) = s * k;
    }
    if (f.part_load_terms_ >= 1) A_eta(r, c++) = x;
    if (f.part_load_terms_ >= 2) A_eta(r, c++) = x * x;
    y_eta(r) = p.cop * (p.t_sink - p.t_source) / p.t_sink;
  }
  f.b_ = solve_least_squares(A_cap, y_cap, "capacity");
  f.c_ = solve_least_squares(A_eta, y_eta, "COP");

  f.ts_min_ = *cov.sources.begin();
  f.ts_max_ = *cov.sources.rbegin();
  f.tk_min_ = *cov.sinks.begin();
  f.tk_max_ = *cov.sinks.rbegin();
  f.x_min_ = *cov.loads.begin();
  for (const DatasheetPoint& p : points) {
    FitResidual r;
    r.label = p.label;
    r.capacity_fit = f.capacity(p.t_source, p.t_sink, p.part_load);
    r.capacity_rel = (r.capacity_fit - p.capacity) / p.capacity;
    r.cop_fit = f.cop(p.t_source, p.t_sink, p.part_load);
    r.cop_rel = (r.cop_fit - p.cop) / p.cop;
    f.residuals_.push_back(std::move(r));
  }
  return f;
}

double DatasheetFit::capacity(double t_source, double t_sink, double part_load) const {
  const double s = t_source - kC, k = t_sink - kC, x = part_load;
  std::size_t c = 0;
  double q = b_[c] + b_[c + 1] * s + b_[c + 2] * k;
  c += 3;
  if (quadratic_) q += b_[c++] * s * s;
  if (part_load_terms_ > 0) q += b_[c++] * x;
  return x * q;
}

double DatasheetFit::cop(double t_source, double t_sink, double part_load) const {
  const double s = t_source - kC, k = t_sink - kC, x = part_load;
  double eta = c_[0] + c_[1] * s + c_[2] * k;
  std::size_t c = 3;
  if (quadratic_eta_) {
    eta += c_[c] * s * s + c_[c + 1] * k * k + c_[c + 2] * s * k;
    c += 3;
  }
  if (part_load_terms_ >= 1) eta += c_[c++] * x;
  if (part_load_terms_ >= 2) eta += c_[c] * x * x;
  return eta * t_sink / (t_sink - t_source);
}

std::optional<NodeValue> DatasheetFit::node(double t_source, double t_sink,
                                            double part_load) const {
  const double m = options_.extrapolation_margin;
  if (t_source < ts_min_ - m || t_source > ts_max_ + m || t_sink < tk_min_ - m ||
      t_sink > tk_max_ + m || t_sink <= t_source) {
    return std::nullopt;
  }
  if (part_load_terms_ > 0 && part_load < x_min_) return std::nullopt;
  const double q = capacity(t_source, t_sink, part_load);
  const double c = cop(t_source, t_sink, part_load);
  if (!(q > 0) || !(c > 1) || !(c < t_sink / (t_sink - t_source))) return std::nullopt;
  return NodeValue{q, q / c};
}

PerformanceMap DatasheetFit::to_map(MapAxes axes) const {
  return PerformanceMap::generate(
      kind_, std::move(axes), [this](double ts, double tk, double x) { return node(ts, tk, x); });
}

double DatasheetFit::max_capacity_residual() const {
  double m = 0;
  for (const auto& r : residuals_) m = std::max(m, std::abs(r.capacity_rel));
  return m;
}

double DatasheetFit::max_cop_residual() const {
  double m = 0;
  for (const auto& r : residuals_) m = std::max(m, std::abs(r.cop_rel));
  return m;
}

namespace {

// " + 1.2·θs" or " - 40·θk": a term of a polynomial, its sign in front.
std::string term(double coefficient, std::string_view variable) {
  return fmt::format(" {} {:.6g}{}", coefficient < 0 ? '-' : '+', std::abs(coefficient), variable);
}

}  // namespace

std::string DatasheetFit::describe() const {
  std::string out = fmt::format("datasheet fit ({} source, {} points): Q/x = {:.6g}",
                                to_string(kind_), residuals_.size(), b_[0]);
  out += term(b_[1], "·θs") + term(b_[2], "·θk");
  std::size_t c = 3;
  if (quadratic_) out += term(b_[c++], "·θs²");
  if (part_load_terms_ > 0) out += term(b_[c++], "·x");
  out += fmt::format(" W; η = {:.6g}", c_[0]);
  out += term(c_[1], "·θs") + term(c_[2], "·θk");
  c = 3;
  if (quadratic_eta_) {
    out += term(c_[c], "·θs²") + term(c_[c + 1], "·θk²") + term(c_[c + 2], "·θs·θk");
    c += 3;
  }
  if (part_load_terms_ >= 1) out += term(c_[c++], "·x");
  if (part_load_terms_ >= 2) out += term(c_[c], "·x²");
  out += " (θ in °C); residuals:";
  for (const auto& r : residuals_) {
    out += fmt::format(" {} capacity {:+.2f} %, COP {:+.2f} %;", r.label, 100 * r.capacity_rel,
                       100 * r.cop_rel);
  }
  out.pop_back();
  return out;
}

}  // namespace heatlift::equipment
