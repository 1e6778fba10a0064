"""Rating products by the national standards (docs/rating.md): grade, headroom, the 2030
target, the refrigerant's GWP and CO2e, EN 14825 SCOP.

    >>> doc = hl.rating.rate("examples/rating/low-ambient-ashp-gb19577.toml")
    >>> doc["ratings"][0]["grade"]["grade"], doc["ratings"][0]["target"]["status"]
    >>> hl.rating.rate_csv("examples/rating/products.csv")     # one row per product
"""

import pandas as pd

from . import _core
from ._frames import source_args


def _s(session):
    from . import session as _session

    return session or _session()


def rate(path=None, *, text=None, standard=None, gwp="ar4", baseline="auto", session=None):
    """Rates one PRODUCT.toml (or its `text`) by every standard it declares, or `standard`
    only, as ``heatlift rate --format json``: {'product', 'ratings', 'units'}; each rating
    has metric, grade (grade, pass, thresholds, margin, next_grade, to_next, below_minimum),
    target (improvement, required, status), refrigerant (gwp, charge_kg, co2e_kg) and, for
    EN 14825, its bins. gwp: ar4, ar5 or ar6; baseline: auto or limit."""
    p, t = source_args(path, text)
    return _core.rate_product(_s(session), p, t, standard, gwp, baseline)


_SUMMARY = ["product", "origin", "standard", "metric", "value", "grade", "pass", "next_grade",
            "to_next_grade", "improvement", "target_2030", "refrigerant", "gwp", "charge_kg",
            "co2e_kg", "status", "reason", "error_code"]


def _row(entry):
    r = entry["rating"]
    if r is None:
        return {"product": entry["product"], "origin": entry["origin"],
                "standard": entry["standard"], "status": entry["status"],
                "reason": entry["reason"], "error_code": entry["error_code"]}
    g, t, ref = r["grade"], r["target"], r["refrigerant"]
    return {
        "product": r["product"], "origin": entry["origin"], "standard": r["standard_name"],
        "metric": r["metric"]["name"], "value": r["metric"]["value"],
        "grade": g["grade"] if g else None, "pass": g["pass"] if g and g["graded"] else None,
        "next_grade": g["next_grade"] if g else None, "to_next_grade": g["to_next"] if g else None,
        "improvement": t["improvement"] if t else None, "target_2030": t["status"] if t else None,
        "refrigerant": ref["name"], "gwp": ref["gwp"], "charge_kg": ref["charge_kg"],
        "co2e_kg": ref["co2e_kg"], "status": entry["status"], "reason": entry["reason"],
        "error_code": entry["error_code"],
    }


def rate_rows(path=None, *, text=None, standard=None, gwp="ar4", baseline="auto", session=None):
    """Every row of a products CSV, as ``heatlift rate products.csv --format json``: a list
    of {'origin', 'product', 'standard', 'status', 'reason', 'error_code', 'rating'} with
    status rated, refused (reason, error_code) or skipped; a refused row never stops the
    others."""
    p, t = source_args(path, text)
    return _core.rate_products_csv(_s(session), p, t, standard, gwp, baseline)


def rate_csv(path=None, *, text=None, standard=None, gwp="ar4", baseline="auto", session=None):
    """rate_rows() as a DataFrame, one row per product and standard: metric and value
    (W/W), grade, pass, headroom, improvement (fraction) and status against the 2030
    target, refrigerant GWP (kgCO2e/kg), charge_kg, co2e_kg, status and reason."""
    rows = rate_rows(path, text=text, standard=standard, gwp=gwp, baseline=baseline,
                     session=session)
    return pd.DataFrame([_row(e) for e in rows], columns=_SUMMARY)


__all__ = ["rate", "rate_csv", "rate_rows"]
