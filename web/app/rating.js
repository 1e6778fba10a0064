// Rating and label viewer: a GB 19577-2024 low-ambient air-source heat pump written as a
// product file (editable), rated by POST /api/rate: its grade on the standard's thresholds,
// the 2030 target of the action plan and the refrigerant's GWP, drawn as a label.
import {draw} from './charts.js';

const terminals = ['floor', 'fan_coil', 'radiator'];
const refrigerants = ['R290', 'R32', 'R410A', 'R744', 'R134a'];
const state = {terminal: 'floor', capacity: 12, metric: 3.45, COPh: 2.62, COPdh: 2.15, refrigerant: 'R290', charge: 1.2, text: null};
const gradeColors = ['#1e8449', '#7dcea0', '#f4d03f', '#e67e22', '#c0392b'];

function metricName(terminal) {
  return terminal === 'fan_coil' ? 'APF' : 'HSPF';
}

function productToml() {
  return `# GB 19577-2024 表3: low-ambient air-source heat pump
name = "web ${state.refrigerant} ${state.capacity} kW"
refrigerant = "${state.refrigerant}"
charge = "${state.charge} kg"

[gb19577]
category = "low_ambient_ashp"
terminal = "${state.terminal}"
heating_capacity = "${state.capacity} kW"
${metricName(state.terminal)} = ${state.metric}
COPh = ${state.COPh}
COPdh = ${state.COPdh}
`;
}

export function mount(root, ctx) {
  const {t, el} = ctx;
  root.append(el('h1', '', t('rating.title')));
  const controls = el('div', 'controls');
  const terminal = ctx.select('rating-terminal', terminals.map((x) => [x, t('terminal.' + x)]), state.terminal);
  const capacity = ctx.range('rating-capacity', 4, 60, 1, state.capacity);
  const metric = ctx.range('rating-metric', 1.5, 4.5, 0.05, state.metric);
  const metricField = ctx.field(metricName(state.terminal), metric);
  const coph = ctx.range('rating-coph', 1.2, 4, 0.01, state.COPh);
  const copdh = ctx.range('rating-copdh', 1.0, 3.5, 0.01, state.COPdh);
  const refrigerant = ctx.select('rating-refrigerant', refrigerants.map((x) => [x, x]), state.refrigerant);
  const charge = ctx.range('rating-charge', 0.2, 10, 0.1, state.charge);
  controls.append(ctx.field(t('rating.terminal'), terminal), ctx.field(t('rating.capacity'), capacity), metricField,
                  ctx.field('COPh', coph), ctx.field('COPdh', copdh), ctx.field(t('rating.refrigerant'), refrigerant),
                  ctx.field(t('rating.charge'), charge));
  const text = document.createElement('textarea');
  text.id = 'rating-file';
  text.rows = 12;
  text.spellcheck = false;
  text.value = state.text || productToml();
  const rate = el('button', 'primary', t('rating.rate'));
  rate.id = 'rating-rate';
  const editor = el('div', 'card');
  editor.append(ctx.field(t('rating.file'), text), rate);
  const statusEl = el('div', 'status');
  const grid = el('div', 'grid two');
  const label = el('div', 'card label');
  label.id = 'rating-label';
  const chartEl = el('div', 'chart');
  chartEl.id = 'rating-chart';
  grid.append(label, chartEl);
  root.append(controls, statusEl, grid, editor);
  const status = ctx.statusLine(statusEl);

  const post = () => {
    state.text = text.value;
    status.run(ctx.postToml('rate', text.value)).then(show).catch(() => {});
  };
  const fromForm = ctx.debounce(() => {
    Object.assign(state, {terminal: terminal.value, capacity: Number(capacity.input.value), metric: Number(metric.input.value),
                          COPh: Number(coph.input.value), COPdh: Number(copdh.input.value), refrigerant: refrigerant.value,
                          charge: Number(charge.input.value)});
    metricField.querySelector('span').textContent = metricName(state.terminal);
    text.value = productToml();
    post();
  }, 250);
  terminal.addEventListener('change', fromForm);
  refrigerant.addEventListener('change', fromForm);
  for (const r of [capacity, metric, coph, copdh, charge]) r.input.addEventListener('input', fromForm);
  rate.addEventListener('click', post);
  post();

  function show(doc) {
    const r = doc.ratings[0];
    const g = r.grade, m = r.metric, ref = r.refrigerant;
    label.textContent = '';
    label.append(el('h2', '', t('rating.label')));
    const head = el('div', 'label-head');
    head.append(el('div', 'label-std', `${r.standard_name} ${r.standard_title || ''}`), el('div', 'label-model', doc.product.name));
    label.append(head);
    const scale = el('div', 'label-scale');
    const n = g.grades || 3;
    for (let k = 1; k <= n; ++k) {
      const row = el('div', 'label-row');
      const bar = el('div', 'label-bar', String(k));
      bar.style.width = `${40 + k * 15}%`;
      bar.style.background = gradeColors[Math.round((k - 1) * (gradeColors.length - 1) / Math.max(1, n - 1))];
      row.append(bar);
      if (g.graded && g.grade === k) {
        const mark = el('div', 'label-mark', String(k));
        mark.id = 'rating-grade';
        row.append(mark);
      }
      scale.append(row);
    }
    label.append(el('div', 'label-ends', `↑ ${t('rating.more_energy')}  ·  ↓ ${t('rating.less_energy')}`), scale);
    const lines = el('ul', 'label-facts');
    const li = (s, id) => {
      const e = el('li', '', s);
      if (id) e.id = id;
      lines.append(e);
    };
    li(g.graded && g.pass ? `${t('rating.grade')}: ${t('rating.grade_n', {n: g.grade})}` : `${t('rating.grade')}: ${t('rating.ungraded', {n})}`, 'rating-grade-text');
    li(t('rating.metric', {metric: m.name, value: ctx.fmt(m.value, 2)}));
    for (const o of r.other_metrics || []) li(t('rating.metric', {metric: o.name, value: ctx.fmt(o.value, 2)}));
    if (r.target) {
      li(`${t('rating.target')}: ` + t(r.target.met ? 'rating.target_met' : 'rating.target_missed',
                                     {metric: m.name, required: ctx.fmt(r.target.required, 2)}), 'rating-target');
    }
    if (ref) li(t('rating.gwp', {name: ref.name, gwp: ctx.fmt(ref.gwp, 0), basis: ref.gwp_basis, co2e: ctx.fmt(ref.co2e_kg, 1)}));
    label.append(lines, el('p', 'note', `${g.clause || ''} · ${g.band || ''}`));

    const th = g.thresholds || [];
    draw(chartEl, {
      title: {text: t('rating.thresholds', {metric: m.name}), left: 'center', textStyle: {fontSize: 14}},
      grid: {left: 80, right: 24, top: 40, bottom: 32},
      xAxis: {type: 'value', min: 0, max: Math.ceil(Math.max(m.value, ...th) * 1.15 * 2) / 2},
      yAxis: {type: 'category', data: th.map((_, k) => t('rating.grade_n', {n: k + 1})).concat([t('rating.value')]), inverse: true},
      series: [{type: 'bar', data: th.map((v, k) => ({value: v, itemStyle: {color: gradeColors[k * 2] || '#999'}}))
        .concat([{value: m.value, itemStyle: {color: '#1f618d'}}]),
                label: {show: true, position: 'right', formatter: (p) => ctx.fmt(p.value, 2)}}]
    });
  }
  return null;
}
