#include "heatlift/standards/label.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/core/markup.hpp"

namespace heatlift::standards {
namespace {

constexpr double kWidth = 420.0;
constexpr double kMargin = 20.0;
constexpr std::string_view kFont =
    "'WenQuanYi Micro Hei','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',"
    "'PingFang SC',sans-serif";

// Grade colours from best to worst (green → red), as on China's energy label.
const char* grade_colour(int grade, int grades) {
  static const char* five[] = {"#00954c", "#5ab946", "#f4e500", "#f39800", "#e60012"};
  static const char* three[] = {"#00954c", "#f4e500", "#e60012"};
  if (grades == 3) return three[std::clamp(grade - 1, 0, 2)];
  return five[std::clamp(grade - 1, 0, 4)];
}

// Rough display width of a UTF-8 string in em: CJK and full-width forms 1 em, others 0.56.
double text_em(std::string_view s) {
  double em = 0.0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    em += len >= 3 ? 1.0 : 0.56;
    i += len;
  }
  return em;
}

std::string replace(std::string s, std::string_view key, std::string_view value) {
  const std::string k = fmt::format("{{{}}}", key);
  for (std::size_t pos = s.find(k); pos != std::string::npos; pos = s.find(k, pos + value.size()))
    s.replace(pos, k.size(), value);
  return s;
}

std::string ratio(double v) {
  return fmt::format("{:.2f}", v);
}

class Svg {
 public:
  void raw(const std::string& s) { body_ += s; }
  /// One line of text that fits `max_width`: the font shrinks down to 9 px, then the glyphs
  /// are condensed (textLength) rather than overflow the label.
  void text(double x, double y, std::string_view s, double size, double max_width,
            std::string_view attrs = "", std::string_view id = "") {
    double sz = size;
    const double em = std::max(text_em(s), 0.01);
    if (em * sz > max_width) sz = std::max(9.0, max_width / em);
    std::string fit;
    if (em * sz > max_width)
      fit = fmt::format(" textLength=\"{:.0f}\" lengthAdjust=\"spacingAndGlyphs\"", max_width);
    body_ += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{:.1f}\"{}{}{}>{}</text>\n",
                         x, y, sz, id.empty() ? "" : fmt::format(" id=\"{}\"", id),
                         attrs.empty() ? "" : fmt::format(" {}", attrs), fit, core::html_escape(s));
  }
  const std::string& body() const { return body_; }

 private:
  std::string body_;
};

}  // namespace

namespace {

// The header band, with the marker that this is heatlift's rating, not the official label
// (in every language).
void draw_header(Svg& svg, const LabelText& t) {
  const double inner = kWidth - 2 * kMargin;
  svg.raw(
      fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"96\" fill=\"#0068b7\"/>\n"
                  "<rect x=\"0\" y=\"96\" width=\"{}\" height=\"6\" fill=\"#00954c\"/>\n",
                  kWidth, kWidth));
  svg.text(kMargin, 40, t("label.title"), 28, inner, "fill=\"#ffffff\" font-weight=\"bold\"",
           "title");
  svg.text(kMargin, 62, t("label.subtitle"), 13, inner, "fill=\"#ffffff\" letter-spacing=\"1\"");
  svg.text(kMargin, 85, t("label.marker"), 13, inner, "fill=\"#ffe600\" font-weight=\"bold\"",
           "marker");
}

// The product: manufacturer and model. Each draw_ step returns the y below what it drew.
double draw_product(Svg& svg, const Rating& r, const LabelText& t, std::string_view lang) {
  const double inner = kWidth - 2 * kMargin;
  double y = 128;
  const std::string maker = r.manufacturer.empty() ? "—" : r.manufacturer;
  const std::string model = r.model.empty() ? r.product : fmt::format("{} {}", r.product, r.model);
  const std::string colon = lang == "zh" ? "：" : ": ";
  svg.text(kMargin, y, fmt::format("{}{}{}", t("label.manufacturer"), colon, maker), 14, inner, "",
           "manufacturer");
  y += 22;
  svg.text(kMargin, y, fmt::format("{}{}{}", t("label.model"), colon, model), 14, inner, "",
           "model");
  y += 16;
  svg.raw(fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#0068b7\"/>\n",
                      kMargin, y, kWidth - kMargin, y));
  return y;
}

