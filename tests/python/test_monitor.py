"""heatlift.monitor: a store written by `heatlift monitor ingest`, read back from Python — the
rows in SI with units in the column names, the KPIs equal to `heatlift monitor kpi`, and bad
input as errors."""

import math

import pandas as pd
import pytest

UNITS = """[[unit]]
id = "HB-1"
type = "air-water"
rated_capacity = "10 kW"
install_year = 2014
place = "Shijiazhuang"
product = "evi-r32-10kw"

[[unit]]
id = "SC-1"
type = "air-water"
rated_capacity = "10 kW"
install_year = 2016
place = "Shijiazhuang"
product = "evi-r32-10kw"
"""


def minute_rows():
    """Two days of minute rows (China time) of two units: HB-1 cycling 40 min on, 20 min off,
    SC-1 short-cycling 3 min on, 3 min off; 6 kW of heat for 2 kW when on, 20 W standby when
    off, flow 45 °C, return 40 °C, outdoors -2 °C at 80 % relative humidity."""
    rows = ["time,unit,t_flow [°C],t_return [°C],t_outdoor [°C],rh_outdoor [%],elec_unit [kW],"
            "heat_hp [kW]"]
    start = pd.Timestamp("2025-01-10 00:00")
    for unit, on_min, period_min in (("HB-1", 40, 60), ("SC-1", 3, 6)):
        for i in range(2 * 24 * 60):
            on = (i % period_min) < on_min
            t = (start + pd.Timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M")
            rows.append(f"{t},{unit},45,40,-2,80,{2.0 if on else 0.02},{6.0 if on else 0.0}")
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory, cli):
    d = tmp_path_factory.mktemp("monitor")
    (d / "hb1.csv").write_text(minute_rows(), encoding="utf-8")
    (d / "units.toml").write_text(UNITS, encoding="utf-8")
    db = d / "store.db"
    code, out, err = cli.run("monitor", "ingest", d / "hb1.csv", "--units", d / "units.toml",
                             "--db", db)
    assert code == 0, err
    return db


def test_units_and_metadata(hl, db):
    store = hl.monitor.open_store(db)
    assert store.units() == ["HB-1", "SC-1"]
    u = store.unit("HB-1")
    assert u["rated_capacity_W"] == 10_000.0
    assert u["install_year"] == 2014 and u["type"] == "air-water"
    assert u["boundaries"][0] == "H1"


def test_series_in_si_with_units_in_the_names(hl, db):
    rows = hl.monitor.open_store(db).series("HB-1")
    assert len(rows) == 2 * 24 * 60
    assert str(rows["time"].dt.tz) == "UTC"
    # 2025-01-10 00:00 China Standard Time is 2025-01-09 16:00 UTC
    assert rows["time"].iloc[0] == pd.Timestamp("2025-01-09 16:00", tz="UTC")
    assert (rows["dt_s"] == 60).all()
    assert rows["t_flow_K"].iloc[0] == pytest.approx(318.15)
    assert rows["heat_hp_W"].iloc[0] == pytest.approx(6000.0)
    assert rows["elec_unit_W"].max() == pytest.approx(2000.0)
    assert rows["elec_backup_W"].isna().all()  # not measured: NaN, never 0
    for name in ["flow_rate_m3_s", "rh_outdoor_fraction", "compressor_hz", "defrost_fraction",
                 "flags"]:
        assert name in rows.columns
    # a window in China time: [12:00, 13:00) on the first day
    hour = hl.monitor.open_store(db).series("HB-1", start="2025-01-10 12:00",
                                             end=pd.Timestamp("2025-01-10 13:00"))
    assert len(hour) == 60
    assert hour["time"].iloc[0] == pd.Timestamp("2025-01-10 04:00", tz="UTC")
    utc = hl.monitor.open_store(db).series("HB-1", start=pd.Timestamp("2025-01-10 04:00",
                                                                      tz="UTC"))
    assert utc["time"].iloc[0] == hour["time"].iloc[0]


