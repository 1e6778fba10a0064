// Cycle explorer: a single-stage cycle solved by POST /api/cycle and drawn on the fluid's
// p–h diagram (saturation lines from GET /api/fluid/{fluid}/state), and the same duty with
// other refrigerants (POST /api/cycle/compare).
import {draw} from './charts.js';

const state = {fluid: 'R32', T_evap: 0, T_cond: 45, superheat: 5, subcooling: 3, eta: 0.7};
const compareWith = ['R32', 'R290', 'R410A', 'R134a', 'R1234yf', 'R454B'];
const domes = {};  // fluid -> Promise of [[h_kJ, p_MPa] ...] liquid then vapour

function cycleDoc() {
  return {
    name: `${state.fluid} ${state.T_evap}/${state.T_cond} °C`, topology: 'single_stage', fluid: state.fluid, backend: 'fast',
    T_evap: `${state.T_evap} C`, T_cond: `${state.T_cond} C`, superheat: `${state.superheat} K`,
    subcooling: `${state.subcooling} K`, heating_capacity: '10 kW', charge: '1.6 kg',
    compressor: {type: 'rolling_piston', eta_isentropic: state.eta}
  };
}

// The saturation dome: bubble and dew points from 233 K to just below the critical point.
function dome(ctx, fluid, Tc) {
  if (!domes[fluid]) {
    const temps = [];
    const lo = 233.15, hi = Tc - 0.3;
    for (let i = 0; i <= 14; ++i) temps.push(hi - (hi - lo) * Math.pow(1 - i / 14, 1.6));
    const at = (T, Q) => ctx.api(`fluid/${encodeURIComponent(fluid)}/state?T=${encodeURIComponent(T.toFixed(2) + ' K')}&Q=${Q}`)
      .then((d) => [d.state.h / 1000, d.state.p / 1e6]).catch(() => null);
    domes[fluid] = Promise.all(temps.map((T) => at(T, 0)).concat(temps.slice().reverse().map((T) => at(T, 1))))
      .then((pts) => pts.filter((p) => p));
  }
  return domes[fluid];
}

