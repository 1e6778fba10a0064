#include "heatlift/site/water_source.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "heatlift/core/config.hpp"
#include "heatlift/core/error.hpp"
#include "heatlift/core/params.hpp"
#include "heatlift/core/units.hpp"

namespace heatlift::site {

namespace {

using core::Dimension;
using core::ParamKind;

const core::BlockDecl kWaterBlock{
    "site",
    "source.water",
    "Groundwater or surface water for kind = \"water\": its temperature hour by hour from the "
    "site's weather instead of a fixed water_temperature.",
    {
        {.key = "body",
         .kind = ParamKind::choice,
         .required = true,
         .choices = {"groundwater", "river", "lake"},
         .doc = "where the water comes from: a well (constant), a river or a lake intake"},
        {.key = "offset",
         .kind = ParamKind::quantity,
         .dimension = Dimension::temperature_difference,
         .range = {-10.0, 10.0, "between -10 and 10 K"},
         .doc = "water above the annual mean air temperature (default: groundwater 2 K, surface "
                "water 0 K)",
         .source = "JAGH FAQ: the constant-temperature layer is 1-3 °C above the annual mean air"},
        {.key = "damping",
         .kind = ParamKind::number,
         .range = {0.0, 1.0, "a share in [0, 1]"},
         .doc = "river or lake: share of the air's swing the water follows (default: river 0.75, "
                "lake 0.6)",
         .source = "assumption (Stefan & Preud'homme 1993: slopes below 1)"},
        {.key = "lag",
         .kind = ParamKind::quantity,
         .dimension = Dimension::time,
         .range = {0.0, 180 * 86400.0, "between 0 and 180 days"},
         .doc = "river or lake: delay behind the air (default: river 7 d, lake 30 d)",
         .source = "assumption"},
    }};

const core::BlockRegistrar kRegister(kWaterBlock);

}  // namespace

std::vector<double> water_temperatures(const WaterBody& body, const climate::WeatherSeries& w) {
  const std::size_t n = w.hours();
  if (n == 0) throw InvalidInput("source.water: the weather has no hours");
  if (!(body.damping >= 0 && body.damping <= 1)) {
    throw InvalidInput(
        fmt::format("source.water.damping: {} is not a share in [0, 1]", body.damping));
  }
  if (!(body.lag_days >= 0 && body.lag_days * 24 < static_cast<double>(n))) {
    throw InvalidInput(
        fmt::format("source.water.lag: {} days is not between 0 and the year", body.lag_days));
  }
  double mean = 0;
  for (double t : w.t_dry) mean += t;
  mean /= static_cast<double>(n);
  std::vector<double> out(n, mean + body.offset);
  if (body.kind == WaterBody::Kind::groundwater) return out;
  // Trailing 7-day mean of the air, the year taken as periodic.
  const std::size_t window = std::min<std::size_t>(7 * 24, n);
  std::vector<double> smooth(n);
  double sum = 0;
  for (std::size_t k = 0; k < window; ++k) sum += w.t_dry[(n - window + k) % n];
  for (std::size_t h = 0; h < n; ++h) {
    sum += w.t_dry[h] - w.t_dry[(h + n - window) % n];
    smooth[h] = sum / static_cast<double>(window);
  }
  const auto lag = static_cast<std::size_t>(std::lround(body.lag_days * 24));
  for (std::size_t h = 0; h < n; ++h) {
    const double air = smooth[(h + n - lag % n) % n];
    out[h] = std::max(core::kZeroCelsius, mean + body.offset + body.damping * (air - mean));
  }
  return out;
}

std::shared_ptr<const WaterBody> read_water_body(core::ConfigTable& source, SourceSpec::Kind kind) {
  auto t = source.optional_table("water");
  if (!t) return nullptr;
  if (kind != SourceSpec::Kind::water) {
    source.fail("water",
                fmt::format("a water body needs kind = \"water\", not \"{}\"", to_string(kind)));
  }
  const core::BlockDecl& b = kWaterBlock;
  WaterBody w;
  const std::string kind_text = t->text(b.param("body"));
  w.kind = kind_text == "groundwater" ? WaterBody::Kind::groundwater
           : kind_text == "river"     ? WaterBody::Kind::river
                                      : WaterBody::Kind::lake;
  const bool lake = w.kind == WaterBody::Kind::lake;
  w.offset = t->optional_value(b.param("offset"))
                 .value_or(w.kind == WaterBody::Kind::groundwater ? 2.0 : 0.0);
  w.damping = t->optional_value(b.param("damping")).value_or(lake ? 0.6 : 0.75);
  w.lag_days = t->optional_value(b.param("lag")).value_or((lake ? 30.0 : 7.0) * 86400.0) / 86400.0;
  if (w.kind == WaterBody::Kind::groundwater && (t->has("damping") || t->has("lag"))) {
    t->fail(t->has("damping") ? "damping" : "lag", "groundwater is constant: no damping or lag");
  }
  t->finish();
  return std::make_shared<const WaterBody>(w);
}

}  // namespace heatlift::site
