#!/usr/bin/python3
"""Convert the CoolProp equation-of-state files into heatlift's own fluid data.

Usage (from the repository root):

    /usr/bin/python3 scripts/convert_fluids.py ../shared

The single argument is the shared raw-material folder, which must contain

* ``fluids/<CoolProp name>.json`` -- verbatim copies of CoolProp ``dev/fluids/*.json``
  (repository CoolProp/CoolProp, commit ea27c6394887390270a03dcd0ad00a1274be4efc,
  MIT licence).  Only ``INFO``, ``STATES``, ``ANCILLARIES`` and ``EOS[0]`` are read;
  transport correlations, ``EOS[1]`` and CoolProp solver helpers are dropped.
* ``fluids/reference/*.csv`` + ``README.md`` -- CoolProp-computed reference values.
* ``fluids/superancillaries/check/<Fluid>_check.json`` -- verbatim copies of
  CoolProp/fastchebpure ``outputcheck/`` (commit f682d3c41ca3728fcb670b01d15f565e6eca1e8a).
* ``facts/standards-and-factors.md`` -- section 9.1 holds the GWP100 table.

It writes, relative to the repository root (and nothing else):

* ``data/fluids/<ID>.json`` for 16 fluids: the Helmholtz equation of state (EOS[0]),
  critical/triple/reducing states, limits, saturation ancillaries and, where the
  CoolProp file embeds one, the Chebyshev superancillary of that same equation.
  The format is described in ``data/fluids/README.md``.
* ``data/refrigerants/gwp.csv`` -- the GWP100 table of section 9.1, machine readable.
* ``tests/fluids/data/reference/`` -- the reference CSVs and README, copied unchanged.
* ``tests/fluids/data/sat_check_<ID>.csv`` -- multiprecision saturation states
  (p, rho', rho'') from the fastchebpure check files for R32, R744, R290, R718, R134a.

The coefficients are facts from the publications cited in each output file; CoolProp
transcribed them (MIT licence).  Only the Python standard library is used and the
output is deterministic (fixed key order, source array order, floats via repr).
"""

import csv
import io
import json
import math
import os
import re
import shutil
import sys

COOLPROP_COMMIT = "ea27c6394887390270a03dcd0ad00a1274be4efc"
FASTCHEBPURE_COMMIT = "f682d3c41ca3728fcb670b01d15f565e6eca1e8a"
UNITS = "SI molar: K, Pa, mol/m3, J/(mol K), kg/mol"

