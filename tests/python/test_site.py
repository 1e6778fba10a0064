"""heatlift.site: a run equals `heatlift site run` (summary.json and hourly.csv), a sweep
equals `heatlift site sweep`, long calls release the GIL, and bad input raises."""

import io
import json
import sys
import threading

import numpy as np
import pandas as pd
import pytest

from conftest import SOURCE

SITE = SOURCE / "examples/sites/shijiazhuang-rural-coal-to-ashp.toml"


def test_run_equals_site_run(hl, cli, tmp_path):
    code, _out, err = cli.run("site", "run", SITE, "--out", tmp_path, "--lang", "en")
    assert code == 0, err
    got = hl.site.run(SITE)
    assert got.summary == json.loads((tmp_path / "summary.json").read_text())
    csv = pd.read_csv(tmp_path / "hourly.csv")
    assert list(got.hourly.columns) == list(csv.columns)
    assert len(got.hourly) == 8760
    for c in ["t_out_C", "load_kW", "hp_heat_kW", "hp_power_kW", "grid_kW", "part_load"]:
        assert np.allclose(got.hourly[c], csv[c], atol=5.1e-3), c  # hourly.csv rounds
    assert list(got.hourly["mode"].astype(str)) == list(csv["mode"])


def test_text_and_overrides(hl):
    base = hl.site.run(SITE)
    same = hl.site.run(text=SITE.read_text())
    assert same.summary["annual"] == base.summary["annual"]
    big = hl.site.run(SITE, overrides={"heat_pump.capacity": "14 kW", "site.city": "Harbin"})
    assert big.summary["heat_pump"] != base.summary["heat_pump"]
    assert big.summary["site"] != base.summary["site"]


def test_sweep_equals_site_sweep(hl, cli):
    expected = cli.json("site", "sweep", SITE, "--vary", "site.city=Shijiazhuang,Beijing",
                        "--vary", 'heat_pump.capacity="8 kW","12 kW"')["variants"]
    got = hl.site.sweep(SITE, {"site.city": ["Shijiazhuang", "Beijing"],
                               "heat_pump.capacity": ["8 kW", "12 kW"]})
    assert len(got) == len(expected) == 4
    assert list(got["site.city"]) == [v["vary"]["site.city"] for v in expected]
    for i, v in enumerate(expected):
        for key, value in v["result"].items():
            g = got[key][i]
            if value is None:
                assert g is None or (isinstance(g, float) and np.isnan(g)), key
            else:
                assert g == value, key
    assert got["error"].isna().all()
    assert got["unmet_hours"].dtype == np.int64


def test_sweep_threads_do_not_change_results(hl):
    vary = {"heat_pump.capacity": ["8 kW", "10 kW", "12 kW"], "economics.discount_rate": [0.03, 0.08]}
    a = hl.site.sweep(SITE, vary, threads=1)
    b = hl.site.sweep(SITE, vary, threads=2)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a["economics.discount_rate"]) == [0.03, 0.08] * 3  # the values as given


def test_text_values_stay_text(hl):
    # 1996_2010 would read as the TOML integer 19962010; a Python str is always a string
    df = hl.site.sweep(SITE, {"demand.building.era": ["1996_2010", "2010_2018"]})
    assert df["error"].isna().all() and list(df["demand.building.era"]) == ["1996_2010",
                                                                           "2010_2018"]


def test_a_failed_variant_keeps_its_error(hl):
    df = hl.site.sweep(SITE, {"heat_pump.product": ["evi-r32-10kw", "no-such-product"]})
    assert df["error"][0] is None and "no-such-product" in df["error"][1]
    assert np.isnan(df["spf_h4"][1])


def test_bad_sweeps(hl, cli):
    code, message = cli.error("site", "sweep", SITE, "--vary", 'heat_pump.capacity="-3 kW"')
    with pytest.raises(hl.InvalidInput) as e:
        hl.site.sweep(SITE, {"heat_pump.capacity": ["-3 kW"]})
    assert str(e.value) == message
    with pytest.raises(hl.InvalidInput, match="every variant failed"):
        hl.site.sweep(SITE, {"heat_pump.product": ["nope"]})
    with pytest.raises(hl.InvalidInput, match="at least one key"):
        hl.site.sweep(SITE, {})
    with pytest.raises(hl.InvalidInput, match="has no values"):
        hl.site.sweep(SITE, {"site.city": []})


def test_bad_site_text(hl):
    with pytest.raises(hl.InvalidInput, match=r"site:1:"):
        hl.site.run(text="[site\nname = 1")
    with pytest.raises(hl.InvalidInput):
        hl.site.run(SITE, overrides={"demand.building.floor_area": "120 kW"})


def test_long_calls_release_the_gil(hl):
    """With a long switch interval a Python thread keeps the GIL until it blocks or C++
    releases it; the main thread then runs while the sweep is still going."""
    vary = {"heat_pump.capacity": [f"{c} kW" for c in range(6, 16)]}
    started, seen = threading.Event(), []
    done = [False]

    def work():
        started.set()
        hl.site.sweep(SITE, vary, threads=1)
        done[0] = True

    old = sys.getswitchinterval()
    sys.setswitchinterval(30.0)
    try:
        t = threading.Thread(target=work)
        t.start()
        started.wait()
        seen.append(done[0])
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert seen == [False]
