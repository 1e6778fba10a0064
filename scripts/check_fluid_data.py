#!/usr/bin/python3
"""Independent pure-Python check of heatlift's fluid data files.

Usage (from the repository root):

    /usr/bin/python3 scripts/check_fluid_data.py

Reads every ``data/fluids/*.json`` (written by ``scripts/convert_fluids.py``) and
evaluates the reduced Helmholtz energy exactly as ``data/fluids/README.md``
specifies.  First derivatives are taken by complex step (f'(x) = Im f(x + ih) / h),
so they carry no truncation or cancellation error.  It checks:

1. alpha0, alphar and their first derivatives, p, h and s against the CoolProp
   values in ``tests/fluids/data/reference/helmholtz_Trho.csv`` (R32, R744, R290, Water);
2. p(T_c, rho_c) of every fluid against the stored critical pressure;
3. the embedded superancillary (Chebyshev) of each fluid against its own EOS
   (equal pressure and Gibbs energy of the coexisting phases), against the
   multiprecision saturation states in ``tests/fluids/data/sat_check_*.csv``, and
   the simple ancillaries against the superancillary;
4. the stored triple-point states against the EOS.

Standard library only.  Exit status 1 if a hard tolerance is violated.
"""

import cmath
import csv
import glob
import json
import math
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
EPS = sys.float_info.epsilon
H = 1e-100  # complex step

LABEL_TO_ID = {"R32": "R32", "R744": "R744", "R290": "R290", "Water": "R718"}
SAT_CHECK = ["R32", "R744", "R290", "R718", "R134a"]


# ---------------------------------------------------------------------------
# Helmholtz energy (tau, delta may be complex for the complex step)
# ---------------------------------------------------------------------------

def alphar(fl, tau, delta):
    tau, delta = complex(tau), complex(delta)
    total = 0j
    ltau, ldelta = cmath.log(tau), cmath.log(delta)
    for b in fl["alphar"]:
        typ = b["type"]
        if typ == "power":
            for n, d, t, l in zip(b["n"], b["d"], b["t"], b["l"]):
                u = -delta ** int(l) if l > 0 else 0
                total += n * cmath.exp(t * ltau + d * ldelta + u)
        elif typ == "gaussian":
            for n, d, t, eta, eps, beta, gam in zip(b["n"], b["d"], b["t"], b["eta"], b["epsilon"],
                                                    b["beta"], b["gamma"]):
                total += n * cmath.exp(t * ltau + d * ldelta - eta * (delta - eps) ** 2 - beta * (tau - gam) ** 2)
        elif typ == "nonanalytic":
            tt, dd = tau, delta
            # as CoolProp: step off the singular lines tau = 1 and delta = 1
            if abs(tt.real - 1) < 10 * EPS:
                tt = complex(1 + 10 * EPS, tt.imag)
            if abs(dd.real - 1) < 10 * EPS:
                dd = complex(1 + 10 * EPS, dd.imag)
            s = (dd - 1) if dd.real > 1 else (1 - dd)  # analytic continuation of sqrt((delta-1)^2)
            for n, a, bb, beta, A, B, C, D in zip(b["n"], b["a"], b["b"], b["beta"], b["A"], b["B"], b["C"], b["D"]):
                theta = (1 - tt) + A * s ** (1 / beta)
                Delta = theta ** 2 + B * s ** (2 * a)
                psi = cmath.exp(-C * (dd - 1) ** 2 - D * (tt - 1) ** 2)
                total += n * Delta ** bb * dd * psi
        elif typ == "gao_b":
            for n, t, d, eta, beta, gam, eps, bb in zip(b["n"], b["t"], b["d"], b["eta"], b["beta"], b["gamma"],
                                                        b["epsilon"], b["b"]):
                ftau = tau ** t * cmath.exp(1 / (bb + beta * (tau - gam) ** 2))
                fdelta = delta ** d * cmath.exp(eta * (delta - eps) ** 2)
                total += n * ftau * fdelta
        else:
            raise ValueError("unknown residual type " + typ)
    return total


