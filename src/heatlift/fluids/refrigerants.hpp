// Refrigerant GWP100 from the project's table refrigerants/gwp.csv (IPCC AR4, AR5, AR6;
// blends as mass-weighted sums of their components). The one reader of that file: the
// rating label (standards), the refrigerant's CO2e (accounting) and the fleet's refrigerant
// emissions and Kigali HFC consumption all look refrigerants up here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatlift/core/data_store.hpp"

namespace heatlift::fluids {

/// The IPCC assessment report whose GWP100 values are used.
enum class GwpBasis { ar4, ar5, ar6 };
std::string_view to_string(GwpBasis b);  ///< "AR4", "AR5", "AR6"
/// "ar4", "AR5", "Ar6" ... (any case); throws InvalidInput naming `field` (when not empty).
GwpBasis parse_gwp_basis(std::string_view text, std::string_view field);

/// One component of a blend and its share of the blend's mass.
struct BlendComponent {
  std::string id;        ///< as written in the table, e.g. "R32"
  double mass_fraction;  ///< 0..1 (the table's percent / 100)
};

struct RefrigerantGwp {
  std::string id;                       ///< as written in the table, e.g. "R454B"
  std::string composition;              ///< "pure" or "R32/R1234yf 68.9/31.1"
  std::vector<BlendComponent> blend;    ///< a blend's components; empty when pure
  std::optional<double> ar4, ar5, ar6;  ///< kgCO2e/kg
  std::string status;                   ///< the table's confidence text
  int line = 0;                         ///< line in the table
  std::optional<double> gwp(GwpBasis b) const;
};

class GwpTable {
 public:
  static constexpr std::string_view kPath = "refrigerants/gwp.csv";

  /// Reads refrigerants/gwp.csv from the store; throws InvalidInput at file:line.
  static GwpTable load(const core::DataStore& data);
  static GwpTable parse(std::string_view text, std::string_view file);
  /// By ASHRAE designation in any spelling ("R-32", "r32", "R1234ze(E)", "R1234ze_E") or the
  /// common name of a natural refrigerant ("Water", "CO2", "Propane", "Isobutane",
  /// "Ammonia"); nullptr if absent.
  const RefrigerantGwp* find(std::string_view name) const;
  /// Every refrigerant in the table's order.
  const std::vector<RefrigerantGwp>& rows() const { return rows_; }
  const std::string& source() const { return source_; }
  const std::string& file() const { return file_; }

 private:
  std::vector<RefrigerantGwp> rows_;
  std::map<std::string, std::size_t, std::less<>> index_;  ///< by normalised name
  std::string source_;
  std::string file_;
};

}  // namespace heatlift::fluids
