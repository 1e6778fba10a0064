#include "heatlift/fluids/library.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"

namespace heatlift::fluids {

std::string normalise_fluid_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '_' || c == '(' || c == ')') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

FluidLibrary::FluidLibrary(const core::DataStore& store) : store_(store) {}
FluidLibrary::~FluidLibrary() = default;

void FluidLibrary::index() const {
  // Caller holds mutex_.
  if (indexed_) return;
  for (const auto& f : store_.list("fluids/")) {
    if (!f.path.ends_with(".json")) continue;
    const nlohmann::json j = nlohmann::json::parse(store_.read(f.path), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j.at("id").is_string()) {
      throw InvalidInput(fmt::format("fluid file '{}' is not valid JSON with an 'id'", f.path));
    }
    const std::string id = j.at("id").get<std::string>();
    file_of_id_[id] = f.path;
    std::vector<std::string> names{id, j.value("name", std::string())};
    if (j.contains("aliases")) {
      for (const auto& a : j.at("aliases")) {
        if (a.is_string()) names.push_back(a.get<std::string>());
      }
    }
    for (const auto& n : names) {
      if (!n.empty()) id_of_key_.emplace(normalise_fluid_name(n), id);
    }
  }
  indexed_ = true;
}

std::vector<std::string> FluidLibrary::ids() const {
  std::lock_guard lock(mutex_);
  index();
  std::vector<std::string> out;
  for (const auto& [id, file] : file_of_id_) out.push_back(id);
  return out;
}

std::string FluidLibrary::resolve(std::string_view name) const {
  std::lock_guard lock(mutex_);
  index();
  const auto it = id_of_key_.find(normalise_fluid_name(name));
  if (it != id_of_key_.end()) return it->second;
  std::string known;
  for (const auto& [id, file] : file_of_id_) known += (known.empty() ? "" : ", ") + id;
  throw DataMissing(fmt::format("unknown fluid '{}'; known fluids: {}", name, known));
}

std::shared_ptr<const Fluid> FluidLibrary::exact(std::string_view name) const {
  const std::string id = resolve(name);
  std::lock_guard lock(mutex_);
  if (auto it = exact_.find(id); it != exact_.end()) return it->second;
  const std::string& path = file_of_id_.at(id);
  auto fluid = std::make_shared<const Fluid>(parse_fluid_json(store_.read(path), path));
  exact_.emplace(id, fluid);
  return fluid;
}

}  // namespace heatlift::fluids
