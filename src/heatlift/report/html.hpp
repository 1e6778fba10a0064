// What every report page shares: escaping text and data for HTML, inlining the embedded
// assets, and the frame of one self-contained page (style, charting library, data and the
// page's own script inlined; nothing fetched).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "heatlift/core/markup.hpp"
#include "heatlift/report/messages.hpp"

namespace heatlift::report {

/// Text for HTML element content and attribute values (& < > " '): core's one escape.
using core::html_escape;

/// JSON for a <script type="application/json"> block: every '<' written as \u003c so
/// that no data can close the block or open a comment.
std::string script_json(const nlohmann::json& doc);

/// The embedded asset `name` for a <script> or <style> element; throws InternalError when
/// it contains `closing_tag` (e.g. "</script") and so would end the element early.
std::string_view inline_asset(std::string_view name, std::string_view closing_tag);

/// Reading a page's data, where every part may be missing and every number null: the member
/// `key` of `obj` (a null when `obj` is no object or lacks it), a finite number, a string
/// ("" otherwise).
const nlohmann::json& member(const nlohmann::json& obj, std::string_view key);
std::optional<double> number(const nlohmann::json& obj, std::string_view key);
std::string text(const nlohmann::json& obj, std::string_view key);

/// One report page. `header`, `body` and `footer` are HTML the caller has escaped.
struct Page {
  Lang lang = Lang::zh;
  std::string title;    ///< plain text, for <title>
  std::string header;   ///< inner HTML of <header>
  std::string body;     ///< inner HTML of <main>, before the charts the script adds
  std::string footer;   ///< inner HTML of <footer>
  nlohmann::json data;  ///< <script type="application/json" id="heatlift-data">
  std::string script;   ///< embedded asset name of the page's script, e.g. "roadmap.js"
};

/// The page: <html lang>, inlined report.css, header, #render-error, <main id="charts">,
/// footer, the charting library, the data block and the page's script.
std::string render_page(const Page& page);

}  // namespace heatlift::report
