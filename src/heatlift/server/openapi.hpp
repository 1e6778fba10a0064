// The API's description, generated: an OpenAPI 3.0 document (served at /api/openapi.json,
// written to docs/openapi.json) and the endpoint reference of docs/api.md. Both come from
// the endpoint table, the command line's description of its verbs (VerbDocs) and the
// declared blocks of the input files (core/params.hpp): no list of parameters is kept by
// hand here. `heatlift serve --openapi` and `heatlift serve --markdown` print them, and a
// test keeps the docs equal to that output.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "heatlift/server/endpoints.hpp"
#include "heatlift/server/limits.hpp"

namespace heatlift::server {

/// The OpenAPI 3.0 document of the API with these limits.
nlohmann::ordered_json openapi_json(const VerbDocs& docs, const Limits& limits);

/// The JSON Schema of a file kind's body ("site"): its declared blocks, each a component
/// of `components` (which it fills) describing every key: kind, unit, range, default, source.
nlohmann::ordered_json file_schema(std::string_view kind, nlohmann::ordered_json& components);

/// What the `format` parameter of an endpoint with a table does.
inline constexpr std::string_view kFormatDoc =
    "json (default); csv: the table `--format csv` prints, as a download (UTF-8 with a "
    "byte-order mark, so Excel shows Chinese text right); xlsx: the same table as an Excel "
    "workbook";

/// Whether and how an endpoint's answers are cached, in a sentence.
std::string caching(const Endpoint& e);

/// The endpoint reference and the error table, as Markdown.
std::string api_markdown(const VerbDocs& docs, const Limits& limits);

}  // namespace heatlift::server