// The grade scale, with the product's grade marked (or why it has none).
double draw_grade_scale(Svg& svg, const Rating& r, const LabelText& t, double y) {
  const double inner = kWidth - 2 * kMargin;
  y += 24;
  const std::string clause = r.grade ? r.grade->clause : std::string();
  svg.text(kMargin, y, t("label.grade_scale"), 15, 120, "font-weight=\"bold\"");
  svg.text(150, y, fmt::format("{} {}", r.standard_name, clause), 12, kWidth - kMargin - 150,
           "fill=\"#333333\"", "standard");
  y += 12;
  const double scale_top = y;
  const bool graded = r.grade && r.grade->graded;
  if (r.grade) {
    const int n = r.grade->grades;
    const double bar_h = n >= 5 ? 30.0 : 44.0;
    const double gap = 6.0;
    for (int g = 1; g <= n; ++g) {
      const double by = scale_top + (g - 1) * (bar_h + gap);
      const double w = 110.0 + (g - 1) * (n >= 5 ? 28.0 : 48.0);
      svg.raw(
          fmt::format("<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} "
                      "{:.1f},{:.1f}\" "
                      "fill=\"{}\"/>\n",
                      kMargin, by, kMargin + w, by, kMargin + w + bar_h / 2, by + bar_h / 2,
                      kMargin + w, by + bar_h, kMargin, by + bar_h, grade_colour(g, n)));
      const bool dark_text = n >= 5 ? (g == 3) : (g == 2);
      svg.text(kMargin + 10, by + bar_h / 2 + 8, std::to_string(g), 22, 40,
               fmt::format("font-weight=\"bold\" fill=\"{}\"", dark_text ? "#333333" : "#ffffff"));
      if (graded) {
        svg.text(kMargin + 40, by + bar_h / 2 + 5,
                 fmt::format("{} ≥ {}", r.grade->metric,
                             ratio(r.grade->thresholds[static_cast<std::size_t>(g - 1)])),
                 12, w - 40, fmt::format("fill=\"{}\"", dark_text ? "#333333" : "#ffffff"));
      }
      if (r.grade->grade && *r.grade->grade == g) {
        const double mx = kWidth - kMargin - 96;
        const double right = kWidth - kMargin;
        svg.raw(fmt::format(
            "<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} "
            "{:.1f},{:.1f}\" "
            "fill=\"#111111\"/>\n",
            mx, by + bar_h / 2, mx + 18, by, right, by, right, by + bar_h, mx + 18, by + bar_h));
        svg.text(mx + 24, by + bar_h / 2 + 8, replace(t("label.grade"), "n", std::to_string(g)), 22,
                 72, "fill=\"#ffffff\" font-weight=\"bold\"", "grade");
      }
    }
    y = scale_top + n * (bar_h + gap) + 8;
    if (!graded) {
      svg.text(kMargin, y + 10, t("label.not_graded"), 14, inner,
               "fill=\"#e60012\" font-weight=\"bold\"", "grade");
      y += 20;
    } else if (!r.grade->grade) {
      svg.text(kMargin, y + 10, t("label.below_limit"), 14, inner,
               "fill=\"#e60012\" font-weight=\"bold\"", "grade");
      y += 20;
    }
  } else {
    svg.text(kMargin, y + 24, t("label.no_grades"), 15, inner, "fill=\"#333333\"", "grade");
    y += 40;
  }
  return y;
}

// The key metric, large, and the others on one line.
double draw_metrics(Svg& svg, const Rating& r, const LabelText& t, double y) {
  const double inner = kWidth - 2 * kMargin;
  y += 8;
  svg.raw(fmt::format(
      "<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"84\" rx=\"6\" fill=\"#f2f7fb\" "
      "stroke=\"#0068b7\"/>\n",
      kMargin, y, inner));
  svg.text(kMargin + 14, y + 40, fmt::format("{} {}", r.metric.name, ratio(r.metric.value)), 30,
           inner * 0.62, "font-weight=\"bold\" fill=\"#0068b7\"", "metric");
  svg.text(kMargin + inner * 0.66, y + 38,
           fmt::format("{}", r.metric.computed ? t("label.computed") : t("label.declared")), 13,
           inner * 0.32, "fill=\"#333333\"");
  std::vector<std::string> others;
  for (const auto& m : r.other_metrics) {
    if (m.name == "eta_s") {
      others.push_back(fmt::format("ηs {:.0f} %", m.value * 100.0));
    } else {
      others.push_back(fmt::format("{} {}", m.name, ratio(m.value)));
    }
  }
  svg.text(kMargin + 14, y + 66,
           others.empty() ? std::string(" ") : fmt::format("{}", fmt::join(others, " · ")), 13,
           inner - 28, "fill=\"#333333\"", "other-metrics");
  y += 84;
  return y;
}