# ---------------------------------------------------------------------------
# Fluid list.  Citations transcribed from /work/shared/fluids/SOURCES.md
# (sections 1 and 7, "EOS[0] publication"); the BibTeX key is checked against
# EOS[0].BibTeX_EOS so that a changed source file cannot silently get the wrong
# citation.  Extra aliases: ASHRAE number, usual chemical / trade names.
# ---------------------------------------------------------------------------
FLUIDS = [
    {
        "id": "R32", "file": "R32.json", "bibtex": "TillnerRoth-JPCRD-1997",
        "cite": "R. Tillner-Roth, A. Yokozeki, \"An international standard equation of state for "
                "difluoromethane (R-32) for temperatures from the triple point at 136.34 K to 435 K and "
                "pressures up to 70 MPa\", J. Phys. Chem. Ref. Data 26, 1273-1328 (1997), doi:10.1063/1.556002",
        "aliases": ["R-32", "HFC-32", "Difluoromethane"],
    },
    {
        "id": "R410A", "file": "R410A.json", "bibtex": "Lemmon-IJT-2003",
        "cite": "E. W. Lemmon, \"Pseudo-Pure Fluid Equations of State for the Refrigerant Blends R-410A, "
                "R-404A, R-507A, and R-407C\", Int. J. Thermophys. 24, 991-1006 (2003), doi:10.1023/A:1025048800563",
        "aliases": ["R-410A"],
    },
    {
        "id": "R407C", "file": "R407C.json", "bibtex": "Lemmon-IJT-2003",
        "cite": "E. W. Lemmon, \"Pseudo-Pure Fluid Equations of State for the Refrigerant Blends R-410A, "
                "R-404A, R-507A, and R-407C\", Int. J. Thermophys. 24, 991-1006 (2003), doi:10.1023/A:1025048800563",
        "aliases": ["R-407C"],
    },
    {
        "id": "R22", "file": "R22.json", "bibtex": "Kamei-IJT-1995",
        "cite": "A. Kamei, S. W. Beyerlein, R. T. Jacobsen, \"Application of Nonlinear Regression in the "
                "Development of a Wide Range Formulation for HCFC-22\", Int. J. Thermophys. 16(5), 1155-1164 (1995)",
        "aliases": ["R-22", "HCFC-22", "Chlorodifluoromethane"],
    },
    {
        "id": "R134a", "file": "R134a.json", "bibtex": "TillnerRoth-JPCRD-1994",
        "cite": "R. Tillner-Roth, H. D. Baehr, \"An International Standard Formulation for the Thermodynamic "
                "Properties of 1,1,1,2-Tetrafluoroethane (HFC-134a) for Temperatures from 170 K to 455 K and "
                "Pressures up to 70 MPa\", J. Phys. Chem. Ref. Data 23, 657-729 (1994), doi:10.1063/1.555958",
        "aliases": ["R-134a", "HFC-134a", "1,1,1,2-Tetrafluoroethane"],
    },
    {
        "id": "R290", "file": "n-Propane.json", "bibtex": "Lemmon-JCED-2009",
        "cite": "E. W. Lemmon, M. O. McLinden, W. Wagner, \"Thermodynamic Properties of Propane. III. A "
                "Reference Equation of State for Temperatures from the Melting Line to 650 K and Pressures up "
                "to 1000 MPa\", J. Chem. Eng. Data 54, 3141-3180 (2009), doi:10.1021/je900217v",
        "aliases": ["Propane", "n-Propane"],
    },
    {
        "id": "R600a", "file": "IsoButane.json", "bibtex": "Buecker-JPCRD-2006B",
        "cite": "D. B\u00fccker, W. Wagner, \"Reference Equations of State for the Thermodynamic Properties of "
                "Fluid Phase n-Butane and Isobutane\", J. Phys. Chem. Ref. Data 35, 929-1019 (2006), "
                "doi:10.1063/1.1901687",
        "aliases": ["Isobutane", "IsoButane"],
    },
    {
        "id": "R744", "file": "CarbonDioxide.json", "bibtex": "Span-JPCRD-1996",
        "cite": "R. Span, W. Wagner, \"A New Equation of State for Carbon Dioxide Covering the Fluid Region "
                "from the Triple-Point Temperature to 1100 K at Pressures up to 800 MPa\", J. Phys. Chem. Ref. "
                "Data 25, 1509-1596 (1996), doi:10.1063/1.555991",
        "aliases": ["CO2", "CarbonDioxide", "carbon dioxide"],
    },
    {
        "id": "R717", "file": "Ammonia.json", "bibtex": "Gao-JPCRD-2020",
        "cite": "K. Gao, J. Wu, I. H. Bell, E. W. Lemmon, \"Thermodynamic Properties of Ammonia for "
                "Temperatures from the Melting Line to 725 K and Pressures to 1000 MPa\", J. Phys. Chem. Ref. "
                "Data (2020) (volume and pages not given in CoolProp's bibliography; the ammonia equation of REFPROP 10)",
        "aliases": ["Ammonia", "NH3"],
    },
    {
        "id": "R1234yf", "file": "R1234yf.json", "bibtex": "Lemmon-IJT-2022",
        "cite": "E. W. Lemmon, R. Akasaka, \"Equation of State for the Thermodynamic Properties of "
                "2,3,3,3-Tetrafluoroprop-1-ene (R-1234yf)\", Int. J. Thermophys. 43, 119 (2022)",
        "aliases": ["R-1234yf", "HFO-1234yf", "2,3,3,3-Tetrafluoropropene"],
    },
    {
        "id": "R1234ze(E)", "file": "R1234ze(E).json", "bibtex": "Thol-IJT-2016-R1234zeE",
        "cite": "M. Thol, E. W. Lemmon, \"Equation of State for the Thermodynamic Properties of "
                "trans-1,3,3,3-Tetrafluoropropene [R-1234ze(E)]\", Int. J. Thermophys. 37(3), 1-16 (2016), "
                "doi:10.1007/s10765-016-2040-6",
        "aliases": ["R-1234ze(E)", "HFO-1234ze(E)", "trans-1,3,3,3-Tetrafluoropropene"],
    },
    {
        "id": "R1233zd(E)", "file": "R1233zd(E).json", "bibtex": "Akasaka-JPCRD-2022-R1233zdE",
        "cite": "R. Akasaka, E. W. Lemmon, \"An International Standard Formulation for "
                "trans-1-Chloro-3,3,3-trifluoroprop-1-ene [R1233zd(E)] Covering Temperatures from the "
                "Triple-point Temperature to 450 K and Pressures up to 100 MPa\", J. Phys. Chem. Ref. Data 51, "
                "023101 (2022)",
        "aliases": ["HCFO-1233zd(E)", "trans-1-Chloro-3,3,3-trifluoropropene"],
    },
    {
        "id": "R245fa", "file": "R245fa.json", "bibtex": "Akasaka-JPCRD-2015-R245fa",
        "cite": "R. Akasaka, Y. Zhou, E. W. Lemmon, \"A Fundamental Equation of State for "
                "1,1,1,3,3-Pentafluoropropane (R-245fa)\", J. Phys. Chem. Ref. Data 44, 013104 (2015), "
                "doi:10.1063/1.4913493",
        "aliases": ["R-245fa", "HFC-245fa", "1,1,1,3,3-Pentafluoropropane"],
    },
    {
        "id": "R152a", "file": "R152A.json", "bibtex": "Outcalt-JPCRD-1996-R152A",
        "cite": "S. L. Outcalt, M. O. McLinden, \"A Modified Benedict-Webb-Rubin Equation of State for the "
                "Thermodynamic Properties of R152a (1,1-difluoroethane)\", J. Phys. Chem. Ref. Data 25, "
                "605-636 (1996), doi:10.1063/1.555979 (stored as its Helmholtz-form equivalent, 40 power terms)",
        "aliases": ["R-152a", "HFC-152a", "1,1-Difluoroethane"],
    },
    {
        "id": "R1336mzz(Z)", "file": "R1336mzz(Z).json", "bibtex": "McLinden-JCED-2020-R1336mzzZ",
        "cite": "M. O. McLinden, R. Akasaka, \"Thermodynamic Properties of cis-1,1,1,4,4,4-Hexafluorobutene "
                "[R-1336mzz(Z)]: Vapor Pressure, (p, rho, T) Behavior, and Speed of Sound Measurements and "
                "Equation of State\", J. Chem. Eng. Data 65, 4201-4214 (2020), doi:10.1021/acs.jced.9b01198",
        "aliases": ["R-1336mzz(Z)", "HFO-1336mzz(Z)"],
    },
    {
        "id": "R718", "file": "Water.json", "bibtex": "Wagner-JPCRD-2002",
        "cite": "W. Wagner, A. Pru\u00df, \"The IAPWS Formulation 1995 for the Thermodynamic Properties of "
                "Ordinary Water Substance for General and Scientific Use\", J. Phys. Chem. Ref. Data 31, "
                "387-535 (2002), doi:10.1063/1.1461829 (IAPWS-95)",
        "aliases": ["Water", "H2O"],
    },
]

