// The `heatlift` command: global options, the verb registry and output helpers.
//
// Each layer's verbs live in their own file here (verbs_<layer>.cpp) and register
// themselves with a VerbRegistrar; there is no central list of verbs.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/core/data_store.hpp"

namespace heatlift::cli {

enum class Format { table, json, csv };

/// What every verb may use: global options, the data store, the output streams.
class Context {
 public:
  Context(std::ostream& out, std::ostream& err) : out_(out), err_(err) {}

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
  /// The data store selected by --data / HEATLIFT_DATA (created on first use).
  const core::DataStore& data();
  /// Creates --out DIR if needed and returns it; throws InvalidInput if --out was not given.
  std::filesystem::path require_out_dir(std::string_view verb);
  /// Prints a JSON document on stdout (the only thing a verb prints in --format json).
  void print_json(const nlohmann::json& doc);

 private:
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<core::DataStore> data_;
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

/// Quotes a CSV field when needed.
std::string csv_field(std::string_view s);

/// Runs the command line; returns the process exit code (0, 1 or 2).
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace heatlift::cli
