// The command line's description of the verbs the endpoint table names, as `heatlift
// serve` hands it to the server, for tests that run without the command line.
#pragma once

#include "heatlift/server/endpoints.hpp"

namespace heatlift::testing {

inline server::OptionDoc positional(std::string name, std::string doc = "a name") {
  return {std::move(name), std::move(doc), "TEXT", true, false, true, false};
}
inline server::OptionDoc option(std::string name, std::string type = "TEXT",
                                std::string doc = "an option") {
  return {std::move(name), std::move(doc), std::move(type), false, false, false, false};
}
inline server::OptionDoc flag(std::string name) {
  return {std::move(name), "a flag", "", false, true, false, false};
}

/// Every verb the endpoint table runs, with the options it exposes.
inline server::VerbDocs fake_docs() {
  using server::VerbDoc;
  server::VerbDocs d;
  d["fluid list"] = VerbDoc{"the fluids", {}};
  d["fluid info"] = VerbDoc{"one fluid", {positional("fluid")}};
  d["fluid state"] =
      VerbDoc{"one state",
              {positional("fluid"), option("--T"), option("--p"), option("--h"), option("--s"),
               option("--Q"), option("--rho"), option("--backend", "TEXT:{exact,fast}")}};
  d["cycle run"] = VerbDoc{"solve a cycle", {positional("file")}};
  d["cycle compare"] =
      VerbDoc{"compare", {positional("file"), option("--fluids"), option("--gwp")}};
  d["product list"] = VerbDoc{"products", {}};
  d["product show"] = VerbDoc{"a product", {positional("id")}};
  d["rate"] = VerbDoc{
      "rate", {positional("product"), option("--standard"), option("--gwp"), option("--baseline")}};
  d["climate list"] = VerbDoc{"cities", {flag("--stations"), option("--seed", "UINT")}};
  d["climate show"] = VerbDoc{"a city", {positional("city"), option("--seed", "UINT")}};
  d["site run"] = VerbDoc{"a site", {positional("file")}};
  d["scenario list"] = VerbDoc{"scenarios", {}};
  server::OptionDoc scenario = option("--scenario");
  scenario.repeatable = true;
  d["roadmap"] =
      VerbDoc{"the fleet",
              {scenario, option("--engine", "TEXT:{bottom-up,top-down}"),
               option("--regions", "TEXT:{province,zone}"),
               option("--samples", "INT:INT in [1 - 1000000]"), option("--seed", "UINT")}};
  // The monitor verbs: each on the store named by --db, which the server fills in.
  server::OptionDoc files = positional("files");
  files.repeatable = true;
  files.required = false;
  server::OptionDoc units = option("--unit");
  units.repeatable = true;
  server::OptionDoc sentinel = option("--sentinel", "FLOAT");
  sentinel.repeatable = true;
  d["monitor units"] = VerbDoc{"the store's units", {option("--db")}};
  d["monitor ingest"] = VerbDoc{
      "ingest",
      {files, option("--unit"), option("--tz"), sentinel, option("--interval"), option("--db")}};
  d["monitor kpi"] =
      VerbDoc{"KPIs",
              {option("--unit"), flag("--all"), option("--from"), option("--to"),
               option("--period", "TEXT:{day,month,year}"), option("--t-source"), option("--db")}};
  d["monitor diagnose"] = VerbDoc{
      "findings",
      {units, flag("--all"), option("--from"), option("--to"), option("--lang"), option("--db")}};
  d["monitor retrofit"] =
      VerbDoc{"retrofit",
              {units, flag("--all"), option("--from"), option("--to"), option("--price"),
               option("--grid"), option("--design-outdoor"), option("--db")}};
  return d;
}

}  // namespace heatlift::testing