export function mount(root, ctx) {
  const {t, el} = ctx;
  root.append(el('h1', '', t('cycle.title')));
  const controls = el('div', 'controls');
  const statusEl = el('div', 'status');
  const cards = el('div', 'cards');
  cards.id = 'cycle-cards';
  const grid = el('div', 'grid two');
  const phEl = el('div', 'chart tall');
  phEl.id = 'cycle-ph';
  const cmpEl = el('div', 'chart tall');
  cmpEl.id = 'cycle-compare';
  grid.append(phEl, cmpEl);
  root.append(controls, statusEl, cards, grid);
  const status = ctx.statusLine(statusEl);

  status.run(ctx.api('fluid')).then(({fluids}) => {
    const usable = fluids.filter((f) => f.T_crit_K > 330 && f.id !== 'R718');
    const crit = Object.fromEntries(usable.map((f) => [f.id, f.T_crit_K]));
    const fluid = ctx.select('cycle-fluid', usable.map((f) => [f.id, `${f.id} · ${f.safety_class || ''}`]), state.fluid);
    const te = ctx.range('cycle-tevap', -30, 20, 1, state.T_evap);
    const tc = ctx.range('cycle-tcond', 25, 75, 1, state.T_cond);
    const sh = ctx.range('cycle-superheat', 0, 15, 1, state.superheat);
    const sc = ctx.range('cycle-subcooling', 0, 15, 1, state.subcooling);
    const eta = ctx.range('cycle-eta', 0.5, 0.85, 0.01, state.eta);
    controls.append(ctx.field(t('cycle.fluid'), fluid), ctx.field(t('cycle.t_evap'), te), ctx.field(t('cycle.t_cond'), tc),
                    ctx.field(t('cycle.superheat'), sh), ctx.field(t('cycle.subcooling'), sc), ctx.field(t('cycle.eta'), eta));
    const others = compareWith.filter((f) => crit[f]);
    const run = ctx.debounce(() => {
      Object.assign(state, {fluid: fluid.value, T_evap: Number(te.input.value), T_cond: Number(tc.input.value),
                            superheat: Number(sh.input.value), subcooling: Number(sc.input.value), eta: Number(eta.input.value)});
      const doc = cycleDoc();
      const fluids = [state.fluid].concat(others.filter((f) => f !== state.fluid)).join(',');
      status.run(Promise.all([ctx.postJson('cycle', doc), dome(ctx, state.fluid, crit[state.fluid]),
                              ctx.postJson('cycle/compare?fluids=' + encodeURIComponent(fluids), doc).catch((e) => ({error: e}))]))
        .then(([c, d, cmp]) => {
          showCycle(c, d);
          showCompare(cmp);
        }).catch(() => {});
    }, 250);
    fluid.addEventListener('change', run);
    for (const r of [te, tc, sh, sc, eta]) r.input.addEventListener('input', run);
    run();
  }).catch(() => {});

  function card(id, label, value) {
    const c = el('div', 'card kpi');
    c.id = id;
    c.append(el('div', 'kpi-label', label), el('div', 'kpi-value', value));
    return c;
  }

  function showCycle(c, domePts) {
    const nodes = c.nodes.map((n) => [n.h_J_per_kg / 1000, n.p_Pa / 1e6]);
    cards.textContent = '';
    cards.append(card('cycle-cop', t('cycle.cop'), ctx.fmt(c.cop, 2)), card('cycle-carnot', t('cycle.cop_carnot'), ctx.fmt(c.cop_carnot, 2)),
                 card('cycle-phigh', t('cycle.p_high'), ctx.fmt(c.p_high_Pa / 1e6, 2) + ' MPa'),
                 card('cycle-tdis', t('cycle.t_discharge'), ctx.fmt(c.T_discharge_K - 273.15, 1) + ' °C'));
    draw(phEl, {
      title: {text: t('cycle.ph', {fluid: state.fluid}), left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'item', formatter: (p) => `${p.seriesName}<br>h ${ctx.fmt(p.value[0], 1)} kJ/kg, p ${ctx.fmt(p.value[1], 3)} MPa`},
      legend: {bottom: 0},
      grid: {left: 60, right: 20, top: 52, bottom: 56},
      xAxis: {type: 'value', name: t('cycle.h'), nameLocation: 'middle', nameGap: 26, scale: true},
      yAxis: {type: 'log', name: t('cycle.p'), logBase: 10},
      series: [
        {type: 'line', name: t('cycle.dome'), data: domePts, showSymbol: false, lineStyle: {color: '#566573', width: 1.5}, itemStyle: {color: '#566573'}},
        {type: 'line', name: t('cycle.cycle'), data: nodes.concat([nodes[0]]), symbolSize: 7, lineStyle: {color: '#c0392b', width: 2.5},
         itemStyle: {color: '#c0392b'}, label: {show: true, formatter: (p) => (p.dataIndex < nodes.length ? String(p.dataIndex + 1) : ''), position: 'top'}}
      ]
    });
  }

  function showCompare(cmp) {
    if (cmp.error) {
      draw(cmpEl, {title: {text: t('cycle.compare'), subtext: cmp.error.message, left: 'center', textStyle: {fontSize: 14}}});
      return;
    }
    const rows = cmp.compare;
    draw(cmpEl, {
      title: {text: t('cycle.compare'), left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis'}, legend: {bottom: 0},
      grid: {left: 48, right: 56, top: 60, bottom: 56},
      xAxis: {type: 'category', data: rows.map((r) => `${r.fluid}`), axisLabel: {interval: 0}},
      yAxis: [{type: 'value', name: t('cycle.compare_cop'), min: 0}, {type: 'value', name: t('cycle.compare_gwp'), min: 0}],
      series: [
        {type: 'bar', name: t('cycle.compare_cop'), data: rows.map((r) => r.cop), itemStyle: {color: '#1f618d'},
         label: {show: true, position: 'top', formatter: (p) => ctx.fmt(p.value, 2)}},
        {type: 'line', name: t('cycle.compare_gwp'), yAxisIndex: 1, data: rows.map((r) => (typeof r.charge_tCO2e === 'number' ? r.charge_tCO2e : '-')),
         itemStyle: {color: '#a04000'}}
      ]
    });
  }
  return null;
}
