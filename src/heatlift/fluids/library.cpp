#include "heatlift/fluids/library.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

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

namespace {

// The names a fluid file declares at its top level ("id", "name", "aliases"), read with a
// SAX pass that stops as soon as all three are seen: they stand at the head of every
// shipped file, so the coefficients behind them (~70 kB a file) are never lexed. A file
// that puts them later is still read to its end.
class NameScan : public nlohmann::json::json_sax_t {
 public:
  std::optional<std::string> id, name;
  std::vector<std::string> aliases;
  bool aliases_done = false;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool string(string_t& v) override {
    if (depth_ == 1 && key_ == "id") id = v;
    if (depth_ == 1 && key_ == "name") name = v;
    if (depth_ == 2 && in_aliases_) aliases.push_back(v);
    return value();
  }
  bool start_object(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    if (depth_ == 1 && key_ == "aliases") in_aliases_ = true;
    return open();
  }
  bool end_array() override {
    if (depth_ == 2 && in_aliases_) {
      in_aliases_ = false;
      aliases_done = true;
    }
    return close();
  }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    failed_ = true;
    return false;
  }
  bool failed() const { return failed_; }
  bool complete() const { return id && name && aliases_done; }

 private:
  bool value() { return !complete(); }
  bool open() {
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return !complete();
  }
  int depth_ = 0;
  bool in_aliases_ = false;
  bool failed_ = false;
  std::string key_;
};

}  // namespace

void FluidLibrary::index() const {
  // Caller holds mutex_.
  if (indexed_) return;
  for (const auto& f : store_.list("fluids/")) {
    if (!f.path.ends_with(".json")) continue;
    const std::string text = store_.read(f.path);
    NameScan scan;
    nlohmann::json::sax_parse(text, &scan, nlohmann::json::input_format_t::json, false);
    if (scan.failed() || !scan.id) {
      throw InvalidInput(fmt::format("fluid file '{}' is not valid JSON with an 'id'", f.path));
    }
    const std::string& id = *scan.id;
    file_of_id_[id] = f.path;
    std::vector<std::string> names{id, scan.name.value_or(std::string())};
    names.insert(names.end(), scan.aliases.begin(), scan.aliases.end());
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
