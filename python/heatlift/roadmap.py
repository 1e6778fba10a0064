"""China's building heat-pump fleet to 2060 (docs/roadmap.md) as a tidy DataFrame.

    >>> df = hl.roadmap.run(["cns", "ngs"])                  # the bottom-up engine
    >>> df.query("group == 'total' and indicator == 'co2_reduction_net' and year == 2060")
    >>> hl.roadmap.run(["cns"], samples=1000, seed=1)          # with p5, p50, p95

One row per scenario, year, group (segments, end uses, total) and indicator, with the
indicator's display unit (e.g. 'million units', 'TWh/a', 'Mt/a') and its value: the rows of
results.csv at full precision.
"""

from . import _core
from ._frames import frame


def _s(session):
    from . import session as _session

    return session or _session()


_CATEGORIES = ("scenario", "group", "kind", "indicator", "unit")


def scenarios(session=None):
    """The shipped scenarios' names (cns, ngs, action-plan ...)."""
    return _core.scenarios(_s(session))


def _names(scenarios):
    return [scenarios] if isinstance(scenarios, str) else [str(s) for s in scenarios]


def run(scenarios=("cns", "ngs"), *, engine="bottom-up", samples=0, seed=1, threads=0,
        cells=None, cells_text=None, session=None):
    """Runs the scenarios (shipped names or scenario files) as ``heatlift roadmap``.

    engine: 'bottom-up' (every province's units simulated hour by hour from cells; default)
    or 'top-down'. samples > 0 adds the Monte Carlo band (p5, p50, p95 columns) over the
    scenario's [[uncertainty]] distributions, seeded by `seed` (same seed, same result, at
    any thread count). cells / cells_text: a cell catalogue file or its text instead of
    data/fleet/cells.toml. heatlift.dask.roadmap runs the same on a Dask cluster."""
    cols = _core.run_roadmap(_s(session), _names(scenarios), engine, int(samples), int(seed),
                             int(threads), None if cells is None else str(cells), cells_text)
    return frame(cols, categorical=_CATEGORIES)


__all__ = ["run", "scenarios"]
