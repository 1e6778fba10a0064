"""Climate: the embedded Chinese cities and any place's typical year (docs/climate.md).

    >>> p = hl.climate.place("Harbin")          # or 哈尔滨, 509530, a GB 50736 station: 保定
    >>> p.info["zone"], p.info["heating_design_temperature_C"]
    >>> p.hourly                                 # hour, month, t_dry_C, rh_fraction, ghi_W_m2
"""

from dataclasses import dataclass

import pandas as pd

from . import _core
from ._frames import frame


def _s(session):
    from . import session as _session

    return session or _session()


@dataclass
class Place:
    """info: location, GB 50176 zone and sub-zone, GB 50736 design temperature (°C) and
    heating days, degree days (K·d), whether the year is synthetic; hourly: 8,760 rows."""

    info: dict
    hourly: pd.DataFrame


def cities(session=None):
    """The cities with an hourly CSWD typical year (name, name_zh, province, wmo, ...)."""
    return pd.DataFrame(_core.cities(_s(session)))


def place(query, session=None):
    """One place by name (English or Chinese), WMO id or GB 50736 station; a station
    without a CSWD year gets a synthetic one (info['synthetic']). Unknown names raise
    heatlift.DataMissing listing close ones."""
    info, hourly = _core.place(_s(session), query)
    return Place(info, frame(hourly))


__all__ = ["Place", "cities", "place"]