def alpha0(fl, tau, delta):
    tau, delta = complex(tau), complex(delta)
    total = 0j
    for b in fl["alpha0"]:
        typ = b["type"]
        if typ == "lead":
            total += cmath.log(delta) + b["a1"] + b["a2"] * tau
        elif typ == "log_tau":
            total += b["a"] * cmath.log(tau)
        elif typ == "power":
            for n, t in zip(b["n"], b["t"]):
                total += n * tau ** t
        elif typ == "planck_einstein":
            for n, t in zip(b["n"], b["t"]):
                total += n * cmath.log(1 - cmath.exp(-t * tau))
        elif typ == "planck_einstein_T":
            for n, v in zip(b["n"], b["v"]):
                total += n * cmath.log(1 - cmath.exp(-v * tau / b["T_crit"]))
        elif typ == "cp0_poly_T":
            Tc, T0 = b["T_c"], b["T_0"]
            tau0 = Tc / T0
            for c, t in zip(b["c"], b["t"]):
                if abs(t) < 10 * EPS:
                    total += c - c * tau / tau0 + c * cmath.log(tau / tau0)
                elif abs(t + 1) < 10 * EPS:
                    total += c * tau / Tc * cmath.log(tau0 / tau) + c / Tc * (tau - tau0)
                else:
                    total += (-c * Tc ** t * tau ** (-t) / (t * (t + 1)) - c * T0 ** (t + 1) * tau / (Tc * (t + 1))
                              + c * T0 ** t / t)
        elif typ == "cp0_constant":
            c, tau0 = b["c"], b["T_c"] / b["T_0"]
            total += c - c * tau / tau0 + c * cmath.log(tau / tau0)
        elif typ == "enthalpy_entropy_offset":
            total += b["a1"] + b["a2"] * tau
        else:
            raise ValueError("unknown ideal-gas type " + typ)
    return total


def d_ddelta(f, fl, tau, delta):
    return f(fl, tau, complex(delta, H * delta)).imag / (H * delta)


def d_dtau(f, fl, tau, delta):
    return f(fl, complex(tau, H * tau), delta).imag / (H * tau)


def state(fl, T, rho):
    """Reduced variables and p (Pa), g/RT for the given T (K) and rho (mol/m3)."""
    tau = fl["reducing"]["T"] / T
    delta = rho / fl["reducing"]["rhomolar"]
    ar_d = d_ddelta(alphar, fl, tau, delta)
    Z = 1 + delta * ar_d
    return tau, delta, rho * fl["gas_constant"] * T * Z


def pressure(fl, T, rho):
    return state(fl, T, rho)[2]


def gibbs_RT(fl, T, rho):
    tau, delta, p = state(fl, T, rho)
    return (alpha0(fl, tau, delta) + alphar(fl, tau, delta)).real + p / (rho * fl["gas_constant"] * T)


# ---------------------------------------------------------------------------
# Superancillary and ancillaries
# ---------------------------------------------------------------------------

def cheb(expansions, T):
    lo, hi = 0, len(expansions) - 1
    tmin, tmax = expansions[0]["xmin"], expansions[-1]["xmax"]
    if not tmin * (1 - 1e-14) <= T <= tmax * (1 + 1e-14):  # tolerate round-off at the ends
        raise ValueError("T = %r outside the superancillary range" % T)
    while lo < hi:  # bisection on interval index
        mid = (lo + hi) // 2
        if T > expansions[mid]["xmax"]:
            lo = mid + 1
        else:
            hi = mid
    iv = expansions[lo]
    x = (2 * T - (iv["xmax"] + iv["xmin"])) / (iv["xmax"] - iv["xmin"])
    b1 = b2 = 0.0
    c = iv["coef"]
    for k in range(len(c) - 1, 0, -1):  # Clenshaw
        b1, b2 = c[k] + 2 * x * b1 - b2, b1
    return c[0] + x * b1 - b2


