#include "heatlift/cycles/heat_exchanger.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace heatlift::cycles {

double entropic_mean(const Stream& s) {
  if (std::abs(s.T_out - s.T_in) < 1e-9) return s.T_in;
  return (s.T_out - s.T_in) / std::log(s.T_out / s.T_in);
}

double stream_entropy_gain(const Stream& s, double Q) {
  return Q / entropic_mean(s);
}

PinchResult pinch(const HxPath& path, const Stream& stream, int nodes) {
  const WorkingFluid& f = *path.fluid;
  const bool rejects = path.h_in > path.h_out;
  const double h_lo = std::min(path.h_in, path.h_out);
  const double h_hi = std::max(path.h_in, path.h_out);
  const double span = h_hi - h_lo;

  // Phase boundaries inside the path cut it into pieces.
  double cuts[4] = {h_lo, 0.0, 0.0, h_hi};
  int ncut = 1;
  bool two_phase_piece[3] = {false, false, false};
  // On the fast backend one isobar serves the saturated ends and every point's T.
  std::optional<fluids::TabulatedFluid::Isobar> iso;
  if (f.tables()) iso = f.tables()->isobar(path.p);
  if (path.p < f.p_crit()) {
    double hl = 0.0, hv = 0.0;
    if (!iso || !iso->saturated_h(hl, hv)) {
      hl = f.p_Q(path.p, 0.0).h;
      hv = f.p_Q(path.p, 1.0).h;
    }
    if (hl > h_lo && hl < h_hi) cuts[ncut++] = hl;
    if (hv > h_lo && hv < h_hi) cuts[ncut++] = hv;
    cuts[ncut] = h_hi;
    for (int i = 0; i < ncut; ++i) {
      const double mid = 0.5 * (cuts[i] + cuts[i + 1]);
      two_phase_piece[i] = mid > hl && mid < hv;
    }
  } else {
    cuts[1] = h_hi;
  }

  // Secondary temperature at refrigerant enthalpy h (counterflow, linear in duty).
  const auto T_stream = [&](double h) {
    const double from_in = std::abs(h - path.h_in) / span;  // fraction of duty from the inlet
    // rejecting: the stream leaves where the refrigerant enters
    return rejects ? stream.T_out - from_in * (stream.T_out - stream.T_in)
                   : stream.T_in - (1.0 - from_in) * (stream.T_in - stream.T_out);
  };
  PinchResult best{HUGE_VAL, 0.0, 0.0, 0.0};
  const auto visit = [&](double h, double T_r) {
    const double Ts = T_stream(h);
    const double approach = rejects ? T_r - Ts : Ts - T_r;
    if (approach < best.approach) best = {approach, std::abs(h - path.h_in) / span, T_r, Ts};
  };
  for (int i = 0; i < ncut; ++i) {
    const double a = cuts[i];
    const double b = cuts[i + 1];
    if (b <= a) continue;
    const int n = two_phase_piece[i] ? 1 : std::max(2, static_cast<int>(nodes * (b - a) / span));
    for (int k = (i == 0 ? 0 : 1); k <= n; ++k) {
      const double h = a + (b - a) * k / n;
      if (h == path.h_in) {
        visit(h, path.T_in);
      } else if (h == path.h_out) {
        visit(h, path.T_out);
      } else {
        visit(h, iso ? iso->T(h) : f.p_h(path.p, h).T);
      }
    }
  }
  return best;
}

}  // namespace heatlift::cycles
