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

/// Reads a products CSV: a header, then one product per row. Columns are documented in
/// docs/rating.md; a unit may be written in the header (heating_capacity_kW) or in the
/// cell ("12 kW"). A row that cannot be read (a bad cell, a wrong number of cells, a
/// missing value) is returned refused with its reason, so the other rows still count; a
/// bad header (an unknown or repeated column, no `name` or `standard` column) or an empty
/// file throws InvalidInput.
std::vector<ProductRow> read_products_csv(std::string_view text, std::string_view file,
                                          const StandardsLibrary& library);

/// The same, all or nothing: the products, or the first refused row's error (its origin
/// first).
std::vector<Product> parse_products_csv(std::string_view text, std::string_view file,
                                        const StandardsLibrary& library);

/// `message` without a leading "ORIGIN: " (a row's origin is reported beside its reason).
std::string strip_origin(std::string_view message, std::string_view origin);

/// The metric names and selector keys the library's tables use (sorted).
std::vector<std::string> metric_names(const StandardsLibrary& library);
std::vector<std::string> selector_keys(const StandardsLibrary& library);

}  // namespace heatlift::standards