def ancillary(a, T):
    theta = 1 - T / a["T_r"]
    s = sum(n * theta ** t for n, t in zip(a["n"], a["t"]))
    if a["type"].endswith("noexp"):
        return a["reducing_value"] * (1 + s)
    f = a["T_r"] / T if a["using_tau_r"] else 1.0
    return a["reducing_value"] * math.exp(f * s)


# ---------------------------------------------------------------------------

def rel(a, b):
    return abs(a - b) / abs(b) if b != 0 else abs(a - b)


def load_fluids():
    fluids = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "data", "fluids", "*.json"))):
        with open(path, encoding="utf-8") as f:
            fl = json.load(f)
        fluids[fl["id"]] = fl
    return fluids


def check_helmholtz(fluids, ok):
    path = os.path.join(ROOT, "tests", "fluids", "data", "reference", "helmholtz_Trho.csv")
    cols = ["tau", "delta", "alpha0", "dalpha0_dtau", "alphar", "dalphar_ddelta", "dalphar_dtau",
            "p_Pa", "hmolar", "smolar"]
    worst, worst_all = {}, {}
    n_wild = 0
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        fl = fluids[LABEL_TO_ID[r["label"]]]
        T, rho = float(r["T_K"]), float(r["rhomolar_mol_per_m3"])
        tau, delta = fl["reducing"]["T"] / T, rho / fl["reducing"]["rhomolar"]
        a0, ar = alpha0(fl, tau, delta).real, alphar(fl, tau, delta).real
        a0_t, ar_t = d_dtau(alpha0, fl, tau, delta), d_dtau(alphar, fl, tau, delta)
        ar_d = d_ddelta(alphar, fl, tau, delta)
        R = fl["gas_constant"]
        # Deep inside the two-phase region alphar of water reaches 1e16 (metastable states
        # nobody uses); the sums then cancel and only ~1e-16 * |largest term| is meaningful.
        wild = abs(float(r["alphar"])) > 1e3
        n_wild += wild
        calc = {
            "tau": tau, "delta": delta, "alpha0": a0, "dalpha0_dtau": a0_t, "alphar": ar,
            "dalphar_ddelta": ar_d, "dalphar_dtau": ar_t,
            "p_Pa": rho * R * T * (1 + delta * ar_d),
            "hmolar": R * T * (1 + tau * (a0_t + ar_t) + delta * ar_d),
            "smolar": R * (tau * (a0_t + ar_t) - a0 - ar),
        }
        for c in cols:
            ref = float(r[c])
            if math.isnan(ref):
                continue
            # p, h and s pass through zero: scale by the ideal-gas size of the quantity
            scale = {"p_Pa": max(abs(ref), rho * R * T), "hmolar": max(abs(ref), R * T),
                     "smolar": max(abs(ref), R)}.get(c, abs(ref))
            d = abs(calc[c] - ref) / scale if scale else abs(calc[c] - ref)
            key = (r["label"], c)
            if key not in worst_all or d > worst_all[key][0]:
                worst_all[key] = (d, T, rho)
            if not wild and (key not in worst or d > worst[key][0]):
                worst[key] = (d, T, rho)
    print("1. helmholtz_Trho.csv: max relative deviation (p, h, s scaled by max(|ref|, rho R T / R T / R));")
    print("   %d points; in [ ] including the %d points with |alphar| > 1e3 (metastable, heavy cancellation)"
          % (len(rows), n_wild))
    labels = sorted({k[0] for k in worst})
    print("   %-14s" % "quantity" + "".join("%20s" % lb for lb in labels))
    for c in cols:
        print("   %-14s" % c + "".join("%11.1e [%6.1e]" % (worst[(lb, c)][0], worst_all[(lb, c)][0])
                                       for lb in labels))
    for lb in labels:
        for c in cols:
            tol = 1e-11 if c in ("tau", "delta", "alpha0", "alphar") else 1e-9
            for table, t in ((worst, tol), (worst_all, 1e-6)):
                if table[(lb, c)][0] > t:
                    ok[0] = False
                    print("   FAIL %s %s %.3e at T=%r rho=%r" % ((lb, c) + table[(lb, c)]))


