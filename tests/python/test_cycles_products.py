"""heatlift.cycles and heatlift.products: the same figures as `heatlift cycle run` and the
product maps, and bad input as errors."""

import math

import numpy as np
import pytest

from conftest import SOURCE

CYCLE = SOURCE / "examples/cycles/r32-single-stage.toml"


def test_solve_equals_cycle_run(hl, cli):
    expected = cli.json("cycle", "run", CYCLE)
    got = hl.cycles.solve(CYCLE)
    # One document builder serves both: every key and figure is the command line's.
    summary = dict(got.summary)
    assert summary.pop("description") is not None
    assert summary == {k: v for k, v in expected.items() if k != "nodes"}
    assert sorted(got.nodes.columns) == sorted(expected["nodes"][0])
    for column in got.nodes.columns:  # a single-phase node's Q: NaN in the frame, null in JSON
        values = [None if isinstance(v, float) and math.isnan(v) else v
                  for v in got.nodes[column]]
        assert values == [n[column] for n in expected["nodes"]], column


def test_text_and_overrides(hl):
    text = CYCLE.read_text()
    a = hl.cycles.solve(text=text)
    b = hl.cycles.solve(CYCLE)
    assert a.summary["cop"] == b.summary["cop"]
    r290 = hl.cycles.solve(CYCLE, overrides={"fluid": "R290"})
    assert r290.summary["fluids"] == ["R290"] and r290.summary["cop"] != b.summary["cop"]


def test_bad_cycle_files(hl):
    with pytest.raises(hl.InvalidInput, match=r"cycle:\d+:\d+"):
        hl.cycles.solve(text="topology = \n")
    with pytest.raises(hl.DataMissing):
        hl.cycles.solve(SOURCE / "examples/cycles/no-such-file.toml")
    with pytest.raises(hl.Error) as e:
        hl.cycles.solve(CYCLE, overrides={"fluid": "R9999"})
    assert e.value.code == "data_missing"
    with pytest.raises(hl.Error):  # the sink above R744's critical point, subcritical cycle
        hl.cycles.solve(CYCLE, overrides={"fluid": "R744"})


def test_products_and_maps(hl):
    ids = hl.products.ids()
    assert "evi-r32-10kw" in ids
    df = hl.products.list_products()
    assert list(df["id"]) == ids and (df["rated_capacity_W"] > 0).all()
    m = hl.products.performance_map("evi-r32-10kw")
    nodes = m.nodes()
    axes = m.axes()
    assert len(nodes) == len(axes["t_source_K"]) * len(axes["t_sink_K"]) * len(axes["part_load"])
    valid = nodes[nodes["valid"]]
    at = m.at(valid["t_source_K"], valid["t_sink_K"], valid["part_load"])
    assert np.allclose(at["heating_capacity_W"], valid["heating_capacity_W"], rtol=1e-12)
    assert np.allclose(at["cop"], valid["heating_capacity_W"] / valid["electric_power_W"])
    assert set(at["status"]) <= {"inside", "invalid_node"}
    out = m.at(150.0, 318.15)
    assert out["status"][0] == "outside_grid"
    assert hl.products.load_map  # from a CSV file, round trip below


def test_map_csv_round_trip(hl, tmp_path):
    m = hl.products.performance_map("evi-r32-10kw")
    path = tmp_path / "map.csv"
    path.write_text(m.to_csv())
    again = hl.products.load_map(path)
    assert again.to_csv() == m.to_csv()


def test_rating_point(hl):
    r = hl.products.rating_point("evi-r32-10kw")
    assert 1.5 < r.summary["cop"] < 8.0 and len(r.nodes) > 3


def test_bad_product_input(hl):
    with pytest.raises(hl.DataMissing, match="evi-r32-10kw"):
        hl.products.product("no-such-product")
    with pytest.raises(hl.DataMissing):
        hl.products.performance_map("no-such-product")
    m = hl.products.performance_map("evi-r32-10kw")
    with pytest.raises(ValueError):
        m.at([260.0, 270.0], [308.15, 318.15, 328.15])
    with pytest.raises(hl.Error):
        hl.products.load_map("/nonexistent/map.csv")
