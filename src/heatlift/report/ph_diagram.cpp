#include "heatlift/report/ph_diagram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/error.hpp"
#include "heatlift/core/markup.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::report {
namespace {

using core::kZeroCelsius;
constexpr double kW = 720.0;  // panel width, px
constexpr double kH = 520.0;  // panel height, px
constexpr double kLeft = 78.0, kRight = 24.0, kTop = 48.0, kBottom = 58.0;

/// Round-number ticks covering [lo, hi].
std::vector<double> linear_ticks(double lo, double hi) {
  const double span = hi - lo;
  const double raw = span / 6.0;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) {
      step = m * mag;
      break;
    }
  std::vector<double> t;
  for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) t.push_back(v);
  return t;
}

std::vector<double> log_ticks(double lo, double hi) {
  std::vector<double> t;
  for (double d = std::pow(10.0, std::floor(std::log10(lo))); d <= hi * 10; d *= 10.0)
    for (double m : {1.0, 2.0, 5.0})
      if (m * d >= lo && m * d <= hi) t.push_back(m * d);
  return t;
}

struct Panel {
  double h_lo, h_hi, p_lo, p_hi;  // kJ/kg, MPa
  double x0, y0;                  // panel origin
  double x(double h_kJ) const {
    return x0 + kLeft + (h_kJ - h_lo) / (h_hi - h_lo) * (kW - kLeft - kRight);
  }
  double y(double p_MPa) const {
    return y0 + kH - kBottom -
           (std::log(p_MPa) - std::log(p_lo)) / (std::log(p_hi) - std::log(p_lo)) *
               (kH - kTop - kBottom);
  }
};

std::string polyline(const Panel& P, const std::vector<std::pair<double, double>>& hp,
                     std::string_view style) {
  std::string pts;
  for (const auto& [h, p] : hp) pts += fmt::format("{:.1f},{:.1f} ", P.x(h / 1e3), P.y(p / 1e6));
  return fmt::format("<polyline points=\"{}\" {}/>\n", pts, style);
}

using Curve = std::vector<std::pair<double, double>>;  // (h, p) points, J/kg and Pa

// A panel's scales and its fluid's dome: the cycle's states with a margin, and the part of
// the dome that falls inside.
struct PanelScale {
  Panel P;
  Curve liquid, vapour;  // saturated liquid and vapour, upwards in temperature
  double T_top = 0.0;    // the dome's top, just below the critical point
};

PanelScale panel_scale(const cycles::CycleResult& r, int fi, const cycles::WorkingFluid& f,
                       double y0) {
  const fluids::FluidInfo& info = f.info();
  PanelScale out;
  double h_min = HUGE_VAL, h_max = -HUGE_VAL, p_min = HUGE_VAL, p_max = -HUGE_VAL;
  double T_min = HUGE_VAL;
  for (const auto& n : r.nodes) {
    if (n.fluid != fi) continue;
    h_min = std::min(h_min, n.state.h);
    h_max = std::max(h_max, n.state.h);
    p_min = std::min(p_min, n.state.p);
    p_max = std::max(p_max, n.state.p);
    T_min = std::min(T_min, n.state.T);
  }
  // The dome from 20 K below the coldest state (not below the triple point) to Tc.
  const double T_lo = std::max(info.T_triple + 0.5, T_min - 20.0);
  Curve& liquid = out.liquid;
  Curve& vapour = out.vapour;
  const int N = 120;
  const double T_top = out.T_top = info.T_crit - 0.02;
  for (int i = 0; i <= N; ++i) {
    // Denser near the critical point where the dome turns.
    const double u = 1.0 - std::pow(1.0 - static_cast<double>(i) / N, 2.0);
    const double T = T_lo + (T_top - T_lo) * u;
    try {
      const fluids::State l = f.T_Q(T, 0.0);
      const fluids::State v = f.T_Q(T, 1.0);
      liquid.emplace_back(l.h, l.p);
      vapour.emplace_back(v.h, v.p);
    } catch (const Error&) {
      // the dome is drawn where the equation answers
    }
  }
  if (!liquid.empty()) {
    h_min = std::min(h_min, liquid.front().first);
    h_max = std::max(h_max, vapour.front().first);
    p_min = std::min(p_min, liquid.front().second);
    if (info.p_crit < 3.0 * p_max) p_max = std::max(p_max, info.p_crit);
  }
  const double dh = h_max - h_min;
  out.P = Panel{(h_min - 0.06 * dh) / 1e3,
                (h_max + 0.08 * dh) / 1e3,
                p_min / 1e6 / 1.4,
                p_max / 1e6 * 1.4,
                0.0,
                y0};
  return out;
}

