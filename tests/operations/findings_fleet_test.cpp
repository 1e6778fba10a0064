// The findings rules against a synthetic fleet with known faults (operations/synthetic.hpp):
// each rule fires on its fault and stays silent elsewhere. Precision and recall per rule are
// printed and asserted; docs/operations.md ("Findings") keeps the table. About 40 s on two
// cores (130 units × three seasons of 2-minute rows), hence its own target and label.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "heatlift/core/data_store.hpp"
#include "heatlift/equipment/product.hpp"
#include "heatlift/fluids/library.hpp"
#include "heatlift/operations/findings.hpp"
#include "heatlift/operations/synthetic.hpp"
#include "heatlift/site/site_case.hpp"

namespace {

using namespace heatlift;
using namespace heatlift::operations;

struct World {
  core::DataStore data;
  fluids::FluidLibrary fluids{data};
  equipment::ProductLibrary products{data, fluids};
  site::SiteLibraries lib{data, products};
  FindingCatalogue catalogue = FindingCatalogue::load(data);
};
const World& world() {
  static const World w;
  return w;
}

struct Outcome {
  std::string id;
  std::optional<FaultKind> fault;
  std::string detail;
  std::vector<Finding> findings;
};

// Generates and diagnoses every unit of the fleet on two threads, one unit at a time.
std::vector<Outcome> run_fleet(const SyntheticOptions& options) {
  const SyntheticFleet fleet(world().lib, options);
  std::vector<Outcome> out(fleet.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < fleet.size(); i = next++) {
      try {
        const SyntheticUnit u = fleet.generate(i);
        const UnitModel model = resolve_model(u.meta, &world().products);
        UnitContext ctx;
        ctx.model = &model;
        ctx.t_out_design = u.t_out_design;
        Diagnosis d = diagnose(u.series, u.meta, ctx);
        out[i].id = u.meta.id;
        out[i].fault = fleet.specs()[i].fault;
        out[i].detail = u.faults.empty() ? "" : u.faults.front().detail;
        out[i].findings = std::move(d.findings);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::thread other(work);
  work();
  other.join();
  if (error) std::rethrow_exception(error);
  return out;
}

bool fired(const Outcome& o, FindingCode code) {
  for (const Finding& f : o.findings) {
    if (f.code == code) return true;
  }
  return false;
}

// The fleet: 20 healthy units and 10 per fault at seven northern stations, three heating
// seasons of 2-minute rows, each fault's severity drawn over its whole range (synthetic.hpp).
// Asserted: recall ≥ 0.9 and precision ≥ 0.9 for every rule, and at most one healthy unit
// with any finding (false-alarm rate ≤ 5 %).
TEST(Findings, EachRuleFindsItsFaultOnASyntheticFleet) {
  SyntheticOptions options;
  options.healthy = 20;
  options.per_fault = 10;
  options.seasons = 3;
  options.interval = 120;
  const std::vector<Outcome> fleet = run_fleet(options);

  std::string table =
      "| rule | units with the fault | TP | FN | FP | recall | precision "
      "|\n|---|---|---|---|---|---|---|\n";
  for (FindingCode code : all_finding_codes()) {
    const FaultKind kind = fault_kind_from_string(to_string(code));
    int tp = 0, fn = 0, fp = 0, faulty = 0;
    for (const Outcome& o : fleet) {
      const bool has = o.fault == kind;
      const bool hit = fired(o, code);
      faulty += has ? 1 : 0;
      if (has && hit) ++tp;
      if (has && !hit) {
        ++fn;
        std::printf("missed  %-20s %s (%s)\n", std::string(to_string(code)).c_str(), o.id.c_str(),
                    o.detail.c_str());
      }
      if (!has && hit) {
        ++fp;
        std::printf("false   %-20s %s (fault: %s)\n", std::string(to_string(code)).c_str(),
                    o.id.c_str(), o.fault ? std::string(to_string(*o.fault)).c_str() : "none");
      }
    }
    const double recall = faulty > 0 ? static_cast<double>(tp) / faulty : 0.0;
    const double precision = tp + fp > 0 ? static_cast<double>(tp) / (tp + fp) : 0.0;
    table += fmt::format("| {} | {} | {} | {} | {} | {:.2f} | {:.2f} |\n", to_string(code), faulty,
                         tp, fn, fp, recall, precision);
    EXPECT_GE(recall, 0.9) << to_string(code);
    EXPECT_GE(precision, 0.9) << to_string(code);
  }
  int healthy_alarms = 0;
  for (const Outcome& o : fleet) {
    if (!o.fault && !o.findings.empty()) {
      ++healthy_alarms;
      for (const Finding& f : o.findings) {
        std::printf("healthy %s: %s\n", o.id.c_str(),
                    world().catalogue.text(f, "diagnosis", Language::en).c_str());
      }
    }
  }
  std::printf("%s", table.c_str());
  EXPECT_LE(healthy_alarms, 1);
}

}  // namespace
