"""What a vectorised fluid property call costs from Python against the same loop in C++.

For each case, 100,000 points of one input pair. The C++ reference runs in the same
process and build (Fluid.bench_loop): the flash at every point, as bench/fluids_bench
does, storing one value per point into k arrays allocated for the call (k = 0: nothing
stored). Python: heatlift.fluids' props() (a pandas DataFrame) and arrays() (numpy arrays)
asking for one property and for five. ns per point, medians of seven runs; the ratio sets
a Python call beside the C++ loop that stores as many values.

On the project machine fresh memory is dear (about 3 ms per MB of page faults), so a call
that returns five new arrays of 100,000 doubles pays ~13 ms whatever language makes them.
The script runs twice: with glibc's default allocator (which maps and unmaps blocks of this
size on every call) and with GLIBC_TUNABLES keeping freed blocks for reuse, as a program
making many such calls would set it. Run it alone on the machine (scripts/bench runs it):

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python/fluid_cost.py
"""

import os
import statistics
import subprocess
import sys
import time

import numpy as np

import heatlift as hl

N = 100_000
REPEAT = 7
TUNED = "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456"


def points(fluid, given, rng):
    """N valid inputs of the pair `given` over the cycle envelope: two-phase states for
    (T,Q), superheated vapour 5-60 K above the dew point otherwise."""
    exact = hl.fluids.fluid(fluid)
    info = exact.info()
    if given == "T,Q":
        T = rng.uniform(max(243.15, info["T_triple_K"] + 1.0), info["T_crit_K"] - 5.0, N)
        return T, rng.uniform(0.0, 1.0, N)
    p = rng.uniform(max(2e5, 1.05 * info["p_triple_Pa"]), 0.8 * info["p_crit_Pa"], N)
    T = exact.props("p,Q", p, 1.0, want="T")["T_K"].to_numpy() + rng.uniform(5.0, 60.0, N)
    if given == "T,p":
        return T, p
    return p, exact.props("T,p", T, p, want="h")["h_J_kg"].to_numpy()


def median_ns(fn):
    ts = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) / N * 1e9


def case(fluid, backend, given, rng):
    a, b = points(fluid, given, rng)
    f = hl.fluids.fluid(fluid, backend=backend)
    f.props(given, a[:10], b[:10])  # fast tables built before timing
    row = {"case": f"{fluid} {backend} ({given})"}
    for k in (0, 1, 5):
        row[f"cpp{k}"] = statistics.median(
            f._f.bench_loop(given, a, b, k)[0] for _ in range(REPEAT)) / N * 1e9
    row["props1"] = median_ns(lambda: f.props(given, a, b, want="h"))
    row["props5"] = median_ns(lambda: f.props(given, a, b, want="rho,h,s,cp,w"))
    row["arrays1"] = median_ns(lambda: f.arrays(given, a, b, want="h"))
    row["arrays5"] = median_ns(lambda: f.arrays(given, a, b, want="rho,h,s,cp,w"))
    return row


CASES = [("R32", "exact", "T,p"), ("R32", "exact", "p,h"), ("R32", "fast", "p,h"),
         ("R32", "fast", "T,Q"), ("R744", "exact", "T,p"), ("R744", "fast", "p,h"),
         ("R744", "fast", "T,Q")]


def table():
    rng = np.random.default_rng(19)
    rows = [case(*c, rng) for c in CASES]
    print("| case | C++, nothing stored | C++, 1 array | C++, 5 arrays | props, 1 | props, 5 | "
          "arrays, 1 | arrays, 5 | ratio 1 | ratio 5 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = 0.0
    for r in rows:
        r1 = max(r["props1"], r["arrays1"]) / r["cpp1"]
        r5 = max(r["props5"], r["arrays5"]) / r["cpp5"]
        worst = max(worst, r1, r5)
        cells = " | ".join(f"{r[k]:,.0f}" for k in
                           ["cpp0", "cpp1", "cpp5", "props1", "props5", "arrays1", "arrays5"])
        print(f"| {r['case']} | {cells} | {r1:.2f} | {r5:.2f} |")
    print(f"\nworst ratio {worst:.2f} (target ≤ 2)")


def main():
    if "--one" in sys.argv:
        table()
        return
    print(f"{N:,} points per call; ns per point, median of {REPEAT}; ratio = Python / C++ "
          "storing as many arrays\n")
    for title, extra in (("glibc's default allocator", {}),
                         (f"GLIBC_TUNABLES={TUNED}", {"GLIBC_TUNABLES": TUNED})):
        print(f"### {title}\n", flush=True)
        subprocess.run([sys.executable, __file__, "--one"], env={**os.environ, **extra},
                       check=True)
        print(flush=True)


if __name__ == "__main__":
    main()
