#include "heatlift/python/sweep.hpp"

#include <limits>
#include <optional>
#include <variant>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/site/sweep.hpp"

namespace heatlift::python {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// A column per key (the values as given), then one per sweep column (site/sweep.hpp) in its
// kind: numbers NaN where not computed or the variant failed, counts 0 for a failed variant,
// text None; and error.
Table columns(const SweepRequest& request, const std::vector<site::SweepVariant>& variants) {
  Table t;
  for (std::size_t k = 0; k < request.keys.size(); ++k) {
    TextColumn values;
    for (const auto& v : request.variants) values.emplace_back(v[k]);
    t.push_back({request.keys[k], std::move(values)});
  }
  const auto columns = site::sweep_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string name(columns[c].name);
    switch (columns[c].kind) {
      case site::SweepKind::number: {
        NumberColumn col;
        for (const auto& v : variants) {
          const double* x = v.ok() ? std::get_if<double>(&v.figures[c]) : nullptr;
          col.push_back(x ? *x : kNone);
        }
        t.push_back({name, std::move(col)});
        break;
      }
      case site::SweepKind::count: {
        CountColumn col;
        for (const auto& v : variants) {
          const long long* x = v.ok() ? std::get_if<long long>(&v.figures[c]) : nullptr;
          col.push_back(x ? *x : 0);
        }
        t.push_back({name, std::move(col)});
        break;
      }
      case site::SweepKind::text: {
        TextColumn col;
        for (const auto& v : variants) {
          const std::string* x = v.ok() ? std::get_if<std::string>(&v.figures[c]) : nullptr;
          col.push_back(x ? std::optional<std::string>(*x) : std::nullopt);
        }
        t.push_back({name, std::move(col)});
        break;
      }
    }
  }
  TextColumn error;
  for (const auto& v : variants) {
    error.push_back(v.ok() ? std::nullopt : std::optional<std::string>(v.error));
  }
  t.push_back({"error", std::move(error)});
  return t;
}

}  // namespace

void check_sweep(const SweepRequest& request) {
  for (const auto& v : request.variants) {
    if (v.size() != request.keys.size()) {
      throw InvalidInput(fmt::format("site sweep: a variant has {} values for {} keys", v.size(),
                                     request.keys.size()));
    }
  }
  for (const auto& v : request.variants) {
    for (std::size_t k = 0; k < request.keys.size(); ++k)
      site::check_sweep_value(request.keys[k], v[k]);
  }
}

Table run_sweep(const Session& session, const SweepRequest& request, unsigned threads) {
  check_sweep(request);
  const auto doc = core::ConfigDocument::from_text(request.text, request.origin);
  std::vector<site::SweepVariant> variants(request.variants.size());
  for (std::size_t i = 0; i < variants.size(); ++i) variants[i].values = request.variants[i];
  site::run_sweep(doc, request.keys, variants, session.site(), request.base_dir, threads);
  return columns(request, variants);
}

}  // namespace heatlift::python
