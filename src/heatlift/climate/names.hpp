// Name matching for city and station look-ups. Private to the climate layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace heatlift::climate::detail {

/// Lower-case ASCII, without spaces, apostrophes, hyphens and dots ("Xi'an" → "xian").
std::string normalise(std::string_view s);
/// ", close names: A, B, C" for the candidates within a small edit distance (in code
/// points) of the query, or "" when none is close.
std::string suggestions(std::string_view query, const std::vector<std::string>& candidates);

}  // namespace heatlift::climate::detail
