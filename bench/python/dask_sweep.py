"""heatlift.dask's speed-up: one site sweep on a LocalCluster of one worker and of two.

The sweep: the Shijiazhuang example at 8 cities × 25 capacities × 40 discount rates =
8,000 variants (each re-reads the site file, re-simulates the building and the year and
does the accounts). Both clusters are started and run it once to warm up (every worker
loads its libraries and the places); then the single-process sweep on 1 and 2 threads and
the two clusters run it in turn, REPEAT times, and each one's median wall time counts, from
submitting to the gathered DataFrame. Every run must equal the single-process sweep
exactly. Run it alone on the machine (scripts/bench runs it):

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python/dask_sweep.py
"""

import pathlib
import statistics
import time

import pandas as pd

import heatlift as hl
import heatlift.dask as hd

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = ROOT / "examples/sites/shijiazhuang-rural-coal-to-ashp.toml"
REPEAT = 5
VARY = {
    "site.city": ["Shijiazhuang", "Beijing", "Harbin", "Xi'an", "Taiyuan", "Jinan", "Zhengzhou",
                  "Lanzhou"],
    "heat_pump.capacity": [f"{6 + 0.5 * i:g} kW" for i in range(25)],
    "economics.discount_rate": [round(0.01 + 0.002 * i, 3) for i in range(40)],
}


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main():
    n = 1
    for v in VARY.values():
        n *= len(v)
    reference = hl.site.sweep(SITE, VARY, threads=1)
    clusters = {w: hd.connect(n_workers=w, threads_per_worker=1) for w in (1, 2)}
    runs = {"one process, 1 thread": lambda: hl.site.sweep(SITE, VARY, threads=1),
            "one process, 2 threads": lambda: hl.site.sweep(SITE, VARY, threads=2),
            "Dask, 1 worker": lambda: hd.site_sweep(SITE, VARY, client=clusters[1]),
            "Dask, 2 workers": lambda: hd.site_sweep(SITE, VARY, client=clusters[2])}
    times = {name: [] for name in runs}
    cold = {}
    try:
        for w in (1, 2):
            cold[w], df = timed(runs[f"Dask, {w} worker{'s' if w > 1 else ''}"])
            pd.testing.assert_frame_equal(df, reference, check_exact=True)
        for _ in range(REPEAT):  # interleaved, so that a disturbance hits every kind alike
            for name, fn in runs.items():
                t, df = timed(fn)
                pd.testing.assert_frame_equal(df, reference, check_exact=True)
                times[name].append(t)
    finally:
        for c in clusters.values():
            cluster = c.cluster
            c.close()
            cluster.close()
    med = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"{n:,} variants; wall seconds, median of {REPEAT} interleaved runs after a warm-up\n")
    print("| run | wall time | per variant | speed-up | runs |")
    print("| --- | --- | --- | --- | --- |")
    base = {"one process, 1 thread": "one process, 1 thread",
            "one process, 2 threads": "one process, 1 thread",
            "Dask, 1 worker": "Dask, 1 worker", "Dask, 2 workers": "Dask, 1 worker"}
    for name, t in med.items():
        spread = ", ".join(f"{x:.2f}" for x in times[name])
        print(f"| {name} | {t:.2f} s | {t / n * 1e3:.2f} ms | {med[base[name]] / t:.2f}× | "
              f"{spread} |")
    print(f"\nfirst run on each cluster (workers load libraries and places): 1 worker "
          f"{cold[1]:.2f} s, 2 workers {cold[2]:.2f} s")
    print("every run equal to the single-process sweep: yes")
    speedup = med["Dask, 1 worker"] / med["Dask, 2 workers"]
    verdict = "met" if speedup >= 1.7 else "missed"
    print(f"speed-up 2 workers / 1 worker: {speedup:.2f}× (target ≥ 1.7×: {verdict})")


if __name__ == "__main__":
    main()
