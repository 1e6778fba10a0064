"""Shared fixtures: the package (from PYTHONPATH, the build tree under ctest), the source tree
and the command line of the same build, run to compare with."""

import json
import os
import pathlib
import subprocess

import pytest

import heatlift

SOURCE = pathlib.Path(os.environ.get("HEATLIFT_SOURCE_DIR",
                                     pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("HEATLIFT_CLI", str(SOURCE / "build" / "release" / "heatlift"))


@pytest.fixture(scope="session")
def hl():
    return heatlift


@pytest.fixture(scope="session")
def source():
    return SOURCE


def run_cli(*args, stdin=None):
    """The command line's (exit code, stdout, stderr)."""
    p = subprocess.run([CLI, *map(str, args)], input=stdin, capture_output=True, text=True,
                       cwd=SOURCE, check=False)
    return p.returncode, p.stdout, p.stderr


def cli_json(*args):
    code, out, err = run_cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def cli_error(*args):
    """The command line's (exit code, message) for a run that fails."""
    code, _out, err = run_cli(*args)
    assert code != 0
    line = err.strip().splitlines()[-1]
    prefix = "heatlift: error: "
    assert line.startswith(prefix), err
    return code, line[len(prefix):]


@pytest.fixture(scope="session")
def cli():
    return type("Cli", (), {"run": staticmethod(run_cli), "json": staticmethod(cli_json),
                            "error": staticmethod(cli_error)})
