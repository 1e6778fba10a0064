"""Refrigerant properties from the reference equations of state, vectorised over numpy.

    >>> import heatlift as hl
    >>> r744 = hl.fluids.fluid("CO2")                     # exact equation of state
    >>> r744.props("T,p", [300.0, 310.0], 8e6, want="rho,h,cp")
           rho_kg_m3      h_J_kg      cp_J_kgK
    ...
    >>> hl.fluids.fluid("R32", backend="fast").state(p=2e6, h=4.5e5)["T_K"]

Inputs and outputs are SI: T in K, p in Pa, rho in kg/m3, h and u in J/kg, s, cp and cv in
J/(kg K), w in m/s, Q the vapour quality on a mass basis (0…1). Column names carry the unit
(T_K, p_Pa, rho_kg_m3, h_J_kg, s_J_kgK, u_J_kg, cp_J_kgK, cv_J_kgK, w_m_s, Q, phase).
"""

import numpy as np
import pandas as pd

from . import _core

#: Phase names, indexed by the codes of the ``phase`` column.
PHASES = _core.PHASES

_ALL = "T,p,rho,h,s,u,cp,cv,w,Q,phase"


def ids(session=None):
    """The IDs of every fluid heatlift knows (as ``heatlift fluid list``)."""
    from . import session as _session

    return _core.fluid_ids(session or _session())


def list_fluids(session=None):
    """One row per fluid: id, name, safety class, GWP100 (AR5, AR6), critical point."""
    rows = [fluid(i, session=session).info() for i in ids(session)]
    cols = ["id", "name", "safety_class", "gwp100_ar5", "gwp100_ar6", "T_crit_K", "p_crit_Pa",
            "pseudo_pure"]
    return pd.DataFrame([{c: r[c] for c in cols} for r in rows])


def fluid(name, backend="exact", session=None):
    """The fluid `name` (R744, CO2, CarbonDioxide ...): backend 'exact' (the equation of
    state) or 'fast' (tables built from it on first use, bounded error)."""
    from . import session as _session

    return Fluid(_core.Fluid(session or _session(), name, backend))


class Fluid:
    """One fluid; immutable, safe to share between threads."""

    def __init__(self, handle):
        self._f = handle

    @property
    def id(self):
        """The ASHRAE designation, e.g. 'R744'."""
        return self._f.id

    @property
    def backend(self):
        return self._f.backend

    def info(self):
        """Identity, limits (K, Pa, kg/m3), GWP100 (kgCO2e/kg), safety class, source."""
        return self._f.info()

    def __repr__(self):
        return f"<heatlift fluid {self.id} ({self.backend})>"

    def arrays(self, given, a, b, want="rho,h,s,cp,w", errors="raise"):
        """Like props(), as a dict of numpy arrays shaped like the broadcast inputs, plus
        'failures': [(index, code, message)] of the points that failed (errors='mask')."""
        a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
        shape = a.shape
        columns, failures = self._f.props(given, np.ascontiguousarray(a).ravel(),
                                          np.ascontiguousarray(b).ravel(), want, errors)
        out = {}
        for name, values in columns:
            if name == "phase":
                values = np.asarray(PHASES, dtype=object)[values.astype(np.intp)]
            out[name] = values.reshape(shape)
        out["failures"] = failures
        return out

    def props(self, given, a, b, want="rho,h,s,cp,w", errors="raise"):
        """Properties at every point of the input pair `given`.

        given: 'T,p', 'p,h', 'p,s', 'T,Q', 'p,Q', 'T,rho' or 'h,s' (exact backend); a, b:
        numbers or arrays of the two inputs in SI (broadcast against each other). want: any
        of T p rho h s u cp cv w Q phase, comma-separated. Returns a DataFrame, one row per
        point, columns named with their unit. cp, cv and w are NaN for two-phase states (not
        defined there), Q is NaN for single-phase ones.

        errors='raise' (default) raises the first point's error (heatlift.OutOfRange ...)
        with its `index`; errors='mask' leaves a failed point's row NaN and adds an 'error'
        column with its message (None elsewhere).
        """
        r = self.arrays(given, a, b, want, errors)
        failures = r.pop("failures")
        # the arrays are fresh from the engine: no copy into one block (that copy alone
        # would cost more than the fast backend's flashes)
        df = pd.DataFrame({k: np.ravel(v) for k, v in r.items()}, copy=False)
        if errors == "mask":
            err = [None] * len(df)
            for i, _code, message in failures:
                err[i] = message
            df["error"] = err
        return df

    def state(self, **pair):
        """One state from two properties given by name, e.g. state(T=273.15, Q=1) or
        state(p=2e6, h=4.5e5) (SI): a dict of every property with its unit in the key;
        cp, cv, w (two-phase) and Q (single-phase) are None where not defined."""
        if len(pair) != 2:
            raise _core.InvalidInput(
                f"fluid state: give exactly two of T p h s Q rho (got {len(pair)})")
        (ka, va), (kb, vb) = pair.items()
        r = self.arrays(f"{ka},{kb}", va, vb, want=_ALL)
        r.pop("failures")
        out = {}
        for k, v in r.items():
            v = v.item() if hasattr(v, "item") else v
            out[k] = None if isinstance(v, float) and np.isnan(v) else v
        return out

    def saturation(self, T=None, p=None):
        """Saturated liquid and vapour at T (K) or p (Pa), arrays allowed: a DataFrame with
        T_K, p_Pa, rho_liquid_kg_m3, rho_vapor_kg_m3, h_liquid_J_kg, h_vapor_J_kg,
        s_liquid_J_kgK, s_vapor_J_kgK (for a blend, liquid at its bubble and vapour at its
        dew point)."""
        if (T is None) == (p is None):
            raise _core.InvalidInput("saturation: give T or p")
        given, x = ("T,Q", T) if T is not None else ("p,Q", p)
        liq = self.arrays(given, x, 0.0, want="T,p,rho,h,s")
        vap = self.arrays(given, x, 1.0, want="T,p,rho,h,s")
        return pd.DataFrame({
            "T_K": np.ravel(liq["T_K"]), "p_Pa": np.ravel(liq["p_Pa"]),
            "rho_liquid_kg_m3": np.ravel(liq["rho_kg_m3"]),
            "rho_vapor_kg_m3": np.ravel(vap["rho_kg_m3"]),
            "h_liquid_J_kg": np.ravel(liq["h_J_kg"]), "h_vapor_J_kg": np.ravel(vap["h_J_kg"]),
            "s_liquid_J_kgK": np.ravel(liq["s_J_kgK"]), "s_vapor_J_kgK": np.ravel(vap["s_J_kgK"]),
        })


__all__ = ["PHASES", "Fluid", "fluid", "ids", "list_fluids"]
