# %% [markdown]
# # A provincial coal-to-heat-pump study: rural houses across Hebei
#
# Hebei's rural houses were heated by scattered-coal stoves; the action plan replaces them
# with heat pumps. This notebook takes one rural house (the shipped example
# `examples/sites/shijiazhuang-rural-coal-to-ashp.toml`: 120 m², radiators, a 3 kW electric
# back-up, Hebei's time-of-use tariff) to the GB 50736 station of every prefecture of Hebei,
# in three energy-code eras, with the two shipped air-to-water products and three sizes, and
# asks for each place and era: which product and size covers the house without unmet hours,
# at what seasonal performance, electricity, CO2 saving and payback against the stove.
#
# It runs as a script (`/usr/bin/python3 examples/python/hebei_coal_to_heat_pump.py`, CI
# runs it with `--quick`) and opens as a notebook in any editor that reads `# %%` cells.
# Everything is computed when the last cell calls `main()`: the Dask workers of `--dask`
# start new Python processes that import this file, so nothing runs at import.

# %%
import argparse
import pathlib
import time

import pandas as pd

import heatlift as hl

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = ROOT / "examples/sites/shijiazhuang-rural-coal-to-ashp.toml"

# %% [markdown]
# ## The places: one GB 50736 station per prefecture
#
# Shijiazhuang has a measured typical year (CSWD); the others get a year synthesised from
# their GB 50736 station (`docs/climate.md`). Langfang and Hengshui are represented by
# their stations Bazhou and Raoyang.

# %%
STATIONS = ["石家庄", "唐山", "邢台", "保定", "张家口", "承德", "秦皇岛", "沧州", "霸州", "饶阳"]
ERAS = ["pre_1996", "1996_2010", "2010_2018"]
PRODUCTS = ["evi-r32-10kw", "r290-monobloc-8kw"]
SIZES = ["8 kW", "12 kW", "16 kW", "20 kW"]
MAX_UNMET_HOURS = 24  # a study assumption: a day a year the house may run short


def places(stations):
    """Zone, design temperature and degree days of each station."""
    rows = []
    for s in stations:
        info = hl.climate.place(s).info
        rows.append({"station": s, "zone": info["zone"],
                     "design_C": round(info["heating_design_temperature_C"], 1),
                     "hdd18_Kd": round(info["hdd18_Kd"]), "synthetic": info["synthetic"]})
    return pd.DataFrame(rows)


# %% [markdown]
# ## The sweep: every station × era × product × size
#
# `heatlift.site.sweep` evaluates each variant of the site file independently on all cores;
# `heatlift.dask.site_sweep` does the same on a Dask cluster and returns the same table.

# %%
def sweep(stations, eras, products, sizes, use_dask):
    vary = {"site.city": stations, "demand.building.era": eras,
            "heat_pump.product": products, "heat_pump.capacity": sizes}
    if not use_dask:
        return hl.site.sweep(SITE, vary)
    import heatlift.dask as hd

    client = hd.connect(n_workers=2)
    try:
        return hd.site_sweep(SITE, vary, client=client)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()


# %% [markdown]
# ## The choice per station and era
#
# For each product the smallest size that leaves the house short of heat in at most
# `MAX_UNMET_HOURS` hours a year (the 3 kW back-up heater included), or, where no size
# does, the size with the fewest (marked `short`); then the product with the lower
# levelised cost of heat. Savings are against the scattered-coal stove (the site file's
# first baseline).

# %%
def choose(df):
    ok = df[df["error"].isna()].copy()
    ok["demand.building.era"] = pd.Categorical(ok["demand.building.era"], ERAS, ordered=True)
    ok["short"] = ok["unmet_hours"] > MAX_UNMET_HOURS
    size_kW = ok["heat_pump.capacity"].str.replace(" kW", "").astype(float)
    # sized: the smallest size that is not short, else the one with the fewest unmet hours
    ok["rank"] = ok["unmet_hours"].where(ok["short"], 0) * 1000 + size_kW
    sized = ok.sort_values("rank").groupby(
        ["site.city", "demand.building.era", "heat_pump.product"], sort=False,
        observed=True).head(1)
    best = sized.sort_values(["short", "lcoh_cny_per_kwh"]).groupby(
        ["site.city", "demand.building.era"], sort=False, observed=True).head(1)
    cols = ["site.city", "demand.building.era", "heat_pump.product", "heat_pump.capacity",
            "unmet_hours", "short", "heat_kwh", "electricity_kwh", "spf_h4", "co2_saving_t",
            "lcoh_cny_per_kwh", "payback_years"]
    return best[cols].sort_values(["site.city", "demand.building.era"]).reset_index(drop=True)


# %% [markdown]
# ## Per 10,000 houses
#
# Scaled to 10,000 houses of each station and era; a province total needs the number of
# houses converted in each prefecture and era, which the study leaves to its user (weight
# the rows of `choice` by them).

# %%
def per_10k(choice):
    g = choice.groupby("demand.building.era", observed=True)
    return pd.DataFrame({
        "electricity_GWh": g["electricity_kwh"].mean() * 1e4 / 1e6,
        "co2_saving_kt": g["co2_saving_t"].mean() * 1e4 / 1e3,
        "spf_h4": g["spf_h4"].mean(),
    }).round(3)


# %%
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="3 stations, 2 eras (CI)")
    ap.add_argument("--dask", action="store_true", help="run the sweep on a LocalCluster")
    ap.add_argument("--out", type=pathlib.Path, help="folder for sweep.csv and choice.csv")
    args = ap.parse_args(argv)
    stations = STATIONS[:3] if args.quick else STATIONS
    eras = ERAS[:2] if args.quick else ERAS
    pd.set_option("display.width", 160)

    print(places(stations).to_string(index=False), "\n")
    t = time.perf_counter()
    df = sweep(stations, eras, PRODUCTS, SIZES, args.dask)
    print(f"{len(df)} variants in {time.perf_counter() - t:.1f} s "
          f"({'Dask' if args.dask else 'this machine'}), {df['error'].notna().sum()} failed\n")
    choice = choose(df)
    print(choice.to_string(index=False, float_format=lambda v: f"{v:.2f}"), "\n")
    print("per 10,000 houses (mean over the stations):")
    print(per_10k(choice).to_string())
    assert len(choice) == len(stations) * len(eras), "a station and era without a product"
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        df.to_csv(args.out / "sweep.csv", index=False)
        choice.to_csv(args.out / "choice.csv", index=False)
        print(f"\nwrote {args.out / 'sweep.csv'}, {args.out / 'choice.csv'}")


if __name__ == "__main__":
    main()
