// Site calculator: a city, a heat pump and a building make a site file; POST /api/site
// simulates it hour by hour and compares it with a coal stove, a gas boiler and direct
// electric heating.
import {draw} from './charts.js';

const archetypes = ['urban_residential', 'rural_residential', 'office', 'school', 'hospital', 'hotel'];
const eras = ['pre_1996', '1996_2010', '2010_2018', 'post_2019'];
const emitters = ['floor_heating', 'radiator', 'radiator_low', 'fan_coil'];
const heatingTypes = ['air_to_water', 'ground_source', 'water_source', 'air_to_air'];
const state = {city: 'Shijiazhuang', product: 'evi-r32-10kw', capacity: 10, archetype: 'rural_residential',
               era: '1996_2010', floor_area: 120, emitter: 'radiator_low', power: 0.5, gas: 3.1, coal: 1200};
let lists = null;

function siteDoc(productType) {
  const hpType = ['air_to_water', 'ground_source', 'water_source', 'air_to_air'].includes(productType) ? productType : 'air_to_water';
  return {
    site: {name: 'web', city: state.city},
    demand: {building: {archetype: state.archetype, era: state.era, floor_area: `${state.floor_area} m2`, emitter: state.emitter}},
    heat_pump: {product: state.product, capacity: `${state.capacity} kW`},
    economics: {discount_rate: 0.05, lifetime: 15, hp_type: hpType},
    tariff: {kind: 'flat', price: `${state.power} CNY/kWh`},
    fuel_prices: {coal: `${state.coal} CNY/t`, briquette: `${state.coal} CNY/t`, natural_gas: `${state.gas} CNY/m3`},
    baselines: [{generator: 'scattered_coal_stove'}, {generator: 'gas_boiler'}, {generator: 'direct_electric'}]
  };
}

