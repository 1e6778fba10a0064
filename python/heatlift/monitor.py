"""Monitoring data of running heat pumps (docs/operations.md): the units of a store, their
rows as DataFrames with the SI unit in every column name, their KPIs per period with the
expected performance, and their findings.

    >>> store = hl.monitor.open_store("heatlift.db")      # or "postgresql://..."
    >>> store.units()                                      # ids, sorted
    >>> store.unit("hb-001")["rated_capacity_W"]
    >>> rows = store.series("hb-001", start="2025-01-01", end="2025-02-01")
    >>> rows[["time", "heat_hp_W", "elec_unit_W", "t_flow_K"]]
    >>> store.kpis("hb-001", period="month")[["period", "spf_H1", "running_hours_h"]]
    >>> store.findings("hb-001", lang="zh")[["code", "period", "diagnosis"]]

Times given as text or naive datetimes are China Standard Time (UTC+8), as the command
line's --from and --to; `time` columns are UTC.
"""

import datetime as _dt
import os

import numpy as np
import pandas as pd

from . import _core
from ._frames import frame

CHINA = _dt.timezone(_dt.timedelta(hours=8), "CST")

# The KPIs that are one number per period, and their column names with units.
_METRICS = [
    ("running_hours", "running_hours_h"),
    ("starts", "starts"),
    ("starts_per_running_hour", "starts_per_running_hour"),
    ("starts_per_hour", "starts_per_hour"),
    ("median_on_cycle_min", "median_on_cycle_min"),
    ("defrost_share", "defrost_share"),
    ("defrost_heat_loss_kWh", "defrost_heat_loss_kWh"),
    ("defrost_electricity_kWh", "defrost_electricity_kWh"),
    ("defrost_loss", "defrost_loss"),
    ("backup_share", "backup_share"),
    ("carnot_fraction", "carnot_fraction"),
    ("standby_share", "standby_share"),
    ("mean_standby_power_W", "mean_standby_power_W"),
]
_ENERGIES = ["heat_hp_kWh", "heat_backup_kWh", "elec_unit_kWh", "elec_source_kWh",
             "elec_backup_kWh", "elec_sink_kWh"]
_BOUNDARIES = ["H1", "H2", "H3", "H4"]