def check_critical(fluids):
    print("2. p(T_c, rho_c) from the EOS vs stored critical p   [same at the superancillary's true critical point]")
    for fid, fl in fluids.items():
        c = fl["critical"]
        p = pressure(fl, c["T"], c["rhomolar"])
        line = "   %-12s T_c=%-9r rho_c=%-18r p_EOS=%-14.10g stored=%-10.8g rel.dev=%+.2e" % (
            fid, c["T"], c["rhomolar"], p, c["p"], (p - c["p"]) / c["p"])
        sa = fl["superancillary"]
        if sa:
            pt = pressure(fl, sa["T_crit"], sa["rhomolar_crit"])
            psa = cheb(sa["p"], sa["T_crit"])
            line += "  [%+.0e]" % ((pt - psa) / psa)
        print(line)


P_SMALL = 1000.0  # Pa; below this, pressures are compared in absolute terms


def p_dev(calc, ref, acc):
    """acc = [max relative deviation for p >= P_SMALL, max absolute deviation (Pa) below]."""
    if ref >= P_SMALL:
        acc[0] = max(acc[0], abs(calc - ref) / ref)
    else:
        acc[1] = max(acc[1], abs(calc - ref))


def check_superancillaries(fluids, ok):
    print("3a. superancillary vs its own EOS at every interval mid-point with T <= 0.995 T_c: p_EOS(T, rho''_SA) vs p_SA")
    print("    (rel. above %g Pa, abs. in Pa below), liquid density error implied by p_EOS(T, rho'_SA) - p_SA, |g'-g''|/RT;"
          % P_SMALL)
    print("    last columns: simple ancillaries vs superancillary, max rel. dev. of p_sat, rho', rho'' (stated max %)")
    for fid, fl in fluids.items():
        sa = fl["superancillary"]
        if not sa:
            print("    %-12s no superancillary (pseudo_pure=%s)" % (fid, fl["pseudo_pure"]))
            continue
        Ts = [0.5 * (iv["xmin"] + iv["xmax"]) for iv in sa["p"]]
        Ts = [T for T in Ts if T <= 0.995 * sa["T_crit"]]
        wp = [0.0, 0.0]
        wl = wg = 0.0
        wa = [0.0, 0.0, 0.0]
        anc = fl["ancillaries"]
        for T in Ts:
            p, rl, rv = cheb(sa["p"], T), cheb(sa["rho_liquid"], T), cheb(sa["rho_vapor"], T)
            p_dev(pressure(fl, T, rv), p, wp)
            pl = pressure(fl, T, rl)
            dpdrho = (pressure(fl, T, rl * (1 + 1e-7)) - pressure(fl, T, rl * (1 - 1e-7))) / (2e-7 * rl)
            wl = max(wl, abs((pl - p) / (dpdrho * rl)))
            wg = max(wg, abs(gibbs_RT(fl, T, rl) - gibbs_RT(fl, T, rv)))
            for i, (a, ref) in enumerate(((anc["p_sat"], p), (anc["rho_liquid"], rl), (anc["rho_vapor"], rv))):
                wa[i] = max(wa[i], rel(ancillary(a, T), ref))
        stated = [anc[k]["max_abs_error_percent"] for k in ("p_sat", "rho_liquid", "rho_vapor")]
        print("    %-12s %3d T: p %.1e / %.1e Pa, rho' %.1e, dg %.1e | anc. %.1e %.1e %.1e (%s)" % (
            fid, len(Ts), wp[0], wp[1], wl, wg, wa[0], wa[1], wa[2],
            ", ".join("-" if x is None else "%.2g" % x for x in stated)))
        if wp[0] > 1e-9 or wp[1] > 1e-6 or wl > 1e-11 or wg > 1e-10:
            ok[0] = False
            print("    FAIL: superancillary of %s does not match its EOS" % fid)

    print("3b. tests/fluids/data/sat_check_*.csv (multiprecision) vs superancillary (all points up to T_c - 0.01 K)")
    print("    and vs EOS (every 5th point): p rel. above %g Pa / abs. below, rho', rho'' rel., |g'-g''|/RT" % P_SMALL)
    for fid in SAT_CHECK:
        fl = fluids[fid]
        sa = fl["superancillary"]
        path = os.path.join(ROOT, "tests", "fluids", "data", "sat_check_%s.csv" % fid.replace("(", "_").replace(")", ""))
        with open(path, newline="") as f:
            lines = [ln for ln in f if not ln.startswith("#")]
        rows = list(csv.DictReader(lines))
        wsp, wep = [0.0, 0.0], [0.0, 0.0]
        wl = wv = wg = 0.0
        n = 0
        for r in rows:
            T = float(r["T_K"])
            if T > sa["T_crit"] - 0.01:
                continue
            n += 1
            p, rl, rv = float(r["p_Pa"]), float(r["rho_liquid_mol_per_m3"]), float(r["rho_vapor_mol_per_m3"])
            p_dev(cheb(sa["p"], T), p, wsp)
            wl = max(wl, rel(cheb(sa["rho_liquid"], T), rl))
            wv = max(wv, rel(cheb(sa["rho_vapor"], T), rv))
            if n % 5 == 0:
                p_dev(pressure(fl, T, rv), p, wep)
                wg = max(wg, abs(gibbs_RT(fl, T, rl) - gibbs_RT(fl, T, rv)))
        print("    %-6s %4d pts: SA p %.1e / %.1e Pa, rho' %.1e, rho'' %.1e | EOS p(rho'') %.1e / %.1e Pa, dg %.1e" % (
            fid, n, wsp[0], wsp[1], wl, wv, wep[0], wep[1], wg))
        if wsp[0] > 1e-8 or wsp[1] > 1e-6 or wl > 1e-10 or wv > 1e-10 or wep[0] > 1e-8 or wep[1] > 1e-6 or wg > 1e-10:
            ok[0] = False
            print("    FAIL: %s" % fid)


