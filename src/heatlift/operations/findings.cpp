#include "heatlift/operations/findings.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "heatlift/core/config.hpp"
#include "heatlift/core/data_store.hpp"
#include "heatlift/core/error.hpp"

namespace heatlift::operations {
namespace {

constexpr std::array<FindingCode, kFindingCodes> kCodes = {
    FindingCode::short_cycling,    FindingCode::curve_too_high,  FindingCode::excessive_defrost,
    FindingCode::backup_overuse,   FindingCode::low_delta_t,     FindingCode::oversized,
    FindingCode::meter_heat_stuck, FindingCode::meter_heat_high, FindingCode::meter_elec_missing,
    FindingCode::degradation};

constexpr std::string_view kCatalogue = "i18n/findings.toml";
constexpr std::array<std::string_view, 3> kParts = {"title", "diagnosis", "action"};

std::string iso_utc(std::int64_t t) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  // civil_from_days (proleptic Gregorian)
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", y, m, d, secs / 3600,
                     secs / 60 % 60, secs % 60);
}

std::string format_value(double v) {
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e9) return fmt::format("{:.0f}", v);
  const double a = std::abs(v);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 10) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

}  // namespace

std::string_view to_string(FindingCode code) {
  switch (code) {
    case FindingCode::short_cycling: return "short_cycling";
    case FindingCode::curve_too_high: return "curve_too_high";
    case FindingCode::excessive_defrost: return "excessive_defrost";
    case FindingCode::backup_overuse: return "backup_overuse";
    case FindingCode::low_delta_t: return "low_delta_t";
    case FindingCode::oversized: return "oversized";
    case FindingCode::meter_heat_stuck: return "meter_heat_stuck";
    case FindingCode::meter_heat_high: return "meter_heat_high";
    case FindingCode::meter_elec_missing: return "meter_elec_missing";
    case FindingCode::degradation: return "degradation";
  }
  return "?";
}

std::optional<FindingCode> finding_code_from_string(std::string_view name) {
  for (FindingCode c : kCodes) {
    if (to_string(c) == name) return c;
  }
  return std::nullopt;
}

const std::array<FindingCode, kFindingCodes>& all_finding_codes() {
  return kCodes;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::critical: return "critical";
  }
  return "?";
}

Language language_from_string(std::string_view text, std::string_view field) {
  if (text == "zh") return Language::zh;
  if (text == "en") return Language::en;
  throw InvalidInput(fmt::format("{}: '{}' is not a language; expected zh or en", field, text));
}

std::optional<double> Finding::value(std::string_view name) const {
  for (const Evidence& e : evidence) {
    if (e.name == name) return e.value;
  }
  return std::nullopt;
}

// ---- catalogue -------------------------------------------------------------------------

FindingCatalogue FindingCatalogue::parse(std::string_view text, std::string_view file) {
  const core::ConfigDocument doc = core::ConfigDocument::from_text(text, std::string(file));
  FindingCatalogue c;
  const auto read_leaf = [&](const toml::node& node, const std::string& key) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      throw InvalidInput(fmt::format("{}: {}: expected {{ zh = \"...\", en = \"...\" }}",
                                     core::where(node.source(), file), key));
    }
    std::array<std::string, 2> texts;
    for (int l = 0; l < 2; ++l) {
      const std::string_view lang = l == 0 ? "zh" : "en";
      const toml::node* v = t->get(lang);
      if (v == nullptr || !v->is_string() || v->as_string()->get().empty()) {
        throw InvalidInput(
            fmt::format("{}: {}: the {} text is missing; every entry needs zh and en",
                        core::where(t->source(), file), key, lang));
      }
      texts[static_cast<std::size_t>(l)] = v->as_string()->get();
    }
    for (auto&& [k, v] : *t) {
      if (k.str() != "zh" && k.str() != "en") {
        throw InvalidInput(fmt::format("{}: {}: unknown language '{}'; expected zh and en",
                                       core::where(k.source(), file), key, k.str()));
      }
    }
    c.text_[key] = std::move(texts);
  };
  for (auto&& [section, node] : doc.root()) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      throw InvalidInput(
          fmt::format("{}: {}: expected a table", core::where(node.source(), file), section.str()));
    }
    if (section.str() == "finding") {
      for (auto&& [code, entry] : *t) {
        if (!finding_code_from_string(code.str())) {
          throw InvalidInput(fmt::format("{}: finding.{}: not a finding code",
                                         core::where(code.source(), file), code.str()));
        }
        const toml::table* e = entry.as_table();
        for (std::string_view part : kParts) {
          const std::string key = fmt::format("finding.{}.{}", code.str(), part);
          const toml::node* n = e ? e->get(part) : nullptr;
          if (n == nullptr) {
            throw InvalidInput(
                fmt::format("{}: {}: missing", core::where(entry.source(), file), key));
          }
          read_leaf(*n, key);
        }
      }
    } else {
      for (auto&& [k, v] : *t) read_leaf(v, fmt::format("{}.{}", section.str(), k.str()));
    }
  }
  for (FindingCode code : kCodes) {
    if (!c.text_.contains(fmt::format("finding.{}.title", to_string(code)))) {
      throw InvalidInput(fmt::format("{}: finding.{}: missing", file, to_string(code)));
    }
  }
  for (Severity s : {Severity::info, Severity::warning, Severity::critical}) {
    if (!c.text_.contains(fmt::format("severity.{}", to_string(s)))) {
      throw InvalidInput(fmt::format("{}: severity.{}: missing", file, to_string(s)));
    }
  }
  return c;
}

FindingCatalogue FindingCatalogue::load(const core::DataStore& data) {
  return parse(data.read(kCatalogue), kCatalogue);
}

