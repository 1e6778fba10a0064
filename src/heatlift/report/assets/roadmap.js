// heatlift roadmap report: draws the charts of report.html from the embedded results.
// Reads the JSON in <script id="heatlift-data"> (fleet results, bands, messages), builds
// one ECharts instance per chart and, only when every chart initialised without an
// exception, sets <html data-rendered="N"> (N charts). Any error sets data-render-error.
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
    var t = function (key) {
      if (!Object.prototype.hasOwnProperty.call(M, key)) throw new Error('no message ' + key);
      return M[key];
    };
    var label = function (prefix, name, fallback) {
      var key = prefix + '.' + name;
      return Object.prototype.hasOwnProperty.call(M, key) ? M[key] : (fallback || name);
    };
    var runs = D.results.scenarios;
    var charts = [];
    var palette = {
      sh_household: '#c0392b', sh_commercial: '#e67e22',
      hw_household: '#2471a3', hw_commercial: '#48c9b0'
    };
    var scenarioColors = ['#c0392b', '#2471a3', '#7d3c98', '#229954', '#b7950b'];
    var fontFamily = window.getComputedStyle(document.body).fontFamily || 'sans-serif';
    var fmt = function (v) {
      if (v === null || v === undefined || isNaN(v)) return '–';
      var a = Math.abs(v);
      return v.toLocaleString(D.lang === 'zh' ? 'zh-CN' : 'en-US',
        { maximumFractionDigits: a >= 100 ? 0 : a >= 10 ? 1 : 2 });
    };

    function segmentsOf(run) {
      return run.segment_order.filter(function (g) { return run.groups[g] && run.groups[g].kind === 'segment'; });
    }
    function years(run) { return run.years.map(String); }
    function baseOption(title, unit) {
      return {
        animation: false,
        textStyle: { fontFamily: fontFamily },
        title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis', valueFormatter: fmt },
        legend: { bottom: 0, type: 'scroll', itemWidth: 14, itemHeight: 9, textStyle: { fontSize: 11 } },
        grid: { left: 64, right: 28, top: 64, bottom: 64 },
        xAxis: { type: 'category', boundaryGap: false, name: t('report.year'), nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'value', name: unit, nameGap: 10, nameTextStyle: { align: 'left', fontSize: 11 } }
      };
    }
    function stackedBySegment(run, indicator, title, kind) {
      var o = baseOption(title, t('unit.' + indicator));
      o.xAxis.data = years(run);
      o.xAxis.boundaryGap = kind === 'bar';
      o.series = segmentsOf(run).map(function (s) {
        return {
          name: label('segment', s), type: kind, stack: 'segments', symbol: 'none',
          areaStyle: kind === 'line' ? { opacity: 0.85 } : undefined,
          lineStyle: { width: 0.5 }, color: palette[s],
          data: run.groups[s][indicator]
        };
      });
      return o;
    }
    function co2Chart(run) {
      var o = stackedBySegment(run, 'co2_reduction_net', t('chart.co2'), 'line');
      o.series.push({
        name: t('indicator.co2_reduction_gross') + ' · ' + t('report.total'), type: 'line', symbol: 'none',
        color: '#1c2833', lineStyle: { type: 'dashed', width: 1.5 }, data: run.groups.total.co2_reduction_gross
      });
      return o;
    }
    function powerChart(run) {
      var o = baseOption(t('chart.power'), t('unit.electricity'));
      o.xAxis.data = years(run);
      o.xAxis.boundaryGap = true;
      o.yAxis = [
        { type: 'value', name: t('indicator.electricity') + ' (' + t('unit.electricity') + ')' },
        { type: 'value', name: t('indicator.winter_peak') + ' (' + t('unit.winter_peak') + ')', splitLine: { show: false } }
      ];
      o.grid.right = 64;
      o.series = ['space_heating', 'hot_water'].map(function (g, i) {
        return {
          name: t('indicator.electricity') + ' · ' + label('end_use', g), type: 'bar', stack: 'el',
          color: i === 0 ? '#e59866' : '#7fb3d5', data: run.groups[g].electricity
        };
      });
      o.series.push({
        name: t('indicator.winter_peak'), type: 'line', yAxisIndex: 1, symbol: 'none',
        color: '#922b21', lineStyle: { width: 2 }, data: run.groups.total.winter_peak
      });
      return o;
    }
    function refrigerantChart(run) {
      var o = baseOption(t('chart.refrigerant'), t('unit.refrigerant_emissions'));
      o.xAxis.data = years(run);
      o.xAxis.boundaryGap = true;
      o.series = [
        { name: t('indicator.refrigerant_emissions'), type: 'bar', color: '#a569bd', data: run.groups.total.refrigerant_emissions },
        { name: t('indicator.hfc_consumption'), type: 'line', symbol: 'none', color: '#1f618d', lineStyle: { width: 2 }, data: run.groups.total.hfc_consumption },
        { name: t('indicator.kigali_allowance'), type: 'line', step: 'end', symbol: 'none', color: '#cb4335', lineStyle: { type: 'dashed', width: 2 }, data: run.groups.total.kigali_allowance }
      ];
      return o;
    }
    function compareChart(indicator) {
      var o = baseOption(t('chart.compare_' + indicator), t('unit.' + indicator));
      var longest = runs.reduce(function (a, r) { return r.years.length > a.years.length ? r : a; }, runs[0]);
      o.xAxis.data = years(longest);
      o.series = [];
      runs.forEach(function (run, i) {
        var color = scenarioColors[i % scenarioColors.length];
        var name = label('scenario', run.name, run.title);
        var offset = longest.years.indexOf(run.years[0]);
        var pad = function (arr) {
          var out = [];
          for (var k = 0; k < offset; ++k) out.push(null);
          return out.concat(arr);
        };
        var band = run.bands && run.bands.total && run.bands.total[indicator];
        if (band) {
          var bandName = name + ' · ' + t('report.band');
          o.series.push({ name: bandName, type: 'line', stack: 'band' + i, symbol: 'none', silent: true,
            lineStyle: { opacity: 0 }, color: color, data: pad(band.p5), tooltip: { show: false } });
          o.series.push({ name: bandName, type: 'line', stack: 'band' + i, symbol: 'none', silent: true,
            lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.22 }, color: color,
            data: pad(band.p95.map(function (v, k) { return v === null || band.p5[k] === null ? null : v - band.p5[k]; })) });
        }
        o.series.push({ name: name, type: 'line', symbol: 'none', color: color, lineStyle: { width: 2 }, data: pad(run.groups.total[indicator]) });
      });
      // The bands are explained above the charts; the legend lists the scenarios only.
      o.legend.data = runs.map(function (run) { return label('scenario', run.name, run.title); });
      return o;
    }

    function section(id, title) {
      var s = document.createElement('section');
      s.id = id;
      var h = document.createElement('h2');
      h.textContent = title;
      s.appendChild(h);
      document.getElementById('charts').appendChild(s);
      return s;
    }
    function row(parent, columns) {
      var r = document.createElement('div');
      r.className = 'row';
      r.style.gridTemplateColumns = 'repeat(' + Math.max(1, Math.min(columns, 3)) + ', minmax(0, 1fr))';
      parent.appendChild(r);
      return r;
    }
    function chart(parent, id, option) {
      var div = document.createElement('div');
      div.className = 'chart';
      div.id = id;
      parent.appendChild(div);
      var c = echarts.init(div, null, { renderer: 'canvas' });
      c.setOption(option);
      charts.push(c);
    }

    // Scenarios side by side: one row per chart kind, one column per scenario.
    var per = section('scenarios', t('report.per_scenario'));
    var heads = row(per, runs.length);
    runs.forEach(function (run) {
      var h = document.createElement('h3');
      h.textContent = label('scenario', run.name, run.title);
      heads.appendChild(h);
    });
    var kinds = [
      ['sales', function (r) { return stackedBySegment(r, 'sales', t('chart.sales'), 'line'); }],
      ['stock', function (r) { return stackedBySegment(r, 'stock', t('chart.stock'), 'line'); }],
      ['market_value', function (r) { return stackedBySegment(r, 'market_value', t('chart.market_value'), 'bar'); }],
      ['co2', co2Chart],
      ['power', powerChart],
      ['refrigerant', refrigerantChart]
    ];
    kinds.forEach(function (k) {
      var r = row(per, runs.length);
      runs.forEach(function (run) { chart(r, k[0] + '-' + run.name, k[1](run)); });
    });

    var cmp = section('compare', t('report.compare'));
    var mc = runs.filter(function (r) { return r.monte_carlo; });
    if (mc.length > 0) {
      var note = document.createElement('p');
      note.className = 'note';
      note.textContent = t('report.monte_carlo')
        .replace('{samples}', String(mc[0].monte_carlo.samples))
        .replace('{seed}', String(mc[0].monte_carlo.seed));
      cmp.appendChild(note);
    }
    var cr = row(cmp, 3);
    ['sales', 'stock', 'co2_reduction_net', 'electricity', 'winter_peak', 'market_value'].forEach(function (ind) {
      chart(cr, 'compare-' + ind, compareChart(ind));
    });

    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    root.setAttribute('data-rendered', String(charts.length));
  } catch (e) {
    fail((e && e.stack) || e);
  }
})();
