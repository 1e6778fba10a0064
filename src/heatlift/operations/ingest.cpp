#include "heatlift/operations/ingest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>

#include "heatlift/core/error.hpp"
#include "heatlift/core/text_input.hpp"
#include "heatlift/operations/ingest_internal.hpp"

namespace heatlift::operations {

using namespace ingest_detail;

namespace {

constexpr std::int64_t kYear2000 = 946'684'800;  // 2000-01-01T00:00:00Z

std::string format_utc(std::int64_t t) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t sec = t - days * 86400;
  // civil_from_days
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y + (m <= 2), m, d, sec / 3600,
                     sec / 60 % 60, sec % 60);
}

}  // namespace

// ---- Ingestor
// -------------------------------------------------------------------------------------

struct Ingestor::UnitState {
  std::string id;
  std::vector<RawRow> staged;
  std::vector<std::int64_t> dup_times;  // duplicates dropped since the last flush
  std::vector<std::int64_t> seen;       // times that arrived in order (sorted)
  std::set<std::int64_t> seen_behind;   // times that arrived behind the latest
  std::int64_t prev_arrival = std::numeric_limits<std::int64_t>::min();
  std::int64_t prev_step = 0;
  std::int32_t nominal = 0;
  bool emitted = false;
  std::int64_t last_emitted = std::numeric_limits<std::int64_t>::min();
  bool has_pending = false;  // the last row, held back for its register's next reading
  RawRow pending;

  bool seen_before(std::int64_t t) const {
    return std::binary_search(seen.begin(), seen.end(), t) || seen_behind.count(t) > 0;
  }
};

Ingestor::Ingestor(Store& store, IngestOptions options, IngestReport& report)
    : store_(store), options_(std::move(options)), report_(report) {
  if (options_.now == 0)
    options_.now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (options_.batch_rows == 0) options_.batch_rows = 1;
}

Ingestor::~Ingestor() = default;

Ingestor::UnitState& Ingestor::state(std::string_view unit) {
  if (last_ && last_->id == unit) return *last_;
  auto it = units_.find(unit);
  if (it == units_.end()) {
    auto s = std::make_unique<UnitState>();
    s->id = std::string(unit);
    it = units_.emplace(s->id, std::move(s)).first;
  }
  last_ = it->second.get();
  return *last_;
}

void Ingestor::drop(const std::string& reason, const std::string& example) {
  ++report_.rows_read;
  ++report_.rows_dropped;
  ++report_.dropped[reason];
  if (report_.examples.size() < options_.max_examples && !exampled_[reason]) {
    exampled_[reason] = true;
    report_.examples.push_back(core::escape_invalid_utf8(example));  // reports are UTF-8
  }
}

void Ingestor::count_correction(const std::string& reason, std::int64_t line,
                                const std::string& what) {
  ++report_.corrected[reason];
  if (report_.examples.size() < options_.max_examples && !exampled_[reason]) {
    exampled_[reason] = true;
    report_.examples.push_back(
        core::escape_invalid_utf8(fmt::format("{}:{}: {}", report_.source, line, what)));
  }
}

