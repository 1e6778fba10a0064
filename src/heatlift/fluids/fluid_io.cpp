// Reading a fluid file (data/fluids/README.md) into a FluidDefinition. The only place
// in the fluids layer that sees JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "heatlift/core/error.hpp"
#include "heatlift/fluids/fluid.hpp"

namespace heatlift::fluids {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string_view origin) : origin_(origin) {}

  const json& at(const json& j, const char* key, std::string_view where = {}) const {
    if (!j.is_object() || !j.contains(key)) {
      throw InvalidInput(fmt::format("fluid file '{}': missing key '{}{}{}'", origin_, where,
                                     where.empty() ? "" : ".", key));
    }
    return j.at(key);
  }
  double number(const json& j, const char* key, std::string_view where = {}) const {
    const json& v = at(j, key, where);
    if (!v.is_number()) {
      throw InvalidInput(fmt::format("fluid file '{}': '{}{}{}' must be a number, got {}", origin_,
                                     where, where.empty() ? "" : ".", key, v.dump()));
    }
    return v.get<double>();
  }
  std::vector<double> numbers(const json& j, const char* key, std::string_view where) const {
    const json& v = at(j, key, where);
    if (!v.is_array()) {
      throw InvalidInput(
          fmt::format("fluid file '{}': '{}.{}' must be an array of numbers", origin_, where, key));
    }
    std::vector<double> out;
    for (const auto& x : v) {
      if (!x.is_number()) {
        throw InvalidInput(fmt::format("fluid file '{}': '{}.{}' holds {}, expected numbers",
                                       origin_, where, key, x.dump()));
      }
      out.push_back(x.get<double>());
    }
    return out;
  }
  std::vector<int> integers(const json& j, const char* key, std::string_view where) const {
    std::vector<int> out;
    for (double x : numbers(j, key, where)) {
      if (x != static_cast<int>(x)) {
        throw NotSupported(
            fmt::format("fluid file '{}': '{}.{}' holds {}, only integer exponents are supported",
                        origin_, where, key, x));
      }
      out.push_back(static_cast<int>(x));
    }
    return out;
  }
  std::string text(const json& j, const char* key) const {
    if (!j.contains(key) || j.at(key).is_null()) return {};
    if (!j.at(key).is_string()) {
      throw InvalidInput(fmt::format("fluid file '{}': '{}' must be a string", origin_, key));
    }
    return j.at(key).get<std::string>();
  }
  std::optional<double> optional_number(const json& j, const char* key) const {
    if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return std::nullopt;
    return number(j, key);
  }
  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
};

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

ChebyshevCurve read_curve(const Reader& r, const json& j, const char* key) {
  std::vector<ChebyshevCurve::Interval> intervals;
  const json& arr = r.at(j, key, "superancillary");
  for (const auto& iv : arr) {
    intervals.push_back(
        {r.number(iv, "xmin", key), r.number(iv, "xmax", key), r.numbers(iv, "coef", key), {}});
  }
  return ChebyshevCurve(std::move(intervals));
}

std::optional<Ancillary> read_ancillary(const Reader& r, const json& anc, const char* key) {
  if (!anc.contains(key) || anc.at(key).is_null()) return std::nullopt;
  const json& a = anc.at(key);
  const std::string where = std::string("ancillaries.") + key;
  Ancillary out;
  const std::string type = r.text(a, "type");
  if (type == "pL" || type == "pV") {
    out.kind = Ancillary::Kind::pressure;
  } else if (type == "rhoLnoexp") {
    out.kind = Ancillary::Kind::rho_liquid_noexp;
  } else if (type == "rhoL") {
    out.kind = Ancillary::Kind::rho_liquid_exp;
  } else if (type == "rhoV") {
    out.kind = Ancillary::Kind::rho_vapor;
  } else {
    throw NotSupported(
        fmt::format("fluid file '{}': {} has unknown type '{}'", r.origin(), where, type));
  }
  out.T_r = r.number(a, "T_r", where);
  out.reducing_value = r.number(a, "reducing_value", where);
  out.n = r.numbers(a, "n", where);
  out.t = r.numbers(a, "t", where);
  out.using_tau_r = a.value("using_tau_r", false);
  out.T_min = r.number(a, "T_min", where);
  out.T_max = r.number(a, "T_max", where);
  if (out.n.size() != out.t.size()) {
    throw InvalidInput(
        fmt::format("fluid file '{}': {}: n and t differ in length", r.origin(), where));
  }
  return out;
}

