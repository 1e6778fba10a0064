"""heatlift.roadmap: the tidy table holds results.csv's rows at full precision, for both
engines and with Monte Carlo bands; bad input raises."""

import io

import numpy as np
import pandas as pd
import pytest


def _csv(cli, tmp_path, *args):
    code, _out, err = cli.run("roadmap", *args, "--out", tmp_path)
    assert code == 0, err
    return pd.read_csv(tmp_path / "results.csv")


def _same_rows(df, csv):
    assert len(df) == len(csv)
    for c in ["scenario", "year", "group", "kind", "indicator", "unit"]:
        assert list(df[c].astype(str) if c != "year" else df[c]) == list(csv[c]), c
    # results.csv writes 6 significant digits
    assert np.allclose(df["value"], csv["value"], rtol=5e-6, atol=1e-300)


def test_bottom_up_equals_results_csv(hl, cli, tmp_path):
    df = hl.roadmap.run(["cns"])
    _same_rows(df, _csv(cli, tmp_path, "-s", "cns"))
    assert str(df["indicator"].dtype) == "category" and df["value"].dtype == np.float64


def test_top_down_with_bands(hl, cli, tmp_path):
    df = hl.roadmap.run(["cns", "ngs"], engine="top-down", samples=30, seed=7)
    csv = _csv(cli, tmp_path, "-s", "cns", "-s", "ngs", "--engine", "top-down", "--samples", "30",
               "--seed", "7")
    _same_rows(df, csv)
    for c in ["p5", "p50", "p95"]:
        assert np.allclose(df[c], csv[c], rtol=5e-6, equal_nan=True), c
    assert (df["p5"] <= df["p95"] + 1e-9 * df["p95"].abs()).all()


def test_threads_and_seed(hl):
    a = hl.roadmap.run("cns", engine="top-down", samples=20, seed=3, threads=1)
    b = hl.roadmap.run("cns", engine="top-down", samples=20, seed=3, threads=2)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = hl.roadmap.run("cns", engine="top-down", samples=20, seed=4)
    assert not a["p50"].equals(c["p50"])


def test_scenarios(hl):
    assert {"cns", "ngs"} <= set(hl.roadmap.scenarios())


def test_bad_roadmap_input(hl, cli):
    with pytest.raises(hl.InvalidInput, match="engine 'sideways'"):
        hl.roadmap.run("cns", engine="sideways")
    with pytest.raises(hl.InvalidInput, match="sample count"):
        hl.roadmap.run("cns", engine="top-down", samples=-1)
    with pytest.raises(hl.InvalidInput, match="cell catalogue|cells"):
        hl.roadmap.run("cns", cells_text="[segments.sh_household]\ncells = 3\n")
    code, message = cli.error("roadmap", "-s", "cns", "--cells", "/nonexistent/cells.toml")
    with pytest.raises(hl.Error) as e:
        hl.roadmap.run("cns", cells="/nonexistent/cells.toml")
    assert str(e.value) == message
