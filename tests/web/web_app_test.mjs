// Browser tests of the web application of `heatlift serve` (web/app): start the server on a
// free port of 127.0.0.1, load every page in Debian's chromium (playwright-core from
// web/node_modules), change inputs, wait for the charts and the map to be drawn again with
// the new answer, and save screenshots at a laptop's and a phone's size.
//
//   node tests/web/web_app_test.mjs <heatlift executable> <screenshot folder>
//
// Exit 0 when every check holds, 1 on the first that does not, 77 (ctest: skipped) when
// chromium is not installed.
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import {createRequire} from 'node:module';
import path from 'node:path';

const [exe, outDir] = process.argv.slice(2);
if (!exe || !outDir) {
  console.error('usage: node web_app_test.mjs <heatlift> <screenshot folder>');
  process.exit(2);
}
const chromiumPath = '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`skipped: ${chromiumPath} is not installed (scripts/bootstrap installs it)`);
  process.exit(77);
}
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const {chromium} = require('playwright-core');
mkdirSync(outDir, {recursive: true});

function fail(msg) {
  throw new Error(msg);
}

function check(cond, msg) {
  if (!cond) fail(msg);
  console.log('ok   ' + msg);
}

// A monitoring store of three synthetic units (one healthy, one short-cycling, one degrading)
// for the monitoring page, written by `heatlift monitor synth`.
function makeStore(dir) {
  const db = path.join(dir, 'fleet.db');
  const args = ['monitor', 'synth', '--db', db, '--healthy', '1', '--per-fault', '1', '--fault', 'short_cycling',
                '--fault', 'degradation', '--seasons', '2', '--interval', '15 min'];
  return new Promise((resolve, reject) => {
    const c = spawn(exe, args, {stdio: ['ignore', 'ignore', 'pipe']});
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('error', (e) => reject(new Error(`cannot run ${exe}: ${e.message}`)));
    c.on('exit', (code) => (code === 0 ? resolve(db) : reject(new Error(`monitor synth failed (${code}): ${err}`))));
  });
}

// Starts `heatlift serve --port 0` and resolves to its base URL once it listens.
function startServer(db) {
  const child = spawn(exe, ['serve', '--host', '127.0.0.1', '--port', '0', '--db', db], {stdio: ['ignore', 'pipe', 'pipe']});
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\/api/);
      if (m) resolve({child, base: m[1]});
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => reject(new Error(`cannot run ${exe}: ${e.message}`)));
    child.on('exit', (code) => reject(new Error(`heatlift serve exited (${code}): ${out}`)));
    setTimeout(() => reject(new Error('heatlift serve did not start in 20 s: ' + out)), 20000);
  });
}

const drawn = (page, id) => page.$eval('#' + id, (e) => Number(e.dataset.drawn || 0)).catch(() => 0);

// Runs `action`, then waits until chart `id` has been drawn again.
async function redraw(page, id, action, timeout = 60000) {
  const before = await drawn(page, id);
  await action();
  try {
    await page.waitForFunction(([i, b]) => Number((document.getElementById(i) || {dataset: {}}).dataset.drawn || 0) > b,
                               [id, before], {timeout});
  } catch (e) {
    const status = await page.$$eval('.status', (els) => els.map((x) => x.textContent).join(' | '));
    fail(`#${id} was not drawn again within ${timeout / 1000} s (the page's status: "${status}")`);
  }
}

async function setRange(page, id, value) {
  await page.$eval('#' + id, (e, v) => {
    e.value = String(v);
    e.dispatchEvent(new Event('input', {bubbles: true}));
  }, value);
}

const option = (page, id) => page.$eval('#' + id, (e) => {
  const o = echarts.getInstanceByDom(e).getOption();
  return {title: (o.title && o.title[0] && o.title[0].text) || '', series: o.series.map((s) => ({name: s.name, data: s.data}))};
});

const num = (v) => (typeof v === 'number' ? v : v && typeof v.value === 'number' ? v.value : Array.isArray(v) ? v[1] : NaN);