const std::string& FindingCatalogue::severity(Severity severity, Language lang) const {
  return text_.at(fmt::format("severity.{}", to_string(severity)))[static_cast<std::size_t>(lang)];
}

std::string FindingCatalogue::phrase(std::string_view key, Language lang, std::size_t units) const {
  const auto it = text_.find(key);
  if (it == text_.end()) throw DataMissing(fmt::format("{}: {}: no such text", kCatalogue, key));
  std::string s = it->second[static_cast<std::size_t>(lang)];
  const std::size_t at = s.find("{units}");
  if (at != std::string::npos) s.replace(at, 7, std::to_string(units));
  return s;
}

std::string FindingCatalogue::text(const Finding& finding, std::string_view part,
                                   Language lang) const {
  const auto it = text_.find(fmt::format("finding.{}.{}", to_string(finding.code), part));
  if (it == text_.end()) {
    throw DataMissing(
        fmt::format("{}: finding.{}.{}: no such text", kCatalogue, to_string(finding.code), part));
  }
  const std::string& tmpl = it->second[static_cast<std::size_t>(lang)];
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') {
      out += tmpl[i];
      continue;
    }
    const std::size_t close = tmpl.find('}', i);
    if (close == std::string::npos) {
      out += tmpl.substr(i);
      break;
    }
    const std::string_view name(tmpl.data() + i + 1, close - i - 1);
    if (name == "emitters") {
      const auto e = text_.find(fmt::format(
          "emitters.{}", finding.emitters.empty() ? std::string("unknown") : finding.emitters));
      out += e != text_.end() ? e->second[static_cast<std::size_t>(lang)] : finding.emitters;
    } else if (const auto v = finding.value(name)) {
      out += format_value(*v);
    } else {
      out += "?";
    }
    i = close;
  }
  return out;
}

// ---- options ---------------------------------------------------------------------------

void validate(const FindingOptions& o) {
  const auto require = [](bool good, std::string_view field, double value, std::string_view what) {
    if (!good) {
      throw InvalidInput(fmt::format("findings: {} = {}: expected {}", field, value, what));
    }
  };
  require(o.min_on_cycle > 0, "min_on_cycle", o.min_on_cycle, "a time > 0 s");
  require(o.min_cycles >= 1, "min_cycles", o.min_cycles, "a count ≥ 1");
  require(o.max_starts_per_hour > 0, "max_starts_per_hour", o.max_starts_per_hour,
          "a rate > 0 per hour");
  require(o.curve_excess > 0, "curve_excess", o.curve_excess, "a temperature difference > 0 K");
  require(o.curve_t_room > 250 && o.curve_t_room < 310, "curve_t_room", o.curve_t_room,
          "a temperature 250 … 310 K");
  require(o.defrost_ratio >= 1, "defrost_ratio", o.defrost_ratio, "a ratio ≥ 1");
  require(o.defrost_margin >= 0 && o.defrost_margin < 1, "defrost_margin", o.defrost_margin,
          "a share in [0, 1)");
  require(o.backup_share > 0 && o.backup_share < 1, "backup_share", o.backup_share,
          "a share in (0, 1)");
  require(o.full_speed > 0 && o.full_speed <= 1, "full_speed", o.full_speed,
          "a fraction in (0, 1]");
  require(o.min_delta_t > 0, "min_delta_t", o.min_delta_t, "a temperature difference > 0 K");
  require(o.oversize_ratio > 1, "oversize_ratio", o.oversize_ratio, "a ratio > 1");
  require(o.oversize_min_days >= 3, "oversize_min_days", o.oversize_min_days, "a count ≥ 3");
  require(o.stuck_share > 0 && o.stuck_share <= 1, "stuck_share", o.stuck_share,
          "a share in (0, 1]");
  require(o.stuck_min_rows >= 2, "stuck_min_rows", o.stuck_min_rows, "a count ≥ 2");
  require(o.carnot_fraction > 0 && o.carnot_fraction <= 1, "carnot_fraction", o.carnot_fraction,
          "a fraction in (0, 1]");
  require(o.balance_high > 1, "balance_high", o.balance_high, "a ratio > 1");
  require(o.balance_consistent > 0 && o.balance_consistent < 1, "balance_consistent",
          o.balance_consistent, "a share in (0, 1)");
  require(o.residual_high > 0, "residual_high", o.residual_high, "a share > 0");
  require(o.degradation_k > 0, "degradation_k", o.degradation_k, "a factor > 0");
  require(o.degradation_min_drop > 0, "degradation_min_drop", o.degradation_min_drop,
          "a share > 0");
  require(o.degradation_months >= 1, "degradation_months", o.degradation_months, "a count ≥ 1");
  require(o.baseline_min_months >= 2, "baseline_min_months", o.baseline_min_months, "a count ≥ 2");
  validate(o.expected);
}

nlohmann::json to_json(const Finding& f, const FindingCatalogue& catalogue, Language lang) {
  nlohmann::json ev = nlohmann::json::array();
  for (const Evidence& e : f.evidence) {
    ev.push_back({{"name", e.name}, {"value", e.value}, {"unit", e.unit}});
  }
  return {{"code", std::string(to_string(f.code))},
          {"unit", f.unit},
          {"period", f.period},
          {"from", iso_utc(f.from)},
          {"to", iso_utc(f.to)},
          {"severity", std::string(to_string(f.severity))},
          {"evidence", ev},
          {"title", catalogue.text(f, "title", lang)},
          {"diagnosis", catalogue.text(f, "diagnosis", lang)},
          {"action", catalogue.text(f, "action", lang)}};
}

}  // namespace heatlift::operations