def test_kpis_equal_the_command_line(hl, cli, db):
    expected = cli.json("monitor", "kpi", "--unit", "HB-1", "--period", "day", "--db",
                        db)["units"][0]["kpis"]
    got = hl.monitor.open_store(db).kpis("HB-1", period="day")
    assert list(got["period"]) == [k["period"] for k in expected] == ["2025-01-10",
                                                                       "2025-01-11"]
    for (_, row), k in zip(got.iterrows(), expected):
        assert row["rows"] == k["coverage"]["rows"] == 1440
        spf = {s["boundary"]: s["value"] for s in k["spf"]}
        assert row["spf_H1"] == spf["H1"]
        # each hour: 6 kW of heat for 2 kW over 40 min, 20 W standby over 20 min
        assert row["spf_H1"] == pytest.approx(6 * 40 / (2 * 40 + 0.02 * 20), rel=1e-9)
        assert row["running_hours_h"] == k["running_hours"]["value"]
        assert row["running_hours_h"] == pytest.approx(16.0)  # 40 of every 60 minutes
        assert row["heat_hp_kWh"] == k["energy"]["heat_hp_kWh"]["value"]
        assert row["starts"] == k["starts"]["value"]
        # the expected SPF from the unit's product map, and measured / expected - 1
        assert row["spf_expected"] == k["spf_expected"]["value"]
        assert row["residual"] == k["residual"]["value"]
        assert row["residual"] == pytest.approx(row["spf_H1"] / row["spf_expected"] - 1.0,
                                                abs=0.05)
    # what the data cannot give is NaN with its reason, as the command line's null + reason
    first = got.iloc[0]
    assert math.isnan(first["backup_share"]) or first["backup_share"] == 0.0
    for column, why in first["reasons"].items():
        assert math.isnan(first[column]) and why
    assert math.isnan(first["spf_H3"]) and "H3" in first["reasons"]["spf_H3"]
    assert got.attrs["expected"] == cli.json("monitor", "kpi", "--unit", "HB-1", "--db",
                                             db)["units"][0]["expected"]
    whole = hl.monitor.open_store(db).kpis("HB-1", period="all")
    assert len(whole) == 1 and whole["rows"].iloc[0] == 2880
    empty = hl.monitor.open_store(db).kpis("HB-1", start="2026-01-01")
    assert empty.empty and "period" in empty.columns


def test_findings(hl, cli, db):
    store = hl.monitor.open_store(db)
    sc = store.findings("SC-1")
    assert list(sc["code"]) == ["short_cycling"]
    expected = cli.json("monitor", "diagnose", "--unit", "SC-1", "--lang", "en", "--db",
                        db)["units"][0]
    assert [f["code"] for f in expected["findings"]] == list(sc["code"])
    assert list(sc["diagnosis"]) == [f["diagnosis"] for f in expected["findings"]]
    assert sc.attrs["skipped"] == {s["code"]: s["reason"] for s in expected["skipped"]}
    f = sc.iloc[0]
    assert f["unit"] == "SC-1" and f["severity"] in ("warning", "critical")
    assert f["from"] == pd.Timestamp("2025-01-09 16:00", tz="UTC")
    value, unit = f["evidence"]["median_on_cycle"]
    assert value == pytest.approx(3.0) and unit == "min"  # 3 min on-cycles, under 6 min
    assert f["title"] and f["diagnosis"] and f["action"]
    assert sc.attrs["rows"] == 2880
    assert "low_delta_t" in sc.attrs["skipped"]  # no flow meter: said, not guessed
    zh = store.findings("SC-1", lang="zh")
    assert zh["title"].iloc[0] != f["title"]
    healthy = store.findings("HB-1")
    assert "short_cycling" not in set(healthy["code"])
    none = store.findings("HB-1", start="2026-01-01")
    assert none.empty and none.attrs["rows"] == 0


def test_bad_input(hl, cli, db, tmp_path):
    store = hl.monitor.open_store(db)
    with pytest.raises(hl.DataMissing, match="unit = 'XX-9': no such unit"):
        store.series("XX-9")
    with pytest.raises(hl.DataMissing, match="no such unit"):
        store.kpis("XX-9")
    with pytest.raises(hl.InvalidInput, match="period"):
        store.kpis("HB-1", period="week")
    with pytest.raises(hl.InvalidInput, match="lang"):
        store.findings("HB-1", lang="fr")
    with pytest.raises(hl.DataMissing, match="no such unit"):
        store.findings("XX-9")
    with pytest.raises(hl.InvalidInput, match="not before"):
        store.series("HB-1", start="2025-01-11", end="2025-01-10")
    with pytest.raises(hl.InvalidInput, match="start = '2025-13-45'"):
        store.series("HB-1", start="2025-13-45")
    with pytest.raises(hl.Error) as e:
        hl.monitor.open_store("mysql://host/db")
    code, message = cli.error("monitor", "kpi", "--all", "--db", "mysql://host/db")
    assert str(e.value) == message and e.value.exit_code == code
    with pytest.raises(hl.Error):  # a folder is not a store
        hl.monitor.open_store(tmp_path)
    assert (store.series("HB-1")["rh_outdoor_fraction"] == 0.8).all()
    assert store.series("HB-1")["compressor_hz"].isna().all()
