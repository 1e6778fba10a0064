#include "heatlift/python/sweep.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/site/site_case.hpp"

namespace heatlift::python {
namespace {

constexpr double kJPerKWh = 3.6e6;
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// What a variant gives: the numbers of the sweep's columns (NaN where not computed), the
// unmet hours, the first baseline's id, and the error of a variant that failed.
struct Outcome {
  static constexpr std::size_t kNumbers = 12;
  std::array<double, kNumbers> numbers{};
  std::int64_t unmet_hours = 0;
  std::optional<std::string> baseline;
  std::optional<std::string> error;
};

// Column names of Outcome::numbers, in order; unmet_hours and baseline are placed as the
// command line's sweep places them.
constexpr const char* kNumberNames[Outcome::kNumbers] = {
    "capacity_kw",     "heat_kwh",         "electricity_kwh",  "spf_h2",
    "spf_h4",          "backup_share",     "peak_electric_kw", "co2_t",
    "energy_cost_cny", "lcoh_cny_per_kwh", "co2_saving_t",     "payback_years"};

Outcome figures(const site::SiteOutcome& o) {
  const site::Annual& a = o.simulation.annual;
  const site::BaselineOutcome* b = o.baselines.empty() ? nullptr : &o.baselines.front();
  Outcome out;
  out.numbers = {o.plan.heat_pump.capacity / 1e3,
                 (a.hp_heat + a.backup_heat) / kJPerKWh,
                 a.electricity / kJPerKWh,
                 a.spf_h2,
                 a.spf_h4,
                 a.backup_share,
                 a.peak_electric / 1e3,
                 o.co2_kg / 1e3,
                 o.tariff ? o.tariff->cost_cny : kNone,
                 o.lcoh ? *o.lcoh * kJPerKWh : kNone,
                 b ? b->co2_saving_kg / 1e3 : kNone,
                 b && b->money && b->money->payback.years ? *b->money->payback.years : kNone};
  out.unmet_hours = a.unmet_hours;
  if (b) out.baseline = b->generator.id;
  return out;
}

Outcome failed(const std::string& message) {
  Outcome out;
  out.numbers.fill(kNone);
  out.error = message;
  return out;
}

Table columns(const SweepRequest& request, const std::vector<Outcome>& outcomes) {
  Table t;
  for (std::size_t k = 0; k < request.keys.size(); ++k) {
    TextColumn values;
    for (const auto& v : request.variants) values.emplace_back(v[k]);
    t.push_back({request.keys[k], std::move(values)});
  }
  auto number = [&](std::size_t i) {
    NumberColumn c;
    for (const Outcome& o : outcomes) c.push_back(o.numbers[i]);
    t.push_back({kNumberNames[i], std::move(c)});
  };
  for (std::size_t i = 0; i < 7; ++i) number(i);  // capacity … peak_electric_kw
  CountColumn unmet;
  for (const Outcome& o : outcomes) unmet.push_back(o.unmet_hours);
  t.push_back({"unmet_hours", std::move(unmet)});
  for (std::size_t i = 7; i < 10; ++i) number(i);  // co2_t … lcoh_cny_per_kwh
  TextColumn baseline, error;
  for (const Outcome& o : outcomes) {
    baseline.push_back(o.baseline);
    error.push_back(o.error);
  }
  t.push_back({"baseline", std::move(baseline)});
  for (std::size_t i = 10; i < Outcome::kNumbers; ++i) number(i);  // co2_saving_t, payback
  t.push_back({"error", std::move(error)});
  return t;
}

}  // namespace

void check_sweep(const SweepRequest& request) {
  for (const auto& v : request.variants) {
    if (v.size() != request.keys.size()) {
      throw InvalidInput(fmt::format("site sweep: a variant has {} values for {} keys", v.size(),
                                     request.keys.size()));
    }
  }
  for (std::size_t k = 0; k < request.keys.size(); ++k) {
    const std::string& key = request.keys[k];
    const auto dot = key.rfind('.');
    if (dot == std::string::npos || !core::find_block("site", key.substr(0, dot))) continue;
    for (const auto& v : request.variants) core::check_setting("site", key, v[k]);
  }
}

Table run_sweep(const Session& session, const SweepRequest& request, unsigned threads) {
  check_sweep(request);
  const auto doc = core::ConfigDocument::from_text(request.text, request.origin);
  const site::SiteLibraries& lib = session.site();
  const std::size_t total = request.variants.size();
  std::vector<Outcome> outcomes(total);
  std::atomic<std::size_t> next{0};
  std::exception_ptr bug;  // an exception that is not a heatlift::Error ends the sweep
  std::mutex bug_mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      try {
        core::ConfigDocument d = doc;
        for (std::size_t k = 0; k < request.keys.size(); ++k)
          d = d.with_value(request.keys[k], request.variants[i][k]);
        outcomes[i] = figures(site::evaluate(site::read_site(d, lib, request.base_dir), lib));
      } catch (const Error& e) {
        outcomes[i] = failed(e.what());
      } catch (...) {
        std::lock_guard lock(bug_mutex);
        if (!bug) bug = std::current_exception();
        next = total;
      }
    }
  };
  const unsigned n = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<std::size_t>(n, total); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (bug) std::rethrow_exception(bug);
  return columns(request, outcomes);
}

}  // namespace heatlift::python
