// Chart helpers over Apache ECharts (the global `echarts`, app/echarts.min.js): one chart per
// element, resized with its element, and the China province outlines registered once.

const palette = ['#1f618d', '#c0392b', '#239b56', '#b9770e', '#7d3c98', '#566573'];

export function fontFamily() {
  return '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';
}

/// The chart drawn in `el` (made on first use); setOption replaces what it showed.
export function chartIn(el) {
  let c = echarts.getInstanceByDom(el);
  if (!c) {
    c = echarts.init(el, null, {renderer: 'canvas'});
    new ResizeObserver(() => c.resize()).observe(el);
  }
  return c;
}

/// Draws `option` in `el` and marks the element with a version the browser tests wait for.
export function draw(el, option) {
  const c = chartIn(el);
  c.setOption(Object.assign({color: palette, animation: false, textStyle: {fontFamily: fontFamily()}}, option),
              {notMerge: true});
  el.dataset.drawn = String(Number(el.dataset.drawn || 0) + 1);
  return c;
}

let china = null;
/// Registers the 'china' map (echarts 4.9.0's china.json: 34 units with Chinese names).
export async function chinaMap() {
  if (!china) {
    china = fetch('app/china.json').then((r) => {
      if (!r.ok) throw new Error('app/china.json: HTTP ' + r.status);
      return r.json();
    }).then((geo) => {
      echarts.registerMap('china', geo);
      return geo;
    });
  }
  return china;
}

/// A number with about three significant digits, grouped.
export function fmt(v, digits) {
  if (typeof v !== 'number' || !isFinite(v)) return '–';
  const a = Math.abs(v);
  const d = digits !== undefined ? digits : a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return v.toLocaleString(undefined, {minimumFractionDigits: d, maximumFractionDigits: d});
}
