#include "heatlift/operations/units_io.hpp"

#include <fmt/format.h>

#include <set>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"

namespace heatlift::operations {

namespace {

const std::vector<std::string_view> kTypes = {"air-water", "ground-water", "water-water"};
const std::vector<std::string_view> kEmitters = {"floor", "radiators", "fan-coils"};

UnitMeta read_unit(core::ConfigTable& t) {
  UnitMeta u;
  u.id = t.nonempty_string("id");
  u.type = t.choice_or("type", kTypes, "air-water");
  u.refrigerant = t.string_or("refrigerant", "");
  u.rated_capacity = t.quantity_or("rated_capacity", core::Dimension::power, 0.0,
                                   core::Range{0.0, 1e8, "from 0 to 100 MW"});
  u.install_year = static_cast<int>(t.integer_or("install_year", 0, 0, 2100));
  if (u.install_year != 0 && u.install_year < 1950)
    t.fail("install_year", fmt::format("{} is not a year a heat pump went into service; expected "
                                       "a year from 1950 to 2100 (or leave it out)",
                                       u.install_year));
  u.place = t.string_or("place", "");
  u.emitters = t.has("emitters") ? t.choice("emitters", kEmitters) : std::string{};
  u.product = t.string_or("product", "");
  u.map_file = t.string_or("map_file", "");
  if (!u.product.empty() && !u.map_file.empty())
    t.fail("map_file", "give either product or map_file, not both");
  if (auto m = t.optional_table("meters")) {
    u.meters.elec_unit = m->boolean_or("elec_unit", true);
    u.meters.elec_source = m->boolean_or("elec_source", false);
    u.meters.elec_backup = m->boolean_or("elec_backup", false);
    u.meters.elec_sink = m->boolean_or("elec_sink", false);
    u.meters.heat_hp = m->boolean_or("heat_hp", true);
    u.meters.heat_backup = m->boolean_or("heat_backup", false);
    m->finish();
  }
  t.finish();
  return u;
}

std::vector<UnitMeta> read_units(const core::ConfigDocument& doc) {
  core::ConfigTable root(doc);
  std::vector<UnitMeta> out;
  std::set<std::string> seen;
  auto tables = root.tables("unit");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    out.push_back(read_unit(tables[i]));
    if (!seen.insert(out.back().id).second)
      tables[i].fail("id", fmt::format("unit '{}' is described twice", out.back().id));
  }
  root.finish();
  return out;
}

}  // namespace

std::vector<UnitMeta> read_units_file(const std::filesystem::path& path) {
  return read_units(core::ConfigDocument::from_file(path.string()));
}

std::vector<UnitMeta> read_units_text(std::string_view text, std::string origin) {
  return read_units(core::ConfigDocument::from_text(text, std::move(origin)));
}

nlohmann::json unit_meta_to_json(const UnitMeta& u) {
  return {{"id", u.id},
          {"type", u.type},
          {"refrigerant", u.refrigerant},
          {"rated_capacity_W", u.rated_capacity},
          {"install_year", u.install_year},
          {"place", u.place},
          {"emitters", u.emitters},
          {"product", u.product},
          {"map_file", u.map_file},
          {"meters",
           {{"elec_unit", u.meters.elec_unit},
            {"elec_source", u.meters.elec_source},
            {"elec_backup", u.meters.elec_backup},
            {"elec_sink", u.meters.elec_sink},
            {"heat_hp", u.meters.heat_hp},
            {"heat_backup", u.meters.heat_backup}}}};
}

UnitMeta unit_meta_from_json(const nlohmann::json& j) {
  UnitMeta u;
  if (!j.is_object()) throw InvalidInput("unit metadata: expected a JSON object");
  u.id = j.value("id", std::string{});
  u.type = j.value("type", std::string{});
  u.refrigerant = j.value("refrigerant", std::string{});
  u.rated_capacity = j.value("rated_capacity_W", 0.0);
  u.install_year = j.value("install_year", 0);
  u.place = j.value("place", std::string{});
  u.emitters = j.value("emitters", std::string{});
  u.product = j.value("product", std::string{});
  u.map_file = j.value("map_file", std::string{});
  if (auto m = j.find("meters"); m != j.end() && m->is_object()) {
    u.meters.elec_unit = m->value("elec_unit", true);
    u.meters.elec_source = m->value("elec_source", false);
    u.meters.elec_backup = m->value("elec_backup", false);
    u.meters.elec_sink = m->value("elec_sink", false);
    u.meters.heat_hp = m->value("heat_hp", true);
    u.meters.heat_backup = m->value("heat_backup", false);
  }
  return u;
}

}  // namespace heatlift::operations
