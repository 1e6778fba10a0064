// Refrigerant GWP100 for the label and the charge's CO2-equivalent, from the project's
// table refrigerants/gwp.csv (IPCC AR4, AR5, AR6; blends as mass-weighted sums).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "heatlift/core/data_store.hpp"

namespace heatlift::standards {

enum class GwpBasis { ar4, ar5, ar6 };
std::string_view to_string(GwpBasis b);  ///< "AR4", "AR5", "AR6"
/// "ar4", "AR5", ... ; throws InvalidInput naming `field`.
GwpBasis parse_gwp_basis(std::string_view text, std::string_view field);

struct RefrigerantGwp {
  std::string id;                       ///< as written in the table, e.g. "R454B"
  std::string composition;              ///< "pure" or "R32/R1234yf 68.9/31.1"
  std::optional<double> ar4, ar5, ar6;  ///< kgCO2e/kg
  std::string status;                   ///< the table's confidence text
  std::optional<double> gwp(GwpBasis b) const;
};

class GwpTable {
 public:
  /// Reads refrigerants/gwp.csv from the store; throws InvalidInput at file:line.
  static GwpTable load(const core::DataStore& data);
  static GwpTable parse(std::string_view text, std::string_view file);
  /// By ASHRAE designation in any spelling ("R-32", "r32", "R1234ze(E)"); nullptr if absent.
  const RefrigerantGwp* find(std::string_view name) const;
  const std::string& source() const { return source_; }
  const std::string& file() const { return file_; }

 private:
  std::map<std::string, RefrigerantGwp, std::less<>> by_key_;
  std::string source_;
  std::string file_;
};

}  // namespace heatlift::standards
