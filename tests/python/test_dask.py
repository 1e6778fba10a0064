"""heatlift.dask on a LocalCluster of two worker processes: a site sweep, the bottom-up
national run with Monte Carlo samples and the top-down run gather into the same tables as
the single-machine run, bit for bit; bad input raises the same errors."""

import pandas as pd
import pytest

from conftest import SOURCE

SITE = SOURCE / "examples/sites/shijiazhuang-rural-coal-to-ashp.toml"


@pytest.fixture(scope="module")
def client():
    import heatlift.dask as hd

    c = hd.connect(n_workers=2, threads_per_worker=1)
    yield c
    cluster = c.cluster
    c.close()
    cluster.close()


def test_site_sweep_is_bit_identical(hl, client):
    import heatlift.dask as hd

    vary = {"site.city": ["Shijiazhuang", "Harbin", "Xining"],
            "heat_pump.capacity": ["8 kW", "10 kW", "12 kW"],
            "economics.discount_rate": [0.03, 0.06],
            "heat_pump.product": ["evi-r32-10kw", "no-such-product"]}
    single = hl.site.sweep(SITE, vary)
    spread = hd.site_sweep(SITE, vary, client=client)
    pd.testing.assert_frame_equal(single, spread, check_exact=True)
    assert single["error"].notna().sum() == 18  # the failed variants keep their errors too


def test_site_sweep_from_text(hl, client):
    import heatlift.dask as hd

    vary = {"heat_pump.capacity": ["9 kW", "11 kW"]}
    text = SITE.read_text()
    pd.testing.assert_frame_equal(hl.site.sweep(text=text, vary=vary),
                                  hd.site_sweep(text=text, vary=vary, client=client),
                                  check_exact=True)


def test_bottom_up_roadmap_with_samples_is_bit_identical(hl, client):
    import heatlift.dask as hd

    single = hl.roadmap.run(["cns"], samples=24, seed=5)
    spread = hd.roadmap(["cns"], samples=24, seed=5, client=client)
    pd.testing.assert_frame_equal(single, spread, check_exact=True)


def test_top_down_roadmap_is_bit_identical(hl, client):
    import heatlift.dask as hd

    single = hl.roadmap.run(["cns", "ngs"], engine="top-down", samples=16, seed=2)
    spread = hd.roadmap(["cns", "ngs"], engine="top-down", samples=16, seed=2, client=client)
    pd.testing.assert_frame_equal(single, spread, check_exact=True)


def test_bad_input_raises_before_any_task(hl, client):
    import heatlift.dask as hd

    with pytest.raises(hl.InvalidInput) as e:
        hd.site_sweep(SITE, {"heat_pump.capacity": ["-3 kW"]}, client=client)
    with pytest.raises(hl.InvalidInput) as again:
        hl.site.sweep(SITE, {"heat_pump.capacity": ["-3 kW"]})
    assert str(e.value) == str(again.value)
    with pytest.raises(hl.InvalidInput, match="every variant failed"):
        hd.site_sweep(SITE, {"heat_pump.product": ["nope"]}, client=client)
    with pytest.raises(hl.Error):
        hd.roadmap("no-such-scenario", client=client)
    with pytest.raises(hl.InvalidInput, match="engine"):
        hd.roadmap("cns", engine="sideways", client=client)


def test_plan_refuses_incomplete_or_damaged_cells(hl):
    plan = hl._core.FleetPlan(hl.session(), "cns")
    places = plan.cell_places()
    first = [i for i, p in enumerate(places) if p == places[0]]
    packed = plan.simulate(first, 1)
    with pytest.raises(hl.InvalidInput, match="do not cover every cell"):
        plan.weigh([(first, packed)])
    with pytest.raises(hl.InvalidInput, match="truncated|malformed"):
        plan.weigh([(first, packed[:-5])])
    with pytest.raises(hl.InvalidInput, match="given twice"):
        plan.weigh([(first, packed), (first, packed)])
    with pytest.raises(hl.InternalError):
        plan.table()
