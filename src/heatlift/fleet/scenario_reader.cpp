#include "heatlift/fleet/scenario_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "heatlift/fleet/scenario_params.hpp"

namespace heatlift::fleet::detail {
namespace {

const core::ParamDecl kPathYears{.key = "years",
                                 .kind = core::ParamKind::integer,
                                 .range = kYear,
                                 .required = true,
                                 .doc = "anchor years of a path (strictly increasing)"};

}  // namespace

core::ParamDecl at_key(const core::ParamDecl& p, std::string_view key) {
  core::ParamDecl out = p;
  out.key = key;
  out.fallback = {};
  out.required = true;
  return out;
}

int year(core::ConfigTable& t, const core::ParamDecl& p) {
  return static_cast<int>(t.integer(p.key, p.range));
}

std::optional<int> optional_year(core::ConfigTable& t, const core::ParamDecl& p) {
  if (!t.has(p.key)) return std::nullopt;
  return year(t, p);
}

std::vector<double> years(core::ConfigTable& t, const core::ParamDecl& p) {
  if (!t.has(p.key) && !p.fallback.empty()) {
    const core::ConfigDocument doc =
        core::ConfigDocument::from_text("", "<declared default>").with_value(p.key, p.fallback);
    core::ConfigTable d(doc);
    return years(d, p);
  }
  const std::vector<long long> ys = t.integers(p.key, p.range);
  if (ys.empty()) t.fail(p.key, "expected a non-empty array of years");
  for (std::size_t i = 1; i < ys.size(); ++i) {
    if (ys[i] <= ys[i - 1]) {
      t.fail_entry(p.key, i,
                   fmt::format("{} after {}: years must be strictly increasing", ys[i], ys[i - 1]));
    }
  }
  return {ys.begin(), ys.end()};
}

std::vector<double> values(core::ConfigTable& t, const core::ParamDecl& p) {
  std::vector<double> out = t.values(p);
  if (out.empty()) t.fail(p.key, "expected a non-empty array");
  return out;
}

Path path(core::ConfigTable& t, const core::ParamDecl& p) {
  if (!t.is_table(p.key)) return Path::constant(t.value(p));
  core::ConfigTable sub = t.table(p.key);
  Path out;
  out.years = years(sub, kPathYears);
  out.values = values(sub, at_key(p, "values"));
  if (out.values.size() != out.years.size()) {
    sub.fail("values",
             fmt::format("has {} entries but years has {}", out.values.size(), out.years.size()));
  }
  sub.finish();
  return out;
}

void check_sum(const core::ConfigTable& shares, double sum, std::string_view what) {
  if (std::isfinite(sum) && std::abs(sum - 1.0) <= kShareSumTolerance) return;
  std::string blame;
  for (const std::string& k : shares.keys()) {
    if (shares.origin(k) == shares.file()) {
      blame = k;
      break;
    }
  }
  shares.fail_whole(blame, fmt::format("{} add up to {:.6g} %, expected 100 % (within {:g} %)",
                                       what, sum * 100.0, kShareSumTolerance * 100.0));
}

std::vector<std::string> segment_filter(core::ConfigTable& t, const core::ParamDecl& p,
                                        const Scenario& sc) {
  if (!t.has(p.key)) return {};
  std::vector<std::string> names = t.strings(p.key);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const bool found = std::any_of(sc.segments.begin(), sc.segments.end(),
                                   [&](const Segment& s) { return s.name == names[i]; });
    if (!found) t.fail_entry(p.key, i, fmt::format("no segment named '{}'", names[i]));
  }
  return names;
}

}  // namespace heatlift::fleet::detail
