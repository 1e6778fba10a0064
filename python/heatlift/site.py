"""A heat pump at a site, hour by hour over a typical year, against coal, gas and electric
baselines (docs/site.md); and sweeps over the keys of a site file.

    >>> run = hl.site.run("examples/sites/shijiazhuang-rural-coal-to-ashp.toml")
    >>> run.summary["annual"]["spf_h4"]                # summary.json as a dict
    >>> run.hourly[["t_out_C", "load_kW", "hp_power_kW"]]
    >>> hl.site.sweep("examples/sites/shijiazhuang-rural-coal-to-ashp.toml",
    ...               {"heat_pump.capacity": ["8 kW", "10 kW"], "site.city": ["Harbin", "Beijing"]})
"""

import itertools
from dataclasses import dataclass

import pandas as pd

from . import _core
from ._frames import frame, setting, source_args
from ._frames import overrides as _overrides


def _s(session):
    from . import session as _session

    return session or _session()


@dataclass
class SiteRun:
    """summary: summary.json of ``heatlift site run`` (units in its keys: kWh, kW, °C, t,
    CNY); hourly: hourly.csv as a DataFrame, one row per hour, units in the column names
    (t_out_C, load_kW, hp_heat_kW, hp_power_kW, ..., store_level_kWh, part_load, mode)."""

    summary: dict
    hourly: pd.DataFrame


def run(path=None, *, text=None, overrides=None, session=None):
    """Runs a site file, or its TOML `text`, for a typical year.

    overrides: {dotted key: value} set in the file first, e.g. {"heat_pump.capacity":
    "12 kW", "site.city": "Harbin", "economics.discount_rate": 0.04} (str values are TOML
    strings, numbers numbers). Relative paths in the file (map files) resolve from the
    file's folder (from the working folder for text)."""
    p, t = source_args(path, text)
    summary, hourly = _core.run_site(_s(session), p, t, _overrides(overrides))
    return SiteRun(summary, frame(hourly, categorical=("mode",)))


def variants(vary):
    """The variants of {key: [values]}: every combination, the last key varying fastest
    (as ``heatlift site sweep --vary``). Returns (keys, rows, shown): rows hold each value as
    the file's TOML (str → string, numbers → numbers), shown the values as given."""
    if not vary:
        raise _core.InvalidInput("site sweep: give at least one key to vary")
    keys, axes = [str(k) for k in vary], []
    for k, values in vary.items():
        values = [values] if isinstance(values, (str, bytes)) else list(values)
        if not values:
            raise _core.InvalidInput(f"site sweep: '{k}' has no values")
        axes.append(values)
    total = 1
    for a in axes:
        total *= len(a)
    if total > 1_000_000:
        raise _core.InvalidInput("site sweep: more than 1,000,000 combinations; expected fewer")
    shown = [list(v) for v in itertools.product(*axes)]
    return keys, [[setting(x) for x in v] for v in shown], shown


def finish_sweep(columns, keys, shown):
    """The sweep's DataFrame, the keys' columns holding the values as given; raises as the
    command line does when every variant failed."""
    df = frame(columns)
    for k, key in enumerate(keys):
        df[key] = pd.Series([v[k] for v in shown], index=df.index)
    if len(df) and df["error"].notna().all():
        raise _core.InvalidInput(f"site sweep: every variant failed: {df['error'].iloc[0]}")
    return df


def sweep(path=None, vary=None, *, text=None, threads=0, session=None):
    """Every combination of the values in `vary` ({dotted key: [values]}: str values are the
    file's strings, "12 kW" or "Harbin"; numbers its numbers), on `threads`
    threads (0: all cores), as ``heatlift site sweep``: one row per variant with the keys'
    values, then capacity_kw, heat_kwh, electricity_kwh, spf_h2, spf_h4, backup_share,
    peak_electric_kw, unmet_hours, co2_t, energy_cost_cny, lcoh_cny_per_kwh, cooling_kwh,
    cooling_electricity_kwh, seer_system, cooling_cost_cny (the four NaN unless the unit
    cools), baseline, co2_saving_t, payback_years (NaN where not computed) and error (why a
    variant failed).
    Values of declared keys are checked before any variant runs (heatlift.InvalidInput).
    heatlift.dask.site_sweep runs the same on a Dask cluster."""
    keys, rows, shown = variants(vary)
    p, t = source_args(path, text)
    return finish_sweep(_core.sweep_site(_s(session), p, t, keys, rows, threads), keys, shown)


__all__ = ["SiteRun", "run", "sweep", "variants"]