def _seconds(value, name):
    """A time as s since 1970 UTC: text or a naive datetime in China Standard Time, an aware
    one as it says; None: open."""
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as e:
        raise _core.InvalidInput(
            f"{name} = {value!r}: expected a date or time such as '2025-01-15' or "
            f"'2025-01-15 08:30' (China Standard Time) ({e})") from None
    if ts is pd.NaT:
        raise _core.InvalidInput(f"{name} = {value!r}: expected a date or time, not NaT")
    if ts.tzinfo is None:
        ts = ts.tz_localize(CHINA)
    return int(ts.timestamp() // 1)


def _range(start, end):
    lo, hi = _seconds(start, "start"), _seconds(end, "end")
    if lo is not None and hi is not None and lo >= hi:
        raise _core.InvalidInput(f"start = {start!r} is not before end = {end!r}")
    return (lo if lo is not None else -(2**63)), (hi if hi is not None else 2**63 - 1)


class Store:
    """A store of monitoring data: a SQLite file (created when absent) or a PostgreSQL
    database, the same as ``heatlift monitor --db URL`` uses."""

    def __init__(self, url):
        self._s = _core.MonitorStore(os.fspath(url))

    @property
    def url(self):
        return self._s.url

    def units(self):
        """Every unit id, sorted."""
        return self._s.unit_ids()

    def unit(self, unit):
        """A unit's metadata (type, refrigerant, rated_capacity_W, install_year, place,
        emitters, product, map_file, meters, boundaries). Unknown ids raise
        heatlift.DataMissing."""
        return self._s.unit(unit)

    def series(self, unit, start=None, end=None):
        """The unit's rows with start <= time < end, in time order: time (UTC), dt_s, one
        column per channel with its SI unit (elec_unit_W, heat_hp_W, t_flow_K,
        flow_rate_m3_s, rh_outdoor_fraction, compressor_hz, defrost_fraction, ...; NaN where
        the row has no value) and flags (the ingest's quality bits, docs/operations.md)."""
        lo, hi = _range(start, end)
        df = frame(self._s.read(unit, lo, hi))
        df.insert(0, "time", pd.to_datetime(df.pop("t_s"), unit="s", utc=True))
        return df

    def kpis(self, unit, period="month", start=None, end=None, t_source_K=None, session=None):
        """The unit's KPIs per calendar period in China Standard Time (period: day, month,
        year or all), one row per period with rows, as ``heatlift monitor kpi``: coverage
        (rows, hours_h), energies (heat_hp_kWh, elec_unit_kWh, ...), spf_H1 ... spf_H4 at the
        boundaries the unit's meters allow, running_hours_h, starts, cycles, defrost, back-up,
        carnot_fraction, standby, and spf_expected (from the unit's product or map file) with
        residual = measured / expected - 1. A KPI the data cannot give is NaN and its reason
        is in the row's `reasons` ({column: why}); on_cycles_min and part_load_h hold the
        histograms. The expected performance's aggregates and residual trend are in
        ``df.attrs["expected"]``. t_source_K: source temperature of ground and water units
        (their telemetry has none); session: whose products and data resolve the map."""
        from . import session as _session

        lo, hi = _range(start, end)
        doc = self._s.kpis(session or _session(), unit, period, lo, hi, t_source_K)
        columns = ["period", "from", "to", "rows", "hours_h", "flagged_rows",
                   "running_unknown_rows", "running_basis"]
        df = pd.DataFrame([_kpi_row(k) for k in doc["kpis"]])
        if df.empty:
            df = pd.DataFrame(columns=columns + ["reasons"])
        else:
            for col in ("from", "to"):
                df[col] = pd.to_datetime(df[col], unit="s", utc=True)
        df.attrs["expected"] = doc["expected"]
        return df


    def findings(self, unit, start=None, end=None, lang="en", session=None):
        """What is wrong with the unit over [start, end), as ``heatlift monitor diagnose``:
        one row per finding (short_cycling, curve_too_high, excessive_defrost,
        backup_overuse, low_delta_t, oversized, meter_heat_stuck, meter_heat_high,
        meter_elec_missing, degradation) with its period, from and to (UTC), severity, the
        evidence that triggered it ({name: (value, unit)}) and title, diagnosis and action
        in `lang` (zh or en). The rules that could not run for the unit, and why, are in
        ``df.attrs["skipped"]``; the rows looked at in ``df.attrs["rows"]``."""
        from . import session as _session

        lo, hi = _range(start, end)
        doc = _core.monitor_findings(self._s, session or _session(), unit, lo, hi, lang)
        columns = ["unit", "code", "severity", "period", "from", "to", "title", "diagnosis",
                   "action", "evidence"]
        rows = [{"unit": f["unit"], "code": f["code"], "severity": f["severity"],
                 "period": f["period"], "from": f["from"], "to": f["to"], "title": f["title"],
                 "diagnosis": f["diagnosis"], "action": f["action"],
                 "evidence": {e["name"]: (e["value"], e["unit"]) for e in f["evidence"]}}
                for f in doc["findings"]]
        df = pd.DataFrame(rows, columns=columns)
        for col in ("from", "to"):
            df[col] = pd.to_datetime(df[col], utc=True)
        df.attrs["skipped"] = {s["code"]: s["reason"] for s in doc["skipped"]}
        df.attrs["rows"] = doc["rows"]
        return df


def _kpi_row(doc):
    cov = doc["coverage"]
    row = {"period": doc["period"], "from": doc["from"], "to": doc["to"], "rows": cov["rows"],
           "hours_h": cov["hours"], "flagged_rows": cov["flagged_rows"],
           "running_unknown_rows": cov["running_unknown_rows"],
           "running_basis": doc["running_basis"]}
    reasons = {}

    def put(column, metric):
        value = metric["value"]
        row[column] = np.nan if value is None else float(value)
        if value is None:
            reasons[column] = metric["reason"]

    for name in _ENERGIES:
        put(name, doc["energy"][name])
    spf = {s["boundary"]: s for s in doc["spf"]}
    for b in _BOUNDARIES:
        if b in spf:
            put(f"spf_{b}", spf[b])
        else:
            row[f"spf_{b}"] = np.nan
            reasons[f"spf_{b}"] = f"the unit's meters do not give SEPEMO {b}"
    for name, column in _METRICS:
        put(column, doc[name])
    put("spf_expected", doc["spf_expected"])
    put("residual", doc["residual"])
    row["on_cycles_min"] = dict(zip(doc["on_cycles_min"]["lower"],
                                    doc["on_cycles_min"]["count"]))
    part = doc["part_load"]
    row["part_load_h"] = dict(zip(part["lower"], part["hours"])) if "lower" in part else None
    row["reasons"] = reasons
    return row


def open_store(url):
    """The store at `url`: a SQLite file path or sqlite:PATH, or postgresql://... Anything
    else raises heatlift.InvalidInput naming the url."""
    return Store(url)


__all__ = ["CHINA", "Store", "open_store"]
