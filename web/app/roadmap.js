// Roadmap explorer: the shipped scenarios side by side (GET /api/roadmap with every
// province), an indicator over the years for China or one province, and a province map of
// CO2 saved or the winter peak in a chosen year; the action plan's levers as sliders, whose
// scenario (POST /api/roadmap) is drawn beside the shipped ones.
import {draw, chinaMap} from './charts.js';
import {levers as leverDefs, scenarioToml, LEVER_SCENARIO} from './levers.js';

const indicators = ['co2_reduction_net', 'winter_peak', 'stock', 'sales', 'electricity', 'heat', 'capacity',
                    'market_value'];
const state = {selected: null, indicator: 'co2_reduction_net', region: 'CN', yearIndex: 3,
               mapIndicator: 'co2_reduction_net', mapScenario: null,
               levers: Object.fromEntries(leverDefs.map((l) => [l.id, l.value]))};
let data = null;  // {list, result}; the lever scenario, once run, is the last of both
let leverRun = 0;  // the newest lever request: an older answer arriving later is dropped

async function load(ctx, status) {
  if (data) return data;
  const list = await status.run(ctx.api('scenario'));
  const names = list.scenarios.map((s) => s.name);
  const q = names.map((n) => 'scenario=' + encodeURIComponent(n)).join('&');
  const [result] = await status.run(Promise.all([ctx.api('roadmap?' + q + '&regions=province'), chinaMap()]));
  data = {list: list.scenarios, result};
  return data;
}

// Puts the lever scenario's run (the first of `answer`) into `data`, in place of an older one.
function putLeverRun(answer, title) {
  const {list, result} = data;
  const i = result.scenarios.findIndex((s) => s.name === LEVER_SCENARIO);
  if (i >= 0) {
    result.scenarios[i] = answer.scenarios[0];
    result.regions[i] = answer.regions[0];
    return false;
  }
  result.scenarios.push(answer.scenarios[0]);
  result.regions.push(answer.regions[0]);
  list.push({name: LEVER_SCENARIO, title});
  return true;
}

function scenarioName(ctx, s) {
  const key = 'scenario.' + s.name;
  const v = ctx.t(key);
  return v === key ? s.title : v;
}

// Values of `ind` over the years for region `code` ('CN': the national total) in run i.
function series(result, i, code, ind) {
  const run = result.scenarios[i];
  if (code === 'CN') return run.years.map((y, k) => [y, run.groups.total[ind][k]]);
  const reg = result.regions[i];
  const p = reg.regions.find((r) => r.code === code);
  return reg.years.map((y, k) => [y, p.groups.total[ind][k]]);
}

function valueAt(result, i, code, ind, year) {
  const s = series(result, i, code, ind).find(([y]) => y === year);
  return s ? s[1] : null;
}