void Ingestor::add(std::string_view unit, RawRow& row) {
  if (unit.empty()) {
    drop("no unit id",
         fmt::format("{}:{}: field 'unit': empty, and no --unit given", report_.source, row.line));
    return;
  }
  if (row.t < kYear2000 || row.t > options_.now + 86400) {
    drop("clock jump: time outside 2000-01-01 … a day from now",
         fmt::format("{}:{}: field 'time': {}: expected a time from 2000-01-01 to a day from now "
                     "(the logger's clock was reset or jumped)",
                     report_.source, row.line, format_utc(row.t)));
    return;
  }
  UnitState& u = state(unit);
  ++report_.rows_read;
  const std::int64_t max_seen =
      u.seen.empty() ? std::numeric_limits<std::int64_t>::min() : u.seen.back();
  const bool stepped_back =
      u.prev_arrival != std::numeric_limits<std::int64_t>::min() && row.t < u.prev_arrival &&
      u.prev_arrival - row.t >
          std::max<std::int64_t>(1, 3 * std::max<std::int64_t>(u.prev_step, u.nominal) / 2);
  if (row.t > u.prev_arrival && u.prev_arrival != std::numeric_limits<std::int64_t>::min())
    u.prev_step = row.t - u.prev_arrival;
  u.prev_arrival = row.t;
  if (row.t <= max_seen) {
    if (u.seen_before(row.t)) {
      ++report_.rows_dropped;
      const std::string reason = stepped_back
                                     ? "duplicate timestamp after the clock stepped back (the "
                                       "first row kept)"
                                     : "duplicate timestamp (the first row kept)";
      ++report_.dropped[reason];
      if (report_.examples.size() < options_.max_examples && !exampled_[reason]) {
        exampled_[reason] = true;
        report_.examples.push_back(
            fmt::format("{}:{}: field 'time': {} of unit '{}' was read "
                        "before; this row dropped",
                        report_.source, row.line, format_utc(row.t), u.id));
      }
      u.dup_times.push_back(row.t);
      return;
    }
    u.seen_behind.insert(row.t);
    row.flags |= flag_out_of_order;
    count_correction("out of order (sorted in)", row.line,
                     fmt::format("field 'time': {} is earlier than a row before it; sorted in",
                                 format_utc(row.t)));
  } else {
    u.seen.push_back(row.t);
  }
  if (stepped_back) {
    row.flags |= flag_clock_jump;
    count_correction("clock stepped back (flagged)", row.line,
                     fmt::format("field 'time': {} is more than 1.5 intervals before the row "
                                 "before it; the logger's clock stepped back",
                                 format_utc(row.t)));
  }
  for (Channel c : all_channels()) {
    if (row.sentinel_mask & bit(c))
      count_correction(fmt::format("{}: sentinel → not measured", to_string(c)), row.line,
                       fmt::format("field '{}': a sentinel value (one of the configured "
                                   "sentinels such as -9999) read as not measured",
                                   to_string(c)));
    if (row.range_mask & bit(c))
      count_correction(fmt::format("{}: outside {} → not measured", to_string(c), range_of(c).text),
                       row.line,
                       fmt::format("field '{}': value outside {} read as not measured",
                                   to_string(c), range_of(c).text));
  }
  u.staged.push_back(row);
  if (++staged_ >= options_.batch_rows) flush(false);
}

void Ingestor::flush() {
  flush(false);
}

void Ingestor::finish() {
  flush(true);
  store_.log_ingest(report_);
}

void Ingestor::flush(bool final) {
  for (auto& [id, u] : units_) {
    if (u->staged.empty() && !(final && u->has_pending)) continue;
    emit(*u, final);
  }
  staged_ = 0;
  for (auto& [id, u] : units_) staged_ += u->staged.size();
}

// The unit's nominal interval, once: IngestOptions::interval_s or the median spacing of the
// rows staged (and the row held back). False when a single row is staged and more may come.
bool Ingestor::settle_interval(UnitState& u, bool final) {
  if (u.nominal != 0) return true;
  if (options_.interval_s > 0) {
    u.nominal = options_.interval_s;
    return true;
  }
  std::vector<std::int64_t> steps;
  if (u.has_pending && !u.staged.empty() && u.staged.front().t > u.pending.t)
    steps.push_back(u.staged.front().t - u.pending.t);
  for (std::size_t i = 1; i < u.staged.size(); ++i)
    if (u.staged[i].t > u.staged[i - 1].t) steps.push_back(u.staged[i].t - u.staged[i - 1].t);
  if (steps.empty()) {
    if (!final) return false;  // one row so far: wait for the next to know the interval
    u.nominal = 3600;
    count_correction("interval unknown (a single row): 1 h assumed", u.staged.front().line,
                     fmt::format("unit '{}' has a single row; its interval is taken as 1 h", u.id));
    return true;
  }
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  u.nominal =
      static_cast<std::int32_t>(std::min<std::int64_t>(steps[steps.size() / 2], 366LL * 86400));
  return true;
}

// The sequence to emit: the held-back row, then the staged rows (both in time order), the
// rows whose duplicates were dropped flagged.
std::vector<RawRow> Ingestor::take_rows(UnitState& u) {
  auto by_time = [](const RawRow& a, const RawRow& b) { return a.t < b.t; };
  std::vector<RawRow> rows = std::move(u.staged);
  u.staged.clear();
  if (u.has_pending) {
    rows.insert(rows.begin(), u.pending);
    u.has_pending = false;
    if (rows.size() > 1 && rows[1].t < rows[0].t)
      std::stable_sort(rows.begin(), rows.end(), by_time);
  }
  if (!u.dup_times.empty()) {
    for (std::int64_t t : u.dup_times) {
      auto it = std::lower_bound(rows.begin(), rows.end(), t,
                                 [](const RawRow& r, std::int64_t v) { return r.t < v; });
      if (it != rows.end() && it->t == t) it->flags |= flag_duplicate;
    }
    u.dup_times.clear();
  }
  return rows;
}

