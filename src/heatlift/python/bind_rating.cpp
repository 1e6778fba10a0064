// heatlift._core rating bindings: a PRODUCT.toml or a products CSV rated by the standards,
// as `heatlift rate` does.
#include <fmt/format.h>

#include "heatlift/core/text_input.hpp"
#include "heatlift/fluids/refrigerants.hpp"
#include "heatlift/python/bindings.hpp"
#include "heatlift/report/rating_json.hpp"
#include "heatlift/standards/product_io.hpp"
#include "heatlift/standards/rating.hpp"

namespace heatlift::python {
namespace {

namespace st = standards;

struct RateArgs {
  std::optional<st::StandardId> only;
  st::RatingOptions options;
};

RateArgs rate_args(const std::optional<std::string>& standard, const std::string& gwp,
                   const std::string& baseline) {
  RateArgs a;
  a.options.gwp = fluids::parse_gwp_basis(gwp, "gwp");
  if (baseline == "limit") {
    a.options.baseline = st::Baseline::limit;
  } else if (baseline != "auto") {
    throw InvalidInput(fmt::format("baseline: '{}': expected auto or limit", baseline));
  }
  if (standard) a.only = st::parse_standard(*standard, "standard");
  return a;
}

bool needs_water(const st::Product& p) {
  for (const auto& d : p.declarations) {
    if (d.water_test) return true;
  }
  return false;
}

// A Rater, with water's properties when a product has a water-heating test.
template <class Fn>
auto with_rater(const Session& s, bool water, Fn&& fn) {
  std::shared_ptr<const fluids::Properties> r718;
  if (water) r718 = s.fluids().get("R718");
  const st::Rater rater(s.standards(), s.gwp(), r718.get());
  return fn(rater);
}

}  // namespace

void bind_rating(py::module_& m) {
  m.def(
      "rate_product",
      [](const Session& s, const std::optional<std::string>& path,
         const std::optional<std::string>& text_in, const std::optional<std::string>& standard,
         const std::string& gwp, const std::string& baseline) {
        const RateArgs args = rate_args(standard, gwp, baseline);
        const Source src = read_source(path, text_in, "product file", "product");
        nlohmann::json doc;
        {
          py::gil_scoped_release release;
          const st::Product p = st::parse_product_toml(src.text, src.origin, s.standards());
          const auto ratings = with_rater(s, needs_water(p), [&](const st::Rater& r) {
            return r.rate(p, args.only, args.options);
          });
          doc = report::product_ratings_json(p, ratings);
        }
        return to_python(doc);
      },
      py::arg("session"), py::arg("path") = py::none(), py::arg("text") = py::none(),
      py::arg("standard") = py::none(), py::arg("gwp") = "ar4", py::arg("baseline") = "auto",
      "Rates one PRODUCT.toml by every standard it declares (or `standard` only) as `heatlift "
      "rate --format json`: metric, grade, headroom, the 2030 target, refrigerant GWP and "
      "CO2e, EN 14825 bins.");
  m.def(
      "rate_products_csv",
      [](const Session& s, const std::optional<std::string>& path,
         const std::optional<std::string>& text_in, const std::optional<std::string>& standard,
         const std::string& gwp, const std::string& baseline) {
        const RateArgs args = rate_args(standard, gwp, baseline);
        const Source src = read_source(path, text_in, "products file", "products");
        std::vector<st::RowResult> rows;
        {
          py::gil_scoped_release release;
          const auto read = st::read_products_csv(src.text, src.origin, s.standards());
          bool water = false;
          for (const auto& row : read) water = water || (row.product && needs_water(*row.product));
          rows = with_rater(s, water, [&](const st::Rater& r) {
            return r.rate_rows(read, args.only, args.options);
          });
        }
        py::list out;
        for (const auto& row : rows) {
          py::dict d;
          d["origin"] = text(row.origin);
          d["product"] = text(row.product);
          d["standard"] = text(row.standard);
          d["status"] = text(st::to_string(row.status));
          d["reason"] = text(row.reason);
          d["error_code"] = row.status == st::RowStatus::refused
                                ? py::object(text(to_string(row.error_code)))
                                : py::object(py::none());
          d["rating"] =
              row.rating ? to_python(report::rating_json(*row.rating)) : py::object(py::none());
          out.append(d);
        }
        return out;
      },
      py::arg("session"), py::arg("path") = py::none(), py::arg("text") = py::none(),
      py::arg("standard") = py::none(), py::arg("gwp") = "ar4", py::arg("baseline") = "auto",
      "Rates every row of a products CSV (docs/rating.md) as `heatlift rate products.csv`: "
      "one entry per row and declaration with its status (rated, refused with the reason and "
      "error code, skipped) and, when rated, the rating.");
}

}  // namespace heatlift::python