def check_triple(fluids):
    print("4. stored triple point: p_EOS(T_t, rho''_t)/p_t - 1 and p_SA(T_t)/p_t - 1; pseudo-pure: bubble/dew p at 273.15 K")
    print("   (for the pseudo-pure blends p_t is the bubble pressure and rho''_t the dew vapour, so the first number is the glide)")
    for fid, fl in fluids.items():
        t = fl["triple"]
        pv = pressure(fl, t["T"], t["rhomolar_vapor"])
        line = "   %-12s T_t=%-8r p_t=%-12.6g %+.1e" % (fid, t["T"], t["p"], pv / t["p"] - 1)
        sa = fl["superancillary"]
        if sa:
            line += "  %+.1e" % (cheb(sa["p"], t["T"]) / t["p"] - 1)
        if fl["pseudo_pure"]:
            a = fl["ancillaries"]
            line += "  p_bubble=%.6g p_dew=%.6g Pa" % (ancillary(a["p_bubble"], 273.15), ancillary(a["p_dew"], 273.15))
        print(line)


def main():
    fluids = load_fluids()
    print("loaded %d fluid files: %s" % (len(fluids), " ".join(fluids)))
    ok = [True]
    check_helmholtz(fluids, ok)
    check_critical(fluids)
    check_superancillaries(fluids, ok)
    check_triple(fluids)
    print("RESULT:", "PASS" if ok[0] else "FAIL")
    return 0 if ok[0] else 1


if __name__ == "__main__":
    sys.exit(main())
