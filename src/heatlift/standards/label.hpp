// The energy label: an SVG in the manner of China's energy label — the grade scale with
// the product's grade marked, the key metrics, the standard and its confidence, the 2030
// target line, the refrigerant, its charge, its GWP100 (AR4, AR5 or AR6, source named) and
// the charge's CO2-equivalent. Every text comes from the message catalogue (zh, en).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "heatlift/standards/rating.hpp"

namespace heatlift::standards {

/// Looks up a catalogue text by key ("label.title"); throws when the key is missing.
using LabelText = std::function<std::string(std::string_view key)>;

/// The label as a standalone SVG document (UTF-8). `lang` is "zh" or "en" (xml:lang).
std::string label_svg(const Rating& rating, const LabelText& text, std::string_view lang);

}  // namespace heatlift::standards
