// Shared helpers of the fluids test suites: the library of fluids, the CSV reference files,
// relative deviations with explicit floors, and a log of the worst deviation per fluid and
// quantity (printed so that the numbers can be reported).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heatlift/fluids/fluid.hpp"
#include "heatlift/fluids/library.hpp"

namespace heatlift::fluids::test {

/// The one library every test uses: built-in data only (default-constructed DataStore).
const FluidLibrary& library();
std::shared_ptr<const Fluid> exact(std::string_view id);

/// Every fluid id the library must know (data/fluids/README.md), sorted as ids() sorts.
/// Parameterised suites are instantiated from this list; a test checks it equals ids().
const std::vector<std::string>& expected_ids();
/// "R1234ze(E)" -> "R1234ze_E" (a valid gtest parameter name).
std::string param_name(std::string_view id);

/// tests/fluids/data (set by CMake).
std::filesystem::path data_dir();

/// A CSV file with a header line; lines starting with '#' are comments.
class CsvTable {
 public:
  explicit CsvTable(const std::filesystem::path& path);
  std::size_t size() const { return rows_.size(); }
  const std::string& text(std::size_t row, std::string_view column) const;
  double number(std::size_t row, std::string_view column) const;  ///< "nan" -> NaN
  bool has_column(std::string_view column) const;
  const std::string& path() const { return path_; }

 private:
  std::size_t col(std::string_view column) const;
  std::string path_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// |got - ref| / max(|ref|, floor); +inf when got is not finite and ref is.
double rel_dev(double got, double ref, double floor = 0.0);

/// Mass-based gas constant of the fluid's own equation, J/(kg K).
inline double R_mass(const FluidInfo& info) {
  return info.gas_constant / info.molar_mass;
}

/// True when every field of the state (and every optional that is set) is finite.
bool all_finite(const State& s);
std::string describe(const State& s);

/// Records deviations, remembers the worst per (fluid, quantity), and raises a gtest
/// failure (non-fatal) for each deviation beyond its tolerance; after `max_reports`
/// failures of one (fluid, quantity) it only counts them and reports the count at the end.
class DeviationLog {
 public:
  explicit DeviationLog(std::string title, int max_reports = 8);
  ~DeviationLog();
  DeviationLog(const DeviationLog&) = delete;
  DeviationLog& operator=(const DeviationLog&) = delete;

  /// Deviation of got from ref relative to max(|ref|, floor); fails when > tol.
  double check(const std::string& fluid, const std::string& quantity, double got, double ref,
               double floor, double tol, const std::string& where);
  /// Absolute deviation |got - ref|; fails when > tol.
  double check_abs(const std::string& fluid, const std::string& quantity, double got, double ref,
                   double tol, const std::string& where);
  /// A failed expectation that is not a numeric deviation (counted under quantity).
  void fail(const std::string& fluid, const std::string& quantity, const std::string& message);

  std::size_t count() const { return n_; }
  double worst(const std::string& fluid, const std::string& quantity) const;
  /// Prints "title" and one line per (fluid, quantity) to std::cout and records the worst
  /// deviations as test properties.
  void print() const;

 private:
  struct Worst {
    double dev = 0.0;
    double tol = 0.0;
    std::string where;
    std::size_t n = 0;
    std::size_t failures = 0;
    bool absolute = false;
  };
  double record(const std::string& fluid, const std::string& quantity, double dev, double tol,
                bool absolute, const std::string& where, double got, double ref);
  std::string title_;
  int max_reports_;
  std::size_t n_ = 0;
  std::map<std::pair<std::string, std::string>, Worst> worst_;
};

/// Relative error allowed for a reference comparison: 1e-8 away from the critical point,
/// 1e-6 within 2 % of T_c (the tolerances for the exact backend).
inline double near_critical_tol(double T, double Tc, double far = 1e-8, double near = 1e-6) {
  return std::abs(T / Tc - 1.0) <= 0.0201 ? near : far;
}

/// Does `message` contain a number equal to `limit` (to 1e-4 relative), read either as is,
/// in °C (limit − 273.15), or scaled by 1e-3 / 1e-5 / 1e-6 (kPa, bar, MPa for pressures)?
bool message_names_number(const std::string& message, double limit, bool pressure);

}  // namespace heatlift::fluids::test
