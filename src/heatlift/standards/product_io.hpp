// Reading products: one PRODUCT.toml (a section per standard) or a CSV of many products
// (one per row, one standard per row). The only place that sees product files. Every
// error names the file, the line (and column in TOML), the field, the value and what was
// expected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "heatlift/standards/product.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards {

/// Parses PRODUCT.toml text; `file` names it in messages. The library tells which keys are
/// metrics (HSPF, APF, ...) and which are table selectors (terminal, source, ...).
Product parse_product_toml(std::string_view text, std::string_view file,
                           const StandardsLibrary& library);
/// Reads a product file from disk.
Product load_product_toml(const std::string& path, const StandardsLibrary& library);

/// Parses a products CSV: a header, then one product per row. Columns are documented in
/// docs/rating.md; a unit may be written in the header (heating_capacity_kW) or in the
/// cell ("12 kW").
std::vector<Product> parse_products_csv(std::string_view text, std::string_view file,
                                        const StandardsLibrary& library);

/// The metric names and selector keys the library's tables use (sorted).
std::vector<std::string> metric_names(const StandardsLibrary& library);
std::vector<std::string> selector_keys(const StandardsLibrary& library);

}  // namespace heatlift::standards