// Mean power of channel `c` (a meter register) of rows[i] from the next reading; NaN when
// there is none, the row is sorted in behind stored rows, or the register went down.
double Ingestor::register_power(const std::vector<RawRow>& rows, std::size_t i, Channel c,
                                bool behind) {
  const auto ci = static_cast<std::size_t>(c);
  const RawRow& r = rows[i];
  const bool has_next =
      i + 1 < rows.size() && (rows[i + 1].counter_mask & bit(c)) && !std::isnan(rows[i + 1].v[ci]);
  if (behind) {
    if (!std::isnan(r.v[ci]))
      count_correction(fmt::format("{}: register of a row sorted in behind stored rows "
                                   "→ not measured",
                                   to_string(c)),
                       r.line, "a late row's meter reading cannot be differenced");
  } else if (has_next && !std::isnan(r.v[ci]) && rows[i + 1].t > r.t) {
    const double e = rows[i + 1].v[ci] - r.v[ci];
    if (e < 0) {
      batch_.flags[i] |= flag_counter_reset;
      count_correction(fmt::format("{}: meter register went down (counter reset) → not "
                                   "measured",
                                   to_string(c)),
                       r.line, fmt::format("field '{}': the next reading is lower", to_string(c)));
    } else {
      return e / static_cast<double>(rows[i + 1].t - r.t);
    }
  }
  return kNaN;
}

// Fills batch_ with the first n rows in SI: gaps flagged, registers and interval energies
// turned into mean powers over the interval (outside the channel's range: not measured).
void Ingestor::fill_batch(UnitState& u, std::vector<RawRow>& rows, std::size_t n) {
  const double dt = u.nominal;
  Series& s = batch_;
  s.t.resize(n);
  s.dt.assign(n, u.nominal);
  s.flags.resize(n);
  for (auto& column : s.values) column.resize(n);
  std::int64_t prev = u.last_emitted;
  for (std::size_t i = 0; i < n; ++i) {
    RawRow& r = rows[i];
    const bool behind = u.emitted && r.t <= u.last_emitted;
    if (!behind && (u.emitted || i > 0) && r.t - prev > 3 * static_cast<std::int64_t>(dt) / 2) {
      r.flags |= flag_gap_before;
      count_correction("gap before the row (more than 1.5 intervals)", r.line,
                       fmt::format("field 'time': {} s after the row before (interval {} s)",
                                   r.t - prev, u.nominal));
    }
    if (!behind) prev = r.t;
    s.t[i] = r.t;
    s.flags[i] = r.flags;
    for (Channel c : all_channels()) {
      const auto ci = static_cast<std::size_t>(c);
      double v = r.v[ci];
      if (r.counter_mask & bit(c)) {
        v = register_power(rows, i, c, behind);
      } else if (r.energy_mask & bit(c)) {
        v = std::isnan(v) ? v : v / dt;
      } else {
        s.values[ci][i] = v;
        continue;
      }
      if (!std::isnan(v) && !in_range(c, v)) {
        s.flags[i] |= flag_out_of_range;
        count_correction(
            fmt::format("{}: outside {} → not measured", to_string(c), range_of(c).text), r.line,
            fmt::format("field '{}': mean power {:.0f} W outside {}", to_string(c), v,
                        range_of(c).text));
        v = kNaN;
      }
      s.values[ci][i] = v;
    }
  }
}

void Ingestor::emit(UnitState& u, bool final) {
  auto by_time = [](const RawRow& a, const RawRow& b) { return a.t < b.t; };
  if (!std::is_sorted(u.staged.begin(), u.staged.end(), by_time))
    std::stable_sort(u.staged.begin(), u.staged.end(), by_time);
  if (!settle_interval(u, final)) return;
  std::vector<RawRow> rows = take_rows(u);
  std::uint16_t counters = 0;
  for (const auto& r : rows) counters |= r.counter_mask;
  // With registers, the last row waits for the next reading (unless this is the end).
  std::size_t n = rows.size();
  if (counters && !final && n > 0) {
    u.pending = rows.back();
    u.has_pending = true;
    --n;
  }
  if (n == 0) return;
  fill_batch(u, rows, n);
  const std::int64_t written = store_.upsert(u.id, batch_);
  report_.rows_stored += written;
  for (std::size_t i = 0; i < n; ++i) u.last_emitted = std::max(u.last_emitted, rows[i].t);
  u.emitted = true;
  rows.clear();
  u.staged = std::move(rows);  // keeps its capacity for the next batch
}

}  // namespace heatlift::operations