# fastchebpure check files converted to CSV test data: (ID, check-file stem)
SAT_CHECK = [("R32", "R32"), ("R744", "CarbonDioxide"), ("R290", "n-Propane"),
             ("R718", "Water"), ("R134a", "R134a")]

# GWP "source" line per row of the section 9.1 table (which cites these sources).
GWP_SOURCE_DEFAULT = ("IPCC AR4/AR5 via openclimatedata/globalwarmingpotentials (GHG Protocol table), "
                      "AR6 via IPCC AR6 WG1 Table 7.SM.7")
GWP_SOURCE = {
    "R1234yf": "AR5 '<1': coolingpost.com (IPCC confirms HFO GWPs < 1); AR6: IPCC AR6 WG1 Table 7.SM.7 "
               "via chrisroadmap/ar6",
    "R1234ze(E)": "AR5 '<1': coolingpost.com (IPCC confirms HFO GWPs < 1); AR6: IPCC AR6 WG1 Table 7.SM.7 "
                  "via chrisroadmap/ar6",
    "R1233zd(E)": "AR6: IPCC AR6 WG1 Table 7.SM.7 via chrisroadmap/ar6",
    "R1336mzz(Z)": "AR6: IPCC AR6 WG1 Table 7.SM.7 via chrisroadmap/ar6",
    "R410A": "computed: mass-weighted sum of component GWP100 (R32/R125 50/50)",
    "R407C": "computed: mass-weighted sum of component GWP100 (R32/R125/R134a 23/25/52)",
    "R290": "AR6: IPCC AR6 WG1 Table 7.SM.7 (propane) via chrisroadmap/ar6, also taken for AR5; "
            "AR4: CoolProp dev/fluids/n-Propane.json GWP100 (provenance not stated)",
    "R600a": "AR5/AR6: IPCC AR6 WG1 Table 7.SM.7 n-butane via chrisroadmap/ar6 (isobutane not "
             "assessed); AR4: commonly quoted value",
    "R717": "not in IPCC tables, 0 by convention",
    "R718": "0 by convention",
    "R744": "reference gas, 1 by definition",
}


# Natural refrigerants the IPCC does not assess in every report, filled so that a charge always
# has a CO2e: {designation: ({"AR5": v, "AR6": v}, status)}. A gas missing from the chosen report
# takes the more recent report's value (The Climate Registry's GWP appendix); isobutane takes its
# isomer n-butane's AR6 value; ammonia and water (lifetimes of days) are 0. Sources: IPCC AR6 WG1
# Table 7.SM.7 via chrisroadmap/ar6 data_output/7sm/metrics_supplement_cleaned.csv (propane
# GWP100 0.02, butane 0.006).
GWP_FILL = {
    "R290": ({"AR5": 0.02, "AR6": 0.02},
             'AR6: IPCC AR6 WG1 Table 7.SM.7 propane 0.02 (C2, chrisroadmap/ar6); AR5: not in AR5 WG1 '
             'Table 8.A.1, the AR6 value taken; AR4: CoolProp dev/fluids/n-Propane.json "GWP100": 3.0, '
             'provenance not stated (PARTIAL)'),
    "R600a": ({"AR5": 0.006, "AR6": 0.006},
              "AR6/AR5: isobutane is in neither AR5 WG1 Table 8.A.1 nor AR6 WG1 Table 7.SM.7; its isomer "
              "n-butane's AR6 value 0.006 (Table 7.SM.7, C2) is taken (I); AR4: not in IPCC tables, "
              "commonly ~3 (UNCONFIRMED)"),
    "R717": ({"AR5": 0.0, "AR6": 0.0},
             "not in AR4, AR5 WG1 Table 8.A.1 or AR6 WG1 Table 7.SM.7; 0 by convention (lifetime of days) (I)"),
    "R718": ({"AR5": 0.0, "AR6": 0.0}, "not in the IPCC tables; 0 by convention (I)"),
}


