// Every chart of a report can be saved as a picture: PNG (echarts' own saveAsImage, at twice
// the screen's resolution) and SVG (the chart drawn again by echarts' SVG renderer, for print
// and for editing). Installed once for every page by wrapping echarts.init and setOption, so
// the pages' own scripts stay as they are. The buttons are named by their formats, PNG and
// SVG, which read the same in Chinese and English.
(function () {
  'use strict';
  var init = echarts.init;
  // A frame with a curve through it (a vector drawing), in the toolbox's icon syntax.
  var ICON = 'path://M3 3h18v18H3zM6 17C9 6 15 18 18 7';

  function fileName(dom) {
    return 'heatlift-' + (dom && dom.id ? dom.id : 'chart');
  }

  // The chart as an SVG document, drawn off screen at the chart's size.
  function svgOf(chart) {
    var off = init.call(echarts, null, null, {
      renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight()
    });
    try {
      var option = chart.getOption();
      option.animation = false;
      delete option.toolbox;
      off.setOption(option);
      return off.renderToSVGString();
    } finally {
      off.dispose();
    }
  }

  function saveSvg(chart, name) {
    var url = URL.createObjectURL(new Blob([svgOf(chart)], { type: 'image/svg+xml' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name + '.svg';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function toolbox(chart, name) {
    return {
      right: 4, top: 0, itemSize: 13, itemGap: 6,
      feature: {
        saveAsImage: { type: 'png', pixelRatio: 2, name: name, title: 'PNG',
                       backgroundColor: '#ffffff' },
        mySaveSvg: { show: true, title: 'SVG', icon: ICON,
                     onclick: function () { saveSvg(chart, name); } }
      }
    };
  }

  echarts.init = function (dom) {
    var chart = init.apply(echarts, arguments);
    var name = fileName(dom);
    var setOption = chart.setOption;
    chart.setOption = function (option) {
      var args = Array.prototype.slice.call(arguments);
      if (option && typeof option === 'object' && !Array.isArray(option) && !option.toolbox &&
          !option.baseOption) {
        args[0] = Object.assign({}, option, { toolbox: toolbox(chart, name) });
      }
      var result = setOption.apply(chart, args);
      if (dom && dom.setAttribute) dom.setAttribute('data-downloads', 'png svg');
      return result;
    };
    return chart;
  };

  // For the browser tests: with #svg-check in the address, every chart's SVG is made once
  // after the page has drawn, and its size written on the chart's element.
  if (location.hash === '#svg-check') {
    window.addEventListener('load', function () {
      setTimeout(function () {
        var nodes = document.querySelectorAll('[data-downloads]');
        for (var i = 0; i < nodes.length; ++i) {
          var chart = echarts.getInstanceByDom(nodes[i]);
          var svg = '';
          try { svg = chart ? svgOf(chart) : ''; } catch (e) { svg = 'error: ' + e; }
          nodes[i].setAttribute('data-svg', svg.indexOf('<svg') === 0 ? String(svg.length) : 'none');
        }
        document.documentElement.setAttribute('data-svg-checked', String(nodes.length));
      }, 0);
    });
  }
})();