// The frame, the grid with its ticks, the axis titles and the panel's title.
void draw_frame(std::string& svg, const Panel& P, const cycles::CycleResult& r, int fi,
                const fluids::FluidInfo& info, const Messages& text, double y0) {
  // Frame, grid and ticks.
  svg += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
      "fill=\"#fff\" stroke=\"#333\"/>\n",
      kLeft, y0 + kTop, kW - kLeft - kRight, kH - kTop - kBottom);
  for (double h : linear_ticks(P.h_lo, P.h_hi)) {
    const double x = P.x(h);
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
        "stroke=\"#e4e4e4\"/>\n",
        x, y0 + kTop, y0 + kH - kBottom);
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" text-anchor=\"middle\">"
        "{:g}</text>\n",
        x, y0 + kH - kBottom + 16, h);
  }
  for (double p : log_ticks(P.p_lo, P.p_hi)) {
    const double y = P.y(p);
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" "
        "stroke=\"#e4e4e4\"/>\n",
        kLeft, y, kW - kRight);
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" text-anchor=\"end\">"
        "{:g}</text>\n",
        kLeft - 6, y + 4, p);
  }
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"13\" text-anchor=\"middle\">{}"
      "</text>\n",
      (kLeft + kW - kRight) / 2, y0 + kH - 18, core::html_escape(text.get("diagram.enthalpy")));
  svg += fmt::format(
      "<text transform=\"translate(18,{:.1f}) rotate(-90)\" font-size=\"13\" "
      "text-anchor=\"middle\">{}</text>\n",
      y0 + (kTop + kH - kBottom) / 2, core::html_escape(text.get("diagram.pressure")));
  const std::string* topo = text.find(fmt::format("topology.{}", cycles::to_string(r.topology)));
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"16\" font-weight=\"bold\">{} — {}{}</text>\n",
      kLeft, y0 + 28, core::html_escape(info.id),
      core::html_escape(topo ? *topo : std::string(cycles::to_string(r.topology))),
      fi == 0 ? fmt::format(" — {} {:.2f}", core::html_escape(text.get("diagram.cop")), r.cop)
              : "");
}

// Isotherms through the cycle's levels: liquid, dome and vapour side.
void draw_isotherms(std::string& svg, const Panel& P, const cycles::CycleResult& r, int fi,
                    const cycles::WorkingFluid& f) {
  const fluids::FluidInfo& info = f.info();
  std::vector<double> isotherms;
  for (const auto& n : r.nodes)
    if (n.fluid == fi) isotherms.push_back(n.state.T);
  std::sort(isotherms.begin(), isotherms.end());
  const double T_span = isotherms.back() - isotherms.front();
  std::vector<double> chosen;
  for (double T : linear_ticks(isotherms.front() - kZeroCelsius,
                               isotherms.back() - kZeroCelsius + 0.3 * T_span))
    chosen.push_back(T + kZeroCelsius);
  for (double T : chosen) {
    std::vector<std::pair<double, double>> line;
    const double lp0 = std::log(P.p_lo * 1e6), lp1 = std::log(P.p_hi * 1e6);
    for (int i = 0; i <= 60; ++i) {
      const double p = std::exp(lp0 + (lp1 - lp0) * i / 60.0);
      try {
        if (T < info.T_crit && p < info.p_crit) {
          const fluids::State sat_v = f.p_Q(p, 1.0);
          const fluids::State sat_l = f.p_Q(p, 0.0);
          if (T > sat_l.T && T < sat_v.T) continue;  // blends: inside the glide
          if (std::abs(T - sat_v.T) < 1e-6) {
            line.emplace_back(sat_v.h, p);
            line.emplace_back(sat_l.h, p);
            continue;
          }
        }
        line.emplace_back(f.T_p(T, p).h, p);
      } catch (const Error&) {
        // outside the equation's range: leave the gap
      }
    }
    // Order along p; across the dome the isotherm is horizontal.
    std::vector<std::pair<double, double>> ordered;
    for (const auto& pt : line) ordered.push_back(pt);
    if (ordered.size() > 1)
      svg += polyline(P, ordered, "fill=\"none\" stroke=\"#9ecae1\" stroke-width=\"1\"");
    if (!ordered.empty()) {
      const auto& top = ordered.back();
      svg += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" fill=\"#4a7fa8\">"
          "{:g} °C</text>\n",
          P.x(top.first / 1e3) + 3, P.y(top.second / 1e6) + 12, std::round(T - kZeroCelsius));
    }
  }
}

