#include "test_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "heatlift/core/data_store.hpp"

#ifndef HEATLIFT_FLUIDS_TEST_DATA
#error "HEATLIFT_FLUIDS_TEST_DATA must point at tests/fluids/data"
#endif

namespace heatlift::fluids::test {

namespace {
struct LibraryHolder {
  core::DataStore store;  // must outlive the library, which keeps a reference to it
  FluidLibrary lib{store};
};
}  // namespace

const FluidLibrary& library() {
  static const LibraryHolder holder;
  return holder.lib;
}

std::shared_ptr<const Fluid> exact(std::string_view id) {
  return library().exact(id);
}

const std::vector<std::string>& expected_ids() {
  // data/fluids/README.md, table "Fluids"; sorted as std::string sorts.
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v = {
        "R1233zd(E)", "R1234yf", "R1234ze(E)", "R1336mzz(Z)", "R134a", "R152a", "R22",  "R245fa",
        "R290",       "R32",     "R407C",      "R410A",       "R600a", "R717",  "R718", "R744"};
    std::sort(v.begin(), v.end());
    return v;
  }();
  return ids;
}

std::string param_name(std::string_view id) {
  std::string out;
  for (char c : id) {
    if (c == '(') {
      out += '_';
    } else if (c == ')') {
      continue;
    } else {
      out += c;
    }
  }
  return out;
}

std::filesystem::path data_dir() {
  return std::filesystem::path(HEATLIFT_FLUIDS_TEST_DATA);
}

namespace {
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}
}  // namespace

CsvTable::CsvTable(const std::filesystem::path& path) : path_(path.string()) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path_);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header_.empty()) {
      header_ = split_csv_line(line);
      continue;
    }
    auto fields = split_csv_line(line);
    // fluids_meta.csv's last column holds unquoted commas: give the rest to the last field.
    while (fields.size() > header_.size() && !header_.empty()) {
      fields[fields.size() - 2] += "," + fields.back();
      fields.pop_back();
    }
    if (fields.size() != header_.size()) {
      throw std::runtime_error(path_ + ": a row has " + std::to_string(fields.size()) +
                               " fields, the header " + std::to_string(header_.size()));
    }
    rows_.push_back(std::move(fields));
  }
}

std::size_t CsvTable::col(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return i;
  }
  throw std::runtime_error(path_ + ": no column '" + std::string(column) + "'");
}

bool CsvTable::has_column(std::string_view column) const {
  return std::find(header_.begin(), header_.end(), column) != header_.end();
}

const std::string& CsvTable::text(std::size_t row, std::string_view column) const {
  return rows_.at(row).at(col(column));
}

double CsvTable::number(std::size_t row, std::string_view column) const {
  const std::string& s = text(row, column);
  if (s == "nan" || s == "NaN" || s.empty()) return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') {
    throw std::runtime_error(path_ + ": '" + s + "' in column '" + std::string(column) +
                             "' is not a number");
  }
  return v;
}

double rel_dev(double got, double ref, double floor) {
  if (!std::isfinite(got)) return std::numeric_limits<double>::infinity();
  const double scale = std::max(std::abs(ref), floor);
  if (scale == 0.0) return std::abs(got - ref);
  return std::abs(got - ref) / scale;
}

bool all_finite(const State& s) {
  auto ok = [](const std::optional<double>& v) { return !v || std::isfinite(*v); };
  return std::isfinite(s.T) && std::isfinite(s.p) && std::isfinite(s.rho) && std::isfinite(s.h) &&
         std::isfinite(s.s) && std::isfinite(s.u) && ok(s.cp) && ok(s.cv) && ok(s.w) && ok(s.Q);
}

std::string describe(const State& s) {
  std::ostringstream o;
  o << std::setprecision(17) << "{T=" << s.T << " p=" << s.p << " rho=" << s.rho << " h=" << s.h
    << " s=" << s.s << " u=" << s.u;
  if (s.cp) o << " cp=" << *s.cp;
  if (s.cv) o << " cv=" << *s.cv;
  if (s.w) o << " w=" << *s.w;
  if (s.Q) o << " Q=" << *s.Q;
  o << " phase=" << to_string(s.phase) << "}";
  return o.str();
}

DeviationLog::DeviationLog(std::string title, int max_reports)
    : title_(std::move(title)), max_reports_(max_reports) {}

