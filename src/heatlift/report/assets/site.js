// heatlift site report: draws the charts of report.html from the embedded results.
// Reads the JSON in <script id="heatlift-data"> (the site run's summary and hourly arrays,
// messages), draws one ECharts instance into each <div data-chart="kind"> the page laid
// out and, only when every chart initialised without an exception, sets
// <html data-rendered="N"> (N charts). Any error sets data-render-error.
(function () {
  'use strict';
  var root = document.documentElement;
  function fail(message) {
    root.setAttribute('data-render-error', String(message));
    var box = document.getElementById('render-error');
    if (box) {
      box.textContent = String(message);
      box.hidden = false;
    }
  }
  window.addEventListener('error', function (e) { fail(e.message || 'script error'); });

  try {
    var D = JSON.parse(document.getElementById('heatlift-data').textContent);
    var M = D.messages;
    var R = D.results;
    var zh = D.lang === 'zh';
    var t = function (key) {
      if (!Object.prototype.hasOwnProperty.call(M, key)) throw new Error('no message ' + key);
      return M[key];
    };
    // Every part of the results may be missing and every number null.
    var obj = function (o) { return o && typeof o === 'object' && !Array.isArray(o) ? o : {}; };
    var arr = function (a) { return Array.isArray(a) ? a : []; };
    var num = function (v) { return typeof v === 'number' && isFinite(v) ? v : null; };
    var site = obj(R.site);
    var hp = obj(R.heat_pump);
    var annual = obj(R.annual);
    var monthly = obj(R.monthly);
    var hourly = obj(R.hourly);
    var acc = obj(R.heat_pump_accounts);
    var cooling = obj(R.cooling);
    var baselines = arr(R.baselines).map(obj);
    var charts = [];

    var colors = {
      hp: '#138d75', hpLight: '#76d7c4', backup: '#e67e22', electricity: '#2e86c1',
      load: '#1c2833', capacity: '#7f8c8d', lcoh: '#922b21', energy: '#566573', capital: '#bfc9ca'
    };
    var fuelColors = {
      coal: '#4d5656', briquette: '#626567', gas: '#d4ac0d', natural_gas: '#d4ac0d', electricity: '#7d3c98', oil: '#873600',
      lpg: '#ca6f1e', biomass: '#7d6608', district_heat: '#a93226'
    };
    var fontFamily = window.getComputedStyle(document.body).fontFamily || 'sans-serif';
    var fmt = function (v) {
      if (v === null || v === undefined || isNaN(v)) return '–';
      var a = Math.abs(v);
      return v.toLocaleString(zh ? 'zh-CN' : 'en-US',
        { maximumFractionDigits: a >= 100 ? 0 : a >= 10 ? 1 : 2 });
    };
    var maxOf = function (a) { return a.reduce(function (m, v) { return num(v) !== null && v > m ? v : m; }, 0); };
    // kWh, MWh or GWh for a chart whose largest value is `max` kWh.
    function energyScale(max) {
      if (max < 1e5) return { div: 1, unit: 'kWh' };
      if (max < 1e8) return { div: 1e3, unit: 'MWh' };
      return { div: 1e6, unit: 'GWh' };
    }
    // 元 or 万元 (zh), CNY or 10³ CNY (en) for a chart whose largest value is `max` CNY.
    function moneyScale(max) {
      if (max < 1e5) return { div: 1, unit: t('site.axis.money') };
      return { div: zh ? 1e4 : 1e3, unit: t('site.axis.money_large') };
    }
    var scaled = function (a, div) { return a.map(function (v) { return num(v) === null ? null : v / div; }); };
    function baselineName(b) { return (zh && b.name_zh) || b.name || b.id || '?'; }
    function fuelColor(b) { return fuelColors[b.fuel] || '#5d6d7e'; }

    function baseOption(title) {
      return {
        animation: false,
        textStyle: { fontFamily: fontFamily },
        title: { text: title, left: 'center', top: 8, textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis', valueFormatter: fmt },
        legend: { bottom: 4, type: 'scroll', itemWidth: 14, itemHeight: 9, textStyle: { fontSize: 11 } },
        grid: { left: 64, right: 28, top: 64, bottom: 64 }
      };
    }
    function valueAxis(name, extra) {
      var a = { type: 'value', name: name, nameGap: 10, nameTextStyle: { align: 'left', fontSize: 11 } };
      Object.keys(extra || {}).forEach(function (k) { a[k] = extra[k]; });
      return a;
    }

    // (1) Heat delivered each month, heat pump, heat recovered from its condensers in cooling
    // hours and back-up stacked, with the electricity that made it: for a unit that cools,
    // cooling.monthly.heating_electricity_kwh (the month's total in monthly.electricity_kwh
    // less its cooling hours' electricity).
    function monthlyChart() {
      var hpHeat = arr(monthly.hp_heat_kwh).length ? arr(monthly.hp_heat_kwh) : arr(monthly.heat_kwh);
      var backup = arr(monthly.backup_heat_kwh);
      var recovered = arr(obj(cooling.monthly).recovered_kwh);
      var heatEl = arr(obj(cooling.monthly).heating_electricity_kwh);
      var el = heatEl.length ? heatEl : arr(monthly.electricity_kwh);
      var elName = heatEl.length ? t('site.series.heating_electricity') : t('site.series.electricity');
      var load = arr(monthly.load_kwh);
      var stacked = hpHeat.map(function (v, i) {
        return (num(v) || 0) + (num(recovered[i]) || 0) + (num(backup[i]) || 0);
      });
      var s = energyScale(Math.max(maxOf(stacked), maxOf(el), maxOf(load)));
      var o = baseOption(t('site.chart.monthly'));
      o.xAxis = { type: 'category', data: t('site.months').split(',') };
      o.grid.bottom = 48;
      o.yAxis = valueAxis(s.unit);
      o.series = [
        { name: t('site.series.hp_heat'), type: 'bar', stack: 'heat', color: colors.hp, barMaxWidth: 34, data: scaled(hpHeat, s.div) },
        { name: t('site.series.backup_heat'), type: 'bar', stack: 'heat', color: colors.backup, barMaxWidth: 34, data: scaled(backup, s.div) },
        { name: elName, type: 'line', color: colors.electricity, symbol: 'circle', symbolSize: 6,
          lineStyle: { width: 2 }, data: scaled(el, s.div) }
      ];
      if (maxOf(recovered) > 0) {
        o.series.splice(1, 0, { name: t('site.series.recovered_heat'), type: 'bar', stack: 'heat', color: colors.hpLight,
          barMaxWidth: 34, data: scaled(recovered, s.div) });
      }
      // The load shows only where some of it went unmet; otherwise it is the bars' top.
      if ((num(annual.unmet_kwh) || 0) > 0 && load.length) {
        o.series.push({ name: t('site.series.load'), type: 'line', color: colors.load, symbol: 'none',
          lineStyle: { type: 'dashed', width: 1.5 }, data: scaled(load, s.div) });
      }
      return o;
    }

    // An efficiency (COP or EER) of every running hour against the outdoor temperature, with
    // the mean per kelvin (bins of at least three hours); `marks` are dashed vertical lines.
    function efficiencyScatter(values, label, names, marks) {
      var tOut = arr(hourly.t_out_c);
      var points = [];
      var bins = {};
      for (var i = 0; i < Math.min(tOut.length, values.length); ++i) {
        var x = num(tOut[i]);
        var y = num(values[i]);
        if (x === null || y === null) continue;
        points.push([x, y]);
        var k = Math.floor(x);
        if (!bins[k]) bins[k] = { n: 0, sum: 0 };
        bins[k].n += 1;
        bins[k].sum += y;
      }
      var mean = Object.keys(bins).map(Number).sort(function (a, b) { return a - b; })
        .filter(function (k) { return bins[k].n >= 3; })
        .map(function (k) { return [k + 0.5, bins[k].sum / bins[k].n]; });
      var o = baseOption(t(names.title));
      o.tooltip = { trigger: 'item', formatter: function (p) {
        return p.seriesName + '<br>' + fmt(p.value[0]) + ' °C · ' + label + ' ' + fmt(p.value[1]);
      } };
      o.xAxis = valueAxis(t('site.axis.t_out'), { nameLocation: 'middle', nameGap: 28, nameTextStyle: { fontSize: 11 },
        min: function (v) { return Math.floor(v.min / 5) * 5; }, max: function (v) { return Math.ceil(v.max / 5) * 5; } });
      o.yAxis = valueAxis(t(names.axis), { min: 0 });
      o.series = [
        { name: t(names.points), type: 'scatter', symbolSize: 3, large: true, largeThreshold: 4000,
          color: colors.electricity, itemStyle: { opacity: 0.28 }, data: points,
          markLine: marks.length ? { symbol: 'none', silent: true, animation: false,
            label: { position: 'insideStartTop', formatter: function (p) { return p.name + ' ' + fmt(p.value) + ' °C'; }, fontSize: 10 },
            lineStyle: { type: 'dashed', width: 1.2 }, data: marks } : undefined },
        { name: t(names.mean), type: 'line', symbol: 'none', smooth: 0.3, color: colors.lcoh,
          lineStyle: { width: 2.5 }, data: mean }
      ];
      return o;
    }

    // (2) Every running hour's COP against the outdoor temperature, with the bivalent point and
    // the design temperature marked.
    function copChart() {
      var marks = [];
      var biv = num(annual.bivalent_point_c);
      var design = num(site.t_design_c);
      if (biv !== null) marks.push({ xAxis: biv, name: t('site.series.bivalent'), lineStyle: { color: colors.backup } });
      if (design !== null) marks.push({ xAxis: design, name: t('site.series.t_design'), lineStyle: { color: colors.capacity } });
      return efficiencyScatter(arr(hourly.cop), 'COP', { title: 'site.chart.cop', axis: 'site.axis.cop',
        points: 'site.series.cop', mean: 'site.series.cop_mean' }, marks);
    }

    // (2b) Cooling sites: heat and cooling delivered each month side by side, with the cooling
    // electricity.
    function coolingMonthlyChart() {
      var cm = obj(cooling.monthly);
      var heat = arr(monthly.heat_kwh);
      var cool = arr(cm.cooling_kwh);
      var el = arr(cm.electricity_kwh);
      var s = energyScale(Math.max(maxOf(heat), maxOf(cool), maxOf(el)));
      var o = baseOption(t('site.chart.cooling_monthly'));
      o.xAxis = { type: 'category', data: t('site.months').split(',') };
      o.grid.bottom = 48;
      o.yAxis = valueAxis(s.unit);
      o.series = [
        { name: t('site.series.heating'), type: 'bar', color: colors.backup, barMaxWidth: 22, data: scaled(heat, s.div) },
        { name: t('site.series.cooling'), type: 'bar', color: colors.electricity, barMaxWidth: 22, data: scaled(cool, s.div) },
        { name: t('site.series.cooling_electricity'), type: 'line', color: colors.load, symbol: 'circle', symbolSize: 6,
          lineStyle: { width: 2 }, data: scaled(el, s.div) }
      ];
      return o;
    }

    // (2c) Every cooling hour's EER against the outdoor temperature, with the mean per kelvin.
    function eerChart() {
      return efficiencyScatter(arr(hourly.eer), 'EER', { title: 'site.chart.eer', axis: 'site.axis.eer',
        points: 'site.series.eer', mean: 'site.series.eer_mean' }, []);
    }

    // (3) Hours sorted by load, highest first; below each the heat pump's share, then back-up.
    function durationChart() {
      var load = arr(hourly.load_kw);
      var hpHeat = arr(hourly.hp_heat_kw);
      var backup = arr(hourly.backup_heat_kw);
      var order = [];
      for (var i = 0; i < load.length; ++i) if ((num(load[i]) || 0) > 0) order.push(i);
      order.sort(function (a, b) { return load[b] - load[a]; });
      // Areas drawn one over the other: the back-up area reaches heat pump + back-up.
      var hpPart = [], total = [], line = [];
      order.forEach(function (h, k) {
        var l = load[h];
        var q = Math.min(num(hpHeat[h]) || 0, l);
        var b = Math.min(num(backup[h]) || 0, l - q);
        hpPart.push([k + 1, q]);
        total.push([k + 1, q + b]);
        line.push([k + 1, l]);
      });
      var o = baseOption(t('site.chart.duration'));
      o.tooltip = { trigger: 'axis', formatter: function (ps) {
        var k = ps[0].dataIndex;
        return fmt(k + 1) + ' h<br>' + t('site.series.load') + ': ' + fmt(line[k][1]) + ' kW<br>' +
          t('site.series.hp_heat') + ': ' + fmt(hpPart[k][1]) + ' kW<br>' +
          t('site.series.backup_heat') + ': ' + fmt(total[k][1] - hpPart[k][1]) + ' kW';
      } };
      o.grid.right = 40;
      o.xAxis = valueAxis(t('site.axis.hours'), { min: 0, max: Math.max(1, order.length), nameLocation: 'middle', nameGap: 28,
        nameTextStyle: { fontSize: 11 } });
      o.yAxis = valueAxis(t('site.axis.power'), { min: 0 });
      var cap = num(hp.capacity_kw);
      o.series = [
        { name: t('site.series.backup_heat'), type: 'line', symbol: 'none', color: colors.backup, lineStyle: { width: 0 },
          areaStyle: { opacity: 0.9 }, data: total },
        { name: t('site.series.hp_heat'), type: 'line', symbol: 'none', color: colors.hp, lineStyle: { width: 0 },
          areaStyle: { opacity: 0.9 }, data: hpPart },
        { name: t('site.series.load'), type: 'line', symbol: 'none', color: colors.load, lineStyle: { width: 1.5 }, data: line,
          markLine: cap === null ? undefined : { symbol: 'none', silent: true, animation: false,
            lineStyle: { type: 'dashed', color: colors.capacity, width: 1.2 },
            label: { position: 'insideEndTop', fontSize: 10, formatter: t('site.series.capacity') + ' ' + fmt(cap) + ' kW' },
            data: [{ yAxis: cap }] } }
      ];
      o.legend.data = [t('site.series.hp_heat'), t('site.series.backup_heat'), t('site.series.load')];
      return o;
    }

    // Categories of the comparison charts: the heat pump, then each baseline.
    var categories = [t('site.heat_pump_bar')].concat(baselines.map(baselineName));
    function categoryAxis() {
      return { type: 'category', data: categories,
        axisLabel: { interval: 0, width: Math.max(60, Math.floor(560 / categories.length)), overflow: 'break', fontSize: 11 } };
    }
    // `color` (#rrggbb) mixed with white: the light part of a stacked bar.
    function lighten(color, f) {
      var c = parseInt(color.slice(1), 16);
      var mix = function (v) { return Math.round(v + (255 - v) * f); };
      return 'rgb(' + mix(c >> 16) + ',' + mix((c >> 8) & 255) + ',' + mix(c & 255) + ')';
    }
    function item(value, color) {
      return value === null ? null : { value: value, itemStyle: { color: color } };
    }
    function topLabel(totals) {
      return { show: true, position: 'top', fontSize: 11, color: '#1c2833',
        formatter: function (p) { return totals[p.dataIndex] === null ? '' : fmt(totals[p.dataIndex]); } };
    }

    // (4) Annual CO2: the heat pump (electricity + refrigerant leakage) against each baseline.
    function co2Chart() {
      var refrigerant = num(acc.co2_refrigerant_t);
      var electricity = num(acc.co2_electricity_t);
      if (electricity === null && num(acc.co2_t) !== null) electricity = num(acc.co2_t) - (refrigerant || 0);
      var hpTotal = num(acc.co2_t) !== null ? num(acc.co2_t) :
        (electricity === null && refrigerant === null ? null : (electricity || 0) + (refrigerant || 0));
      var totals = [hpTotal].concat(baselines.map(function (b) { return num(b.co2_t); }));
      var pad = baselines.map(function () { return null; });
      var o = baseOption(t('site.chart.co2'));
      o.tooltip.trigger = 'item';
      o.tooltip.formatter = function (p) { return p.name + '<br>' + p.seriesName + ': ' + fmt(p.value) + ' t'; };
      o.xAxis = categoryAxis();
      o.yAxis = valueAxis(t('site.axis.co2'), { min: 0 });
      o.series = [
        { name: t('site.series.co2_electricity'), type: 'bar', stack: 'co2', color: colors.hp, barMaxWidth: 56,
          data: [item(electricity, colors.hp)].concat(pad),
          label: refrigerant === null ? topLabel(totals) : undefined },
        { name: t('site.series.co2_fuel'), type: 'bar', stack: 'co2', color: colors.energy, barMaxWidth: 56,
          data: [null].concat(baselines.map(function (b) { return item(num(b.co2_t), fuelColor(b)); })),
          label: topLabel(totals) }
      ];
      if (refrigerant !== null) {
        o.series.splice(1, 0, { name: t('site.series.co2_refrigerant'), type: 'bar', stack: 'co2', color: colors.hpLight,
          barMaxWidth: 56, data: [item(refrigerant, colors.hpLight)].concat(pad), label: topLabel(totals) });
      }
      return o;
    }

    // (5) Annual cost (energy + annualised capital) and the levelised cost of heat.
    function costChart() {
      var all = [acc].concat(baselines);
      var energy = all.map(function (a) { return num(a.energy_cost_cny); });
      var annualCost = all.map(function (a) { return num(a.annual_cost_cny); });
      var capital = all.map(function (a, i) {
        return energy[i] !== null && annualCost[i] !== null && annualCost[i] - energy[i] > 0 ? annualCost[i] - energy[i] : null;
      });
      var totals = all.map(function (a, i) { return annualCost[i] !== null ? annualCost[i] : energy[i]; });
      var s = moneyScale(maxOf(totals));
      var lcoh = all.map(function (a) { return num(a.lcoh_cny_per_kwh); });
      var colorOf = function (i) { return i === 0 ? colors.hp : fuelColor(baselines[i - 1]); };
      var o = baseOption(t('site.chart.cost'));
      o.tooltip.trigger = 'item';
      o.tooltip.formatter = function (p) {
        return p.name + '<br>' + p.seriesName + ': ' + fmt(p.value) + ' ' + (p.seriesIndex === 2 ? t('site.axis.lcoh') : s.unit);
      };
      o.grid.right = 64;
      o.xAxis = categoryAxis();
      o.yAxis = [valueAxis(s.unit, { min: 0 }),
        valueAxis(t('site.axis.lcoh'), { min: 0, splitLine: { show: false }, nameTextStyle: { align: 'right', fontSize: 11 } })];
      var scaledTotals = totals.map(function (v) { return v === null ? null : v / s.div; });
      o.series = [
        // The total on top of each bar: on the capital part where there is one.
        { name: t('site.series.energy_cost'), type: 'bar', stack: 'cost', color: colors.energy, barMaxWidth: 56,
          data: energy.map(function (v, i) { return item(v === null ? null : v / s.div, colorOf(i)); }),
          label: topLabel(scaledTotals.map(function (v, i) { return capital[i] === null ? v : null; })) },
        { name: t('site.series.capital_cost'), type: 'bar', stack: 'cost', color: colors.capital, barMaxWidth: 56,
          data: capital.map(function (v, i) { return item(v === null ? null : v / s.div, lighten(colorOf(i), 0.55)); }),
          label: topLabel(scaledTotals) },
        // Beside each cost bar, on the right-hand axis: the cost of one kWh of heat.
        { name: t('site.series.lcoh'), type: 'bar', yAxisIndex: 1, barMaxWidth: 18, color: colors.lcoh,
          data: lcoh,
          label: { show: true, position: 'top', fontSize: 10, color: colors.lcoh, formatter: function (p) { return fmt(p.value); } } }
      ];
      return o;
    }

    // (8) A borefield's brine over the years: lowest, mean and highest of each year.
    function borefieldChart() {
      var g = obj(R.ground_loop);
      var mean = arr(g.fluid_mean_c);
      var years = mean.map(function (v, i) { return String(i + 1); });
      var o = baseOption(t('site.ground.chart'));
      o.xAxis = { type: 'category', data: years, name: t('site.ground.year'), nameLocation: 'middle', nameGap: 26 };
      o.grid.bottom = 72;
      o.yAxis = valueAxis(t('site.ground.brine'), { scale: true });
      var line = function (name, data, color, width) {
        return { name: name, type: 'line', color: color, symbol: 'none', lineStyle: { width: width }, data: data };
      };
      o.series = [
        line(t('site.ground.max'), arr(g.fluid_max_c), '#c0392b', 1.5),
        line(t('site.ground.mean'), mean, colors.hp, 2.5),
        line(t('site.ground.min'), arr(g.fluid_min_c), colors.electricity, 1.5)
      ];
      if (num(g.ground_temperature_c) !== null) {
        o.series[1].markLine = { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: colors.capacity },
          label: { formatter: t('site.ground.ground'), position: 'insideEndTop', fontSize: 10 },
          data: [{ yAxis: g.ground_temperature_c }] };
      }
      return o;
    }

    // (9) Solar-thermal collectors: each month's heat collected and given to the loads, and
    // the store's mean temperature (a seasonal store climbs through the summer).
    function solarChart() {
      var sm = obj(obj(R.solar_thermal).monthly);
      var got = arr(sm.collected_kwh);
      var gave = arr(sm.delivered_kwh);
      var s = energyScale(Math.max(maxOf(got), maxOf(gave)));
      var o = baseOption(t('site.solar.chart'));
      o.xAxis = { type: 'category', data: t('site.months').split(',') };
      o.grid.bottom = 48;
      o.yAxis = [valueAxis(s.unit), valueAxis('°C', { splitLine: { show: false } })];
      o.series = [
        { name: t('site.solar.collected'), type: 'bar', color: colors.backup, barMaxWidth: 22, data: scaled(got, s.div) },
        { name: t('site.solar.delivered'), type: 'bar', color: colors.hp, barMaxWidth: 22, data: scaled(gave, s.div) },
        { name: t('site.solar.store'), type: 'line', yAxisIndex: 1, color: colors.load, symbol: 'circle', symbolSize: 6,
          lineStyle: { width: 2 }, data: arr(sm.store_temperature_c) }
      ];
      return o;
    }

    // (10) An optimised bivalent point: the year's running cost and CO2 at each point scanned.
    function bivalentChart() {
      var scan = arr(obj(R.hybrid).scan).map(obj);
      var o = baseOption(t('site.hybrid.chart'));
      o.xAxis = { type: 'value', name: t('site.hybrid.point'), nameLocation: 'middle', nameGap: 26 };
      o.grid.bottom = 72;
      o.yAxis = [valueAxis(t('site.hybrid.cost'), { scale: true }),
        valueAxis(t('site.hybrid.co2'), { scale: true, splitLine: { show: false } })];
      var pts = function (key) {
        return scan.map(function (p) { return [num(p.bivalent_point_c), num(p[key])]; });
      };
      o.series = [
        { name: t('site.hybrid.cost'), type: 'line', color: colors.hp, symbol: 'none', lineStyle: { width: 2 },
          data: pts('running_cost_cny') },
        { name: t('site.hybrid.co2'), type: 'line', yAxisIndex: 1, color: colors.load, symbol: 'none',
          lineStyle: { width: 2 }, data: pts('co2_t') }
      ];
      return o;
    }

    var draw = { bivalent: bivalentChart, solar: solarChart, monthly: monthlyChart, cop: copChart, duration: durationChart, co2: co2Chart, cost: costChart,
      cooling_monthly: coolingMonthlyChart, eer: eerChart, borefield: borefieldChart };
    var containers = document.querySelectorAll('[data-chart]');
    for (var c = 0; c < containers.length; ++c) {
      var kind = containers[c].getAttribute('data-chart');
      if (!draw[kind]) throw new Error('no chart kind ' + kind);
      var chart = echarts.init(containers[c], null, { renderer: 'canvas' });
      chart.setOption(draw[kind]());
      charts.push(chart);
    }

    window.addEventListener('resize', function () { charts.forEach(function (ch) { ch.resize(); }); });
    root.setAttribute('data-rendered', String(charts.length));
  } catch (e) {
    fail((e && e.stack) || e);
  }
})();
