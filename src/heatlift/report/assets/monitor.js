// heatlift monitor report: draws the charts of report.html from the embedded results.
// Reads the JSON in <script id="heatlift-data"> (per unit: hourly means, COP points, monthly
// SPF, histograms; messages), draws one ECharts instance into each
// <div data-chart="kind" data-unit="i"> the page laid out and, only when every chart
// initialised without an exception, sets <html data-rendered="N"> (N charts). Any error
// sets data-render-error.
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
    var R = D.results || {};
    var zh = D.lang === 'zh';
    var t = function (key) {
      if (!Object.prototype.hasOwnProperty.call(M, key)) throw new Error('no message ' + key);
      return M[key];
    };
    // Every part of the results may be missing and every number null.
    var obj = function (o) { return o && typeof o === 'object' && !Array.isArray(o) ? o : {}; };
    var arr = function (a) { return Array.isArray(a) ? a : []; };
    var num = function (v) { return typeof v === 'number' && isFinite(v) ? v : null; };
    var units = arr(R.units).map(obj);
    var charts = [];

    var colors = {
      heat: '#138d75', electricity: '#2e86c1', flow: '#c0392b', outdoor: '#7f8c8d',
      measured: '#2e86c1', expected: '#e67e22', measuredMean: '#1a5276', expectedMean: '#a04000',
      light: '#a9cce3', bars: '#138d75'
    };
    var fontFamily = window.getComputedStyle(document.body).fontFamily || 'sans-serif';
    var fmt = function (v) {
      if (v === null || v === undefined || isNaN(v)) return '–';
      var a = Math.abs(v);
      return v.toLocaleString(zh ? 'zh-CN' : 'en-US',
        { maximumFractionDigits: a >= 100 ? 0 : a >= 10 ? 1 : 2 });
    };
    var pct = function (v) { return v === null ? '–' : (v > 0 ? '+' : '') + fmt(100 * v) + '%'; };

    function baseOption(title) {
      return {
        animation: false,
        // The data are in China time: times are shifted by +8 h and drawn as UTC, so the
        // axis reads the same in any browser's time zone.
        useUTC: true,
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

    // (a) Hourly means over the window: heat and electricity (kW), flow and outdoor
    // temperature (°C). A gap of more than an hour breaks the lines.
    function seriesChart(u) {
      var h = obj(u.hourly);
      var hours = arr(h.h);
      var t0 = num(h.t0) || 0;
      var china = 8 * 3600;
      function points(key) {
        var v = arr(h[key]);
        var out = [];
        for (var i = 0; i < hours.length; ++i) {
          if (i > 0 && hours[i] - hours[i - 1] > 1) out.push([(t0 + (hours[i - 1] + 1) * 3600 + china) * 1000, null]);
          out.push([(t0 + hours[i] * 3600 + china) * 1000, num(v[i])]);
        }
        return out;
      }
      function line(name, key, color, axis, width) {
        return { name: name, type: 'line', yAxisIndex: axis, showSymbol: false, color: color, sampling: 'lttb',
          connectNulls: false, lineStyle: { width: width }, data: points(key) };
      }
      // Gaps of more than two days (the summer between heating seasons, a logger that was
      // off) are cut out of the axis, so the data fill the width.
      var breaks = [];
      for (var k = 1; k < hours.length; ++k) {
        if (hours[k] - hours[k - 1] > 48) {
          breaks.push({ start: (t0 + (hours[k - 1] + 1) * 3600 + china) * 1000,
            end: (t0 + hours[k] * 3600 + china) * 1000, gap: '1.5%' });
        }
      }
      var o = baseOption(t('monitor.chart.series'));
      o.grid.right = 56;
      o.grid.bottom = 92;
      o.xAxis = { type: 'time', breaks: breaks, breakArea: { itemStyle: { opacity: 1 } } };
      o.yAxis = [valueAxis(t('monitor.axis.power'), { min: 0 }),
        valueAxis(t('monitor.axis.temperature'), { splitLine: { show: false }, nameTextStyle: { align: 'right', fontSize: 11 } })];
      o.dataZoom = [{ type: 'inside' }, { type: 'slider', bottom: 30, height: 18 }];
      o.series = [
        line(t('monitor.series.heat'), 'heat_kw', colors.heat, 0, 1),
        line(t('monitor.series.electricity'), 'elec_kw', colors.electricity, 0, 1),
        line(t('monitor.series.t_flow'), 't_flow_c', colors.flow, 1, 1),
        line(t('monitor.series.t_out'), 't_out_c', colors.outdoor, 1, 1)
      ];
      return o;
    }

    // Mean of y per kelvin of x, over bins with at least 5 points.
    function binnedMean(xs, ys) {
      var bins = {};
      for (var i = 0; i < Math.min(xs.length, ys.length); ++i) {
        var x = num(xs[i]);
        var y = num(ys[i]);
        if (x === null || y === null) continue;
        var k = Math.floor(x);
        if (!bins[k]) bins[k] = { n: 0, sum: 0 };
        bins[k].n += 1;
        bins[k].sum += y;
      }
      return Object.keys(bins).map(Number).sort(function (a, b) { return a - b; })
        .filter(function (k) { return bins[k].n >= 5; })
        .map(function (k) { return [k + 0.5, bins[k].sum / bins[k].n]; });
    }

    // (b) COP of running intervals against outdoor temperature, measured and expected.
    function copChart(u) {
      var c = obj(u.cop);
      var x = arr(c.t_out_c), y = arr(c.cop), ye = arr(c.cop_expected);
      var measured = [], expected = [];
      for (var i = 0; i < x.length; ++i) {
        if (num(x[i]) === null) continue;
        if (num(y[i]) !== null) measured.push([x[i], y[i]]);
        if (num(ye[i]) !== null) expected.push([x[i], ye[i]]);
      }
      // The axis spans the bulk of the points: a few intervals at the edge of a defrost or
      // a start (COP far above any heat pump's) would squeeze everything else flat.
      var ys = measured.map(function (p) { return p[1]; }).concat(expected.map(function (p) { return p[1]; }));
      ys.sort(function (a, b) { return a - b; });
      var hi = ys.length ? ys[Math.min(ys.length - 1, Math.floor(0.995 * ys.length))] : 1;
      var lo = ys.length ? ys[Math.floor(0.002 * ys.length)] : 0;
      var o = baseOption(t('monitor.chart.cop'));
      o.tooltip = { trigger: 'item', formatter: function (p) {
        return p.seriesName + '<br>' + fmt(p.value[0]) + ' °C · COP ' + fmt(p.value[1]);
      } };
      // Both axes at the plot's edges, not where the other axis is zero (below 0 °C).
      o.xAxis = valueAxis(t('monitor.axis.t_out'), { nameLocation: 'middle', nameGap: 28, nameTextStyle: { fontSize: 11 },
        axisLine: { onZero: false },
        min: function (v) { return Math.floor(v.min / 5) * 5; }, max: function (v) { return Math.ceil(v.max / 5) * 5; } });
      o.yAxis = valueAxis(t('monitor.axis.cop'), { min: Math.min(0, Math.floor(lo)), max: Math.ceil(hi * 1.1),
        axisLine: { show: true, onZero: false } });
      o.series = [
        { name: t('monitor.series.cop'), type: 'scatter', symbolSize: 3, large: true, largeThreshold: 4000,
          color: colors.measured, itemStyle: { opacity: 0.3 }, data: measured, clip: true },
        { name: t('monitor.series.cop_expected'), type: 'scatter', symbolSize: 2, large: true, largeThreshold: 4000,
          color: colors.expected, itemStyle: { opacity: 0.3 }, data: expected, clip: true },
        { name: t('monitor.series.cop_mean'), type: 'line', symbol: 'none', smooth: 0.3, color: colors.measuredMean,
          lineStyle: { width: 2.5 }, data: binnedMean(x, y) },
        { name: t('monitor.series.cop_expected_mean'), type: 'line', symbol: 'none', smooth: 0.3, color: colors.expectedMean,
          lineStyle: { width: 2.5, type: 'dashed' }, data: binnedMean(x, ye) }
      ];
      return o;
    }

    // (c) SPF per month: measured over all rows (H1), measured over the intervals with an
    // expected value, and the expected SPF there.
    function monthlyChart(u) {
      var m = obj(u.monthly);
      var months = arr(m.month);
      var residual = arr(m.residual);
      var o = baseOption(t('monitor.chart.monthly'));
      o.tooltip.formatter = function (ps) {
        var k = ps[0].dataIndex;
        var lines = ps.map(function (p) { return p.marker + p.seriesName + ': ' + fmt(num(p.value)); });
        return months[k] + '<br>' + lines.join('<br>') +
          (num(residual[k]) === null ? '' : '<br>' + t('monitor.kpi.residual') + ': ' + pct(residual[k]));
      };
      o.xAxis = { type: 'category', data: months, axisLabel: { fontSize: 11 } };
      o.yAxis = valueAxis(t('monitor.axis.spf'), { min: 0 });
      o.series = [
        { name: t('monitor.series.spf_h1'), type: 'bar', color: colors.light, barMaxWidth: 26, data: arr(m.spf_h1).map(num) },
        { name: t('monitor.series.spf_measured'), type: 'bar', color: colors.measured, barMaxWidth: 26, data: arr(m.spf_measured).map(num) },
        { name: t('monitor.series.spf_expected'), type: 'line', color: colors.expected, symbol: 'circle', symbolSize: 7,
          lineStyle: { width: 2 }, connectNulls: false, data: arr(m.spf_expected).map(num) }
      ];
      return o;
    }

    // Bin labels "a–b" of a histogram's lower edges, the last "≥a"; with `edgesOnly`, the
    // lower edge alone (narrow bins).
    function binLabels(lower, scale, edgesOnly) {
      return lower.map(function (v, i) {
        var a = fmt(v * scale);
        if (i + 1 === lower.length) return '≥' + a;
        return edgesOnly ? a : a + '–' + fmt(lower[i + 1] * scale);
      });
    }
    function histogramChart(title, labels, values, seriesName, xName, yName, color) {
      var o = baseOption(title);
      o.legend = { show: false };
      o.grid.bottom = 56;
      o.xAxis = { type: 'category', data: labels, name: xName, nameLocation: 'middle', nameGap: 30,
        nameTextStyle: { fontSize: 11 }, axisLabel: { interval: 0, fontSize: 10 } };
      o.yAxis = valueAxis(yName, { min: 0 });
      o.series = [{ name: seriesName, type: 'bar', color: color, barMaxWidth: 40, data: values.map(num),
        label: { show: true, position: 'top', fontSize: 10, formatter: function (p) { return fmt(p.value); } } }];
      return o;
    }

    // (d) Complete on-cycles by length.
    function cyclesChart(u) {
      var h = obj(u.on_cycles);
      return histogramChart(t('monitor.chart.cycles'), binLabels(arr(h.lower_min), 1, false), arr(h.count),
        t('monitor.series.cycles'), t('monitor.axis.cycle_min'), t('monitor.axis.count'), colors.electricity);
    }

    // (e) Running hours by part load (heat / rated capacity).
    function partLoadChart(u) {
      var h = obj(u.part_load);
      return histogramChart(t('monitor.chart.part_load'), binLabels(arr(h.lower), 100, true), arr(h.hours),
        t('monitor.series.part_load'), t('monitor.axis.part_load'), t('monitor.axis.hours'), colors.heat);
    }

    var draw = { series: seriesChart, cop: copChart, monthly: monthlyChart, cycles: cyclesChart, part_load: partLoadChart };
    var containers = document.querySelectorAll('[data-chart]');
    for (var c = 0; c < containers.length; ++c) {
      var kind = containers[c].getAttribute('data-chart');
      var index = Number(containers[c].getAttribute('data-unit'));
      if (!draw[kind]) throw new Error('no chart kind ' + kind);
      if (!(index >= 0 && index < units.length)) throw new Error('no unit ' + index);
      var chart = echarts.init(containers[c], null, { renderer: 'canvas' });
      chart.setOption(draw[kind](units[index]));
      charts.push(chart);
    }

    window.addEventListener('resize', function () { charts.forEach(function (ch) { ch.resize(); }); });
    root.setAttribute('data-rendered', String(charts.length));
  } catch (e) {
    fail((e && e.stack) || e);
  }
})();
