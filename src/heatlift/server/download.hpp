// Downloads of the HTTP API (`?format=csv`, `?format=xlsx`): a verb's table, as its
// `--format csv` prints it, as a CSV file that Excel opens right (UTF-8 with a byte-order
// mark, so Chinese text is not read as the local code page) and as an XLSX workbook
// (libxlsxwriter, Debian's libxlsxwriter-dev).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace heatlift::server {

/// The UTF-8 byte-order mark that starts every CSV download.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

using CsvRows = std::vector<std::vector<std::string>>;

/// The rows of an RFC 4180 CSV text (quoted fields, "" inside quotes, LF or CRLF line ends;
/// a leading byte-order mark is skipped). Throws InternalError for a quote left open: the
/// text comes from a verb, never from a request.
CsvRows parse_csv(std::string_view csv);

/// Whether `s` is a plain decimal number ("12", "-0.5", "1.2e-3"; not "007", "+1", "1,5",
/// "NaN"), and its value.
bool plain_number(std::string_view s, double& value);

/// An XLSX workbook (the file's bytes) of `rows` on one sheet called `sheet`: the first row
/// a bold header, frozen; plain numbers as numbers, every other field as text.
/// Throws InternalError when the workbook cannot be written.
std::string xlsx_of(const CsvRows& rows, std::string_view sheet);

}  // namespace heatlift::server