// The dome, and the critical point where it is inside the panel.
void draw_dome(std::string& svg, const PanelScale& scale, const cycles::WorkingFluid& f,
               const Messages& text) {
  const Panel& P = scale.P;
  const Curve& liquid = scale.liquid;
  const Curve& vapour = scale.vapour;
  const fluids::FluidInfo& info = f.info();
  std::vector<std::pair<double, double>> dome = liquid;
  for (auto it = vapour.rbegin(); it != vapour.rend(); ++it) dome.push_back(*it);
  svg += polyline(P, dome, "fill=\"none\" stroke=\"#222\" stroke-width=\"1.6\"");
  svg += "</g>\n";
  if (!liquid.empty() && info.p_crit / 1e6 < P.p_hi) {
    const fluids::State c = f.T_Q(scale.T_top, 0.0);
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"#222\"><title>{}</title>"
        "</circle>\n",
        P.x(c.h / 1e3), P.y(c.p / 1e6), core::html_escape(text.get("diagram.critical")));
  }
}

// The cycle: processes as straight segments between nodes (compression drawn straight).
void draw_cycle(std::string& svg, const Panel& P, const cycles::CycleResult& r, int fi) {
  for (const auto& [a, b] : r.edges) {
    const auto& na = r.nodes[a];
    const auto& nb = r.nodes[b];
    if (na.fluid != fi) continue;
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
        "stroke=\"#d62728\" stroke-width=\"2.2\"/>\n",
        P.x(na.state.h / 1e3), P.y(na.state.p / 1e6), P.x(nb.state.h / 1e3), P.y(nb.state.p / 1e6));
  }
  for (const auto& n : r.nodes) {
    if (n.fluid != fi) continue;
    const double x = P.x(n.state.h / 1e3), y = P.y(n.state.p / 1e6);
    const std::string_view num = n.label.substr(0, n.label.find(' '));
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#d62728\"><title>{}: "
        "{:.1f} °C, {:.3f} MPa, {:.1f} kJ/kg</title></circle>\n",
        x, y, core::html_escape(n.name()), n.state.T - kZeroCelsius, n.state.p / 1e6,
        n.state.h / 1e3);
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#8c1a1b\">{}{}"
        "</text>\n",
        x + 5, y - 5, core::html_escape(n.prefix.size() == 1 ? n.prefix : ""),
        core::html_escape(num));
  }
}

void draw_panel(std::string& svg, const cycles::CycleResult& r, int fi,
                const cycles::WorkingFluid& f, const Messages& text, double y0) {
  const PanelScale scale = panel_scale(r, fi, f, y0);
  draw_frame(svg, scale.P, r, fi, f.info(), text, y0);
  // Clip the curves to the frame.
  svg += fmt::format(
      "<clipPath id=\"frame{}\"><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
      "height=\"{:.1f}\"/></clipPath>\n<g clip-path=\"url(#frame{})\">\n",
      fi, kLeft, y0 + kTop, kW - kLeft - kRight, kH - kTop - kBottom, fi);
  draw_isotherms(svg, scale.P, r, fi, f);
  draw_dome(svg, scale, f, text);
  draw_cycle(svg, scale.P, r, fi);
}

}  // namespace

std::string ph_diagram_svg(const cycles::CycleResult& result,
                           const std::vector<const cycles::WorkingFluid*>& fluids,
                           const Messages& text) {
  const double height = kH * static_cast<double>(fluids.size());
  std::string svg = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"'WenQuanYi Micro Hei', 'Noto Sans CJK SC', "
      "sans-serif\">\n<title>{2}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
      kW, height, core::html_escape(text.get("diagram.title")));
  for (std::size_t i = 0; i < fluids.size(); ++i)
    draw_panel(svg, result, static_cast<int>(i), *fluids[i], text, kH * static_cast<double>(i));
  svg += "</svg>\n";
  return svg;
}

}  // namespace heatlift::report