def fill_gwp(rows):
    """Rows of table 9.1 with GWP_FILL applied to the cells the table leaves empty."""
    out = []
    for designation, comp, values, status in rows:
        if designation in GWP_FILL:
            fill, fill_status = GWP_FILL[designation]
            values = dict(values)
            for k, v in fill.items():
                if values[k] is None:
                    values[k] = v
            status = fill_status
        out.append((designation, comp, values, status))
    return out


class ConversionError(Exception):
    pass


# Safety classes by ANSI/ASHRAE Standard 34-2022 (Designation and Safety Classification of
# Refrigerants), as tabulated at hvacptcharts.com/refrigerant-safety-classifications.
SAFETY_CLASS = {
    "R32": "A2L", "R1234yf": "A2L", "R1234ze(E)": "A2L", "R717": "B2L", "R290": "A3", "R600a": "A3",
    "R1233zd(E)": "A1", "R22": "A1", "R410A": "A1", "R407C": "A1", "R134a": "A1", "R744": "A1",
}


def fail(msg):
    raise ConversionError(msg)


def file_id(fluid_id):
    """File-name-safe ID: R1234ze(E) -> R1234ze_E."""
    return fluid_id.replace("(", "_").replace(")", "")


def num(x):
    """Every number becomes a float (JSON ints in the source are written as e.g. 3.0)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        fail("expected a number, got %r" % (x,))
    x = float(x)
    if not math.isfinite(x):
        fail("non-finite number %r" % (x,))
    return x


def nums(a):
    if not isinstance(a, list):
        fail("expected an array, got %r" % (a,))
    return [num(x) for x in a]


# ---------------------------------------------------------------------------
# Helmholtz terms
# ---------------------------------------------------------------------------

# CoolProp type -> (output type, [(output key, source key)], optional source keys)
RESIDUAL = {
    "ResidualHelmholtzPower": ("power", [("n", "n"), ("d", "d"), ("t", "t"), ("l", "l")], ()),
    "ResidualHelmholtzGaussian": ("gaussian", [("n", "n"), ("d", "d"), ("t", "t"), ("eta", "eta"),
                                               ("epsilon", "epsilon"), ("beta", "beta"), ("gamma", "gamma")], ()),
    "ResidualHelmholtzNonAnalytic": ("nonanalytic", [("n", "n"), ("a", "a"), ("b", "b"), ("beta", "beta"),
                                                     ("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")], ()),
    "ResidualHelmholtzGaoB": ("gao_b", [("n", "n"), ("t", "t"), ("d", "d"), ("eta", "eta"), ("beta", "beta"),
                                        ("gamma", "gamma"), ("epsilon", "epsilon"), ("b", "b")], ()),
}


def convert_residual(block, where):
    typ = block.get("type")
    if typ not in RESIDUAL:
        fail("%s: residual term type %r is not supported -- stop and extend the format" % (where, typ))
    out_type, fields, optional = RESIDUAL[typ]
    allowed = {"type"} | {src for _, src in fields} | set(optional)
    extra = set(block) - allowed
    if extra:
        fail("%s: unexpected keys %s in %s" % (where, sorted(extra), typ))
    out = {"type": out_type}
    length = None
    for key, src in fields:
        if src not in block:
            fail("%s: %s lacks %r" % (where, typ, src))
        arr = nums(block[src])
        if length is None:
            length = len(arr)
        elif len(arr) != length:
            fail("%s: %s arrays have different lengths" % (where, typ))
        out[key] = arr
    if out_type == "power":
        # CoolProp casts l to int and applies exp(-delta^l) only for l > 0.
        for l in out["l"]:
            if l < 0 or l != int(l):
                fail("%s: power term with non-integer or negative l=%r" % (where, l))
    return out


def convert_ideal(block, where, gas_constant):
    typ = block.get("type")

    def take(keys, optional=()):
        extra = set(block) - {"type"} - set(keys) - set(optional)
        if extra:
            fail("%s: unexpected keys %s in %s" % (where, sorted(extra), typ))
        for k in keys:
            if k not in block:
                fail("%s: %s lacks %r" % (where, typ, k))
        if "R" in block and abs(num(block["R"]) - gas_constant) > 1e-12 * gas_constant:
            fail("%s: %s has R=%r different from the EOS gas constant" % (where, typ, block["R"]))

    def same_len(*arrs):
        if len({len(a) for a in arrs}) != 1:
            fail("%s: %s arrays have different lengths" % (where, typ))

    if typ == "IdealGasHelmholtzLead":
        take(["a1", "a2"])
        return {"type": "lead", "a1": num(block["a1"]), "a2": num(block["a2"])}
    if typ == "IdealGasHelmholtzLogTau":
        take(["a"])
        return {"type": "log_tau", "a": num(block["a"])}
    if typ == "IdealGasHelmholtzPower":
        take(["n", "t"])
        n, t = nums(block["n"]), nums(block["t"])
        same_len(n, t)
        return {"type": "power", "n": n, "t": t}
    if typ == "IdealGasHelmholtzPlanckEinstein":
        take(["n", "t"])
        n, t = nums(block["n"]), nums(block["t"])
        same_len(n, t)
        return {"type": "planck_einstein", "n": n, "t": t}
    if typ == "IdealGasHelmholtzPlanckEinsteinFunctionT":
        # CoolProp reads n, v and Tcrit only (R and T0 are informational).
        take(["n", "v", "Tcrit"], optional=("R", "T0"))
        n, v = nums(block["n"]), nums(block["v"])
        same_len(n, v)
        return {"type": "planck_einstein_T", "n": n, "v": v, "T_crit": num(block["Tcrit"])}
    if typ == "IdealGasHelmholtzCP0PolyT":
        take(["c", "t", "Tc", "T0"], optional=("R",))
        c, t = nums(block["c"]), nums(block["t"])
        same_len(c, t)
        return {"type": "cp0_poly_T", "c": c, "t": t, "T_c": num(block["Tc"]), "T_0": num(block["T0"])}
    if typ == "IdealGasHelmholtzCP0Constant":
        take(["cp_over_R", "Tc", "T0"])
        return {"type": "cp0_constant", "c": num(block["cp_over_R"]), "T_c": num(block["Tc"]),
                "T_0": num(block["T0"])}
    if typ == "IdealGasHelmholtzEnthalpyEntropyOffset":
        take(["a1", "a2", "reference"])
        return {"type": "enthalpy_entropy_offset", "a1": num(block["a1"]), "a2": num(block["a2"]),
                "reference": str(block["reference"])}
    fail("%s: ideal-gas term type %r is not supported -- stop and extend the format" % (where, typ))


# ---------------------------------------------------------------------------
# Ancillaries and superancillary
# ---------------------------------------------------------------------------

ANCILLARY_TYPES = {"pL", "pV", "rhoL", "rhoV", "rhoLnoexp", "rhoVnoexp"}


def convert_ancillary(a, where):
    if a is None:
        return None
    typ = a.get("type")
    if typ not in ANCILLARY_TYPES:
        fail("%s: unknown ancillary type %r" % (where, typ))
    for k in ("T_r", "reducing_value", "n", "t", "using_tau_r", "Tmin", "Tmax"):
        if k not in a:
            fail("%s: ancillary lacks %r" % (where, k))
    n, t = nums(a["n"]), nums(a["t"])
    if len(n) != len(t):
        fail("%s: ancillary n and t differ in length" % where)
    if not isinstance(a["using_tau_r"], bool):
        fail("%s: using_tau_r is not a boolean" % where)
    err = a.get("max_abserror_percentage")
    return {
        "type": typ,
        "T_r": num(a["T_r"]),
        "reducing_value": num(a["reducing_value"]),
        "n": n,
        "t": t,
        "using_tau_r": a["using_tau_r"],
        "T_min": num(a["Tmin"]),
        "T_max": num(a["Tmax"]),
        "max_abs_error_percent": None if err is None else num(err),
    }


def convert_expansions(lst, where):
    out = []
    prev = None
    for iv in lst:
        if set(iv) != {"xmin", "xmax", "coef"}:
            fail("%s: unexpected interval keys %s" % (where, sorted(iv)))
        xmin, xmax = num(iv["xmin"]), num(iv["xmax"])
        if not xmax > xmin:
            fail("%s: empty interval" % where)
        if prev is not None and xmin != prev:
            fail("%s: intervals do not tile (gap at %r)" % (where, xmin))
        prev = xmax
        out.append({"xmin": xmin, "xmax": xmax, "coef": nums(iv["coef"])})
    return out


def convert_superancillary(sa, src_file):
    if sa is None:
        return None
    meta, ca = sa["meta"], sa["crit_anc"]
    out = {
        "source": "EOS[0].SUPERANCILLARY of CoolProp dev/fluids/%s (commit %s, MIT licence): Chebyshev "
                  "expansions of this equation's own phase equilibrium (I. H. Bell, fastchebpure method), "
                  "source_eos_hash %s" % (src_file, COOLPROP_COMMIT, sa.get("source_eos_hash", "?")),
        "T_crit": num(meta["Tcrittrue / K"]),
        "rhomolar_crit": num(meta["rhocrittrue / mol/m^3"]),
        "T_triple": num(meta["Ttriple / K"]),
        "p": convert_expansions(sa["jexpansions_p"], src_file + " p"),
        "rho_liquid": convert_expansions(sa["jexpansions_rhoL"], src_file + " rhoL"),
        "rho_vapor": convert_expansions(sa["jexpansions_rhoV"], src_file + " rhoV"),
        "crit_anc": {
            "T_c": num(ca["Tc / K"]),
            "rhomolar_crit": num(ca["rhoc / mol/m^3"]),
            "Theta_min": num(ca["Theta_min"]),
            "c_liquid": nums(ca["cL"]),
            "c_vapor": nums(ca["cV"]),
        },
    }
    for key in ("p", "rho_liquid", "rho_vapor"):
        ex = out[key]
        if ex[0]["xmin"] != out["T_triple"] or ex[-1]["xmax"] != out["T_crit"]:
            fail("%s: superancillary %s does not span [T_triple, T_crit]" % (src_file, key))
    return out


# ---------------------------------------------------------------------------
# GWP table (facts sheet section 9.1)
# ---------------------------------------------------------------------------

def read_gwp_table(facts_path):
    """Return rows (designation, composition, {AR4,AR5,AR6: value|None}, status) of table 9.1."""
    with open(facts_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    try:
        start = lines.index("### 9.1 GWP100")
    except ValueError:
        fail("section '### 9.1 GWP100' not found in %s" % facts_path)
    rows = []
    in_table = False
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("| Refrigerant"):
            in_table = True
            continue
        if not in_table:
            continue
        if not line.startswith("|"):
            if rows:
                break
            continue
        if line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6:
            fail("GWP table row with %d cells: %r" % (len(cells), line))
        name, comp, ar4, ar5, ar6, status = cells
        designation = name.split(" (")[0].strip()
        values, notes = {}, []
        for col, cell in (("AR4", ar4), ("AR5", ar5), ("AR6", ar6)):
            v, note = parse_gwp_cell(col, cell)
            values[col] = v
            if note:
                notes.append(note)
        full_status = "; ".join([status] + notes)
        rows.append((designation, comp, values, full_status))
    if not rows:
        fail("GWP table not found")
    return rows


def parse_gwp_cell(col, cell):
    """Numeric value (or None) and a status note for one GWP cell of table 9.1."""
    cell = cell.replace("`", "")
    if cell in ("\u2013", "-", ""):
        return None, ""
    m = re.fullmatch(r"(<\s*)?(\d+(?:\.\d+)?)(?:\s*\((.*)\))?", cell)
    if m:
        value = float(m.group(2))
        if m.group(1):
            return value, "%s reported as <%s" % (col, m.group(2))
        if m.group(3):
            paren = m.group(3).replace("\u2014", "-")
            if re.fullmatch(r"\d+(?:\.\d+)?", paren):
                return value, "%s unrounded %s" % (col, paren)
            if paren == "UNCONFIRMED":
                return value, "%s value UNCONFIRMED" % col
            return value, "%s: %s" % (col, paren)
        return value, ""
    m = re.fullmatch(r"not in IPCC tables; commonly ~(\d+(?:\.\d+)?)", cell)
    if m:
        return float(m.group(1)), "%s: %s" % (col, cell)
    m = re.fullmatch(r"(?:not in IPCC tables; )?(\d+(?:\.\d+)?) by convention", cell)
    if m:
        return float(m.group(1)), "%s: %s" % (col, cell)
    m = re.fullmatch(r"not assessed(?: in AR\d)?(?:\s*\((.*)\))?", cell)
    if m:
        if m.group(1):
            return None, "%s not assessed (%s)" % (col, m.group(1).replace("\u2014", "-"))
        return None, "%s not assessed" % col
    fail("cannot read GWP cell %r (%s)" % (cell, col))


def gwp_number_text(v):
    if v is None:
        return ""
    return str(int(v)) if v == int(v) else repr(v)


def write_gwp_csv(rows, path):
    buf = io.StringIO()
    buf.write("# source: IPCC AR4/AR5/AR6 GWP100 via openclimatedata/globalwarmingpotentials (AR4/AR5 from the GHG "
              "Protocol table, AR6 from IPCC AR6 WG1 Table 7.SM.7), chrisroadmap/ar6 (AR6 HFO/HCFO rows and the "
              "hydrocarbons propane 0.02 and n-butane 0.006 of Table 7.SM.7) and coolingpost.com (AR5 HFO <1); "
              "blend values computed as mass-weighted sums of the components\n")
    buf.write("# note: natural refrigerants IPCC does not assess in a report are filled so that a charge always "
              "has a CO2e: a gas missing from the chosen report takes the more recent report's value (the rule of "
              "The Climate Registry's GWP appendix); isobutane takes its isomer n-butane's AR6 value; ammonia and "
              "water, with atmospheric lifetimes of days and no IPCC entry, are 0; the status column says which "
              "cells are filled this way\n")
    buf.write("# units: kgCO2e/kg\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["refrigerant", "composition", "gwp_ar4", "gwp_ar5", "gwp_ar6", "status"])
    for designation, comp, values, status in rows:
        w.writerow([designation, comp, gwp_number_text(values["AR4"]), gwp_number_text(values["AR5"]),
                    gwp_number_text(values["AR6"]), status])
    write_text(path, buf.getvalue())


# ---------------------------------------------------------------------------
# One fluid
# ---------------------------------------------------------------------------

def dedupe(names):
    seen, out = set(), []
    for nm in names:
        key = nm.strip().lower()
        if nm and key not in seen:
            seen.add(key)
            out.append(nm.strip())
    return out


def plain_formula(f):
    """'C_{1}F_{2}H_{2}' -> 'CF2H2'; other notations are kept as CoolProp has them."""
    if f is None:
        return None
    return re.sub(r"_\{(\d+)\}", lambda m: "" if m.group(1) == "1" else m.group(1), f)


def env_value(env, key):
    """CoolProp uses -1 for 'unknown' and huge sentinels (99999999) for 'not filled in'."""
    v = env.get(key)
    if v is None or isinstance(v, bool):
        return None
    v = float(v)
    if v < 0 or v >= 1e6:
        return None
    return v


def convert_fluid(spec, fluids_dir, gwp_rows):
    src_file = spec["file"]
    with open(os.path.join(fluids_dir, src_file), encoding="utf-8") as f:
        d = json.load(f)
    info, eos = d["INFO"], d["EOS"][0]
    if eos.get("BibTeX_EOS") != spec["bibtex"]:
        fail("%s: EOS[0].BibTeX_EOS is %r, expected %r" % (src_file, eos.get("BibTeX_EOS"), spec["bibtex"]))
    R = num(eos["gas_constant"])
    st = eos["STATES"]
    env = info.get("ENVIRONMENTAL", {})
    pseudo = eos["pseudo_pure"]
    if not isinstance(pseudo, bool):
        fail("%s: pseudo_pure is not a boolean" % src_file)

    cas = info.get("CAS")
    if cas is not None and not re.fullmatch(r"\d+-\d\d-\d", cas):
        cas = None  # pseudo-pure files hold REFPROP file names such as 'R410A.PPF'
    # ASHRAE 34 classes as the current standard lists them; CoolProp's metadata predates
    # the 2L subclass (R32 "A2", R717 "B2") and lacks some fluids.
    safety = SAFETY_CLASS.get(spec["id"], env.get("ASHRAE34"))
    if safety in (None, "", "?", "UNKNOWN"):
        safety = None

    gwp = None
    for designation, _comp, values, status in gwp_rows:
        if designation == spec["id"]:
            gwp = {"AR4": values["AR4"], "AR5": values["AR5"], "AR6": values["AR6"], "status": status,
                   "source": GWP_SOURCE.get(spec["id"], GWP_SOURCE_DEFAULT)}
    if gwp is None:
        fail("no GWP row for %s in section 9.1" % spec["id"])

    anc = d["ANCILLARIES"]
    if pseudo:
        if "pS" in anc:
            fail("%s: pseudo-pure file with a pS ancillary" % src_file)
        p_sat, p_bub, p_dew = None, anc.get("pL"), anc.get("pV")
        if p_bub is None or p_dew is None:
            fail("%s: pseudo-pure file without pL/pV ancillaries" % src_file)
    else:
        if "pL" in anc or "pV" in anc:
            fail("%s: pure fluid with pL/pV ancillaries" % src_file)
        p_sat, p_bub, p_dew = anc.get("pS"), None, None
        if p_sat is None:
            fail("%s: no pS ancillary" % src_file)

    crit = d["STATES"]["critical"]
    tl, tv = st["sat_min_liquid"], st["sat_min_vapor"]
    if tl["T"] != tv["T"]:
        fail("%s: sat_min_liquid and sat_min_vapor temperatures differ" % src_file)

    out = {
        "source": "%s; coefficients as transcribed in CoolProp dev/fluids/%s (MIT licence), commit %s"
                  % (spec["cite"], src_file, COOLPROP_COMMIT),
        "units": UNITS,
        "id": spec["id"],
        "name": info["NAME"],
        "aliases": dedupe([spec["id"], info["NAME"]] + spec["aliases"] + list(info.get("ALIASES", []))),
        "cas": cas,
        "formula": plain_formula(info.get("FORMULA")),
        "safety_class": safety,
        "gwp100": gwp,
        "odp": env_value(env, "ODP"),
        "molar_mass": num(eos["molar_mass"]),
        "gas_constant": R,
        "reducing": {"T": num(st["reducing"]["T"]), "rhomolar": num(st["reducing"]["rhomolar"])},
        "critical": {"T": num(crit["T"]), "p": num(crit["p"]), "rhomolar": num(crit["rhomolar"])},
        "triple": {"T": num(tl["T"]), "p": num(tl["p"]), "rhomolar_liquid": num(tl["rhomolar"]),
                   "rhomolar_vapor": num(tv["rhomolar"])},
        "T_max": num(eos["T_max"]),
        "p_max": num(eos["p_max"]),
        "pseudo_pure": pseudo,
        "alphar": [convert_residual(b, "%s alphar[%d]" % (src_file, i)) for i, b in enumerate(eos["alphar"])],
        "alpha0": [convert_ideal(b, "%s alpha0[%d]" % (src_file, i), R) for i, b in enumerate(eos["alpha0"])],
        "ancillaries": {
            "p_sat": convert_ancillary(p_sat, src_file + " pS"),
            "p_bubble": convert_ancillary(p_bub, src_file + " pL"),
            "p_dew": convert_ancillary(p_dew, src_file + " pV"),
            "rho_liquid": convert_ancillary(anc.get("rhoL"), src_file + " rhoL"),
            "rho_vapor": convert_ancillary(anc.get("rhoV"), src_file + " rhoV"),
        },
        "superancillary": convert_superancillary(eos.get("SUPERANCILLARY"), src_file),
    }
    if out["ancillaries"]["rho_liquid"] is None or out["ancillaries"]["rho_vapor"] is None:
        fail("%s: density ancillaries missing" % src_file)
    return out


# ---------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------

def _is_flat(v):
    """Scalars, arrays of scalars, and objects whose values are such."""
    scalar = (str, int, float, bool, type(None))
    if isinstance(v, scalar):
        return True
    if isinstance(v, list):
        return all(isinstance(x, scalar) for x in v)
    if isinstance(v, dict):
        return all(isinstance(x, scalar) or (isinstance(x, list) and all(isinstance(y, scalar) for y in x))
                   for x in v.values())
    return False


def _compact(v):
    return json.dumps(v, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def to_json(v, indent=0):
    """Readable, deterministic JSON: short flat values inline, long objects one key per line."""
    pad = " " * indent
    text = _compact(v)
    if not isinstance(v, (dict, list)) or (_is_flat(v) and (len(text) <= 400 or isinstance(v, list))):
        return text
    inner = " " * (indent + 1)
    if isinstance(v, dict):
        items = ["%s%s: %s" % (inner, _compact(k), to_json(x, indent + 1)) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = ["%s%s" % (inner, to_json(x, indent + 1)) for x in v]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def convert_sat_check(check_path, out_path, fluid_id, stem):
    with open(check_path, encoding="utf-8") as f:
        d = json.load(f)
    rows = d["data"]
    buf = io.StringIO()
    buf.write("# source: CoolProp/fastchebpure commit %s outputcheck/%s_check.json, columns p(mp), rho'(mp), "
              "rho''(mp): multiprecision VLE solutions of the REFPROP 10 equation of state for %s\n"
              % (FASTCHEBPURE_COMMIT, stem, fluid_id))
    buf.write("T_K,p_Pa,rho_liquid_mol_per_m3,rho_vapor_mol_per_m3\n")
    # The check files list each Chebyshev interval's end points, so a boundary temperature
    # appears twice (with identical mp values); such exact repeats are written once.
    prev = None
    written = 0
    for r in rows:
        vals = [num(r["T / K"]), num(r["p(mp) / Pa"]), num(r["rho'(mp) / mol/m^3"]), num(r["rho''(mp) / mol/m^3"])]
        if prev is not None:
            if vals == prev:
                continue
            if not vals[0] > prev[0]:
                fail("%s: temperatures not increasing at T = %r" % (check_path, vals[0]))
        prev = vals
        buf.write(",".join(repr(x) for x in vals) + "\n")
        written += 1
    write_text(out_path, buf.getvalue())
    return written


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    shared = argv[1]
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    fluids_dir = os.path.join(shared, "fluids")
    facts = os.path.join(shared, "facts", "standards-and-factors.md")

    gwp_rows = fill_gwp(read_gwp_table(facts))
    write_gwp_csv(gwp_rows, os.path.join(root, "data", "refrigerants", "gwp.csv"))
    print("wrote data/refrigerants/gwp.csv (%d rows)" % len(gwp_rows))

    for spec in FLUIDS:
        out = convert_fluid(spec, fluids_dir, gwp_rows)
        rel = os.path.join("data", "fluids", file_id(spec["id"]) + ".json")
        write_text(os.path.join(root, rel), to_json(out) + "\n")
        print("wrote %s (%s: %s; alpha0: %s; superancillary: %s)" % (
            rel, spec["id"], ", ".join("%s(%d)" % (b["type"], len(b["n"])) for b in out["alphar"]),
            ", ".join(b["type"] for b in out["alpha0"]), "yes" if out["superancillary"] else "no"))

    ref_src = os.path.join(fluids_dir, "reference")
    ref_dst = os.path.join(root, "tests", "fluids", "data", "reference")
    os.makedirs(ref_dst, exist_ok=True)
    for name in sorted(os.listdir(ref_src)):
        if name.endswith(".csv") or name == "README.md":
            shutil.copyfile(os.path.join(ref_src, name), os.path.join(ref_dst, name))
            print("copied tests/fluids/data/reference/%s" % name)

    for fluid_id, stem in SAT_CHECK:
        src = os.path.join(fluids_dir, "superancillaries", "check", stem + "_check.json")
        rel = os.path.join("tests", "fluids", "data", "sat_check_%s.csv" % file_id(fluid_id))
        n = convert_sat_check(src, os.path.join(root, rel), fluid_id, stem)
        print("wrote %s (%d rows)" % (rel, n))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except ConversionError as e:
        sys.stderr.write("convert_fluids: error: %s\n" % e)
        sys.exit(1)
