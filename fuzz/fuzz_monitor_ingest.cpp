// A monitoring file as `heatlift monitor ingest` reads it (CSV, or JSON lines when it starts
// with '{'), into a store in memory; then every stored hour goes through the block codec both
// stores keep samples in (store_blocks.hpp) and must read back as written. Checked: every row
// read is stored or dropped under a reason; stored rows strictly increase in time; and a
// block's bytes cut or changed anywhere are refused as damaged, never read as numbers.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "fuzz_support.hpp"
#include "heatlift/operations/ingest.hpp"
#include "heatlift/operations/store.hpp"
#include "heatlift/operations/store_blocks.hpp"

namespace {

namespace op = heatlift::operations;

// Each unit's rows through the same block encoding the stores use.
class BlockStore final : public op::Store {
 public:
  void put_unit(const op::UnitMeta&) override {}
  std::optional<op::UnitMeta> unit(std::string_view) override { return std::nullopt; }
  std::vector<std::string> unit_ids() override { return {}; }
  std::int64_t upsert(std::string_view id, const op::Series& rows) override {
    if (rows.empty()) return 0;
    op::check_block_times(id, rows);
    op::Series scratch;
    const op::Series& ordered = op::in_time_order(rows, scratch);
    auto& hours = units_[std::string(id)];
    std::string buffer;
    std::map<std::int64_t, std::string> written;
    op::write_blocks(ordered, hours, id, buffer,
                     [&](const op::Block& b) { written[b.hour] = std::string(b.data); });
    for (auto& [hour, data] : written) hours[hour] = std::move(data);
    return static_cast<std::int64_t>(rows.size());
  }
  op::Series read(std::string_view id, std::int64_t from, std::int64_t to) override {
    op::Series out;
    const auto u = units_.find(std::string(id));
    if (u == units_.end()) return out;
    for (const auto& [hour, data] : u->second) op::decode_block(data, hour, out, from, to, id);
    return out;
  }
  std::int64_t count(std::string_view id) override {
    return static_cast<std::int64_t>(read(id, INT64_MIN, INT64_MAX).size());
  }
  void log_ingest(const op::IngestReport&) override {}
  std::map<std::string, std::map<std::int64_t, std::string>> units_;
};

void check_blocks(BlockStore& store) {
  for (const auto& [id, hours] : store.units_) {
    const op::Series s = store.read(id, INT64_MIN, INT64_MAX);
    for (std::size_t i = 1; i < s.size(); ++i)
      if (s.t[i - 1] >= s.t[i]) heatlift::fuzz::finding("store", "times not increasing");
    for (const auto& [hour, data] : hours) {
      // Damage the block: a cut and a changed byte must be refused or still read consistently.
      for (const std::string& bad :
           {data.substr(0, data.size() / 2), data + "x", std::string(data).replace(4, 1, "\x7f")}) {
        op::Series out;
        try {
          op::decode_block(bad, hour, out, INT64_MIN, INT64_MAX, "fuzz");
        } catch (const heatlift::InternalError& e) {
          heatlift::fuzz::check_message(e.what());
          continue;
        }
        for (const auto& column : out.values)
          if (column.size() != out.size()) heatlift::fuzz::finding("block", "ragged columns");
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace heatlift;
  const bool json = size > 0 && data[0] == '{';
  static const std::filesystem::path dir = std::filesystem::temp_directory_path();
  const std::filesystem::path file =
      dir / ("heatlift_fuzz_ingest_" + std::to_string(::getpid()) + (json ? ".jsonl" : ".csv"));
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  BlockStore store;
  op::IngestOptions options;
  options.unit = "F1";
  options.batch_rows = 64;  // many batches: merges into stored hours
  options.now = 1'800'000'000;
  try {
    const op::IngestReport r = op::ingest_file(file, store, options);
    if (r.rows_read != r.rows_stored + r.rows_dropped)
      fuzz::finding("ingest", "a row neither stored nor dropped");
    std::int64_t reasons = 0;
    for (const auto& [reason, n] : r.dropped) reasons += n;
    if (reasons != r.rows_dropped) fuzz::finding("ingest", "a drop without its reason");
    for (const auto& e : r.examples) fuzz::check_message(e);
  } catch (const Error& e) {
    fuzz::check_message(e.what());
  }
  check_blocks(store);
  std::filesystem::remove(file);
  return 0;
}
