# %% [markdown]
# # Two products at forty places: which heat pump where?
#
# A manufacturer's question: the low-ambient EVI R32 unit (`evi-r32-10kw`) or the R290
# monobloc (`r290-monobloc-8kw`)? The answer depends on the climate, so this notebook puts
# both, at two sizes, into the same house at each of the 40 Chinese cities with a measured
# typical year, hour by hour, on a Dask cluster (a LocalCluster of two workers here; pass a
# scheduler address for a real one), and compares seasonal performance, electricity, CO2
# and the levelised cost of heat by city and by climate zone.
#
# First the maps: the rating layer's view of both products at three standard points.
#
# Runs as a script (`/usr/bin/python3 examples/python/product_comparison.py`; CI runs it
# with `--quick`) and opens as a notebook in any editor that reads `# %%` cells. The work
# happens when the last cell calls `main()`: Dask's worker processes import this file, so
# nothing runs at import.

# %%
import argparse
import pathlib
import time

import numpy as np
import pandas as pd

import heatlift as hl

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = ROOT / "examples/sites/shijiazhuang-rural-coal-to-ashp.toml"
PRODUCTS = ["evi-r32-10kw", "r290-monobloc-8kw"]
SIZES = ["10 kW", "14 kW"]


# %% [markdown]
# ## The products' maps at EN 14511 points
#
# A7/W35, A2/W35 and A-7/W35 (outdoor air °C / leaving water °C) at full speed: capacity
# and COP from each product's PerformanceMap, generated from its cycle design.

# %%
def map_points(products):
    points = {"A7/W35": (7.0, 35.0), "A2/W35": (2.0, 35.0), "A-7/W35": (-7.0, 35.0)}
    rows = []
    for p in products:
        m = hl.products.performance_map(p)
        t_src = np.array([v[0] for v in points.values()]) + 273.15
        t_snk = np.array([v[1] for v in points.values()]) + 273.15
        at = m.at(t_src, t_snk, 1.0)
        for name, (_, r) in zip(points, at.iterrows()):
            rows.append({"product": p, "point": name, "capacity_kW": r["heating_capacity_W"] / 1e3,
                         "cop": r["cop"], "status": r["status"]})
    return pd.DataFrame(rows)


# %% [markdown]
# ## Every city × product × size, on the cluster
#
# The sweep's variants are grouped by city, so each task loads one place; the table that
# comes back is the one `heatlift.site.sweep` computes on one machine, bit for bit.

# %%
def run(cities, use_dask, address):
    vary = {"site.city": cities, "heat_pump.product": PRODUCTS, "heat_pump.capacity": SIZES}
    if not use_dask:
        return hl.site.sweep(SITE, vary)
    import heatlift.dask as hd

    client = hd.connect(address) if address else hd.connect(n_workers=2)
    try:
        return hd.site_sweep(SITE, vary, client=client)
    finally:
        cluster = None if address else client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


# %% [markdown]
# ## The comparison
#
# Per city and product the size with the lower levelised cost of heat; then the winner by
# SPF (H4) and by cost, and the picture by GB 50176 climate zone.

# %%
def compare(df, cities):
    zones = {c: hl.climate.place(c).info["zone"] for c in cities}
    ok = df[df["error"].isna()].copy()
    ok["zone"] = ok["site.city"].map(zones)
    best = ok.sort_values("lcoh_cny_per_kwh").groupby(["site.city", "heat_pump.product"],
                                                      sort=False).head(1)
    spf = best.pivot(index="site.city", columns="heat_pump.product", values="spf_h4")
    lcoh = best.pivot(index="site.city", columns="heat_pump.product", values="lcoh_cny_per_kwh")
    table = pd.DataFrame({"zone": pd.Series(zones),
                          **{f"spf_{p}": spf[p] for p in PRODUCTS},
                          "better_spf": spf.idxmax(axis=1), "cheaper_heat": lcoh.idxmin(axis=1)})
    by_zone = best.groupby(["zone", "heat_pump.product"])[
        ["spf_h4", "lcoh_cny_per_kwh", "co2_saving_t", "unmet_hours"]].mean().round(3)
    return table.loc[cities], by_zone


# %%
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="6 cities (CI)")
    ap.add_argument("--local", action="store_true", help="no Dask: this machine's threads")
    ap.add_argument("--scheduler", help="a Dask scheduler address instead of a LocalCluster")
    ap.add_argument("--out", type=pathlib.Path, help="folder for sweep.csv and comparison.csv")
    args = ap.parse_args(argv)
    pd.set_option("display.width", 160)
    cities = list(hl.climate.cities()["name"])
    if args.quick:
        cities = ["Harbin", "Beijing", "Shijiazhuang", "Xi'an", "Shanghai", "Kunming"]

    print(map_points(PRODUCTS).to_string(index=False, float_format=lambda v: f"{v:.2f}"), "\n")
    t = time.perf_counter()
    df = run(cities, not args.local, args.scheduler)
    where = "this machine" if args.local else "Dask"
    print(f"{len(df)} variants at {len(cities)} cities in {time.perf_counter() - t:.1f} s "
          f"({where}), {df['error'].notna().sum()} failed\n")
    table, by_zone = compare(df, cities)
    print(table.to_string(float_format=lambda v: f"{v:.2f}"), "\n")
    print(by_zone.to_string())
    wins = table["better_spf"].value_counts()
    print("\nbetter SPF at:", ", ".join(f"{p} {n} cities" for p, n in wins.items()))
    assert len(table) == len(cities) and table["better_spf"].notna().all()
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        df.to_csv(args.out / "sweep.csv", index=False)
        table.to_csv(args.out / "comparison.csv")
        print(f"wrote {args.out / 'sweep.csv'}, {args.out / 'comparison.csv'}")


if __name__ == "__main__":
    main()
