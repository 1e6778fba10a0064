// A product as a manufacturer or a test lab declares it (PRODUCT.toml or one CSV row):
// identity, refrigerant and charge, and one declaration per standard it is rated by.
// Typed, SI inside; product_io.cpp is the only reader.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/core/error.hpp"
#include "heatlift/standards/en14825.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards {

/// A heat-pump water heater's heating test: water heated from t_start to t_end by
/// `electricity` (GB 29541 COP = heat taken up by the water / electricity).
struct WaterHeaterTest {
  double water_mass = 0.0;   ///< kg
  double t_start = 0.0;      ///< K
  double t_end = 0.0;        ///< K
  double electricity = 0.0;  ///< J
  std::string field;
};

/// A named reference product to measure the 2030 target against instead of the limit.
struct ReferenceProduct {
  std::string name;
  double value = 0.0;  ///< the same metric as the product's rated metric
};

/// What a product declares for one standard.
struct Declaration {
  StandardId standard = StandardId::gb19577;
  std::string field;     ///< e.g. "gb19577" (TOML section) or "row 12" (CSV)
  std::string category;  ///< product category of the standard's tables ("" for EN 14825)
  std::map<std::string, std::string> selectors;  ///< terminal = floor, source = groundwater ...
  std::optional<double> heating_capacity;        ///< W
  std::optional<double> cooling_capacity;        ///< W
  std::map<std::string, double> metrics;         ///< declared metrics: HSPF, APF, COPh, IPLV ...
  /// COPs (EERs) at 100, 75, 50 and 25 % load, to compute IPLV.
  std::optional<std::array<double, 4>> part_load_cops;
  std::optional<WaterHeaterTest> water_test;
  std::optional<En14825Input> en14825;
  std::vector<DeclaredPoint> points;  ///< EN 14825 declared points
  std::optional<ReferenceProduct> reference;
};

struct Product {
  std::string name;
  std::string manufacturer;
  std::string model;
  std::string refrigerant;       ///< ASHRAE designation, "" if not declared
  std::optional<double> charge;  ///< kg
  std::vector<Declaration> declarations;
  std::string origin;  ///< file or "file row N"
};

/// One data row of a products CSV as read: the product, or why the row could not be read.
/// A bad row is kept (and reported) so that the other rows are still rated.
struct ProductRow {
  std::string origin;              ///< "file:line"
  std::string name;                ///< the cell in the name column
  std::string standard;            ///< the standard cell as written ("" if the cell count is wrong)
  std::optional<Product> product;  ///< absent when the row was refused
  ErrorCode error_code = ErrorCode::invalid_input;
  std::string error;  ///< the refusal: field, value and what was expected (no origin prefix)
};

}  // namespace heatlift::standards
