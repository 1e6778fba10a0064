#include "heatlift/site/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <iterator>
#include <mutex>
#include <thread>

#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/site/cooling_output.hpp"

namespace heatlift::site {
namespace {

constexpr double kJPerKWh = 3.6e6;

// The first baseline's comparison (the one the file lists first, coal by default).
const BaselineOutcome* first_baseline(const SiteOutcome& o) {
  return o.baselines.empty() ? nullptr : &o.baselines.front();
}

// Years, "never" when the heat pump saves nothing against it, none when there is no money.
SweepFigure payback_of(const BaselineOutcome* b) {
  if (b == nullptr || !b->money) return {};
  if (b->money->payback.years) return *b->money->payback.years;
  return std::string("never");
}

using O = SiteOutcome;
using K = SweepKind;
using F = SweepFigure;

constexpr SweepColumn kColumns[] = {
    {"capacity_kw", K::number, [](const O& o) -> F { return o.plan.heat_pump.capacity / 1e3; },
     false},
    {"heat_kwh", K::number,
     [](const O& o) -> F {
       const Annual& a = o.simulation.annual;
       return (a.hp_heat + a.recovered_heat + a.backup_heat) / kJPerKWh;
     },
     false},
    {"electricity_kwh", K::number,
     [](const O& o) -> F { return o.simulation.annual.electricity / kJPerKWh; }, false},
    {"spf_h2", K::number, [](const O& o) -> F { return o.simulation.annual.spf_h2; }, false},
    {"spf_h4", K::number, [](const O& o) -> F { return o.simulation.annual.spf_h4; }, false},
    {"backup_share", K::number, [](const O& o) -> F { return o.simulation.annual.backup_share; },
     false},
    {"peak_electric_kw", K::number,
     [](const O& o) -> F { return o.simulation.annual.peak_electric / 1e3; }, false},
    {"unmet_hours", K::count,
     [](const O& o) -> F { return static_cast<long long>(o.simulation.annual.unmet_hours); },
     false},
    {"co2_t", K::number, [](const O& o) -> F { return o.co2_kg / 1e3; }, false},
    {"energy_cost_cny", K::number,
     [](const O& o) -> F { return o.tariff ? F(o.tariff->cost_cny) : F(); }, false},
    {"lcoh_cny_per_kwh", K::number,
     [](const O& o) -> F { return o.lcoh ? F(*o.lcoh * kJPerKWh) : F(); }, false},
    // A unit that cools: its cooling, the cooling hours' electricity (unit and auxiliaries),
    // the system's seasonal EER and the running cost of those hours; none when it only heats.
    {"cooling_kwh", K::number,
     [](const O& o) -> F { return cools(o) ? F(o.simulation.annual.cooling / kJPerKWh) : F(); },
     true},
    {"cooling_electricity_kwh", K::number,
     [](const O& o) -> F {
       const Annual& a = o.simulation.annual;
       return cools(o) ? F((a.cooling_power + a.cooling_source_aux + a.cooling_sink_aux) / kJPerKWh)
                       : F();
     },
     true},
    {"seer_system", K::number,
     [](const O& o) -> F { return cools(o) ? F(o.simulation.annual.seer_system) : F(); }, true},
    {"cooling_cost_cny", K::number,
     [](const O& o) -> F { return o.cooling_cost_cny ? F(*o.cooling_cost_cny) : F(); }, true},
    {"baseline", K::text,
     [](const O& o) -> F {
       const auto* b = first_baseline(o);
       return b ? F(b->generator.id) : F();
     },
     false},
    {"co2_saving_t", K::number,
     [](const O& o) -> F {
       const auto* b = first_baseline(o);
       return b ? F(b->co2_saving_kg / 1e3) : F();
     },
     false},
    {"payback_years", K::number, [](const O& o) -> F { return payback_of(first_baseline(o)); },
     false},
};
// The first baseline's id, CO2 saving and payback close the list.
constexpr std::size_t kSiteColumns = std::size(kColumns) - 3;

}  // namespace

std::span<const SweepColumn> sweep_columns() {
  return kColumns;
}

std::span<const SweepColumn> site_columns() {
  return std::span<const SweepColumn>(kColumns).first(kSiteColumns);
}

std::vector<SweepBaseline> sweep_baselines(const SiteOutcome& o) {
  std::vector<SweepBaseline> out;
  for (const BaselineOutcome& b : o.baselines) {
    SweepBaseline s;
    s.id = b.generator.id;
    s.co2_saving_t = b.co2_saving_kg / 1e3;
    if (b.money) s.saving_cny = b.money->annual_saving;
    s.payback_years = payback_of(&b);
    out.push_back(std::move(s));
  }
  return out;
}

void check_sweep_value(std::string_view key, std::string_view value) {
  const auto dot = key.rfind('.');
  if (dot == std::string_view::npos || !core::find_block("site", key.substr(0, dot))) return;
  core::check_setting("site", key, value);
}

void run_sweep(const core::ConfigDocument& doc, const std::vector<std::string>& keys,
               std::vector<SweepVariant>& variants, const SiteLibraries& lib,
               const std::filesystem::path& base, unsigned threads) {
  const std::size_t total = variants.size();
  std::atomic<std::size_t> next{0};
  std::exception_ptr bug;  // an exception that is not a heatlift::Error ends the sweep
  std::mutex bug_mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      SweepVariant& v = variants[i];
      try {
        core::ConfigDocument d = doc;
        for (std::size_t k = 0; k < keys.size(); ++k) d = d.with_value(keys[k], v.values[k]);
        const SiteOutcome o = evaluate(read_site(d, lib, base), lib);
        std::vector<SweepFigure> figures;
        figures.reserve(std::size(kColumns));
        for (const SweepColumn& col : kColumns) figures.push_back(col.of(o));
        v.figures = std::move(figures);
        v.baselines = sweep_baselines(o);
      } catch (const Error& e) {
        v.error = e.what();
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
}

}  // namespace heatlift::site