DeviationLog::~DeviationLog() {
  for (const auto& [key, w] : worst_) {
    if (w.failures > static_cast<std::size_t>(max_reports_)) {
      ADD_FAILURE() << title_ << ": " << key.first << " " << key.second << ": " << w.failures
                    << " failures in all (only the first " << max_reports_ << " were shown)";
    }
  }
}

double DeviationLog::record(const std::string& fluid, const std::string& quantity, double dev,
                            double tol, bool absolute, const std::string& where, double got,
                            double ref) {
  ++n_;
  Worst& w = worst_[{fluid, quantity}];
  ++w.n;
  w.tol = std::max(w.tol, tol);
  w.absolute = absolute;
  if (!(dev <= w.dev)) {  // also takes NaN
    w.dev = dev;
    w.where = where;
  }
  if (!(dev <= tol)) {
    ++w.failures;
    if (w.failures <= static_cast<std::size_t>(max_reports_)) {
      ADD_FAILURE() << std::setprecision(17) << title_ << ": " << fluid << " " << quantity << " at "
                    << where << ": got " << got << ", expected " << ref << ", "
                    << (absolute ? "absolute" : "relative") << " deviation " << std::setprecision(3)
                    << dev << " > " << tol;
    }
  }
  return dev;
}

double DeviationLog::check(const std::string& fluid, const std::string& quantity, double got,
                           double ref, double floor, double tol, const std::string& where) {
  return record(fluid, quantity, rel_dev(got, ref, floor), tol, false, where, got, ref);
}

double DeviationLog::check_abs(const std::string& fluid, const std::string& quantity, double got,
                               double ref, double tol, const std::string& where) {
  const double dev =
      std::isfinite(got) ? std::abs(got - ref) : std::numeric_limits<double>::infinity();
  return record(fluid, quantity, dev, tol, true, where, got, ref);
}

void DeviationLog::fail(const std::string& fluid, const std::string& quantity,
                        const std::string& message) {
  Worst& w = worst_[{fluid, quantity}];
  ++w.n;
  ++w.failures;
  w.dev = std::numeric_limits<double>::infinity();
  w.where = message;
  if (w.failures <= static_cast<std::size_t>(max_reports_)) {
    ADD_FAILURE() << title_ << ": " << fluid << " " << quantity << ": " << message;
  }
}

double DeviationLog::worst(const std::string& fluid, const std::string& quantity) const {
  auto it = worst_.find({fluid, quantity});
  return it == worst_.end() ? 0.0 : it->second.dev;
}

void DeviationLog::print() const {
  std::ostringstream o;
  o << "\n== " << title_ << " (worst deviation per fluid and quantity)\n";
  o << std::left << std::setw(12) << "fluid" << std::setw(22) << "quantity" << std::setw(7) << "n"
    << std::setw(11) << "worst" << std::setw(10) << "tol"
    << "kind  at\n";
  for (const auto& [key, w] : worst_) {
    o << std::left << std::setw(12) << key.first << std::setw(22) << key.second << std::setw(7)
      << w.n << std::setw(11) << std::setprecision(2) << std::scientific << w.dev << std::setw(10)
      << w.tol << std::defaultfloat << (w.absolute ? "abs   " : "rel   ") << w.where
      << (w.failures ? "  FAILURES: " + std::to_string(w.failures) : std::string()) << "\n";
    std::ostringstream v;
    v << std::setprecision(3) << w.dev;
    ::testing::Test::RecordProperty(param_name(key.first) + "." + key.second, v.str());
  }
  std::cout << o.str() << std::flush;
}

bool message_names_number(const std::string& message, double limit, bool pressure) {
  static const std::regex number(R"([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)");
  // (value, allowed absolute difference): as is to 1e-4 relative; °C to 0.01 K.
  std::vector<std::pair<double, double>> candidates = {{limit, 1e-4 * std::abs(limit)}};
  if (pressure) {
    for (double scale : {1e-3, 1e-5, 1e-6}) {
      candidates.emplace_back(limit * scale, 1e-4 * std::abs(limit * scale));
    }
  } else {
    candidates.emplace_back(limit - 273.15, 0.01);
  }
  for (auto it = std::sregex_iterator(message.begin(), message.end(), number);
       it != std::sregex_iterator(); ++it) {
    const double v = std::strtod(it->str().c_str(), nullptr);
    for (const auto& [c, tol] : candidates) {
      if (std::abs(v - c) <= tol) return true;
    }
  }
  return false;
}

}  // namespace heatlift::fluids::test
