"""heatlift on a Dask cluster: site sweeps, Monte Carlo samples and the bottom-up national
cells on a distributed.Client, gathered into the same tables as the single-machine run (bit
for bit: every variant, cell and sample is computed by the same code, only elsewhere).

    >>> import heatlift.dask as hd
    >>> client = hd.connect()                      # LocalCluster: 2 workers, 1 thread each
    >>> client = hd.connect("tcp://10.0.0.5:8786") # or a real cluster's scheduler
    >>> hd.site_sweep("examples/sites/shijiazhuang-rural-coal-to-ashp.toml",
    ...               {"site.city": ["Harbin", "Beijing"], "heat_pump.capacity": ["8 kW", "10 kW"]},
    ...               client=client)               # == heatlift.site.sweep(...)
    >>> hd.roadmap(["cns"], samples=1000, client=client)   # == heatlift.roadmap.run(...)

Partitioning: a sweep's variants are grouped by their place (site.city or site.epw when
varied) and the fleet's cells by their station, so one task loads one place, and each
worker process keeps its libraries (fluid tables, product maps, places) between tasks.
Workers need heatlift importable (cmake --install, or PYTHONPATH at the build) and the same
data: files named by path (site files' map files, --data folders, scenario files) must be
readable at the same path on every worker; site and catalogue text is sent with the tasks.
"""

import contextlib
import math
import os
import threading

import numpy as np

import heatlift
from heatlift import _core
from heatlift import site as _site
from heatlift._frames import frame


#: What the worker processes of connect()'s LocalCluster start with instead of Dask's
#: MALLOC_TRIM_THRESHOLD_=65536: that setting fixes glibc's mmap threshold at 128 KiB, so
#: every hourly series (8,760 values and more) is a fresh mapping and its pages are faulted
#: in again for every variant; sweeps ran eight times slower. Set the same on the workers of
#: a real cluster (distributed.nanny.pre-spawn-environ in their Dask configuration).
WORKER_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "134217728"}


def connect(address=None, *, n_workers=2, threads_per_worker=1, **cluster_options):
    """A distributed.Client: of the scheduler at `address` (a real cluster), else of a new
    LocalCluster of `n_workers` worker processes on this machine (loopback only, no
    dashboard, WORKER_MALLOC in their environment). Close it with client.close() (and
    client.cluster.close())."""
    import dask
    import distributed

    if address is not None:
        return distributed.Client(address)
    options = dict(n_workers=n_workers, threads_per_worker=threads_per_worker, processes=True,
                   host="127.0.0.1", dashboard_address=None)
    options.update(cluster_options)
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {})
    environ.update(WORKER_MALLOC)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return distributed.Client(distributed.LocalCluster(**options))


@contextlib.contextmanager
def _using(client):
    """The client to use: `client` (a Client or a scheduler address), else the default
    client of this process, else a LocalCluster made for this call and closed after it."""
    import distributed

    if client is not None and not isinstance(client, str):
        yield client
        return
    if client is None:
        try:
            yield distributed.default_client()
            return
        except ValueError:
            pass
    own = connect(client)
    try:
        yield own
    finally:
        cluster = own.cluster if client is None else None
        own.close()
        if cluster is not None:
            cluster.close()


def _worker_count(client):
    return max(1, len(client.scheduler_info().get("workers", {})))


def _chunks(indices, size):
    return [indices[i:i + size] for i in range(0, len(indices), size)]


# ---- site sweeps ----------------------------------------------------------------------------

_PLACE_KEYS = ("site.city", "site.epw")


def _sweep_part(data, text, origin, base_dir, keys, rows):
    """Worker: the sweep's figures of `rows` (one thread: the worker's cores are its
    processes)."""
    return _core.sweep_site(heatlift.session(data), None, text, keys, rows, 1, base_dir, origin)


def _sweep_partitions(keys, rows, workers):
    """Row indices grouped by place and cut into tasks that shrink as the sweep goes
    (guided: each a 1/(2·workers) share of what is left, 16 rows at least, never across
    two places), so the workers start on large tasks and finish together on small ones."""
    place = next((keys.index(k) for k in _PLACE_KEYS if k in keys), None)
    groups = {}
    for i, row in enumerate(rows):
        groups.setdefault(row[place] if place is not None else "", []).append(i)
    left, out = len(rows), []
    for g in groups.values():
        while g:
            size = max(16, math.ceil(left / (2 * workers)))
            out.append(g[:size])
            g, left = g[size:], left - min(size, len(g))
    return out


def _assemble(parts, total):
    """The parts' columns (each for its row indices) as one table in row order."""
    columns = []
    for c, (name, first) in enumerate(parts[0][1]):
        if isinstance(first, np.ndarray):
            out = np.empty(total, dtype=first.dtype)
            for indices, cols in parts:
                out[indices] = cols[c][1]
        else:
            out = [None] * total
            for indices, cols in parts:
                for i, v in zip(indices, cols[c][1]):
                    out[i] = v
        columns.append((name, out))
    return columns


