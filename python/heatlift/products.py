"""The shipped products and their performance maps (docs/performance-map.md).

    >>> hl.products.list_products()              # id, name, type, refrigerant, ...
    >>> m = hl.products.performance_map("evi-r32-10kw")
    >>> m.at(t_source=np.arange(253.15, 288.15, 5.0), t_sink=318.15)   # capacity_W, cop ...

Temperatures in K (source: outdoor air dry bulb, or brine / water inlet; sink: leaving
water), part load as the compressor speed fraction (0 < x ≤ 1), capacity and power in W.
"""

import numpy as np
import pandas as pd

from . import _core
from ._frames import frame

#: Status names, indexed by the codes of a map query's ``status`` column.
MAP_STATUSES = _core.MAP_STATUSES


def _s(session):
    from . import session as _session

    return session or _session()


def ids(session=None):
    """The product IDs (as ``heatlift product list``)."""
    return _core.product_ids(_s(session))


def product(id, session=None):
    """One product: id, name, type, refrigerant, charge_kg, rated_capacity_W, rating_point,
    source_kind, description (design assumptions, sources), file."""
    return _core.product(_s(session), id)


def list_products(session=None):
    """One row per product (without the long description)."""
    rows = [product(i, session) for i in ids(session)]
    return pd.DataFrame([{k: v for k, v in r.items() if k != "description"} for r in rows])


def rating_point(id, session=None):
    """The product's design cycle at its rating point: a heatlift.cycles.CycleResult."""
    from .cycles import CycleResult

    doc = _core.product_rating_point(_s(session), id)
    return CycleResult(doc, pd.DataFrame(doc.pop("nodes")))


def performance_map(id, session=None):
    """The product's PerformanceMap (generated from its design on first use, then cached)."""
    return PerformanceMap(_core.PerformanceMap(_s(session), id))


def load_map(path):
    """A map file as ``heatlift cycle map`` writes it."""
    return PerformanceMap(_core.PerformanceMap.from_csv(str(path)))


class PerformanceMap:
    """Capacity and power over source × sink temperature × part load."""

    def __init__(self, handle):
        self._m = handle

    @property
    def source_kind(self):
        """'air', 'brine' or 'water'."""
        return self._m.source_kind

    def axes(self):
        """The grid: {'t_source_K', 't_sink_K', 'part_load'} arrays."""
        return self._m.axes()

    def at(self, t_source, t_sink, part_load=1.0):
        """Heating capacity (W), electric power (W), COP and status at every point (inputs
        broadcast). status: 'inside'; 'outside_grid' (the value at the clamped point);
        'invalid_node' (next to an infeasible node, from the valid corners). Never raises
        for finite input: check the status."""
        ts, tk, pl = np.broadcast_arrays(*(np.asarray(x, dtype=float)
                                           for x in (t_source, t_sink, part_load)))
        cols = self._m.at(*(np.ascontiguousarray(x).ravel() for x in (ts, tk, pl)))
        df = frame(cols)
        df["status"] = pd.Categorical.from_codes(df["status"].to_numpy(), MAP_STATUSES)
        df.insert(0, "t_source_K", ts.ravel())
        df.insert(1, "t_sink_K", tk.ravel())
        df.insert(2, "part_load", pl.ravel())
        return df

    def nodes(self):
        """Every grid node: t_source_K, t_sink_K, part_load, heating_capacity_W,
        electric_power_W, valid (False: infeasible, capacity and power 0)."""
        return frame(self._m.nodes())

    def to_csv(self):
        """The map as CSV text (a save/load round trip is exact)."""
        return self._m.to_csv()


__all__ = ["MAP_STATUSES", "PerformanceMap", "ids", "list_products", "load_map",
           "performance_map", "product", "rating_point"]