async function roadmapPage(page, shot) {
  await page.waitForFunction(() => Number(document.getElementById('rm-map')?.dataset.drawn || 0) > 0, null, {timeout: 90000});
  let map = await option(page, 'rm-map');
  const values = map.series[0].data.filter((d) => typeof d.value === 'number' && d.value > 0);
  check(values.length === 31, `roadmap: the map colours 31 provinces by CO2 saved (${values.length})`);
  check(map.title.includes('CO₂'), `roadmap: the map title names CO2 ("${map.title}")`);
  const series = await option(page, 'rm-series');
  check(series.series.length === 3, `roadmap: three scenarios side by side (${series.series.map((s) => s.name).join(', ')})`);
  const table = await page.textContent('#rm-table');
  check(table.includes('万台') && table.includes('Mt CO2e/年'), 'roadmap: the table gives units as Chinese readers write them (万台, Mt CO2e/年)');
  await shot('roadmap');
  await redraw(page, 'rm-map', () => page.selectOption('#rm-map-indicator', 'winter_peak'));
  map = await option(page, 'rm-map');
  check(map.title.includes('冬季电力峰值'), `roadmap: the map switches to the winter peak ("${map.title}")`);
  const peak2035 = map.series[0].data.find((d) => d.code === 'CN-HE').value;
  await redraw(page, 'rm-map', () => setRange(page, 'rm-year', 7));
  map = await option(page, 'rm-map');
  const peak2060 = map.series[0].data.find((d) => d.code === 'CN-HE').value;
  check(map.title.includes('2060') && peak2060 > peak2035,
        `roadmap: the year slider moves the map to 2060 (Hebei's peak ${peak2035.toFixed(2)} → ${peak2060.toFixed(2)} GW)`);
  await redraw(page, 'rm-series', () => page.selectOption('#rm-province', 'CN-HE'));
  const s2 = await option(page, 'rm-series');
  check(s2.title.includes('河北') && s2.series[0].data.length === 8, `roadmap: the province picker draws Hebei's milestones ("${s2.title}")`);
  await redraw(page, 'rm-series', () => page.uncheck('#rm-scn-ngs'));
  check((await option(page, 'rm-series')).series.length === 2, 'roadmap: unticking NGS leaves two scenarios');
  await page.check('#rm-scn-ngs');
  await shot('roadmap-hebei-peak');
  await roadmapLevers(page, shot);
}

// The lever sliders: they start at the action plan's values; moving one posts the scenario
// (POST /api/roadmap, every province: several seconds on a loaded machine) and its run joins
// the table, the chart and the map beside the shipped scenarios.
async function roadmapLevers(page, shot) {
  const start = await page.$eval('#rm-lever-backup_reduction', (e) => [e.value, e.min, e.max]);
  check(start.join() === '50,0,100', `roadmap: the back-up slider starts at the action plan's 50 % of 0–100 % (${start})`);
  const peakCell = (name) => page.$eval(`#rm-table tr[data-scenario="${name}"]`,
                                        (tr) => Number(tr.children[2].textContent.replace(/,/g, '')));
  await setRange(page, 'rm-lever-backup_reduction', 100);
  try {
    await page.waitForSelector('#rm-table tr[data-scenario="levers"]', {timeout: 240000});
  } catch (e) {
    const status = await page.$$eval('.status', (els) => els.map((x) => x.textContent).join(' | '));
    fail(`roadmap: the lever scenario's row did not come within 240 s (the page's status: "${status}")`);
  }
  const plan = await peakCell('action-plan');
  const mine = await peakCell('levers');
  check(mine > 0 && mine < plan,
        `roadmap: all of the electric back-up cut lowers Hebei's 2060 winter peak (${plan} → ${mine} GW)`);
  const series = await option(page, 'rm-series');
  check(series.series.length === 4 && series.series[3].name === '自定义杠杆',
        `roadmap: the chart draws the lever scenario beside the shipped three (${series.series.map((x) => x.name).join(', ')})`);
  check((await option(page, 'rm-map')).title.includes('自定义杠杆'), 'roadmap: the map shows the lever scenario');
  await shot('roadmap-levers');
}

