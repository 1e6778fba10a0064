"""heatlift.fluids: vectorised properties equal the command line's batch evaluation bit for
bit, scalars equal vectors, and bad input raises with the point's index."""

import io

import numpy as np
import pandas as pd
import pytest


def test_ids_and_info(hl):
    ids = hl.fluids.ids()
    assert "R744" in ids and "R32" in ids and ids == sorted(ids)
    info = hl.fluids.fluid("CO2").info()
    assert info["id"] == "R744"
    assert info["T_crit_K"] == pytest.approx(304.1282, abs=1e-3)
    assert info["gwp100_ar5"] == 1
    df = hl.fluids.list_fluids()
    assert list(df["id"]) == ids


@pytest.mark.parametrize("backend", ["exact", "fast"])
def test_props_equal_fluid_eval(hl, cli, backend):
    T = np.linspace(250.0, 340.0, 50)
    p = np.full_like(T, 1.5e6)
    stdin = "".join(f"{a!r},{b!r}\n" for a, b in zip(T, p))
    code, out, err = cli.run("fluid", "eval", "R32", "--given", "T,p", "--want",
                             "rho,h,s,cp,w,Q", "--backend", backend, stdin=stdin)
    assert code == 0, err
    expected = pd.read_csv(io.StringIO(out), float_precision="round_trip")
    got = hl.fluids.fluid("R32", backend=backend).props("T,p", T, p, want="rho,h,s,cp,w,Q")
    assert list(got.columns) == list(expected.columns)
    for c in ["rho_kg_m3", "h_J_kg", "s_J_kgK", "cp_J_kgK", "w_m_s"]:
        assert np.array_equal(got[c].to_numpy(), expected[c].to_numpy()), c
    assert got["Q"].isna().all() and expected["Q"].isna().all()


def test_swapped_pair_and_broadcasting(hl):
    f = hl.fluids.fluid("R290")
    a = f.props("p,h", 1e6, [5.5e5, 6.0e5], want="T,s")
    b = f.props("h,p", [5.5e5, 6.0e5], 1e6, want="T,s")
    pd.testing.assert_frame_equal(a, b)
    grid = f.arrays("T,Q", np.array([[260.0], [280.0]]), np.array([0.0, 0.5, 1.0]), want="p")
    assert grid["p_Pa"].shape == (2, 3)
    assert np.all(grid["p_Pa"][:, 0] == grid["p_Pa"][:, 2])


def test_state_matches_vector_and_two_phase_has_no_cp(hl):
    f = hl.fluids.fluid("R32")
    s = f.state(T=273.15, Q=0.5)
    assert s["phase"] == "two_phase" and s["Q"] == 0.5
    assert s["cp_J_kgK"] is None and s["w_m_s"] is None
    v = f.props("T,Q", [273.15], [0.5], want="p,h")
    assert v["p_Pa"][0] == s["p_Pa"] and v["h_J_kg"][0] == s["h_J_kg"]
    gas = f.state(p=1e6, T=320.0)
    assert gas["Q"] is None and gas["phase"] == "gas" and gas["cp_J_kgK"] > 0


def test_phase_column(hl):
    f = hl.fluids.fluid("R744")
    df = f.props("T,p", [250.0, 320.0, 280.0], [3e6, 9e6, 2e6], want="phase")
    assert list(df["phase"]) == ["liquid", "supercritical", "gas"]
    assert set(hl.fluids.PHASES) >= {"liquid", "gas", "two_phase", "supercritical"}


def test_saturation(hl):
    sat = hl.fluids.fluid("R32").saturation(T=[263.15, 293.15])
    assert (sat["rho_liquid_kg_m3"] > sat["rho_vapor_kg_m3"]).all()
    assert (sat["h_vapor_J_kg"] > sat["h_liquid_J_kg"]).all()
    again = hl.fluids.fluid("R32").saturation(p=sat["p_Pa"].to_numpy())
    assert np.allclose(again["T_K"], sat["T_K"], rtol=1e-9)


def test_exact_hs_flash(hl):
    f = hl.fluids.fluid("R32")
    s = f.state(T=300.0, p=1e6)
    back = f.state(h=s["h_J_kg"], s=s["s_J_kgK"])
    assert back["T_K"] == pytest.approx(300.0, rel=1e-9)


# ---- bad input ---------------------------------------------------------------------------

def test_out_of_range_raises_with_index(hl):
    f = hl.fluids.fluid("R32")
    with pytest.raises(hl.OutOfRange) as e:
        f.props("T,p", [300.0, 310.0, 5000.0, 320.0], 1e6)
    assert e.value.index == 2 and "T_max" in str(e.value)


def test_mask_keeps_the_other_points(hl):
    f = hl.fluids.fluid("R32", backend="fast")
    df = f.props("T,p", [300.0, 5000.0, -1.0, 320.0], 1e6, want="h", errors="mask")
    assert df["h_J_kg"].notna().tolist() == [True, False, False, True]
    assert df["error"][0] is None and "T_max" in df["error"][1]
    assert df["error"][2] is not None


def test_bad_pairs_and_properties(hl):
    f = hl.fluids.fluid("R32")
    with pytest.raises(hl.InvalidInput, match="supported pairs"):
        f.props("T,h", 300.0, 4e5)
    with pytest.raises(hl.InvalidInput, match="unknown property 'enthalpy'"):
        f.props("T,p", 300.0, 1e6, want="enthalpy")
    with pytest.raises(hl.InvalidInput, match="at least one property"):
        f.props("T,p", 300.0, 1e6, want="")
    with pytest.raises(hl.InvalidInput, match="raise or mask"):
        f.props("T,p", 300.0, 1e6, errors="ignore")
    with pytest.raises(hl.NotSupported, match="exact backend only"):
        hl.fluids.fluid("R32", backend="fast").props("h,s", 4e5, 1.8e3)
    with pytest.raises(hl.InvalidInput, match="backend 'quick'"):
        hl.fluids.fluid("R32", backend="quick")
    with pytest.raises(hl.InvalidInput, match="exactly two"):
        f.state(T=300.0)
    with pytest.raises(ValueError):  # numpy: shapes that do not broadcast
        f.props("T,p", [300.0, 310.0], [1e6, 2e6, 3e6])


def test_nan_input_is_an_error_not_a_nan(hl):
    with pytest.raises(hl.Error):
        hl.fluids.fluid("R32").props("T,p", [np.nan], [1e6])


def test_quality_outside_0_1(hl):
    with pytest.raises(hl.Error) as e:
        hl.fluids.fluid("R32").props("T,Q", 280.0, 1.5)
    assert e.value.code in ("invalid_input", "out_of_range")
