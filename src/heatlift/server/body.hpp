// A request's body as the file its verb reads. A body is the same document a user would
// write to a file: TOML as it is, JSON converted to the same TOML (objects are tables,
// arrays of objects arrays of tables), a products CSV as it is. The API never lets a body
// reach a file of the server: a string value that names a path outside the request
// (absolute, or through "..") is refused before anything runs.
#pragma once

#include <string>
#include <string_view>

#include "heatlift/server/endpoints.hpp"

namespace heatlift::server {

struct BodyFile {
  std::string name;     ///< e.g. "site.toml" or "products.csv"
  std::string content;  ///< the bytes the verb reads
};

/// The file of `e`'s body. Throws InvalidInput for an empty body, a content type the
/// endpoint does not take, JSON that is malformed or has no TOML form (null, a top level
/// that is not an object), or a value naming a file outside the request.
BodyFile body_file(const Endpoint& e, std::string_view content_type, const std::string& body);

/// The TOML document of a JSON object (throws InvalidInput as body_file does).
std::string json_to_toml(const std::string& json);

}  // namespace heatlift::server