async function sitePage(page, shot) {
  await page.waitForSelector('#kpi-spf', {timeout: 60000});
  const spf = async () => Number((await page.textContent('#kpi-spf .kpi-value')).replace(/,/g, ''));
  const cost = await option(page, 'site-cost');
  check(cost.series[0].data.length === 4 && cost.series[0].data.every((d) => num(d) > 0),
        `site: annual cost of the heat pump and three baselines (${cost.series[0].data.map((d) => num(d).toFixed(0)).join(', ')} CNY)`);
  const spfSjz = await spf();
  check(spfSjz > 1.5 && spfSjz < 5, `site: Shijiazhuang SPF ${spfSjz}`);
  await shot('site');
  await redraw(page, 'site-monthly', () => page.selectOption('#site-city', 'Harbin'));
  const spfHrb = await spf();
  check(spfHrb < spfSjz, `site: Harbin's colder year lowers the SPF (${spfSjz} → ${spfHrb})`);
  const before = (await option(page, 'site-monthly')).series[0].data.reduce((a, b) => a + num(b), 0);
  await redraw(page, 'site-monthly', () => setRange(page, 'site-area', 240));
  const after = (await option(page, 'site-monthly')).series[0].data.reduce((a, b) => a + num(b), 0);
  check(after > 1.5 * before, `site: twice the floor area, about twice the heat (${before.toFixed(0)} → ${after.toFixed(0)} kWh)`);
  await shot('site-harbin');
}

async function cyclePage(page, shot) {
  await page.waitForFunction(() => Number(document.getElementById('cycle-ph')?.dataset.drawn || 0) > 0, null, {timeout: 60000});
  const cop = async () => Number(await page.textContent('#cycle-cop .kpi-value'));
  const cop45 = await cop();
  check(Math.abs(cop45 - 4.256) < 0.02, `cycle: R32 0/45 °C COP ${cop45} (the example's 4.256)`);
  let ph = await option(page, 'cycle-ph');
  check(ph.series[0].data.length >= 20 && ph.series[1].data.length === 5, `cycle: p–h diagram with the dome (${ph.series[0].data.length} points) and the cycle`);
  const cmp = await option(page, 'cycle-compare');
  check(cmp.series[0].data.length >= 4, `cycle: ${cmp.series[0].data.length} refrigerants compared`);
  await shot('cycle');
  await redraw(page, 'cycle-ph', () => setRange(page, 'cycle-tcond', 55));
  const cop55 = await cop();
  check(cop55 < cop45, `cycle: condensing at 55 °C lowers the COP (${cop45} → ${cop55})`);
  await redraw(page, 'cycle-ph', () => page.selectOption('#cycle-fluid', 'R290'));
  ph = await option(page, 'cycle-ph');
  check(ph.title.includes('R290'), `cycle: the diagram redraws for R290 ("${ph.title}")`);
  await shot('cycle-r290');
}

async function ratingPage(page, shot) {
  await page.waitForSelector('#rating-grade-text', {timeout: 60000});
  const grade = () => page.textContent('#rating-grade-text');
  check((await grade()).includes('2'), `rating: the example low-ambient ASHP is grade 2 ("${await grade()}")`);
  await shot('rating');
  await redraw(page, 'rating-chart', () => setRange(page, 'rating-metric', 3.7));
  check((await grade()).includes('1'), `rating: HSPF 3.7 makes grade 1 ("${await grade()}")`);
  await redraw(page, 'rating-chart', () => setRange(page, 'rating-metric', 2.5));
  check(!(await page.$('#rating-grade')), `rating: HSPF 2.5 is below grade 3, no grade marked ("${await grade()}")`);
  await shot('rating-ungraded');
}

async function monitorPage(page, shot) {
  await page.waitForFunction(() => Number(document.getElementById('mon-spf')?.dataset.drawn || 0) > 0, null, {timeout: 60000});
  const units = await page.$$eval('#mon-units tr', (rows) => rows.length - 1);
  check(units === 3, `monitor: the store's three units are listed (${units})`);
  let spf = await option(page, 'mon-spf');
  check(spf.series[0].data.length >= 8, `monitor: measured SPF for ${spf.series[0].data.length} months of syn-0001`);
  await shot('monitor');
  await redraw(page, 'mon-spf', () => page.selectOption('#mon-unit', 'syn-0003'));
  await page.waitForFunction(() => (document.getElementById('mon-findings')?.textContent || '').includes('syn-0003'));
  const text = await page.textContent('#mon-findings');
  check(text.includes('性能衰减'), `monitor: syn-0003's findings name its degradation ("${text.slice(0, 60)}…")`);
  spf = await option(page, 'mon-spf');
  const r = spf.series[2].data.map(num);
  check(r[r.length - 1] < r[0] - 5, `monitor: syn-0003's residual against its map falls (${r[0].toFixed(1)} → ${r[r.length - 1].toFixed(1)} %)`);
  const trend = Number((await page.textContent('#mon-trend .kpi-value')).replace(/,/g, ''));
  check(trend < 0, `monitor: a negative residual trend (${trend} points a year)`);
  await shot('monitor-degradation');
}

