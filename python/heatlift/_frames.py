"""Tables from the engine (lists of (column, values)) as pandas DataFrames."""

import json
import os

import numpy as np
import pandas as pd


def frame(columns, categorical=()):
    """A DataFrame from [(name, values)], in order; text columns named in `categorical`
    become pandas categoricals."""
    df = pd.DataFrame({name: values for name, values in columns}, copy=False)
    for name in categorical:
        if name in df:
            df[name] = df[name].astype("category")
    return df


def source_args(path, text):
    """The (path, text) pair the engine takes: a path as str, or TOML text."""
    return (os.fspath(path) if path is not None else None), text


def setting(value):
    """A Python value as the TOML value of a file key: str as a TOML string ("12 kW",
    "Harbin", "1996_2010" stay text), int and float as numbers, bool as true/false."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return repr(float(value)) if isinstance(value, (float, np.floating)) else str(int(value))
    return json.dumps(str(value), ensure_ascii=False)


def overrides(mapping):
    """{dotted key: value} as the engine's (key, value) pairs."""
    return [(str(k), setting(v)) for k, v in (mapping or {}).items()]
