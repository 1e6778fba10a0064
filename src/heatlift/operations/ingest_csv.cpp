// Reading monitoring files: times, raw rows, CSV and JSON-lines records (the per-row hot
// path, kept in one translation unit); see ingest.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/ingest_internal.hpp"

namespace heatlift::operations {

using namespace ingest_detail;

namespace {

// ---- numbers and times ------------------------------------------------------------------------

bool is_missing(std::string_view s) {
  return s.empty() || s == "NA" || s == "NaN" || s == "nan" || s == "null" || s == "NULL" ||
         s == "-" || s == "--" || s == "N/A" || s == "n/a";
}

// A number as written; false when the text is not one.
bool parse_number(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

struct Cursor {
  const char* p;
  const char* end;
  bool done() const { return p == end; }
  char peek() const { return p == end ? '\0' : *p; }
  // 1..max_digits digits.
  bool digits(int min_digits, int max_digits, int& out) {
    int n = 0;
    out = 0;
    while (p != end && n < max_digits && *p >= '0' && *p <= '9') {
      out = out * 10 + (*p - '0');
      ++p;
      ++n;
    }
    return n >= min_digits;
  }
};

}  // namespace

std::optional<std::int64_t> parse_time(std::string_view text, int tz_offset_s) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // unix seconds: digits only (with an optional fraction), at least 9 of them
  {
    std::size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i >= 9 && (i == text.size() || text[i] == '.')) {
      double v = 0;
      if (!parse_number(text, v)) return std::nullopt;
      return static_cast<std::int64_t>(std::floor(v));
    }
  }
  Cursor c{text.data(), text.data() + text.size()};
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!c.digits(4, 4, y)) return std::nullopt;
  const char sep = c.peek();
  if (sep != '-' && sep != '/') return std::nullopt;
  ++c.p;
  if (!c.digits(1, 2, mo) || c.peek() != sep) return std::nullopt;
  ++c.p;
  if (!c.digits(1, 2, d)) return std::nullopt;
  if (mo < 1 || mo > 12) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d < 1 || d > kDays[mo - 1] + (mo == 2 && leap(y))) return std::nullopt;
  int offset = tz_offset_s;
  if (!c.done()) {
    if (c.peek() != 'T' && c.peek() != ' ') return std::nullopt;
    while (c.peek() == ' ' || c.peek() == 'T') ++c.p;
    if (!c.digits(1, 2, h) || c.peek() != ':') return std::nullopt;
    ++c.p;
    if (!c.digits(2, 2, mi)) return std::nullopt;
    if (c.peek() == ':') {
      ++c.p;
      if (!c.digits(2, 2, s)) return std::nullopt;
      if (c.peek() == '.' || c.peek() == ',') {  // fraction of a second: dropped
        ++c.p;
        int frac;
        if (!c.digits(1, 9, frac)) return std::nullopt;
        while (c.peek() >= '0' && c.peek() <= '9') ++c.p;
      }
    }
    if (h > 23 || mi > 59 || s > 60) return std::nullopt;
    while (c.peek() == ' ') ++c.p;
    if (c.peek() == 'Z' || c.peek() == 'z') {
      ++c.p;
      offset = 0;
    } else if (c.peek() == '+' || c.peek() == '-') {
      const int sign = c.peek() == '-' ? -1 : 1;
      ++c.p;
      int oh, om = 0;
      if (!c.digits(2, 2, oh)) return std::nullopt;
      if (c.peek() == ':') ++c.p;
      if (!c.done() && !c.digits(2, 2, om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      offset = sign * (oh * 3600 + om * 60);
    }
    if (!c.done()) return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + s - offset;
}

int parse_tz_offset(std::string_view text) {
  const std::string_view t = trim(text);
  if (t == "Z" || t == "UTC") return 0;
  if (t.size() >= 3 && (t[0] == '+' || t[0] == '-')) {
    Cursor c{t.data() + 1, t.data() + t.size()};
    int oh, om = 0;
    if (c.digits(2, 2, oh)) {
      if (c.peek() == ':') ++c.p;
      if ((c.done() || c.digits(2, 2, om)) && c.done() && oh <= 14 && om <= 59)
        return (t[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    }
  }
  throw InvalidInput(
      fmt::format("--tz '{}': expected an offset from UTC such as +08:00, "
                  "-05:00 or Z",
                  text));
}

RawRow::RawRow() {
  v.fill(kNaN);
}

void RawRow::set(const ColumnUnit& col, double number, const std::vector<double>& sentinels) {
  const auto c = static_cast<std::size_t>(col.channel);
  for (double s : sentinels) {
    if (number == s) {
      v[c] = kNaN;
      sentinel_mask |= bit(col.channel);
      flags |= flag_sentinel;
      return;
    }
  }
  const double si = number * col.scale + col.offset;
  if (col.converted()) flags |= flag_unit_converted;
  switch (col.kind) {
    case ColumnUnit::Kind::value:
      if (!in_range(col.channel, si)) {
        v[c] = kNaN;
        range_mask |= bit(col.channel);
        flags |= flag_out_of_range;
        return;
      }
      v[c] = si;
      return;
    case ColumnUnit::Kind::interval_energy: energy_mask |= bit(col.channel); break;
    case ColumnUnit::Kind::counter: counter_mask |= bit(col.channel); break;
  }
  v[c] = si;
}

// ---- files ------------------------------------------------------------------------------------

namespace {

// Reads a file in chunks of whole lines, decoded to UTF-8 (BOM dropped, GB 18030 converted).
class ChunkReader {
 public:
  explicit ChunkReader(const std::filesystem::path& path) : path_(path.string()) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
      throw DataMissing(fmt::format("monitoring file '{}' does not exist", path_));
    if (!std::filesystem::is_regular_file(status))
      throw InvalidInput(fmt::format("monitoring file '{}' is not a regular file", path_));
    in_.open(path, std::ios::binary);
    if (!in_) throw DataMissing(fmt::format("monitoring file '{}' cannot be opened", path_));
  }

  // Appends the next decoded chunk to `text`; false at the end of the file. The bytes go
  // straight into `text` and are checked there: a chunk that is not UTF-8 is taken out again
  // and decoded (no zero-filled staging buffer, one copy per byte).
  bool next(std::string& text) {
    if (eof_ && carry_.empty()) return false;
    std::string_view fresh;
    if (!eof_) {
      if (!raw_) raw_ = std::make_unique_for_overwrite<char[]>(kChunk);
      in_.read(raw_.get(), static_cast<std::streamsize>(kChunk));
      const auto n = static_cast<std::size_t>(in_.gcount());
      if (n < kChunk) eof_ = true;
      fresh = std::string_view(raw_.get(), n);
      if (first_) {
        first_ = false;
        if (fresh.starts_with("\xEF\xBB\xBF")) fresh.remove_prefix(3);
      }
    }
    // Cut after the last newline: a newline is never inside a UTF-8 or GB 18030 character.
    std::string_view rest;
    if (!eof_) {
      const auto nl = fresh.rfind('\n');
      if (nl == std::string_view::npos) {  // a line longer than a chunk: read on
        carry_.append(fresh);
        return next(text) || true;
      }
      rest = fresh.substr(nl + 1);
      fresh = fresh.substr(0, nl + 1);
    }
    const std::size_t at = text.size();
    text.reserve(at + carry_.size() + fresh.size());
    text += carry_;
    text += fresh;
    carry_.assign(rest);
    decode(text, at);
    return true;
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;

  // Checks the bytes of `text` from `at`; converts them in place when they are GB 18030.
  void decode(std::string& text, std::size_t at) {
    const auto first_line = lines_ + 1;
    const std::string_view chunk = std::string_view(text).substr(at);
    lines_ += std::count(chunk.begin(), chunk.end(), '\n');
    if (!gb_ && core::is_valid_utf8(chunk)) return;
    const std::string origin = fmt::format("{} (from line {})", path_, first_line);
    core::DecodedText d = core::decode_text(std::string(chunk), origin);
    if (d.encoding == core::TextEncoding::gb18030 && !gb_) {
      gb_ = true;
      core::notice(
          fmt::format("monitoring file '{}' is not UTF-8; read it as GB 18030 (GBK), "
                      "the encoding of Chinese Excel's \"CSV (Comma delimited)\"",
                      path_));
    }
    text.resize(at);
    text += d.text;
  }

  std::string path_;
  std::ifstream in_;
  std::unique_ptr<char[]> raw_;
  std::string carry_;
  bool eof_ = false, first_ = true, gb_ = false;
  std::int64_t lines_ = 0;
};

std::string quote(std::string_view s) {
  return core::escape_invalid_utf8(core::utf8_prefix(s, 40));
}

struct Header {
  int time = -1;
  int unit = -1;
  std::vector<std::pair<int, ColumnUnit>> channels;
  std::vector<std::string> names;
};

Header read_header(const std::vector<std::string_view>& cells, const std::string& where) {
  Header h;
  std::uint32_t seen = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string_view cell = trim(cells[i]);
    h.names.emplace_back(cell);
    const auto idx = static_cast<int>(i);
    if (cell == "time" || cell == "time [ISO 8601]" || cell == "timestamp") {
      if (h.time >= 0) throw InvalidInput(fmt::format("{}: two time columns", where));
      h.time = idx;
      continue;
    }
    if (cell == "unit" || cell == "unit_id") {
      if (h.unit >= 0) throw InvalidInput(fmt::format("{}: two unit columns", where));
      h.unit = idx;
      continue;
    }
    ColumnUnit col;
    try {
      col = parse_column(cell);
    } catch (const InvalidInput& e) {
      throw InvalidInput(fmt::format("{}: header: {}", where, e.what()));
    }
    const auto b = 1u << static_cast<unsigned>(col.channel);
    if (seen & b)
      throw InvalidInput(fmt::format("{}: header: channel {} appears twice ('{}')", where,
                                     to_string(col.channel), cell));
    seen |= b;
    h.channels.emplace_back(idx, col);
  }
  if (h.time < 0)
    throw InvalidInput(
        fmt::format("{}: header: no 'time' column; the header names time, "
                    "optionally unit, and channels with units (t_flow [°C])",
                    where));
  return h;
}

// RFC 4180 records from a buffer of whole lines; fields point into the buffer or, when
// quoted with "" inside, into per-field scratch strings reused from record to record.
class CsvRecords {
 public:
  // Parses the record at `pos`; false when the buffer ends inside it (needs more text).
  bool next(std::string_view buf, std::size_t& pos, bool at_eof,
            std::vector<std::string_view>& fields, std::int64_t& line) {
    fields.clear();
    std::size_t i = pos;
    const std::size_t n = buf.size();
    std::size_t used_scratch = 0;
    std::int64_t newlines = 0;
    while (true) {
      if (i < n && buf[i] == '"') {
        // quoted field
        std::size_t j = i + 1;
        bool escaped = false;
        while (true) {
          const void* q = j < n ? std::memchr(buf.data() + j, '"', n - j) : nullptr;
          if (!q) {
            if (!at_eof) return false;
            throw InvalidInput(fmt::format("line {}: a quoted field is not closed", line + 1));
          }
          const auto k = static_cast<std::size_t>(static_cast<const char*>(q) - buf.data());
          if (k + 1 < n && buf[k + 1] == '"') {
            escaped = true;
            j = k + 2;
            continue;
          }
          if (k + 1 >= n && !at_eof) return false;
          for (std::size_t m = i + 1; m < k; ++m) newlines += buf[m] == '\n';
          std::string_view raw = buf.substr(i + 1, k - i - 1);
          if (escaped) {
            if (scratch_.size() <= used_scratch) scratch_.emplace_back();
            std::string& s = scratch_[used_scratch++];
            s.clear();
            for (std::size_t m = 0; m < raw.size(); ++m) {
              s.push_back(raw[m]);
              if (raw[m] == '"') ++m;
            }
            raw = s;
          }
          fields.push_back(raw);
          i = k + 1;
          // junk between the closing quote and the separator is kept out
          while (i < n && buf[i] != ',' && buf[i] != '\n') ++i;
          break;
        }
      } else {
        std::size_t j = i;
        while (j < n && buf[j] != ',' && buf[j] != '\n') ++j;
        std::string_view f = buf.substr(i, j - i);
        if (!f.empty() && f.back() == '\r' && (j == n || buf[j] == '\n')) f.remove_suffix(1);
        fields.push_back(f);
        i = j;
      }
      if (i >= n) {
        if (!at_eof) return false;
        pos = n;
        line += 1 + newlines;
        return true;
      }
      if (buf[i] == ',') {
        ++i;
        continue;
      }
      // newline
      pos = i + 1;
      line += 1 + newlines;
      return true;
    }
  }

 private:
  std::vector<std::string> scratch_;
};

bool looks_like_json_lines(const std::filesystem::path& path, std::string_view start) {
  const auto ext = path.extension().string();
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return true;
  for (char ch : start) {
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') continue;
    return ch == '{';
  }
  return false;
}

void ingest_json_lines(ChunkReader& reader, std::string& text, Ingestor& ingestor,
                       IngestReport& report) {
  std::int64_t line = 0;
  std::size_t pos = 0;
  bool more = true;
  while (true) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      text.erase(0, pos);
      pos = 0;
      if (more && (more = reader.next(text))) continue;
      if (text.empty()) break;
    }
    const std::size_t end = nl == std::string::npos ? text.size() : nl;
    std::string_view l = trim(std::string_view(text).substr(pos, end - pos));
    ++line;
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (l.empty()) continue;
    RawRow row;
    row.line = line;
    try {
      std::string unit = parse_json_row(l, ingestor.options(), row);
      if (unit.empty()) unit = ingestor.options().unit;
      ingestor.add(unit, row);
    } catch (const InvalidInput& e) {
      ingestor.drop(json_row_drop_reason(e.what()),
                    fmt::format("{}:{}: {}", report.source, line, e.what()));
    }
  }
}

void ingest_csv(ChunkReader& reader, std::string& text, Ingestor& ingestor, IngestReport& report) {
  CsvRecords records;
  std::vector<std::string_view> fields;
  std::int64_t line = 0;
  std::size_t pos = 0;
  bool at_eof = false;
  std::optional<Header> header;
  const IngestOptions& options = ingestor.options();
  const std::string& src = report.source;
  while (true) {
    const std::size_t start = pos;
    const std::int64_t start_line = line;
    if (pos >= text.size() && at_eof) break;
    if (!records.next(text, pos, at_eof, fields, line)) {
      // Needs more text: keep the unfinished record and read on.
      text.erase(0, start);
      pos = 0;
      line = start_line;
      if (!reader.next(text)) at_eof = true;
      continue;
    }
    const std::int64_t row_line = start_line + 1;
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
    if (!fields.empty() && !fields[0].empty() && fields[0].front() == '#') continue;
    if (!header) {
      header = read_header(fields, fmt::format("{}:{}", src, row_line));
      if (header->unit < 0 && options.unit.empty())
        throw InvalidInput(
            fmt::format("{}:{}: header: no 'unit' column and no --unit ID; say "
                        "which unit the rows are from",
                        src, row_line));
      continue;
    }
    const Header& h = *header;
    if (fields.size() != h.names.size()) {
      ingestor.drop("wrong number of fields",
                    fmt::format("{}:{}: {} fields, the header has {}", src, row_line, fields.size(),
                                h.names.size()));
      continue;
    }
    RawRow row;
    row.line = row_line;
    const auto t = parse_time(fields[static_cast<std::size_t>(h.time)], options.tz_offset_s);
    if (!t) {
      ingestor.drop("unparsable time",
                    fmt::format("{}:{}: field 'time': value '{}': expected an ISO 8601 time "
                                "(2025-01-01T08:00:00+08:00, 2025-01-01 08:00), 2025/1/1 0:00 or "
                                "unix seconds",
                                src, row_line, quote(fields[static_cast<std::size_t>(h.time)])));
      continue;
    }
    row.t = *t;
    bool bad = false;
    for (const auto& [idx, col] : h.channels) {
      const std::string_view f = trim(fields[static_cast<std::size_t>(idx)]);
      if (is_missing(f)) continue;
      double x;
      if (!parse_number(f, x)) {
        ingestor.drop("unparsable number",
                      fmt::format("{}:{}: field '{}': value '{}': expected a number in {}", src,
                                  row_line, h.names[static_cast<std::size_t>(idx)], quote(f),
                                  col.unit.empty() ? std::string("Hz") : col.unit));
        bad = true;
        break;
      }
      row.set(col, x, options.sentinels);
    }
    if (bad) continue;
    std::string_view unit = options.unit;
    if (h.unit >= 0) {
      const std::string_view u = trim(fields[static_cast<std::size_t>(h.unit)]);
      if (!u.empty()) unit = u;
    }
    ingestor.add(unit, row);
  }
  if (!header)
    throw InvalidInput(
        fmt::format("{}: no header row; expected a header naming time and "
                    "channels with units (time,t_flow [°C],heat_hp [kWh])",
                    src));
}

}  // namespace

IngestReport ingest_file(const std::filesystem::path& path, Store& store,
                         const IngestOptions& options) {
  IngestReport report;
  report.source = path.string();
  ChunkReader reader(path);
  std::string text;
  reader.next(text);
  Ingestor ingestor(store, options, report);
  try {
    if (looks_like_json_lines(path, std::string_view(text).substr(0, 4096)))
      ingest_json_lines(reader, text, ingestor, report);
    else
      ingest_csv(reader, text, ingestor, report);
  } catch (const InvalidInput& e) {
    const std::string what = e.what();
    if (what.starts_with("line "))
      throw InvalidInput(fmt::format("{}:{}", report.source, what.substr(5)));
    throw;
  }
  ingestor.finish();
  return report;
}

}  // namespace heatlift::operations