// The 2030 target line and whether the product meets it.
double draw_target(Svg& svg, const Rating& r, const LabelText& t, double y) {
  const double inner = kWidth - 2 * kMargin;
  y += 26;
  if (r.target) {
    const std::string x = fmt::format("{:+.1f} %", r.target->improvement * 100.0);
    const bool limit = r.target->baseline_is_limit;
    std::string line = replace(t("label.target"), "x", x);
    line = replace(line, "baseline", limit ? t("label.baseline_limit") : r.target->baseline_name);
    line = replace(line, "t", fmt::format("+{:.0f} %", r.target->target * 100.0));
    svg.text(kMargin, y, line, 14, inner, "font-weight=\"bold\"", "target");
    y += 20;
    const std::string status = r.target->status == TargetStatus::met ? t("label.target_met")
                               : r.target->status == TargetStatus::fails_minimum
                                   ? t("label.target_fails_minimum")
                                   : t("label.target_not_met");
    svg.text(kMargin, y, status, 13, inner,
             fmt::format("fill=\"{}\"", r.target->met ? "#00954c" : "#e60012"), "target-status");
  } else {
    svg.text(kMargin, y, t("label.no_target"), 13, inner, "fill=\"#333333\"", "target");
    y += 20;
  }
  y += 14;
  svg.raw(
      fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#0068b7\"/>\n",
                  kMargin, y, kWidth - kMargin, y));
  return y;
}

// The refrigerant, its GWP and the charge's CO2e.
double draw_refrigerant(Svg& svg, const Rating& r, const LabelText& t, double y) {
  const double inner = kWidth - 2 * kMargin;
  y += 26;
  const auto& ref = r.refrigerant;
  const std::string basis(to_string(ref.basis));
  if (ref.name.empty()) {
    svg.text(kMargin, y, t("label.no_refrigerant"), 15, inner, "", "refrigerant");
    y += 24;
  } else {
    const std::string charge =
        ref.charge ? fmt::format(" · {} {:.2f} kg", t("label.charge"), *ref.charge) : "";
    svg.text(kMargin, y, fmt::format("{} {}{}", t("label.refrigerant"), ref.name, charge), 16,
             inner, "font-weight=\"bold\"", "refrigerant");
    y += 24;
    const std::string gwp_value =
        ref.gwp ? fmt::format("{:g}", *ref.gwp) : replace(t("label.gwp_missing"), "basis", basis);
    svg.text(kMargin, y, fmt::format("{} {}", replace(t("label.gwp"), "basis", basis), gwp_value),
             15, inner, "", "gwp");
    y += 24;
    if (ref.co2e) {
      const std::string co2e = *ref.co2e >= 1000.0 ? fmt::format("{:.2f} t CO2e", *ref.co2e / 1e3)
                                                   : fmt::format("{:.3g} kg CO2e", *ref.co2e);
      svg.text(kMargin, y, fmt::format("{} {}", t("label.co2e"), co2e), 15, inner, "", "co2e");
      y += 22;
    }
    svg.text(kMargin, y, replace(t("label.gwp_source"), "basis", basis), 11, inner,
             "fill=\"#555555\"", "gwp-source");
    y += 8;
  }
  return y;
}

// The footer (the standard, its title and the confidence of the table used) and the
// document around the drawing.
std::string finish_label(Svg& svg, const Rating& r, const LabelText& t, std::string_view lang,
                         double y) {
  const double inner = kWidth - 2 * kMargin;
  const double fy = y + 40;
  const double height = fy + 44;
  svg.raw(
      fmt::format("<rect x=\"0\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"#eef3f7\"/>\n",
                  fy - 18, kWidth, height - fy + 18));
  const std::string conf = std::string(
      to_string(r.grade ? weakest(r.grade->confidence, r.metric.confidence) : r.metric.confidence));
  svg.text(kMargin, fy,
           fmt::format("{} {} {} · {} {}", t("label.standard"), r.standard_name, r.standard_title,
                       t("label.confidence"), conf),
           11, inner, "fill=\"#333333\"", "footer");
  svg.text(kMargin, fy + 18, t("label.confidence_note"), 9.5, inner, "fill=\"#555555\"");
  svg.text(kMargin, fy + 34, "heatlift rate", 9.5, inner, "fill=\"#888888\"");

  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" "
      "viewBox=\"0 0 {w} {h}\" xml:lang=\"{lang}\" font-family=\"{font}\">\n"
      "<title>{title}</title>\n"
      "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\" stroke=\"#0068b7\" "
      "stroke-width=\"2\"/>\n{body}</svg>\n",
      fmt::arg("w", kWidth), fmt::arg("h", height), fmt::arg("lang", lang), fmt::arg("font", kFont),
      fmt::arg("title", core::html_escape(fmt::format("{} — {} — {}", t("label.title"), r.product,
                                                      r.standard_name))),
      fmt::arg("body", svg.body()));
}

}  // namespace

std::string label_svg(const Rating& r, const LabelText& t, std::string_view lang) {
  Svg svg;
  draw_header(svg, t);
  double y = draw_product(svg, r, t, lang);
  y = draw_grade_scale(svg, r, t, y);
  y = draw_metrics(svg, r, t, y);
  y = draw_target(svg, r, t, y);
  y = draw_refrigerant(svg, r, t, y);
  return finish_label(svg, r, t, lang, y);
}

}  // namespace heatlift::standards