// The server answers the application's files with their types and the API's 404 for others.
async function staticFiles(base) {
  for (const [p, type] of [['/', 'text/html'], ['/app/app.js', 'text/javascript'], ['/app/app.css', 'text/css'],
                           ['/app/echarts.min.js', 'text/javascript'], ['/app/china.json', 'application/json']]) {
    const r = await fetch(base + p);
    check(r.ok && r.headers.get('content-type').startsWith(type), `GET ${p}: ${r.status} ${r.headers.get('content-type')}`);
  }
  const zh = await (await fetch(base + '/app/messages.zh.json')).json();
  const en = await (await fetch(base + '/app/messages.en.json')).json();
  const same = Object.keys(zh).sort().join() === Object.keys(en).sort().join();
  check(same && Object.keys(zh).length > 100 && zh['nav.roadmap'] === '路线图' && en['nav.roadmap'] === 'Roadmap',
        `the pages' texts from the catalogue: ${Object.keys(zh).length} keys in zh and en`);
  const first = await fetch(base + '/app/echarts.min.js');
  const etag = first.headers.get('etag');
  const again = await fetch(base + '/app/echarts.min.js', {headers: {'If-None-Match': etag}});
  check(etag && again.status === 304, `GET /app/echarts.min.js again with its ETag ${etag}: ${again.status}`);
  const missing = await fetch(base + '/app/nothing.js');
  const doc = await missing.json();
  check(missing.status === 404 && doc.error.code === 'unknown_endpoint', `GET /app/nothing.js: 404 ${doc.error.code}`);
}

const pages = [['roadmap', roadmapPage], ['site', sitePage], ['cycle', cyclePage], ['rating', ratingPage],
               ['monitor', monitorPage]];
const viewports = [['laptop', {width: 1366, height: 768}], ['phone', {width: 390, height: 844}]];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'heatlift-web-'));
  const {child, base} = await startServer(await makeStore(dir));
  await staticFiles(base);
  const browser = await chromium.launch({executablePath: chromiumPath, args: ['--no-sandbox']});
  const errors = [];
  try {
    for (const [vpName, viewport] of viewports) {
      const context = await browser.newContext({viewport, deviceScaleFactor: 1});
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${vpName}: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`${vpName}: console: ${m.text()}`));
      page.on('response', (r) => r.status() >= 400 && errors.push(`${vpName}: ${r.status()} ${r.url()}`));
      for (const [name, test] of pages) {
        await page.goto(`${base}/#/${name}`);
        const shot = (what) => page.screenshot({path: path.join(outDir, `web-${what}-${vpName}.png`), fullPage: vpName === 'phone'});
        await test(page, shot);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(overflow <= 0, `${name} (${vpName}): no sideways scrolling (${overflow} px)`);
      }
      // English on the switch; the page keeps its state.
      await page.goto(`${base}/#/site`);
      await page.waitForSelector('#kpi-spf', {timeout: 60000});
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('h1').textContent.startsWith('Site calculator') &&
                                   Number(document.getElementById('site-cost')?.dataset.drawn || 0) > 0, null, {timeout: 30000});
      check((await page.textContent('#nav-site')) === 'Site' && (await page.textContent('h1')).startsWith('Site calculator'),
            `English on the switch (${vpName})`);
      await page.screenshot({path: path.join(outDir, `web-site-en-${vpName}.png`), fullPage: vpName === 'phone'});
      await page.click('#lang');
      check((await page.textContent('#nav-site')) === '项目计算', `back to Chinese (${vpName})`);
      await context.close();
    }
    check(errors.length === 0, `no script errors in the pages${errors.length ? ': ' + errors.join('; ') : ''}`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dir, {recursive: true, force: true});
  }
  console.log(`screenshots in ${outDir}`);
}

main().catch((e) => {
  console.error('FAIL ' + e.message);
  process.exit(1);
});