def site_sweep(path=None, vary=None, *, text=None, client=None, data=None):
    """heatlift.site.sweep on a Dask cluster: the same DataFrame, bit for bit.

    client: a distributed.Client or a scheduler address (None: this process's default
    client, else a LocalCluster for this call). data: the data folder (as Session(data)),
    which must exist at the same path on the workers."""
    keys, rows, shown = _site.variants(vary)
    _core.check_sweep(keys, rows)
    if text is None:
        path = os.fspath(path)
        text, origin = _core.read_text_file(path, "file"), path
        base_dir = os.path.dirname(path)
    else:
        origin, base_dir = "site", os.getcwd()
    with _using(client) as c:
        partitions = _sweep_partitions(keys, rows, _worker_count(c))
        futures = [c.submit(_sweep_part, data, text, origin, base_dir, keys,
                            [rows[i] for i in part], pure=False) for part in partitions]
        results = c.gather(futures)
    return _site.finish_sweep(_assemble(list(zip(partitions, results)), len(rows)), keys, shown)


# ---- the national fleet ---------------------------------------------------------------------

_plans = {}
_plans_lock = threading.Lock()


def _plan(data, scenario, catalogue, origin, engine, parts=None, token=None):
    """Worker: the fleet plan of a scenario, kept per process; with `parts` (every cell's
    packed years, broadcast) a second plan weighed with them, kept by `token`."""
    key = (data, scenario, catalogue, origin, engine, token)
    with _plans_lock:
        plan = _plans.get(key)
        if plan is None:
            plan = _core.FleetPlan(heatlift.session(data), scenario, catalogue, origin, engine)
            if parts is not None:
                plan.weigh(parts)
            if len(_plans) >= 8:
                _plans.pop(next(iter(_plans)))
            _plans[key] = plan
        return plan


def _cells_part(data, scenario, catalogue, origin, indices):
    """Worker: the packed years of the cells at `indices` (one station's)."""
    return _plan(data, scenario, catalogue, origin, "bottom-up").simulate(indices, 1)


def _samples_part(data, scenario, catalogue, origin, engine, parts, token, seed, first, count):
    """Worker: the values of Monte Carlo samples [first, first + count)."""
    plan = _plan(data, scenario, catalogue, origin, engine, parts, token)
    return plan.sample_values(seed, first, count)


def _scenario_table(c, data, name, catalogue, origin, engine, samples, seed):
    plan = _core.FleetPlan(heatlift.session(data), name, catalogue, origin, engine)
    parts = None
    if engine == "bottom-up":
        stations = {}
        for i, place in enumerate(plan.cell_places()):
            stations.setdefault(place, []).append(i)
        groups = list(stations.values())
        futures = [c.submit(_cells_part, data, name, catalogue, origin, g, pure=False)
                   for g in groups]
        parts = list(zip(groups, c.gather(futures)))
        plan.weigh(parts)
    if samples <= 0:
        return plan.table()
    plan.check_samples(samples)
    shared = c.scatter([parts], broadcast=True)[0] if parts is not None else None
    # Not the key itself: a task argument equal to a key would be replaced by its data.
    token = f"weighed:{shared.key}" if shared is not None else None
    size = max(1, math.ceil(samples / (4 * _worker_count(c))))
    futures = [c.submit(_samples_part, data, name, catalogue, origin, engine, shared, token,
                        seed, first, min(size, samples - first), pure=False)
               for first in range(0, samples, size)]
    values = np.concatenate(c.gather(futures))
    return plan.table(samples, seed, values)


def roadmap(scenarios=("cns", "ngs"), *, engine="bottom-up", samples=0, seed=1, client=None,
            data=None, cells=None, cells_text=None):
    """heatlift.roadmap.run on a Dask cluster: the same DataFrame, bit for bit.

    The bottom-up engine's cells are simulated on the workers, one task per station (the
    province capitals), and weighed into the nation here; Monte Carlo samples run on the
    workers in index ranges, each worker weighing the gathered cells once."""
    from heatlift.roadmap import _CATEGORIES, _names

    if engine not in ("bottom-up", "top-down"):
        raise _core.InvalidInput(f"engine '{engine}': expected bottom-up or top-down")
    if samples < 0:
        raise _core.InvalidInput(f"samples: {samples} is not a sample count; expected 0 or more")
    catalogue, origin = None, "cells"
    if cells is not None or cells_text is not None:
        if cells is not None and cells_text is not None:
            raise _core.InvalidInput("cells: give either a path or text=, not both")
        catalogue = cells_text if cells is None else _core.read_text_file(str(cells),
                                                                          "cell catalogue")
        origin = "cells" if cells is None else str(cells)
    tables = []
    with _using(client) as c:
        for name in _names(scenarios):
            tables.append(_scenario_table(c, data, name, catalogue, origin, engine,
                                          int(samples), int(seed)))
    columns = []
    for k, (col, first) in enumerate(tables[0]):
        if isinstance(first, np.ndarray):
            columns.append((col, np.concatenate([t[k][1] for t in tables])))
        else:
            columns.append((col, [v for t in tables for v in t[k][1]]))
    return frame(columns, categorical=_CATEGORIES)


__all__ = ["connect", "roadmap", "site_sweep"]
