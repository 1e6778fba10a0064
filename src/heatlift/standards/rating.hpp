// Rating a product: its metrics (declared, or computed by the standard's method), its
// grade under each standard it declares, pass or fail of every minimum, the headroom to
// the next grade, the distance to the action plan's 2030 target and its refrigerant's
// GWP and CO2-equivalent charge. Every result names the clause or table it follows and
// the confidence of the numbers behind it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "heatlift/fluids/properties.hpp"
#include "heatlift/fluids/refrigerants.hpp"
#include "heatlift/standards/en14825.hpp"
#include "heatlift/standards/product.hpp"
#include "heatlift/standards/tables.hpp"

namespace heatlift::standards {

struct MetricValue {
  std::string name;  ///< "HSPF", "SCOP", ...
  double value = 0.0;
  bool computed = false;                   ///< false: declared by the product
  std::string clause;                      ///< how it was computed, or the table that asks for it
  Confidence confidence = Confidence::c1;  ///< of the method's numbers (declared: C1)
};

struct GateCheck {
  Gate gate;
  double value = 0.0;
  bool pass = false;
};

/// A minimum of the limit grade (能效限定值) that a product misses: the rated metric's
/// limit threshold or a gate binding every grade.
struct Shortfall {
  std::string metric;
  double value = 0.0;
  double minimum = 0.0;
  double short_by() const { return minimum - value; }
};

struct GradeOutcome {
  std::string table_id;
  std::string clause;
  std::string band;  ///< the capacity band, described
  std::string note;
  Confidence confidence = Confidence::unconfirmed;
  std::string metric;
  std::vector<double> thresholds;  ///< grade 1 first; empty when not confirmed
  int grades = 0;
  bool graded = false;       ///< false: the table's thresholds are not shipped (UNCONFIRMED)
  std::optional<int> grade;  ///< nullopt: below the limit, or not graded
  bool pass = false;         ///< meets the limit grade and every minimum
  std::vector<GateCheck> gates;
  std::optional<double> margin;  ///< metric above the reached grade's threshold
  /// Headroom, for a product that meets the limit and is not grade 1: the next better
  /// grade, the metric increase it needs and its further minimums still unmet. A product
  /// below the limit has no headroom: `below_minimum` says what it misses instead.
  std::optional<int> next_grade;
  std::optional<double> to_next;
  std::vector<std::string> next_needs;
  std::vector<Shortfall> below_minimum;  ///< empty when it meets the limit (or is not graded)
};

/// "COPdh 1.950 < 2.000 (short by 0.050)", each shortfall joined by "; ".
std::string describe(const std::vector<Shortfall>& shortfalls);

/// Where a product stands against the 2030 target. A product below the standard's
/// minimum (能效限定值) is never on target, whatever its metric against the baseline.
enum class TargetStatus { met, not_met, fails_minimum };
/// "met", "not met", "fails minimum".
std::string_view to_string(TargetStatus s);

struct TargetOutcome {
  int year = 2030;
  double target = 0.20;  ///< the plan's improvement
  std::string baseline_name;
  bool baseline_is_limit = false;  ///< the grade table's limit, not a reference product
  double baseline = 0.0;
  double required = 0.0;     ///< baseline × (1 + target): the metric on target
  double improvement = 0.0;  ///< value / baseline − 1
  TargetStatus status = TargetStatus::not_met;
  bool met = false;  ///< status == met
  /// Which reading of the plan's "+20 %" is used: "minimum limit +20 %" or "reference
  /// +20 %" (`basis`), and in words, with the plan's text and the baseline (`reading`).
  std::string basis;
  std::string reading;
  Confidence confidence = Confidence::unconfirmed;
};

struct RefrigerantOutcome {
  std::string name;  ///< "" when the product declares none
  std::string composition;
  std::optional<double> charge;  ///< kg
  fluids::GwpBasis basis = fluids::GwpBasis::ar4;
  std::optional<double> gwp;   ///< kgCO2e/kg
  std::optional<double> co2e;  ///< charge × GWP, kg CO2e
  std::string status;          ///< the GWP table's confidence text
  std::string source;          ///< the GWP table's source line
};

struct Rating {
  std::string product, manufacturer, model, origin;
  StandardId standard = StandardId::gb19577;
  std::string standard_name;   ///< "GB 19577-2024"
  std::string standard_title;  ///< "热泵和冷水机组能效限定值及能效等级"
  std::string category;
  MetricValue metric;                      ///< the rated metric
  std::vector<MetricValue> other_metrics;  ///< gate metrics, ηs, ...
  std::optional<GradeOutcome> grade;
  std::optional<En14825Result> en14825;
  std::optional<TargetOutcome> target;
  RefrigerantOutcome refrigerant;
  std::vector<std::string> notes;
  /// What the rating made up for and the user should check (EN 14825: a declared capacity
  /// below the part load at or above Tbiv, covered by the back-up heater).
  std::vector<std::string> warnings;
  /// Declared data that cannot be right, each with its reason (plausibility.hpp). The
  /// product is still rated, and its row is `flagged`, not `rated`.
  std::vector<std::string> flags;
};

/// What became of one row of a products CSV: `flagged` is rated, with declared data that
/// cannot be right (the reason says what).
enum class RowStatus { rated, refused, skipped, flagged };
/// "rated", "refused", "skipped", "flagged".
std::string_view to_string(RowStatus s);

struct RowResult {
  std::string origin;    ///< "file:line"
  std::string product;   ///< the row's name
  std::string standard;  ///< the standard's name ("GB 19577-2024"), or the cell as written
  RowStatus status = RowStatus::rated;
  /// refused: the error, naming the field, the value and what was expected; skipped: why;
  /// flagged: each implausible finding; rated: "" or, for a product below the limit, what
  /// it misses.
  std::string reason;
  ErrorCode error_code = ErrorCode::invalid_input;  ///< refused rows
  std::optional<Rating> rating;                     ///< rated rows
};

enum class Baseline { automatic, limit };

struct RatingOptions {
  fluids::GwpBasis gwp = fluids::GwpBasis::ar4;
  /// automatic: the product's named reference if it has one, else the table's limit.
  Baseline baseline = Baseline::automatic;
};

/// Grades `value` (and the gate metrics in `metrics`) against one table. Throws
/// InvalidInput naming `field` when a gate's metric is missing.
GradeOutcome grade(const GradeTable& table, int grades, double value,
                   const std::map<std::string, double>& metrics, std::string_view field);

/// Rates products; holds only shared read-only data, so one Rater serves many threads.
class Rater {
 public:
  /// `water` (R718) computes water-heater COPs from heating tests; may be null when no
  /// product has one.
  Rater(const StandardsLibrary& library, const fluids::GwpTable& gwp,
        const fluids::Properties* water = nullptr);

  /// Every declaration of the product, or only `only`'s (InvalidInput if it has none).
  std::vector<Rating> rate(const Product& product, std::optional<StandardId> only,
                           const RatingOptions& options) const;
  Rating rate(const Product& product, const Declaration& declaration,
              const RatingOptions& options) const;

  /// Every row of a products CSV, in order, one result per declaration: a row the reader
  /// refused stays refused; a row whose rating fails on the user's input (an error of exit
  /// code 2) is refused with that error as its reason, and the others are still rated; with
  /// `only`, a row for another standard is skipped. heatlift's own failures still throw.
  std::vector<RowResult> rate_rows(const std::vector<ProductRow>& rows,
                                   std::optional<StandardId> only,
                                   const RatingOptions& options) const;

  /// The table a declaration falls in; throws InvalidInput naming the field and the choices.
  const GradeTable& select_table(const StandardTables& standard, const Declaration& d) const;

 private:
  const StandardsLibrary& lib_;
  const fluids::GwpTable& gwp_;
  const fluids::Properties* water_;
};

}  // namespace heatlift::standards
