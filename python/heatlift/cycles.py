"""Vapour-compression cycles solved from real properties (docs/cycles.md).

    >>> r = hl.cycles.solve("examples/cycles/r32-single-stage.toml")
    >>> r.summary["cop"], r.summary["heating_W"]
    >>> r.nodes                       # node, fluid, T_K, p_Pa, h_J_per_kg, s_J_per_kgK, ...
    >>> hl.cycles.solve("examples/cycles/r32-single-stage.toml", overrides={"fluid": "R290"})
"""

from dataclasses import dataclass

import pandas as pd

from . import _core
from ._frames import overrides as _overrides
from ._frames import source_args


@dataclass
class CycleResult:
    """summary: the figures with their units in the keys (heating_W, cop, T_discharge_K,
    p_low_Pa ...); nodes: one row per state point."""

    summary: dict
    nodes: pd.DataFrame


def solve(path=None, *, text=None, overrides=None, session=None):
    """Solves a cycle file, or its TOML `text`, as ``heatlift cycle run --format json``.

    overrides: {dotted key: value} set in the file first, values written as in the file,
    e.g. {"fluid": "R290", "sink.T_out": "55 C"}. An infeasible cycle (a sink above the
    critical temperature of a subcritical cycle, no pinch-feasible levels) raises
    heatlift.InvalidInput or heatlift.OutOfRange with the reason.
    """
    from . import session as _session

    p, t = source_args(path, text)
    doc = _core.solve_cycle(session or _session(), p, t, _overrides(overrides))
    nodes = pd.DataFrame(doc.pop("nodes"))
    first = ["node", "fluid"]
    nodes = nodes[first + [c for c in nodes.columns if c not in first]]
    return CycleResult(doc, nodes)


__all__ = ["CycleResult", "solve"]