export function mount(root, ctx) {
  const {t, el} = ctx;
  root.append(el('h1', '', t('roadmap.title')));
  const controls = el('div', 'controls');
  const statusEl = el('div', 'status', t('roadmap.first_run'));
  const grid = el('div', 'grid two');
  const seriesEl = el('div', 'chart');
  seriesEl.id = 'rm-series';
  const mapEl = el('div', 'chart map');
  mapEl.id = 'rm-map';
  grid.append(seriesEl, mapEl);
  const tableBox = el('div', 'card');
  tableBox.id = 'rm-table';
  const leverBox = el('div', 'controls levers');
  leverBox.id = 'rm-levers';
  root.append(controls, leverBox, statusEl, grid, tableBox);
  const st = ctx.statusLine(statusEl);

  load(ctx, st).then(({list, result}) => {
    const names = list.map((s) => s.name);  // grows by the lever scenario once it has run
    if (!state.selected) state.selected = names.slice();
    const colors = ['#239b56', '#1f618d', '#c0392b', '#b9770e', '#7d3c98'];
    const colorOf = (n) => colors[names.indexOf(n) % colors.length];
    if (!state.mapScenario) state.mapScenario = names.includes('cns') ? 'cns' : names[0];
    const idx = (n) => result.scenarios.findIndex((s) => s.name === n);
    const milestones = result.regions[0].years;
    const provinces = result.regions[0].regions;
    const regionName = (code) => {
      if (code === 'CN') return t('roadmap.china');
      const p = provinces.find((r) => r.code === code);
      return ctx.lang() === 'zh' ? p.name_zh : p.name_en;
    };

    // Controls.
    const boxes = el('fieldset', 'checks');
    boxes.append(el('legend', '', t('roadmap.scenarios')));
    const addBox = (s) => {
      const l = el('label', 'check');
      const c = document.createElement('input');
      Object.assign(c, {type: 'checkbox', value: s.name, checked: state.selected.includes(s.name)});
      c.id = 'rm-scn-' + s.name;
      c.addEventListener('change', () => {
        state.selected = names.filter((n) => document.getElementById('rm-scn-' + n).checked);
        update();
      });
      l.append(c, document.createTextNode(' ' + scenarioName(ctx, s)));
      boxes.append(l);
    };
    list.forEach(addBox);
    const ind = ctx.select('rm-indicator', indicators.map((k) => [k, t('indicator.' + k)]), state.indicator);
    const region = ctx.select('rm-province', [['CN', t('roadmap.china')]].concat(provinces.map((p) => [p.code, regionName(p.code)])), state.region);
    const year = ctx.range('rm-year', 0, milestones.length - 1, 1, state.yearIndex);
    const yearOut = year.querySelector('output');
    const showYear = () => (yearOut.textContent = milestones[Number(year.input.value)]);
    showYear();
    const mapInd = ctx.select('rm-map-indicator', ['co2_reduction_net', 'winter_peak'].map((k) => [k, t('indicator.' + k)]), state.mapIndicator);
    const mapScn = ctx.select('rm-map-scenario', list.map((s) => [s.name, scenarioName(ctx, s)]), state.mapScenario);
    controls.append(boxes, ctx.field(t('roadmap.indicator'), ind), ctx.field(t('roadmap.province'), region),
                    ctx.field(t('roadmap.year'), year), ctx.field(t('roadmap.map_indicator'), mapInd),
                    ctx.field(t('roadmap.map_scenario'), mapScn));
    ind.addEventListener('change', () => { state.indicator = ind.value; update(); });
    region.addEventListener('change', () => { state.region = region.value; update(); });
    year.input.addEventListener('input', () => { state.yearIndex = Number(year.input.value); showYear(); update(); });
    mapInd.addEventListener('change', () => { state.mapIndicator = mapInd.value; update(); });
    mapScn.addEventListener('change', () => { state.mapScenario = mapScn.value; update(); });

    // The levers: a change posts the scenario of every slider's value (debounced) and draws
    // its run beside the shipped scenarios.
    const leverTitle = t('scenario.' + LEVER_SCENARIO);
    const showLeverRun = () => {
      const s = list[list.length - 1];
      names.push(s.name);
      addBox(s);
      mapScn.append(new Option(scenarioName(ctx, s), s.name));
      if (!state.selected.includes(s.name)) state.selected.push(s.name);
      document.getElementById('rm-scn-' + s.name).checked = true;
      state.mapScenario = s.name;
      mapScn.value = state.mapScenario;
    };
    const post = ctx.debounce(() => {
      const n = ++leverRun;
      st.run(ctx.postToml('roadmap?regions=province', scenarioToml(state.levers, leverTitle))).then((answer) => {
        if (n !== leverRun) return;
        if (putLeverRun(answer, leverTitle)) showLeverRun();
        update();
      }).catch(() => {});
    }, 600);
    const leverSet = el('fieldset', 'checks');
    leverSet.append(el('legend', '', t('roadmap.levers')));
    for (const l of leverDefs) {
      const r = ctx.range('rm-lever-' + l.id, l.min, l.max, l.step, state.levers[l.id]);
      r.input.addEventListener('input', () => { state.levers[l.id] = Number(r.input.value); post(); });
      leverSet.append(ctx.field(t('lever.' + l.id), r));
    }
    leverBox.append(leverSet, el('p', 'note', t('roadmap.levers_note')));

    // Display units from the catalogue (万台, 亿元/年 ...), the API's own where it has none.
    const units = new Proxy(result.units, {get: (u, k) => (t('unit.' + k) === 'unit.' + k ? u[k] : t('unit.' + k))});
    const narrow = () => seriesEl.clientWidth < 560;
    function drawSeries() {
      const i0 = state.indicator;
      const yr = milestones[state.yearIndex];
      draw(seriesEl, {
        title: {text: t('roadmap.series_title', {indicator: t('indicator.' + i0), region: regionName(state.region)}),
                left: 'center', top: 6, textStyle: {fontSize: 14}},
        tooltip: {trigger: 'axis'},
        legend: {bottom: 0},
        grid: {left: 56, right: 24, top: 62, bottom: narrow() ? 84 : 60},
        xAxis: {type: 'value', min: 2018, max: 2060, axisLabel: {formatter: (v) => String(v), showMinLabel: false}},
        yAxis: {type: 'value', name: units[i0], nameTextStyle: {align: 'left'}},
        series: state.selected.map((n) => ({
          type: 'line', name: scenarioName(ctx, list.find((s) => s.name === n)), showSymbol: state.region !== 'CN',
          itemStyle: {color: colorOf(n)}, lineStyle: {color: colorOf(n)},
          data: series(result, idx(n), state.region, i0),
          markLine: n === state.selected[0] ? {silent: true, symbol: 'none', data: [{xAxis: yr}], label: {formatter: String(yr), position: 'insideEndTop'}} : undefined
        }))
      });
    }
    function drawMap() {
      const i = idx(state.mapScenario), k = state.yearIndex, mi = state.mapIndicator;
      const reg = result.regions[i];
      const values = [];
      const items = reg.regions.map((p) => {
        const v = p.groups.total[mi][k];
        if (typeof v === 'number') values.push(v);
        const item = {name: p.name_zh, value: v, code: p.code};
        if (p.code === state.region) item.itemStyle = {borderColor: '#1c2833', borderWidth: 2};
        return item;
      });
      const hi = Math.max(...values, 0), lo = Math.min(...values, 0);
      const c = draw(mapEl, {
        title: {text: t('roadmap.map_title', {indicator: t('indicator.' + mi), year: milestones[k],
                                              scenario: scenarioName(ctx, list.find((s) => s.name === state.mapScenario))}),
                subtext: t('roadmap.schematic'), left: 'center', textStyle: {fontSize: 14}},
        tooltip: {trigger: 'item', formatter: (p) => p.data ? `${regionName(p.data.code)}<br>${ctx.fmt(p.data.value)} ${units[mi]}` : p.name},
        visualMap: Object.assign(mapEl.clientWidth < 560
          ? {orient: 'horizontal', left: 'center', bottom: 6, itemWidth: 12, itemHeight: 140}
          : {left: 8, bottom: 8, itemHeight: 100}, {type: 'continuous', min: lo, max: hi > lo ? hi : lo + 1,
                    text: [ctx.fmt(hi) + ' ' + units[mi], ctx.fmt(lo)], calculable: false,
                    inRange: {color: mi === 'winter_peak' ? ['#fdebd0', '#e67e22', '#922b21'] : ['#e8f6f3', '#48c9b0', '#0e6655']}}),
        series: [{type: 'map', map: 'china', roam: false, selectedMode: false, top: 56, bottom: mapEl.clientWidth < 560 ? 48 : 8, data: items,
                  nameProperty: 'name', itemStyle: {areaColor: '#eceff1', borderColor: '#909497', borderWidth: 0.6},
                  emphasis: {label: {show: true}, itemStyle: {areaColor: '#f7dc6f'}}}]
      });
      c.off('click');
      c.on('click', (p) => {
        if (p.data && p.data.code) {
          state.region = p.data.code;
          region.value = p.data.code;
          update();
        }
      });
      mapEl.dataset.values = values.length + ':' + ctx.fmt(hi);
    }
    function drawTable() {
      const yr = milestones[state.yearIndex];
      const cols = ['co2_reduction_net', 'winter_peak', 'stock', 'electricity'];
      tableBox.textContent = '';
      tableBox.append(el('h2', '', t('roadmap.table', {region: regionName(state.region), year: yr})));
      const table = el('table', 'data');
      const head = el('tr');
      head.append(el('th', '', t('roadmap.scenario')));
      for (const c of cols) head.append(el('th', 'num', `${t('indicator.' + c)} (${units[c]})`));
      table.append(head);
      for (const n of state.selected) {
        const tr = el('tr');
        tr.dataset.scenario = n;
        tr.append(el('td', '', scenarioName(ctx, list.find((s) => s.name === n))));
        for (const c of cols) tr.append(el('td', 'num', ctx.fmt(valueAt(result, idx(n), state.region, c, yr))));
        table.append(tr);
      }
      const scroll = el('div', 'scroll');
      scroll.append(table);
      tableBox.append(scroll);
    }
    function update() {
      drawSeries();
      drawMap();
      drawTable();
    }
    update();
  }).catch(() => {});
  return null;
}
