// Text inside markup the project writes: HTML report pages and SVG (XML) labels and
// diagrams. One escape for both, so no product name, message or data value can open a tag
// or end an attribute.
#pragma once

#include <string>
#include <string_view>

namespace heatlift::core {

/// `text` for HTML or XML element content and attribute values: & < > " ' written as
/// &amp; &lt; &gt; &quot; &#39; (a numeric reference, valid in both).
std::string html_escape(std::string_view text);

}  // namespace heatlift::core
