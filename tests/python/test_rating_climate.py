"""heatlift.rating and heatlift.climate against the command line, and bad input."""

import pytest

from conftest import SOURCE

PRODUCT = SOURCE / "examples/rating/low-ambient-ashp-gb19577.toml"
PRODUCTS = SOURCE / "examples/rating/products.csv"


def test_rate_equals_the_command_line(hl, cli):
    expected = cli.json("rate", PRODUCT)
    got = hl.rating.rate(PRODUCT)
    # One document builder serves both: the whole document is the command line's.
    assert got == expected


def test_rate_csv_rows(hl, cli):
    expected = cli.json("rate", PRODUCTS)["ratings"]
    df = hl.rating.rate_csv(PRODUCTS)
    assert len(df) == len(expected)
    assert list(df["status"]) == [e["status"] for e in expected]
    assert list(df["reason"]) == [e["reason"] for e in expected]
    rated = df[df["status"] == "rated"]
    assert (rated["value"] > 0).all()


def test_rate_options_and_bad_input(hl, cli):
    ar6 = hl.rating.rate(PRODUCT, gwp="ar6")
    assert ar6["ratings"][0]["refrigerant"]["gwp_basis"] == "AR6"
    with pytest.raises(hl.InvalidInput, match="gwp"):
        hl.rating.rate(PRODUCT, gwp="ar9")
    with pytest.raises(hl.InvalidInput, match="baseline"):
        hl.rating.rate(PRODUCT, baseline="best")
    with pytest.raises(hl.InvalidInput):
        hl.rating.rate(PRODUCT, standard="GB 1-2000")
    code, message = cli.error("rate", SOURCE / "examples/rating/no-such.toml")
    with pytest.raises(hl.Error) as e:
        hl.rating.rate(SOURCE / "examples/rating/no-such.toml")
    assert str(e.value) == message
    with pytest.raises(hl.InvalidInput, match=r"product:\d+"):
        hl.rating.rate(text="[product]\nname = 'x'\nbogus = = 1\n")


def test_refused_row_does_not_stop_the_others(hl):
    text = PRODUCTS.read_text().splitlines()
    bad = text[:2] + [text[1].replace(text[1].split(",")[0], "BAD", 1).replace(",", ",x", 1)]
    rows = hl.rating.rate_rows(text="\n".join(text + bad[2:]) + "\n")
    assert rows[-1]["status"] == "refused" and rows[-1]["error_code"] is not None
    assert any(r["status"] == "rated" for r in rows)


def test_place_and_its_year(hl, cli):
    p = hl.climate.place("Harbin")
    assert p.info["zone"] == "severe_cold" and not p.info["synthetic"]
    assert len(p.hourly) == 8760
    assert list(p.hourly.columns) == ["hour", "month", "t_dry_C", "rh_fraction", "ghi_W_m2"]
    shown = cli.json("climate", "show", "Harbin")
    assert p.info["hdd18_Kd"] == pytest.approx(shown["year"]["hdd18_Kd"], abs=0.01)
    assert p.info["heating_design_temperature_C"] == pytest.approx(
        shown["design"]["heating_design_C"], abs=1e-9)
    assert p.info["subzone"] == shown["zone"]["subzone"]
    assert p.hourly["t_dry_C"].min() == pytest.approx(shown["year"]["t_min_C"], abs=1e-9)
    zh = hl.climate.place("哈尔滨")
    assert zh.info["name"] == "Harbin"
    station = hl.climate.place("保定")
    assert station.info["synthetic"] and station.info["heating_design_temperature_C"] < 0
    assert len(hl.climate.cities()) >= 40


def test_unknown_place(hl, cli):
    code, message = cli.error("climate", "show", "Atlantis")
    with pytest.raises(hl.DataMissing) as e:
        hl.climate.place("Atlantis")
    assert str(e.value) == message and e.value.exit_code == code