// The fluid's identity, limits and critical point.
FluidInfo read_info(const Reader& r, const json& j, std::string_view origin) {
  FluidInfo info;
  info.id = r.text(j, "id");
  if (info.id.empty()) throw InvalidInput(fmt::format("fluid file '{}': missing key 'id'", origin));
  info.name = r.text(j, "name");
  if (j.contains("aliases")) {
    for (const auto& a : j.at("aliases")) {
      if (a.is_string()) info.aliases.push_back(a.get<std::string>());
    }
  }
  info.cas = r.text(j, "cas");
  info.formula = r.text(j, "formula");
  info.safety_class = r.text(j, "safety_class");
  if (j.contains("gwp100") && j.at("gwp100").is_object()) {
    const json& g = j.at("gwp100");
    info.gwp = {r.optional_number(g, "AR4"), r.optional_number(g, "AR5"),
                r.optional_number(g, "AR6"), r.text(g, "status"), r.text(g, "source")};
  }
  info.odp = r.optional_number(j, "odp");
  info.molar_mass = r.number(j, "molar_mass");
  info.gas_constant = r.number(j, "gas_constant");
  info.T_triple = r.number(r.at(j, "triple"), "T", "triple");
  info.p_triple = r.number(r.at(j, "triple"), "p", "triple");
  info.T_max = r.number(j, "T_max");
  info.p_max = r.number(j, "p_max");
  info.pseudo_pure = j.value("pseudo_pure", false);
  info.source = r.text(j, "source");
  const json& crit = r.at(j, "critical");
  info.T_crit = r.number(crit, "T", "critical");
  info.p_crit = r.number(crit, "p", "critical");
  info.rho_crit = r.number(crit, "rhomolar", "critical") * info.molar_mass;
  return info;
}

// The residual Helmholtz energy's terms, by kind.
struct ResidualTerms {
  PowerTerms power;
  GaussianTerms gauss;
  GaoBTerms gao;
  NonAnalyticTerms na;
};

ResidualTerms read_residual(const Reader& r, const json& j, std::string_view origin) {
  ResidualTerms terms;
  PowerTerms& power = terms.power;
  GaussianTerms& gauss = terms.gauss;
  GaoBTerms& gao = terms.gao;
  NonAnalyticTerms& na = terms.na;
  for (const auto& term : r.at(j, "alphar")) {
    const std::string type = r.text(term, "type");
    const std::string w = "alphar." + type;
    if (type == "power") {
      append(power.n, r.numbers(term, "n", w));
      append(power.t, r.numbers(term, "t", w));
      append(power.d, r.integers(term, "d", w));
      append(power.l, r.integers(term, "l", w));
    } else if (type == "gaussian") {
      append(gauss.n, r.numbers(term, "n", w));
      append(gauss.t, r.numbers(term, "t", w));
      append(gauss.d, r.integers(term, "d", w));
      append(gauss.eta, r.numbers(term, "eta", w));
      append(gauss.epsilon, r.numbers(term, "epsilon", w));
      append(gauss.beta, r.numbers(term, "beta", w));
      append(gauss.gamma, r.numbers(term, "gamma", w));
    } else if (type == "gao_b") {
      append(gao.n, r.numbers(term, "n", w));
      append(gao.t, r.numbers(term, "t", w));
      append(gao.d, r.integers(term, "d", w));
      append(gao.eta, r.numbers(term, "eta", w));
      append(gao.beta, r.numbers(term, "beta", w));
      append(gao.gamma, r.numbers(term, "gamma", w));
      append(gao.epsilon, r.numbers(term, "epsilon", w));
      append(gao.b, r.numbers(term, "b", w));
    } else if (type == "nonanalytic") {
      append(na.n, r.numbers(term, "n", w));
      append(na.a, r.numbers(term, "a", w));
      append(na.b, r.numbers(term, "b", w));
      append(na.beta, r.numbers(term, "beta", w));
      append(na.A, r.numbers(term, "A", w));
      append(na.B, r.numbers(term, "B", w));
      append(na.C, r.numbers(term, "C", w));
      append(na.D, r.numbers(term, "D", w));
    } else {
      throw NotSupported(
          fmt::format("fluid file '{}': residual term type '{}' is not supported", origin, type));
    }
  }
  return terms;
}

