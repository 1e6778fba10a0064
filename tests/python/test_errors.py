"""heatlift's errors in Python: one class per code, the built-in bases a Python programmer
catches, and the command line's code and message for the same bad input."""

import pickle

import pytest

from conftest import SOURCE


def test_classes_carry_codes_and_bases(hl):
    expected = {
        hl.InvalidInput: ("invalid_input", 2, ValueError),
        hl.OutOfRange: ("out_of_range", 2, ValueError),
        hl.NoConvergence: ("no_convergence", 1, ArithmeticError),
        hl.DataMissing: ("data_missing", 2, LookupError),
        hl.NotSupported: ("not_supported", 2, NotImplementedError),
        hl.InternalError: ("internal", 1, RuntimeError),
    }
    for cls, (code, exit_code, base) in expected.items():
        assert issubclass(cls, hl.Error) and issubclass(cls, base)
        assert cls.code == code and cls.exit_code == exit_code
        assert cls.__module__ == "heatlift"
    assert hl.Error.code is None


def test_same_message_as_the_command_line_for_an_unknown_fluid(hl, cli):
    code, message = cli.error("fluid", "info", "R9999")
    with pytest.raises(hl.DataMissing) as e:
        hl.fluids.fluid("R9999")
    assert str(e.value) == message and e.value.exit_code == code


def test_same_message_for_a_bad_site_key(hl, cli, tmp_path):
    bad = tmp_path / "bad.toml"
    text = (SOURCE / "examples/sites/shijiazhuang-rural-coal-to-ashp.toml").read_text()
    bad.write_text(text.replace('capacity = "10 kW"', 'capacity = "10 kg"'))
    code, message = cli.error("site", "run", bad)
    with pytest.raises(hl.InvalidInput) as e:
        hl.site.run(bad)
    assert str(e.value) == message and e.value.exit_code == code == 2


def test_same_message_for_an_unknown_scenario(hl, cli):
    code, message = cli.error("roadmap", "-s", "no-such-scenario", "--engine", "top-down")
    with pytest.raises(hl.Error) as e:
        hl.roadmap.run("no-such-scenario", engine="top-down")
    assert str(e.value) == message and e.value.exit_code == code


def test_errors_pickle_with_their_attributes(hl):
    with pytest.raises(hl.OutOfRange) as e:
        hl.fluids.fluid("R32").props("T,p", [300.0, 5000.0], 1e6)
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is hl.OutOfRange
    assert str(again) == str(e.value) and again.index == 1 and again.code == "out_of_range"


def test_path_and_text_are_exclusive(hl):
    with pytest.raises(hl.InvalidInput, match="give either a path or text="):
        hl.cycles.solve()
    with pytest.raises(hl.InvalidInput, match="not both"):
        hl.site.run("a.toml", text="[site]")
