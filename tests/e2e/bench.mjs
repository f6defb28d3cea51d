// Extension benchmark (not a test): `node tests/e2e/bench.mjs` (npm run bench, ./build.sh bench).
// Prints: service-worker cold start (instantiate WASM + load bundle + build the engine), the content
// script's main-thread time and longest task on a 1 MB page with 2,000 links and 200 mentions, and the
// gzipped size of the WASM. Budgets from DESIGN.md are shown next to each number.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { DIST, inContentWorld, launch, settledMarks } from './harness.mjs';
import { startServer } from './server.mjs';
import { benchPage } from './fixtures/generate.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function coldStarts(browser) {
  const helper = await browser.context.newPage();
  await helper.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  const cdp = await browser.context.newCDPSession(helper);
  await cdp.send('ServiceWorker.enable');
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await helper.waitForTimeout(200);
    const answer = await helper.evaluate(() => chrome.runtime.sendMessage({ type: 'timings' }));
    samples.push(answer.result);
  }
  await helper.close();
  return samples;
}

async function contentScript(browser) {
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('http://bench.example.net/generated/bench');
    const marks = await settledMarks(page, { min: 1000, quietMs: 800 });
    // The content script's timings live in its isolated world, never in the page's timeline.
    const timings = await inContentWorld(page, 'globalThis.mastheadTimings');
    const first = timings?.firstStart ?? Infinity;
    const longTasks = await page.evaluate((from) => window.longTasks.filter((t) => t.start + t.duration >= from).map((t) => t.duration), first);
    const result = { ...timings, longTasksDuringScan: longTasks };
    results.push({ ...result, marks });
    await page.close();
  }
  return results;
}

const server = await startServer();
const browser = await launch({ port: server.port });
try {
  const page = benchPage();
  const cold = await coldStarts(browser);
  const content = await contentScript(browser);
  const wasm = readFileSync(path.join(DIST, 'pkg/masthead_wasm_bg.wasm'));
  const bundle = readFileSync(path.join(DIST, 'pkg/masthead.bundle'));
  const longTasks = content.flatMap((r) => r.longTasksDuringScan);
  const rows = [
    ['service worker cold start: instantiate WASM', ms(median(cold.map((c) => c.instantiateMs))), ''],
    ['service worker cold start: load bundle', ms(median(cold.map((c) => c.loadBundleMs))), ''],
    ['service worker cold start: build engine (all)', ms(median(cold.map((c) => c.buildEngineMs))), ''],
    ['  of which the Engine constructor (bundle -> automaton)', ms(median(cold.map((c) => c.engineConstructorMs))), ''],
    ['service worker cold start: total', ms(median(cold.map((c) => c.totalMs))), '≤ 20 ms'],
    [`content script, ${(page.bytes / 1e6).toFixed(1)} MB page, ${page.links} links, ${page.mentions} mentions: main-thread total`, ms(median(content.map((r) => r.total))), '≤ 50 ms'],
    ['content script: walking the DOM (links + block texts)', ms(median(content.map((r) => r.collect))), ''],
    ['content script: sending texts and links to the worker', ms(median(content.map((r) => r.send))), ''],
    ['content script: drawing marks', ms(median(content.map((r) => r.apply))), ''],
    ['content script: longest task', ms(median(content.map((r) => r.longest))), '≤ 50 ms'],
    ['long tasks (> 50 ms, any source) while the script ran', `${longTasks.length} in ${RUNS} runs${longTasks.length ? ` (max ${ms(Math.max(...longTasks))})` : ''}`, '0'],
    ['marks drawn', String(content[0].marks), ''],
    ['WASM, gzip -9', `${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KB (raw ${(wasm.length / 1024).toFixed(0)} KB)`, '≤ 200 KB'],
    ['bundle, gzip -9', `${(gzipSync(bundle, { level: 9 }).length / 1024).toFixed(0)} KB (raw ${(bundle.length / 1024).toFixed(0)} KB)`, ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`Masthead extension benchmark (median of ${RUNS} runs, Chromium headless)\n`);
  console.log(`${'what'.padEnd(width)}  ${'measured'.padEnd(24)}  budget`);
  for (const [what, value, budget] of rows) console.log(`${what.padEnd(width)}  ${value.padEnd(24)}  ${budget}`);
} finally {
  await browser.close();
  await server.close();
}