// The ideal-gas Helmholtz energy.
IdealHelmholtz read_ideal(const Reader& r, const json& j, std::string_view origin) {
  IdealHelmholtz ideal;
  for (const auto& term : r.at(j, "alpha0")) {
    const std::string type = r.text(term, "type");
    const std::string w = "alpha0." + type;
    if (type == "lead" || type == "enthalpy_entropy_offset") {
      ideal.a1 += r.number(term, "a1", w);
      ideal.a2 += r.number(term, "a2", w);
    } else if (type == "log_tau") {
      ideal.log_tau += r.number(term, "a", w);
    } else if (type == "power") {
      append(ideal.power_n, r.numbers(term, "n", w));
      append(ideal.power_t, r.numbers(term, "t", w));
    } else if (type == "planck_einstein") {
      const auto n = r.numbers(term, "n", w), t = r.numbers(term, "t", w);
      for (std::size_t i = 0; i < n.size() && i < t.size(); ++i)
        ideal.planck.push_back({n[i], t[i]});
    } else if (type == "planck_einstein_T") {
      const auto n = r.numbers(term, "n", w), v = r.numbers(term, "v", w);
      const double Tc = r.number(term, "T_crit", w);
      for (std::size_t i = 0; i < n.size() && i < v.size(); ++i)
        ideal.planck.push_back({n[i], v[i] / Tc});
    } else if (type == "cp0_poly_T" || type == "cp0_constant") {
      const double Tc = r.number(term, "T_c", w), T0 = r.number(term, "T_0", w);
      if (type == "cp0_constant") {
        ideal.cp0.push_back({r.number(term, "c", w), 0.0, Tc, T0});
      } else {
        const auto c = r.numbers(term, "c", w), t = r.numbers(term, "t", w);
        for (std::size_t i = 0; i < c.size() && i < t.size(); ++i) {
          if (t[i] == -1.0) {
            throw NotSupported(
                fmt::format("fluid file '{}': {} with t = -1 is not supported", origin, w));
          }
          ideal.cp0.push_back({c[i], t[i], Tc, T0});
        }
      }
    } else {
      throw NotSupported(
          fmt::format("fluid file '{}': ideal-gas term type '{}' is not supported", origin, type));
    }
  }
  return ideal;
}

}  // namespace

FluidDefinition parse_fluid_json(std::string_view text, std::string_view origin) {
  const Reader r(origin);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InvalidInput(fmt::format("fluid file '{}' is not valid JSON: {}", origin, e.what()));
  }
  const FluidInfo info = read_info(r, j, origin);
  ResidualTerms terms = read_residual(r, j, origin);
  IdealHelmholtz ideal = read_ideal(r, j, origin);

  const json& red = r.at(j, "reducing");
  FluidDefinition def{info,
                      r.number(red, "T", "reducing"),
                      r.number(red, "rhomolar", "reducing"),
                      r.number(r.at(j, "triple"), "rhomolar_liquid", "triple"),
                      ResidualHelmholtz(std::move(terms.power), std::move(terms.gauss),
                                        std::move(terms.gao), std::move(terms.na)),
                      std::move(ideal),
                      std::nullopt,
                      std::nullopt,
                      std::nullopt,
                      std::nullopt,
                      std::nullopt,
                      std::nullopt};
  if (j.contains("superancillary") && !j.at("superancillary").is_null()) {
    const json& sa = j.at("superancillary");
    def.superancillary.emplace(
        read_curve(r, sa, "p"), read_curve(r, sa, "rho_liquid"), read_curve(r, sa, "rho_vapor"),
        r.number(sa, "T_crit", "superancillary"), r.number(sa, "rhomolar_crit", "superancillary"));
  }
  if (j.contains("ancillaries")) {
    const json& anc = j.at("ancillaries");
    def.p_sat = read_ancillary(r, anc, "p_sat");
    def.p_bubble = read_ancillary(r, anc, "p_bubble");
    def.p_dew = read_ancillary(r, anc, "p_dew");
    def.rho_liquid = read_ancillary(r, anc, "rho_liquid");
    def.rho_vapor = read_ancillary(r, anc, "rho_vapor");
  }
  return def;
}

}  // namespace heatlift::fluids
