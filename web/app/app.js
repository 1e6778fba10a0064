// The web application of `heatlift serve`: hash routes (#/roadmap, #/site, #/cycle,
// #/rating, #/monitor), each page a module with mount(el, ctx); the language switch redraws the page.
import {t, currentLang, setLang} from './i18n.js';
import {fmt} from './charts.js';
import * as roadmap from './roadmap.js';
import * as site from './site.js';
import * as cycle from './cycle.js';
import * as rating from './rating.js';
import * as monitor from './monitor.js';

const pages = {roadmap, site, cycle, rating, monitor};
const order = ['roadmap', 'site', 'cycle', 'rating', 'monitor'];

/// Calls the API; resolves to its JSON document, rejects with the error document's message.
async function api(path, init) {
  const r = await fetch('api/' + path, init);
  const text = await r.text();
  let doc = null;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: HTTP ${r.status}, not JSON`);
  }
  if (!r.ok) {
    const err = doc && doc.error ? doc.error : {code: String(r.status), message: text};
    throw new Error(`${err.message} (${err.code})`);
  }
  return doc;
}

function postJson(path, body) {
  return api(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
}

function postToml(path, text) {
  return api(path, {method: 'POST', headers: {'Content-Type': 'application/toml'}, body: text});
}

/// A status line for a page: busy while a request runs, the message when it fails.
function statusLine(el) {
  let pending = 0;
  return {
    async run(promise) {
      ++pending;
      el.className = 'status busy';
      el.textContent = t('app.loading');
      try {
        const v = await promise;
        if (--pending === 0) {
          el.className = 'status';
          el.textContent = '';
        }
        return v;
      } catch (e) {
        --pending;
        el.className = 'status error';
        el.textContent = t('app.error') + ': ' + e.message;
        throw e;
      }
    }
  };
}

/// Calls `fn` once `ms` after the last call (sliders fire many events).
function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/// A <label> with its control, for the pages' forms.
function field(labelText, control) {
  const l = document.createElement('label');
  l.className = 'field';
  const s = document.createElement('span');
  s.textContent = labelText;
  l.append(s, control);
  return l;
}

function select(id, options, value) {
  const s = document.createElement('select');
  s.id = id;
  for (const [v, text] of options) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = text;
    s.append(o);
  }
  if (value !== undefined) s.value = value;
  return s;
}

function range(id, min, max, step, value) {
  const wrap = document.createElement('span');
  wrap.className = 'range';
  const r = document.createElement('input');
  Object.assign(r, {type: 'range', id, min, max, step, value});
  const out = document.createElement('output');
  out.textContent = value;
  r.addEventListener('input', () => (out.textContent = r.value));
  wrap.append(r, out);
  wrap.input = r;
  return wrap;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const ctx = {api, postJson, postToml, statusLine, debounce, field, select, range, el, fmt, t, lang: currentLang};

let cleanup = null;

function route() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1];
  return pages[name] ? name : 'roadmap';
}

function render() {
  const name = route();
  document.title = t('nav.' + name) + ' · ' + t('app.title');
  const nav = document.getElementById('nav');
  nav.textContent = '';
  for (const p of order) {
    const a = el('a', p === name ? 'active' : '', t('nav.' + p));
    a.href = '#/' + p;
    a.id = 'nav-' + p;
    nav.append(a);
  }
  document.getElementById('lang').textContent = t('app.lang');
  document.getElementById('foot').textContent = t('app.footer');
  if (cleanup) cleanup();
  const main = document.getElementById('page');
  main.textContent = '';
  main.dataset.page = name;
  cleanup = pages[name].mount(main, ctx) || null;
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  render();
});
window.addEventListener('hashchange', render);
setLang(currentLang());
render();
