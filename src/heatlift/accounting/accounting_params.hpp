// The declarations of the accounting blocks of a site file (core/params.hpp): [carbon],
// [refrigerant], [economics], [tariff] and its tables, [[baselines]], [gbt50801]. Only
// accounting_io.cpp, their reader, includes this header; `heatlift params site` prints them.
// [fuel_prices] is not declared: its keys are the fuel ids of the shipped defaults, each
// priced in its fuel's own unit, so the reader takes them from the fuel registry.
#pragma once

namespace heatlift::core {
struct BlockDecl;
}

namespace heatlift::accounting::params {

extern const core::BlockDecl kCarbon;
extern const core::BlockDecl kRefrigerant;
extern const core::BlockDecl kEconomics;
extern const core::BlockDecl kTariff;
extern const core::BlockDecl kTariffPeriods;
extern const core::BlockDecl kTariffHeatingSeason;
extern const core::BlockDecl kBaselines;
extern const core::BlockDecl kGbt50801;

}  // namespace heatlift::accounting::params
