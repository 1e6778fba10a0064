"""heatlift.dask's speed-up: one site sweep on a LocalCluster of one worker and of two.

The sweep: the Shijiazhuang example at 4 cities × 25 capacities × 40 discount rates =
4,000 variants (each re-reads the site file, re-simulates the building and the year and
does the accounts). Each cluster runs it once to warm up (every worker loads its
libraries and the places), then REPEAT times; the median wall time counts, from submitting
to the gathered DataFrame. Every run must equal the single-process sweep exactly. Run it
alone on the machine (scripts/bench runs it):

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
REPEAT = 3
VARY = {
    "site.city": ["Shijiazhuang", "Beijing", "Harbin", "Xi'an"],
    "heat_pump.capacity": [f"{6 + 0.5 * i:g} kW" for i in range(25)],
    "economics.discount_rate": [round(0.01 + 0.002 * i, 3) for i in range(40)],
}


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def on_cluster(workers, reference):
    client = hd.connect(n_workers=workers, threads_per_worker=1)
    try:
        cold, df = timed(lambda: hd.site_sweep(SITE, VARY, client=client))
        pd.testing.assert_frame_equal(df, reference, check_exact=True)
        runs = []
        for _ in range(REPEAT):
            t, df = timed(lambda: hd.site_sweep(SITE, VARY, client=client))
            pd.testing.assert_frame_equal(df, reference, check_exact=True)
            runs.append(t)
        return cold, statistics.median(runs)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()


def main():
    n = 1
    for v in VARY.values():
        n *= len(v)
    hl.site.sweep(SITE, {"site.city": VARY["site.city"]}, threads=1)  # warm this process
    single, reference = timed(lambda: hl.site.sweep(SITE, VARY, threads=1))
    threads2, again = timed(lambda: hl.site.sweep(SITE, VARY, threads=2))
    pd.testing.assert_frame_equal(again, reference, check_exact=True)
    cold1, one = on_cluster(1, reference)
    cold2, two = on_cluster(2, reference)
    print(f"{n:,} variants; wall seconds, median of {REPEAT} after a warm-up run\n")
    print("| run | wall time | per variant | speed-up |")
    print("| --- | --- | --- | --- |")
    for name, t, base in [("one process, 1 thread", single, single),
                          ("one process, 2 threads", threads2, single),
                          ("Dask, 1 worker", one, one), ("Dask, 2 workers", two, one)]:
        print(f"| {name} | {t:.2f} s | {t / n * 1e3:.2f} ms | {base / t:.2f}× |")
    print(f"\nfirst run on each cluster (workers load libraries and places): 1 worker "
          f"{cold1:.2f} s, 2 workers {cold2:.2f} s")
    print("every run equal to the single-process sweep: yes")
    speedup = one / two
    verdict = "met" if speedup >= 1.7 else "missed"
    print(f"speed-up 2 workers / 1 worker: {speedup:.2f}× (target ≥ 1.7×: {verdict})")


if __name__ == "__main__":
    main()
