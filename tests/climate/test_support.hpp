// Shared helpers of the climate tests: the reference values of the 40 CSWD cities.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "heatlift/climate/csv_table.hpp"

namespace heatlift::climate::testing {

/// tests/climate/data/cswd_reference.csv: per city, computed independently from the full
/// EPW files (see its source line).
inline detail::CsvTable reference() {
  std::ifstream in(std::string(CLIMATE_TEST_DATA) + "/cswd_reference.csv");
  std::stringstream ss;
  ss << in.rdbuf();
  return detail::CsvTable(ss.str(), "cswd_reference.csv", {"city", "wmo", "hdd18"});
}

}  // namespace heatlift::climate::testing
