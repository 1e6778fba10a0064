#include "heatlift/server/download.hpp"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "heatlift/core/error.hpp"

namespace heatlift::server {
namespace {

// Columns of a text width, in Excel's units (about one per narrow character, two per CJK).
double display_width(std::string_view s) {
  double w = 0;
  for (unsigned char c : s) {
    if (c < 0x80) {
      w += 1;
    } else if (c >= 0xC0) {
      w += c >= 0xE0 ? 2 : 1;  // a lead byte: three-byte sequences are CJK here
    }
  }
  return w;
}

// libxlsxwriter writes to a file: a private temporary one, read back and removed.
class TempFile {
 public:
  TempFile() {
    std::string templ = (std::filesystem::temp_directory_path() / "heatlift-xlsx-XXXXXX").string();
    const int fd = mkstemp(templ.data());
    if (fd < 0) throw InternalError(fmt::format("cannot make a temporary file at {}", templ));
    close(fd);
    path_ = templ;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string sheet_name(std::string_view sheet) {
  std::string s;
  for (char c : sheet) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) s += c;
  }
  if (s.empty()) s = "heatlift";
  return s.substr(0, 31);
}

void check(lxw_error e, std::string_view what) {
  if (e != LXW_NO_ERROR)
    throw InternalError(fmt::format("XLSX: cannot {}: {}", what, lxw_strerror(e)));
}

}  // namespace

CsvRows parse_csv(std::string_view csv) {
  if (csv.substr(0, kUtf8Bom.size()) == kUtf8Bom) csv.remove_prefix(kUtf8Bom.size());
  CsvRows rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    any = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (quoted) throw InternalError("the verb's CSV ends inside a quoted field");
  if (any || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

bool plain_number(std::string_view s, double& value) {
  std::size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
  if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  if (s[i] == '0' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))
    return false;  // "007": an id, not a number
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc{} && end == s.data() + s.size() && std::isfinite(value);
}

std::string xlsx_of(const CsvRows& rows, std::string_view sheet) {
  const TempFile file;
  lxw_workbook* wb = workbook_new(file.path().c_str());
  if (!wb) throw InternalError("XLSX: cannot start a workbook");
  const std::string name = sheet_name(sheet);
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  std::vector<double> widths;
  for (std::size_t r = 0; r < rows.size() && r < LXW_ROW_MAX; ++r) {
    for (std::size_t c = 0; c < rows[r].size() && c < LXW_COL_MAX; ++c) {
      const std::string& v = rows[r][c];
      if (widths.size() <= c) widths.resize(c + 1, 0.0);
      widths[c] = std::max(widths[c], display_width(v));
      const auto row = static_cast<lxw_row_t>(r);
      const auto col = static_cast<lxw_col_t>(c);
      double x = 0;
      if (v.empty()) continue;
      if (r > 0 && plain_number(v, x)) {
        worksheet_write_number(ws, row, col, x, nullptr);
      } else {
        worksheet_write_string(ws, row, col, v.c_str(), r == 0 ? bold : nullptr);
      }
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, std::clamp(widths[c] + 2, 8.0, 60.0), nullptr);
  }
  if (!rows.empty()) worksheet_freeze_panes(ws, 1, 0);
  check(workbook_close(wb), "write the workbook");
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) throw InternalError("XLSX: cannot read the workbook back");
  return bytes;
}

}  // namespace heatlift::server
