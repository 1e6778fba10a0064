// The `heatlift` command: global options, the verb registry and output helpers.
//
// Each layer's verbs live in their own file here (verbs_<layer>.cpp) and register
// themselves with a VerbRegistrar; there is no central list of verbs.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/core/data_store.hpp"
#include "heatlift/core/output_files.hpp"

namespace heatlift::cli {

enum class Format { table, json, csv };

/// What every verb may use: global options, the data store, the output streams.
class Context {
 public:
  Context(std::ostream& out, std::ostream& err, std::istream& in) : out_(out), err_(err), in_(in) {}

  std::string format_name = "table";  ///< --format as given (validated by CLI11)
  Format format() const {
    return format_name == "json"  ? Format::json
           : format_name == "csv" ? Format::csv
                                  : Format::table;
  }
  std::optional<std::filesystem::path> out_dir;   ///< --out DIR
  std::optional<std::filesystem::path> data_dir;  ///< --data DIR

  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  std::istream& in() { return in_; }  ///< standard input (fluid eval, rate -)
  /// All of standard input, as bytes; throws InvalidInput past `max_bytes`.
  std::string read_input(std::size_t max_bytes = SIZE_MAX);
  /// The data store selected by --data / HEATLIFT_DATA (created on first use).
  const core::DataStore& data();
  /// Creates --out DIR if needed and returns it; throws InvalidInput if --out was not given.
  /// A folder created here is removed again if the run fails and it is still empty.
  std::filesystem::path require_out_dir(std::string_view verb);
  /// Stages a file the verb writes (report, results, label ...). Every staged file is
  /// renamed into place only when the whole run succeeds: a failed or killed run leaves
  /// the files that were there before (core/output_files.hpp).
  void write_file(const std::filesystem::path& path, std::string_view content);
  /// Renames the staged files into place (run() calls it after a successful verb).
  void commit_files();
  /// Drops the staged files and removes folders this run created and left empty.
  void discard_files() noexcept;
  /// Prints a JSON document on stdout (the only thing a verb prints in --format json).
  void print_json(const nlohmann::json& doc);
  /// Whether a document was printed: a verb that fails after printing its result (rate
  /// --strict) gets its error on stderr only, so stdout stays one JSON document.
  bool printed_json() const { return printed_json_; }

 private:
  std::ostream& out_;
  std::ostream& err_;
  std::istream& in_;
  std::unique_ptr<core::DataStore> data_;
  core::StagedOutputs staged_;
  std::vector<std::filesystem::path> created_dirs_;
  bool printed_json_ = false;
};

/// A verb's set-up: adds its subcommand to `app` and sets its callback.
using VerbSetup = void (*)(CLI::App& app, Context& ctx);

/// Registers a verb at static-initialisation time; `order` sorts --help (lower first).
struct VerbRegistrar {
  VerbRegistrar(const char* name, int order, VerbSetup setup);
};

/// A simple table printed aligned for people or as CSV; columns carry their units.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> row);
  void print(std::ostream& os) const;      ///< aligned, for a terminal
  void print_csv(std::ostream& os) const;  ///< RFC 4180 CSV
  /// Prints in the context's format (table or csv); JSON is the verb's own business.
  void print(Context& ctx) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// A JSON document as text. Throws InternalError naming the path of the first number that
/// is NaN or infinite (nlohmann would write it as null): no such value ever leaves heatlift.
/// Invalid UTF-8 in a string is written as U+FFFD rather than aborting.
std::string json_text(const nlohmann::json& doc, int indent);

/// Quotes a CSV field when needed.
std::string csv_field(std::string_view s);

/// Runs the command line; returns the process exit code (0, 1 or 2). Never throws: every
/// failure is a message on `err` (and a JSON error document on `out` with --format json).
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
/// The same, reading standard input from `in`.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, std::istream& in);

}  // namespace heatlift::cli
