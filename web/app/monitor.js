// Monitoring (read only): the units of the server's store (GET /api/monitor/units), a unit's
// measured SPF month by month against the expected performance (GET /api/monitor/kpi) and its
// findings (GET /api/monitor/diagnose). A server started without --db says so.
import {draw} from './charts.js';

const state = {unit: null};

export function mount(root, ctx) {
  const {t, el} = ctx;
  root.append(el('h1', '', t('monitor.title')));
  const controls = el('div', 'controls');
  const statusEl = el('div', 'status');
  const cards = el('div', 'cards');
  cards.id = 'mon-cards';
  const grid = el('div', 'grid two');
  const spfEl = el('div', 'chart');
  spfEl.id = 'mon-spf';
  const findings = el('div', 'card');
  findings.id = 'mon-findings';
  grid.append(spfEl, findings);
  const unitsBox = el('div', 'card');
  unitsBox.id = 'mon-units';
  root.append(controls, statusEl, cards, grid, unitsBox);
  const status = ctx.statusLine(statusEl);

  ctx.api('monitor/units').then(({units}) => {
    if (!units.length) {
      statusEl.textContent = t('monitor.empty');
      return;
    }
    if (!state.unit || !units.some((u) => u.id === state.unit)) state.unit = units[0].id;
    const pick = ctx.select('mon-unit', units.map((u) => [u.id, `${u.id} · ${u.place} · ${u.product || u.type}`]), state.unit);
    controls.append(ctx.field(t('monitor.unit'), pick));
    pick.addEventListener('change', () => {
      state.unit = pick.value;
      show();
    });
    showUnits(units);
    show();
  }).catch((e) => {
    const box = el('div', 'card notice');
    box.id = 'mon-no-store';
    box.append(el('h2', '', t('monitor.no_store')), el('p', '', t('monitor.no_store_how')), el('p', 'note', e.message));
    root.append(box);
  });

  function show() {
    const u = encodeURIComponent(state.unit);
    status.run(Promise.all([ctx.api(`monitor/kpi?unit=${u}&period=month`),
                            ctx.api(`monitor/diagnose?unit=${u}&lang=${ctx.lang()}`)]))
      .then(([kpi, diag]) => {
        showKpi(kpi.units[0]);
        showFindings(diag.units[0]);
      }).catch(() => {});
  }

  function card(id, label, value, unit) {
    const c = el('div', 'card kpi');
    c.id = id;
    c.append(el('div', 'kpi-label', label), el('div', 'kpi-value', value), el('div', 'kpi-unit', unit || ''));
    return c;
  }

  function showKpi(k) {
    const e = k.expected || {};
    const months = e.months || [];
    const v = (x) => (x && typeof x === 'object' ? x.value : x);  // {value} or a number
    const trend = e.trend && v(e.trend.slope_per_year);
    cards.textContent = '';
    cards.append(card('mon-spf-measured', t('monitor.spf_measured'), ctx.fmt(v(e.spf_measured), 2), 'SPF'),
                 card('mon-spf-expected', t('monitor.spf_expected'), ctx.fmt(v(e.spf_expected), 2), 'SPF'),
                 card('mon-residual', t('monitor.residual'), ctx.fmt(100 * v(e.residual), 1), '%'),
                 card('mon-trend', t('monitor.trend'), ctx.fmt(100 * trend, 1), t('monitor.trend_unit')));
    draw(spfEl, {
      title: {text: t('monitor.spf_chart', {unit: k.id}), left: 'center', top: 6, textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis'}, legend: {bottom: 0},
      grid: {left: 48, right: 48, top: 48, bottom: 60},
      xAxis: {type: 'category', data: months.map((m) => m.month)},
      yAxis: [{type: 'value', name: 'SPF', scale: true}, {type: 'value', name: '%', splitLine: {show: false}}],
      series: [
        {type: 'line', name: t('monitor.spf_measured'), data: months.map((m) => m.spf_measured), itemStyle: {color: '#1f618d'}},
        {type: 'line', name: t('monitor.spf_expected'), data: months.map((m) => m.spf_expected), itemStyle: {color: '#7f8c8d'},
         lineStyle: {type: 'dashed'}},
        {type: 'bar', name: t('monitor.residual'), yAxisIndex: 1, data: months.map((m) => 100 * m.residual),
         itemStyle: {color: '#e59866'}, barMaxWidth: 14}
      ]
    });
  }

  function showFindings(u) {
    findings.textContent = '';
    findings.append(el('h2', '', t('monitor.findings', {unit: u.unit || u.id})));
    const list = u.findings || [];
    if (!list.length) findings.append(el('p', 'ok', t('monitor.no_findings')));
    for (const f of list) {
      const item = el('div', 'finding ' + (f.severity || ''));
      item.append(el('div', 'finding-title', `${f.title} · ${f.period || ''}`), el('p', '', f.diagnosis), el('p', 'note', f.action || ''));
      findings.append(item);
    }
    findings.dataset.count = String(list.length);
  }

  function showUnits(units) {
    unitsBox.textContent = '';
    unitsBox.append(el('h2', '', t('monitor.units', {n: units.length})));
    const table = el('table', 'data');
    const head = el('tr');
    for (const h of ['id', 'place', 'product', 'refrigerant', 'rated_capacity_kW', 'install_year', 'rows']) {
      head.append(el('th', h === 'rows' || h === 'rated_capacity_kW' ? 'num' : '', t('monitor.col.' + h)));
    }
    table.append(head);
    for (const u of units) {
      const tr = el('tr');
      tr.append(el('td', '', u.id), el('td', '', u.place || ''), el('td', '', u.product || ''), el('td', '', u.refrigerant || ''),
                el('td', 'num', ctx.fmt(u.rated_capacity_kW, 1)), el('td', '', String(u.install_year || '')),
                el('td', 'num', ctx.fmt(u.rows, 0)));
      table.append(tr);
    }
    const scroll = el('div', 'scroll');
    scroll.append(table);
    unitsBox.append(scroll);
  }
  return null;
}