export function mount(root, ctx) {
  const {t, el} = ctx;
  root.append(el('h1', '', t('site.title')));
  const controls = el('div', 'controls');
  const statusEl = el('div', 'status');
  const cards = el('div', 'cards');
  cards.id = 'site-cards';
  const grid = el('div', 'grid two');
  const costEl = el('div', 'chart');
  costEl.id = 'site-cost';
  const co2El = el('div', 'chart');
  co2El.id = 'site-co2';
  grid.append(costEl, co2El);
  const monthEl = el('div', 'chart wide');
  monthEl.id = 'site-monthly';
  const note = el('p', 'note');
  root.append(controls, statusEl, cards, grid, monthEl, note);
  const status = ctx.statusLine(statusEl);
  const zh = ctx.lang() === 'zh';

  const loadLists = lists ? Promise.resolve(lists)
    : status.run(Promise.all([ctx.api('climate'), ctx.api('product')])).then(([c, p]) => (lists = {cities: c.cities, products: p.products}));

  loadLists.then(({cities, products}) => {
    const usable = products.filter((p) => heatingTypes.includes(p.type));
    const city = ctx.select('site-city', cities.map((c) => [c.name, zh ? `${c.name_zh} · ${c.zone_zh}` : `${c.name} · ${c.zone.replace(/_/g, ' ')}`]), state.city);
    const product = ctx.select('site-product', usable.map((p) => [p.id, `${p.name}`]), state.product);
    const capacity = document.createElement('input');
    Object.assign(capacity, {type: 'number', id: 'site-capacity', min: 1, max: 2000, step: 1, value: state.capacity});
    const archetype = ctx.select('site-archetype', archetypes.map((a) => [a, t('archetype.' + a)]), state.archetype);
    const era = ctx.select('site-era', eras.map((a) => [a, t('era.' + a)]), state.era);
    const area = ctx.range('site-area', 40, 2000, 10, state.floor_area);
    const emitter = ctx.select('site-emitter', emitters.map((a) => [a, t('emitter.' + a)]), state.emitter);
    const power = ctx.range('site-power', 0.2, 1.2, 0.01, state.power);
    const gas = ctx.range('site-gas', 1.5, 6, 0.1, state.gas);
    const coal = ctx.range('site-coal', 500, 2500, 50, state.coal);
    controls.append(ctx.field(t('site.city'), city), ctx.field(t('site.product'), product), ctx.field(t('site.capacity'), capacity),
                    ctx.field(t('site.archetype'), archetype), ctx.field(t('site.era'), era),
                    ctx.field(t('site.floor_area'), area), ctx.field(t('site.emitter'), emitter),
                    ctx.field(t('site.power_price'), power), ctx.field(t('site.gas_price'), gas), ctx.field(t('site.coal_price'), coal));
    const typeOf = (id) => (usable.find((p) => p.id === id) || {}).type;
    const run = ctx.debounce(() => {
      Object.assign(state, {city: city.value, product: product.value, capacity: Number(capacity.value), archetype: archetype.value,
                            era: era.value, floor_area: Number(area.input.value), emitter: emitter.value,
                            power: Number(power.input.value), gas: Number(gas.input.value), coal: Number(coal.input.value)});
      status.run(ctx.postJson('site', siteDoc(typeOf(state.product)))).then(show).catch(() => {});
    }, 250);
    for (const c of [city, product, capacity, archetype, era, emitter]) c.addEventListener('change', run);
    for (const r of [area, power, gas, coal]) r.input.addEventListener('input', run);
    run();
  }).catch(() => {});

  function card(id, label, value, unit) {
    const c = el('div', 'card kpi');
    c.id = id;
    c.append(el('div', 'kpi-label', label), el('div', 'kpi-value', value), el('div', 'kpi-unit', unit || ''));
    return c;
  }

  function show(r) {
    const a = r.annual, hp = r.heat_pump_accounts;
    cards.textContent = '';
    cards.append(card('kpi-spf', t('site.spf'), ctx.fmt(a.spf_h4, 2), 'SPF H4'),
                 card('kpi-load', t('site.load'), ctx.fmt(a.load_kwh), 'kWh'),
                 card('kpi-elec', t('site.electricity'), ctx.fmt(a.electricity_kwh), 'kWh'),
                 card('kpi-cost', t('site.cost'), ctx.fmt(hp.annual_cost_cny), zh ? '元/年' : 'CNY/a'),
                 card('kpi-co2', t('site.co2'), ctx.fmt(hp.co2_t, 2), 't/a'),
                 card('kpi-backup', t('site.backup'), ctx.fmt(100 * a.backup_share, 1), '%'));
    const names = [t('site.heat_pump')].concat(r.baselines.map((b) => (zh ? b.name_zh : b.name)));
    const bars = (values, color) => ({
      grid: {left: 64, right: 16, top: 56, bottom: 72},
      tooltip: {trigger: 'axis'},
      xAxis: {type: 'category', data: names, axisLabel: {interval: 0, rotate: 20, fontSize: 11}},
      yAxis: {type: 'value'},
      series: [{type: 'bar', data: values.map((v, i) => ({value: v, itemStyle: {color: i === 0 ? '#239b56' : color}})),
                label: {show: true, position: 'top', formatter: (p) => ctx.fmt(p.value)}}]
    });
    draw(costEl, Object.assign(bars([hp.annual_cost_cny].concat(r.baselines.map((b) => b.annual_cost_cny)), '#7f8c8d'),
                               {title: {text: t('site.compare_cost'), left: 'center', top: 6, textStyle: {fontSize: 14}}}));
    draw(co2El, Object.assign(bars([hp.co2_t].concat(r.baselines.map((b) => b.co2_t)), '#a04000'),
                              {title: {text: t('site.compare_co2'), left: 'center', top: 6, textStyle: {fontSize: 14}}}));
    const months = zh ? Array.from({length: 12}, (_, i) => `${i + 1}月`) : ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    draw(monthEl, {
      title: {text: t('site.monthly'), left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'axis'}, legend: {bottom: 0},
      grid: {left: 64, right: 16, top: 40, bottom: 48},
      xAxis: {type: 'category', data: months}, yAxis: {type: 'value', name: 'kWh'},
      series: [{type: 'bar', name: t('site.monthly_heat'), data: r.monthly.load_kwh, itemStyle: {color: '#c0392b'}},
               {type: 'bar', name: t('site.monthly_elec'), data: r.monthly.electricity_kwh, itemStyle: {color: '#1f618d'}}]
    });
    note.textContent = t('site.baselines_note', {names: r.baselines.map((b) => (zh ? b.name_zh : b.name)).join(zh ? '、' : ', '),
                                                 grid: `${hp.grid}, ${ctx.fmt(hp.grid_factor_kg_per_kwh, 3)} kg/kWh`});
  }
  return null;
}
