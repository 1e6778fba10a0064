// heatlift roadmap report: draws the charts of report.html from the embedded results.
// Reads the JSON in <script id="heatlift-data"> (fleet results, bands, messages and, for a
// bottom-up run, "regional": the provinces' series, peak days and cells), builds one
// ECharts instance per chart and, only when every chart initialised without an exception,
// sets <html data-rendered="N"> (N charts). Any error sets data-render-error.
//
// A bottom-up page has a region picker: choosing a province (or clicking it on the map)
// redraws every chart for it and sets <html data-region="CN-HE" data-draws="N">; the page's
// address keeps the choice (#region=CN-HE&scenario=0&year=2030&indicator=stock).
// Charts side by side share their y scale (data-y-max on each chart holds it).
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
    var zh = D.lang === 'zh';
    var t = function (key) {
      if (!Object.prototype.hasOwnProperty.call(M, key)) throw new Error('no message ' + key);
      return M[key];
    };
    var label = function (prefix, name, fallback) {
      var key = prefix + '.' + name;
      return Object.prototype.hasOwnProperty.call(M, key) ? M[key] : (fallback || name);
    };
    var runs = D.results.scenarios;
    var R = D.regional || null;  // bottom-up runs only
    var charts = [];             // {chart, build, row, div}
    var draws = 0;
    var palette = {
      sh_household: '#c0392b', sh_commercial: '#e67e22',
      hw_household: '#2471a3', hw_commercial: '#48c9b0'
    };
    var scenarioColors = ['#c0392b', '#2471a3', '#7d3c98', '#229954', '#b7950b'];
    var zoneColors = {
      severe_cold: ['#1b4f72', '#5dade2'], cold: ['#0e6251', '#76d7c4'],
      hot_summer_cold_winter: ['#7e5109', '#f5b041'], hot_summer_warm_winter: ['#78281f', '#f1948a'],
      mild: ['#4a235a', '#bb8fce']
    };
    var mapIndicators = ['co2_reduction_net', 'heat', 'electricity', 'winter_peak', 'stock'];
    var mapColors = {
      co2_reduction_net: ['#eafaf1', '#58d68d', '#1e8449', '#0b3d20'],
      heat: ['#fef5e7', '#f5b041', '#ca6f1e', '#6e2c00'],
      electricity: ['#ebf5fb', '#5dade2', '#2471a3', '#0b2f4a'],
      winter_peak: ['#fdedec', '#ec7063', '#b03a2e', '#4a0f0a'],
      stock: ['#f4ecf7', '#af7ac5', '#76448a', '#311b3a']
    };
    var fontFamily = window.getComputedStyle(document.body).fontFamily || 'sans-serif';
    var fmt = function (v) {
      if (v === null || v === undefined || isNaN(v)) return '–';
      var a = Math.abs(v);
      return v.toLocaleString(zh ? 'zh-CN' : 'en-US',
        { maximumFractionDigits: a >= 100 ? 0 : a >= 10 ? 1 : 2 });
    };
    var has = function (a) { return Array.isArray(a) && a.some(function (v) { return v !== null && v !== undefined; }); };

    // ---- state: the region, and the scenario and year of the map, peak day and cells ----
    var state = { region: 'CN', scenario: 0, year: null, indicator: mapIndicators[0] };
    var provinceByCode = {};
    if (R) {
      R.provinces.forEach(function (p) { provinceByCode[p.code] = p; });
      var ms = runs[0].milestones.filter(function (y) { return runs[0].years.indexOf(y) >= 0; });
      state.year = ms.indexOf(2030) >= 0 ? 2030 : ms[ms.length - 1];
    }
    function regionName(code) { return code === 'CN' ? t('report.china') : provinceByCode[code].name; }
    // Run i as the charts see it: the national run, or the province's series of it.
    function view(i) {
      var run = runs[i];
      if (!R || state.region === 'CN') return run;
      return {
        name: run.name, title: run.title, years: run.years, milestones: run.milestones,
        segment_order: run.segment_order, groups: R.scenarios[i].regions[state.region].groups
      };
    }

    // ---- the charts of every run (unchanged in kind for a province) ----
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
      var g = run.groups.total;
      o.xAxis.data = years(run);
      o.xAxis.boundaryGap = true;
      o.series = [
        { name: t('indicator.refrigerant_emissions'), type: 'bar', color: '#a569bd', data: g.refrigerant_emissions },
        { name: t('indicator.hfc_consumption'), type: 'line', symbol: 'none', color: '#1f618d', lineStyle: { width: 2 }, data: g.hfc_consumption }
      ];
      // The Kigali allowance is national: a province has none.
      if (has(g.kigali_allowance)) {
        o.series.push({ name: t('indicator.kigali_allowance'), type: 'line', step: 'end', symbol: 'none', color: '#cb4335', lineStyle: { type: 'dashed', width: 2 }, data: g.kigali_allowance });
      }
      return o;
    }
    function compareChart(indicator) {
      var o = baseOption(t('chart.compare_' + indicator), t('unit.' + indicator));
      var longest = runs.reduce(function (a, r) { return r.years.length > a.years.length ? r : a; }, runs[0]);
      o.xAxis.data = years(longest);
      o.series = [];
      runs.forEach(function (run0, i) {
        var run = view(i);
        var color = scenarioColors[i % scenarioColors.length];
        var name = label('scenario', run.name, run.title);
        var offset = longest.years.indexOf(run.years[0]);
        var pad = function (arr) {
          var out = [];
          for (var k = 0; k < offset; ++k) out.push(null);
          return out.concat(arr);
        };
        // The Monte Carlo bands are national.
        var band = state.region === 'CN' && run0.bands && run0.bands.total && run0.bands.total[indicator];
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

    // ---- one y scale for charts side by side ----
    // [lowest, highest] an axis must show: stacked series summed (positive and negative
    // apart, as ECharts stacks them), others as they are; zero always included.
    function extent(o, axis) {
      var lo = 0, hi = 0, stacks = {};
      o.series.forEach(function (s) {
        if ((s.yAxisIndex || 0) !== axis) return;
        (s.data || []).forEach(function (v, k) {
          if (typeof v !== 'number' || !isFinite(v)) return;
          if (!s.stack) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            return;
          }
          var st = stacks[s.stack] || (stacks[s.stack] = { pos: [], neg: [] });
          var side = v >= 0 ? st.pos : st.neg;
          side[k] = (side[k] || 0) + v;
        });
      });
      Object.keys(stacks).forEach(function (k) {
        stacks[k].pos.forEach(function (v) { if (v !== undefined) hi = Math.max(hi, v); });
        stacks[k].neg.forEach(function (v) { if (v !== undefined) lo = Math.min(lo, v); });
      });
      return [lo, hi];
    }
    // The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n not below v (v > 0).
    function niceCeil(v) {
      var e = Math.pow(10, Math.floor(Math.log10(v)));
      var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
      for (var i = 0; i < steps.length; ++i) if (v <= steps[i] * e * (1 + 1e-9)) return steps[i] * e;
      return 10 * e;
    }
    function axes(o) { return Array.isArray(o.yAxis) ? o.yAxis : [o.yAxis]; }
    function shareScale(options) {
      if (options.length < 2) return;
      axes(options[0]).forEach(function (ax, a) {
        var lo = 0, hi = 0;
        options.forEach(function (o) {
          var e = extent(o, a);
          lo = Math.min(lo, e[0]);
          hi = Math.max(hi, e[1]);
        });
        options.forEach(function (o) {
          var y = axes(o)[a];
          y.min = lo < 0 ? -niceCeil(-lo) : 0;
          if (hi > 0) y.max = niceCeil(hi);
        });
      });
    }

    // ---- layout ----
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
    // A chart drawn by build() at every draw; charts of one rowKey share their y scale.
    function chart(parent, id, build, rowKey) {
      var div = document.createElement('div');
      div.className = 'chart';
      div.id = id;
      parent.appendChild(div);
      var entry = { chart: echarts.init(div, null, { renderer: 'canvas' }), build: build, row: rowKey || null, div: div };
      charts.push(entry);
      return entry;
    }
    function draw() {
      var options = charts.map(function (c) { return c.build(); });
      var rows = {};
      charts.forEach(function (c, k) { if (c.row) (rows[c.row] = rows[c.row] || []).push(options[k]); });
      Object.keys(rows).forEach(function (k) { shareScale(rows[k]); });
      charts.forEach(function (c, k) {
        var o = options[k];
        if (o.yAxis) c.div.setAttribute('data-y-max', axes(o).map(function (y) { return y.max === undefined ? '' : y.max; }).join(','));
        c.chart.setOption(o, true);
      });
      refreshTexts();
      ++draws;
      root.setAttribute('data-draws', String(draws));
      root.setAttribute('data-region', state.region);
    }
    var texts = [];  // functions that rewrite headings and notes for the state
    function refreshTexts() { texts.forEach(function (f) { f(); }); }
    function heading(section, key) {
      var h = section.querySelector('h2');
      texts.push(function () {
        h.textContent = state.region === 'CN' ? t(key) : t(key) + ' · ' + regionName(state.region);
      });
    }

    // ---- bottom-up: controls, map, peak day and cells ----
    var RB = R ? regionalPage(D, { t: t, label: label, fmt: fmt, state: state, fontFamily: fontFamily,
      zoneColors: zoneColors, mapIndicators: mapIndicators, mapColors: mapColors, regionName: regionName,
      provinceByCode: provinceByCode, baseOption: baseOption, texts: texts }) : null;
    function select(change) {
      Object.keys(change).forEach(function (k) { state[k] = change[k]; });
      if (RB) RB.sync();
      draw();
    }
    if (RB) RB.layout(section, row, chart, select);

    // Scenarios side by side: one row per chart kind, one column per scenario.
    var per = section('scenarios', t('report.per_scenario'));
    heading(per, 'report.per_scenario');
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
      runs.forEach(function (run, i) {
        chart(r, k[0] + '-' + run.name, function () { return k[1](view(i)); }, k[0]);
      });
    });

    var cmp = section('compare', t('report.compare'));
    heading(cmp, 'report.compare');
    var mc = runs.filter(function (r) { return r.monte_carlo; });
    if (mc.length > 0) {
      var note = document.createElement('p');
      note.className = 'note';
      cmp.appendChild(note);
      texts.push(function () {
        note.textContent = t('report.monte_carlo')
          .replace('{samples}', String(mc[0].monte_carlo.samples))
          .replace('{seed}', String(mc[0].monte_carlo.seed)) +
          (state.region === 'CN' ? '' : t('report.bands_national'));
      });
    }
    var cr = row(cmp, 3);
    ['sales', 'stock', 'co2_reduction_net', 'electricity', 'winter_peak', 'market_value'].forEach(function (ind) {
      chart(cr, 'compare-' + ind, function () { return compareChart(ind); });
    });

    if (RB) RB.cellsSection(section);

    draw();
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.chart.resize(); }); });
    root.setAttribute('data-rendered', String(charts.length));
    // A linked region (report.html#region=CN-HE): chosen as with the picker.
    if (RB) RB.fromAddress(select);
  } catch (e) {
    fail((e && e.stack) || e);
  }

  // ---- the bottom-up part: region picker, province map, peak day, cells ----
  // Returns layout(section, row, chart, select) that adds the controls and the map and
  // peak-day charts, sync() that shows the state in the controls and the address,
  // cellsSection(section) that adds the table, and fromAddress(select).
  function regionalPage(D, ctx) {
    var t = ctx.t, fmt = ctx.fmt, state = ctx.state, R = D.regional, runs = D.results.scenarios;
    var zh = D.lang === 'zh';
    var controls = {};
    var linked = parseAddress();  // read before the controls write the address
    // The province outlines: china.json of echarts 4.9.0 (features keyed by 6-digit adcode).
    var geo = JSON.parse(document.getElementById('heatlift-map').textContent);
    var featureName = {};
    geo.features.forEach(function (f) { featureName[String(f.id || f.properties.id)] = f.properties.name; });
    echarts.registerMap('china', geo);
    var codeByFeature = {};
    R.provinces.forEach(function (p) {
      if (!featureName[String(p.adcode)]) throw new Error('no map outline for ' + p.code + ' (adcode ' + p.adcode + ')');
      codeByFeature[featureName[String(p.adcode)]] = p.code;
    });

    function scenarioName(i) { return ctx.label('scenario', runs[i].name, runs[i].title); }
    function pad2(h) { return (h < 10 ? '0' : '') + h; }
    // Day `d` (0 = 1 January) of the typical (non-leap) year.
    function dateOf(d) {
      var date = new Date(Date.UTC(2023, 0, 1 + d));
      var m = date.getUTCMonth(), day = date.getUTCDate();
      if (zh) return (m + 1) + '月' + day + '日';
      return day + ' ' + ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m];
    }
    // Provinces of one zone in shades from the zone's dark to its light colour.
    var shade = (function () {
      var byZone = {};
      R.provinces.forEach(function (p) { (byZone[p.zone] = byZone[p.zone] || []).push(p.code); });
      function mix(a, b, f) {
        var x = parseInt(a.slice(1), 16), y = parseInt(b.slice(1), 16), out = 0;
        for (var sh = 16; sh >= 0; sh -= 8) {
          var ca = (x >> sh) & 255, cb = (y >> sh) & 255;
          out = out * 256 + Math.round(ca + (cb - ca) * f);
        }
        return '#' + (out + 0x1000000).toString(16).slice(1);
      }
      return function (p) {
        var list = byZone[p.zone], c = ctx.zoneColors[p.zone] || ['#566573', '#d5dbdb'];
        return mix(c[0], c[1], list.length > 1 ? list.indexOf(p.code) / (list.length - 1) : 0);
      };
    })();

    function mapOption() {
      var i = state.scenario, ind = state.indicator, run = runs[i];
      var k = run.years.indexOf(state.year);
      var values = [];
      var data = R.provinces.map(function (p) {
        var v = R.scenarios[i].regions[p.code].groups.total[ind][k];
        if (typeof v === 'number') values.push(v);
        var item = { name: featureName[String(p.adcode)], value: v, code: p.code, label: { formatter: p.name } };
        if (p.code === state.region) {
          item.itemStyle = { borderColor: '#1c2833', borderWidth: 2.5 };
          item.label = { show: true, formatter: p.name, color: '#1c2833', fontSize: 12, fontWeight: 'bold',
            textBorderColor: '#fff', textBorderWidth: 3 };
        }
        return item;
      });
      var hi = Math.max.apply(null, values.concat([0])), lo = Math.min.apply(null, values.concat([0]));
      var unit = t('unit.' + ind);
      return {
        animation: false,
        textStyle: { fontFamily: ctx.fontFamily },
        title: {
          text: t('indicator.' + ind) + ' · ' + state.year + ' · ' + scenarioName(i), left: 'center', top: 6,
          textStyle: { fontSize: 14 }, subtext: t('report.map_schematic'), subtextStyle: { fontSize: 11 }
        },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var d = p.data;
            if (!d || typeof d.value !== 'number') return p.name + ': ' + t('report.no_data');
            return ctx.regionName(d.code) + '<br>' + t('indicator.' + ind) + ': ' + fmt(d.value) + ' ' + unit;
          }
        },
        visualMap: {
          type: 'continuous', min: lo, max: hi > lo ? hi : lo + 1, calculable: false, left: 12, bottom: 16,
          itemHeight: 120, text: [fmt(hi) + ' ' + unit, fmt(lo)], textStyle: { fontSize: 11 },
          inRange: { color: ctx.mapColors[ind] }
        },
        series: [{
          type: 'map', map: 'china', roam: false, selectedMode: false, top: 58, bottom: 10,
          data: data, itemStyle: { areaColor: '#eceff1', borderColor: '#909497', borderWidth: 0.6 },
          label: { show: false, fontSize: 10 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#f7dc6f' } }
        }]
      };
    }

    function peakOption() {
      var i = state.scenario, P = R.scenarios[i].peak;
      var k = P.years.indexOf(state.year);
      var reg = P.regions[state.region];
      var hour = reg.hour[k], at = hour % 24;
      var o = ctx.baseOption('', t('unit.winter_peak'));
      o.xAxis.data = [];
      for (var h = 0; h < 24; ++h) o.xAxis.data.push(pad2(h) + ':00');
      o.xAxis.boundaryGap = true;
      o.xAxis.name = t('report.hour');
      var peak;
      if (state.region === 'CN') {
        o.series = R.provinces.map(function (p, pi) {
          return { name: p.name, type: 'bar', stack: 'provinces', barCategoryGap: '12%', color: shade(p), data: reg.load[k][pi] };
        });
        peak = reg.load[k].reduce(function (s, day) { return s + (day[at] || 0); }, 0);
        o.tooltip.formatter = function (items) {
          var total = items.reduce(function (s, x) { return s + (x.value || 0); }, 0);
          var top = items.slice().sort(function (a, b) { return b.value - a.value; }).slice(0, 8);
          return items[0].axisValue + ' · ' + t('report.total') + ' ' + fmt(total) + ' ' + t('unit.winter_peak') + '<br>' +
            top.map(function (x) { return x.marker + x.seriesName + ' ' + fmt(x.value); }).join('<br>');
        };
        o.legend.type = 'scroll';
      } else {
        var p = ctx.provinceByCode[state.region];
        var color = (ctx.zoneColors[p.zone] || ['#566573'])[0];
        o.series = [{
          name: p.name, type: 'bar', color: color, barCategoryGap: '12%',
          data: reg.load[k].map(function (v, h) { return h === at ? { value: v, itemStyle: { color: '#922b21' } } : v; })
        }];
        peak = reg.load[k][at];
      }
      o.title.text = t('chart.peak_day').replace('{region}', ctx.regionName(state.region)).replace('{date}', dateOf(Math.floor(hour / 24)));
      o.title.subtext = t('report.peak_at').replace('{hour}', pad2(at) + ':00').replace('{value}', fmt(peak) + ' ' + t('unit.winter_peak')) +
        ' · ' + state.year + ' · ' + scenarioName(i);
      o.title.subtextStyle = { fontSize: 11 };
      o.grid.top = 72;
      return o;
    }

    function option(sel, value, text) {
      var o = document.createElement('option');
      o.value = String(value);
      o.textContent = text;
      sel.appendChild(o);
      return o;
    }
    function control(bar, id, caption) {
      var l = document.createElement('label');
      l.textContent = caption + ' ';
      var sel = document.createElement('select');
      sel.id = id;
      l.appendChild(sel);
      bar.appendChild(l);
      return sel;
    }
    function controlsBar(select) {
      var bar = document.createElement('div');
      bar.className = 'controls';
      var region = control(bar, 'pick-region', t('report.region'));
      option(region, 'CN', t('report.china'));
      var groups = {};
      R.provinces.forEach(function (p) {
        if (!groups[p.zone]) {
          groups[p.zone] = document.createElement('optgroup');
          groups[p.zone].label = p.zone_name;
          region.appendChild(groups[p.zone]);
        }
        option(groups[p.zone], p.code, p.name);
      });
      var back = document.createElement('button');
      back.type = 'button';
      back.id = 'back-to-china';
      back.textContent = t('report.back_to_china');
      bar.appendChild(back);
      var scenario = control(bar, 'pick-scenario', t('report.scenario'));
      runs.forEach(function (r, i) { option(scenario, i, scenarioName(i)); });
      var year = control(bar, 'pick-year', t('report.year'));
      R.scenarios[0].peak.years.forEach(function (y) { option(year, y, String(y)); });
      var indicator = control(bar, 'pick-indicator', t('report.map_indicator'));
      ctx.mapIndicators.forEach(function (ind) { option(indicator, ind, t('indicator.' + ind)); });
      region.addEventListener('change', function () { select({ region: region.value }); });
      back.addEventListener('click', function () { select({ region: 'CN' }); });
      scenario.addEventListener('change', function () { select({ scenario: Number(scenario.value) }); });
      year.addEventListener('change', function () { select({ year: Number(year.value) }); });
      indicator.addEventListener('change', function () { select({ indicator: indicator.value }); });
      controls = { region: region, back: back, scenario: scenario, year: year, indicator: indicator };
      document.getElementById('charts').appendChild(bar);
    }

    function layout(section, row, chart, select) {
      controlsBar(select);
      var s = section('regions', t('report.regions'));
      var note = document.createElement('p');
      note.className = 'note';
      note.textContent = t('report.map_note');
      s.appendChild(note);
      var r = row(s, 2);
      r.className += ' maps';
      var map = chart(r, 'province-map', mapOption, null);
      chart(r, 'peak-day', peakOption, null);
      map.chart.on('click', function (p) {
        var code = p.data && p.data.code;
        if (code) select({ region: code === state.region ? 'CN' : code });
      });
      sync();
    }

    function sync() {
      if (!controls.region) return;
      controls.region.value = state.region;
      controls.back.hidden = state.region === 'CN';
      controls.scenario.value = String(state.scenario);
      controls.year.value = String(state.year);
      controls.indicator.value = state.indicator;
      var address = '#region=' + state.region + '&scenario=' + state.scenario + '&year=' + state.year +
        '&indicator=' + state.indicator;
      if (window.history && window.history.replaceState) {
        try { window.history.replaceState(null, '', address); } catch (e) { /* file:// may refuse */ }
      }
    }

    // The state the page's address asks for (unknown keys and values are ignored), or null.
    function parseAddress() {
      var change = {}, any = false;
      (window.location.hash || '').replace(/^#/, '').split('&').forEach(function (kv) {
        var p = kv.split('='), key = p[0], v = decodeURIComponent(p[1] || '');
        if (key === 'region' && (v === 'CN' || ctx.provinceByCode[v])) change.region = v;
        else if (key === 'scenario' && runs[Number(v)]) change.scenario = Number(v);
        else if (key === 'year' && R.scenarios[0].peak.years.indexOf(Number(v)) >= 0) change.year = Number(v);
        else if (key === 'indicator' && ctx.mapIndicators.indexOf(v) >= 0) change.indicator = v;
        else return;
        any = true;
      });
      return any ? change : null;
    }
    function fromAddress(select) {
      if (linked) select(linked);
    }

    // The cells table: one row per catalogue choice (and sizing); for China the share-
    // weighted mean over the provinces using it, for a province its own cell.
    function cellsSection(section) {
      var s = section('cells', t('report.cells'));
      var note = document.createElement('p');
      note.className = 'note';
      s.appendChild(note);
      var wrap = document.createElement('div');
      wrap.className = 'table-wrap';
      s.appendChild(wrap);
      var pct = function (v) { return fmt(v * 100) + ' %'; };
      var nZones = Object.keys(R.provinces.reduce(function (z, p) { z[p.zone] = 1; return z; }, {})).length;
      var columns = [
        [t('cells.segment'), function (c) { return ctx.label('segment', c.segment); }],
        [t('cells.zones'), function (c) { return c.zones.length === nZones ? t('cells.all_zones') : c.zones.join(zh ? '、' : ', '); }, 'zones'],
        [t('cells.provinces'), function (c) { return String(c.count); }, 'num'],
        [t('cells.archetype'), function (c) { return c.archetype; }, 'code'],
        [t('cells.era'), function (c) { return c.era || '–'; }, 'code'],
        [t('cells.size'), function (c) { return fmt(c.size) + ' ' + (c.end_use === 'space_heating' ? 'm²' : t('cells.persons')); }, 'num'],
        [t('cells.tank'), function (c) { return c.tank_l > 0 ? fmt(c.tank_l) + ' L' : '–'; }, 'num'],
        [t('cells.product'), function (c) { return c.product; }, 'code'],
        [t('cells.cover'), function (c) { return pct(c.cover) + (c.lever ? ' *' : ''); }, 'num'],
        [t('cells.weight'), function (c) { return pct(c.weight); }, 'num'],
        [t('cells.heat'), function (c, f) { return fmt(f[0]); }, 'num'],
        [t('cells.spf'), function (c, f) { return f[1].toFixed(2); }, 'num'],
        [t('cells.capacity'), function (c, f) { return fmt(f[2]); }, 'num'],
        [t('cells.source'), function (c) { return c.source; }, 'source']
      ];
      function render() {
        var cells = R.scenarios[state.scenario].cells;
        var code = state.region;
        var rows = cells.filter(function (c) { return code === 'CN' || c.provinces[code]; });
        note.textContent = scenarioName(state.scenario) + (zh ? '：' : ': ') +
          (code === 'CN' ? t('report.cells_note_china') : t('report.cells_note_province').replace('{region}', ctx.regionName(code))) +
          ' ' + t('report.cells_lever');
        var table = document.createElement('table');
        table.className = 'baselines cells';
        table.id = 'cells-table';
        var head = table.createTHead().insertRow();
        columns.forEach(function (col) {
          var th = document.createElement('th');
          th.textContent = col[0];
          if (col[2]) th.className = col[2];
          head.appendChild(th);
        });
        var body = table.createTBody();
        rows.forEach(function (c) {
          var tr = body.insertRow();
          if (c.lever) tr.className = 'lever';
          var f = code === 'CN' ? c.national : c.provinces[code];
          columns.forEach(function (col) {
            var td = tr.insertCell();
            td.textContent = col[1](c, f);
            if (col[2]) td.className = col[2];
            if (col[2] === 'source') td.title = c.where;
          });
        });
        wrap.textContent = '';
        wrap.appendChild(table);
      }
      ctx.texts.push(render);
    }

    return { layout: layout, sync: sync, cellsSection: cellsSection, fromAddress: fromAddress };
  }
})();
