"""heatlift: heat pumps from the refrigerant to the nation, from Python.

The same engine as the ``heatlift`` command, with results as pandas DataFrames::

    import heatlift as hl
    r32 = hl.fluids.fluid("R32")
    r32.props("T,Q", [273.15, 283.15], 1.0, want="p,h")     # DataFrame: p_Pa, h_J_kg
    run = hl.site.run("examples/sites/shijiazhuang-rural-coal-to-ashp.toml")
    run.hourly                                               # 8,760 rows: t_out_C, load_kW ...
    hl.roadmap.run(["cns"])                                  # tidy: scenario, year, group ...

Modules: fluids, cycles, products, rating, climate, site, roadmap, monitor (a store of
monitoring data: rows and KPIs), and dask (sweeps, Monte Carlo and the bottom-up national
cells on a distributed.Client). Units are SI inside and written into every column name and
key (T_K, heat_kwh, t_out_C). Errors are ``heatlift.Error`` subclasses carrying the command
line's code and message.
"""

import os as _os
import threading as _threading

from . import _core
from ._core import (
    DataMissing,
    Error,
    InternalError,
    InvalidInput,
    NoConvergence,
    NotSupported,
    OutOfRange,
    Session,
)

__version__ = _core.__version__

_sessions = {}
_sessions_lock = _threading.Lock()


def session(data=None):
    """The Session for a data folder (None: $HEATLIFT_DATA, else the built-in data only).

    Sessions are created once per folder and process and shared: the libraries they hold
    (fluid tables, product maps, places) are loaded on first use and kept.
    """
    key = _os.fspath(data) if data is not None else _os.environ.get("HEATLIFT_DATA") or None
    with _sessions_lock:
        s = _sessions.get(key)
        if s is None:
            s = _sessions[key] = Session(key)
        return s


from . import climate, cycles, fluids, monitor, products, rating, roadmap, site  # noqa: E402

__all__ = [
    "DataMissing",
    "Error",
    "InternalError",
    "InvalidInput",
    "NoConvergence",
    "NotSupported",
    "OutOfRange",
    "Session",
    "climate",
    "cycles",
    "fluids",
    "monitor",
    "products",
    "rating",
    "roadmap",
    "session",
    "site",
]
