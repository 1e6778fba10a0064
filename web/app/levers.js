// The 2025 action plan's levers as sliders (data/scenarios/action-plan.toml). Each starts at
// the action plan's value; the limits are the ranges `heatlift params scenario` declares for
// the key (src/heatlift/fleet/scenario_registry.cpp): 0 to 200 % for a gain, 0 to 100 % for
// a share. Coal-replacement units are declared up to 10^9 a year; the slider stops at
// 10^6 (100 × 10^4), ten times the plan's size, so that a step stays one 10^4 units.
// The scenario posted extends the shipped action plan and replaces only what the sliders
// set; its other values (years, retrofit SPF gain, refrigerant mix) are the plan's.

export const LEVER_SCENARIO = 'levers';

export const levers = [
  {id: 'efficiency_gain', key: 'levers.efficiency.gain', min: 0, max: 200, step: 1, value: 20, unit: '%'},
  {id: 'retrofit_share', key: 'levers.retrofit.retrofit_share', min: 0, max: 100, step: 0.5, value: 5, unit: '%/a'},
  {id: 'coal_units', key: 'levers.coal_replacement.units_per_year', min: 0, max: 100, step: 1, value: 5,
   unit: '10^4 units'},
  {id: 'backup_reduction', key: 'levers.less_backup.reduction', min: 0, max: 100, step: 1, value: 50, unit: '%'},
  {id: 'leak_rate', key: 'levers.low_gwp.leak_rate', min: 0, max: 100, step: 0.5, value: 2, unit: '%/a'},
  {id: 'eol_recovery', key: 'levers.low_gwp.eol_recovery', min: 0, max: 100, step: 1, value: 50, unit: '%'}
];

/// The scenario file of the slider values `v` (by lever id), as POST /api/roadmap takes it.
export function scenarioToml(v, title) {
  const q = (x, unit) => JSON.stringify(`${x} ${unit}`);
  return [
    'extends = "action-plan"',
    `name = "${LEVER_SCENARIO}"`,
    `title = ${JSON.stringify(title)}`,
    '[levers.efficiency]',
    `gain = ${q(v.efficiency_gain, '%')}`,
    '[levers.retrofit]',
    `retrofit_share = ${q(v.retrofit_share, '%/a')}`,
    // An array of tables replaces the plan's whole: every key of its one programme.
    '[[levers.coal_replacement]]',
    'segment = "sh_commercial"',
    'from = 2025',
    'to = 2030',
    `units_per_year = ${q(v.coal_units, '10^4 units')}`,
    'source = "coal_boiler"',
    '[levers.less_backup]',
    `reduction = ${q(v.backup_reduction, '%')}`,
    '[levers.low_gwp]',
    `leak_rate = ${q(v.leak_rate, '%/a')}`,
    `eol_recovery = ${q(v.eol_recovery, '%')}`,
    ''
  ].join('\n');
}
