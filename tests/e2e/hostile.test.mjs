// Hostile and unusual pages (issue #11): the extension leaves no trace a page can read, marks are known
// by identity and cannot be forged, a page that updates its own text nodes keeps its text, and very
// large pages are marked in chunks, with the popup saying how far a page beyond the limit was read.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closedShadowContent, inContentWorld, launch, listMarks, openPopup, settledMarks, tabIdOf } from './harness.mjs';
import { startServer } from './server.mjs';

const html = (body, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile page</title></head><body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
const page = (body, script) => (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html(body, script));
};

const ROUTES = {
  '/plain': page('<p id="p">Markets were calm on Friday as traders waited for the central bank.</p>'),
  '/cited': page('<p id="p">Markets fell sharply today, Xinhua reported.</p>'),
  // A page-made mark with a real outlet id, right after a real link to that outlet, and one in the text.
  '/forged': page(
    '<p id="p1"><a id="a-xinhua" href="https://www.xinhuanet.com/world/1.htm">a report</a><masthead-mark id="fake1" data-masthead-outlet="xinhua" data-masthead-kind="link" tabindex="0">X</masthead-mark> on the talks.</p>' +
      '<p id="p2">Nothing to see <masthead-mark id="fake2" data-masthead-outlet="xinhua" data-masthead-kind="mention" tabindex="0">here</masthead-mark>.</p>',
  ),
  // A framework-like page: it keeps its text nodes and later sets them, or removes one.
  '/framework': page(
    '<p id="p1">Markets fell sharply today, Xinhua reported.</p><p id="p2"><span id="s2">Reuters said the talks would resume.</span></p>',
    `window.node1 = document.getElementById('p1').firstChild;
     window.node2 = document.getElementById('s2').firstChild;`,
  ),
  // 20,800 table cells (over the 20,000 texts one message may carry), the only citation in the last one.
  '/table': (req, res) => {
    const cells = [];
    for (let i = 0; i < 20_800; i++) cells.push(i === 20_799 ? '<td id="last">Xinhua reported the figure.</td>' : `<td>row ${i} value</td>`);
    const rows = [];
    for (let i = 0; i < cells.length; i += 8) rows.push(`<tr>${cells.slice(i, i + 8).join('')}</tr>`);
    page(`<table>${rows.join('')}</table>`)(req, res);
  },
  // More blocks than a page is read for: the popup must say so.
  '/endless': (req, res) => {
    const blocks = ['<p id="first">Xinhua reported the first figure.</p>'];
    for (let i = 0; i < 100_050; i++) blocks.push(`<p>line ${i} of the log</p>`);
    page(blocks.join(''))(req, res);
  },
};

let server;
let browser;

before(async () => {
  server = await startServer(ROUTES);
  browser = await launch({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The content script's own record of its work; proves it ran on the page. */
const timings = (p) => inContentWorld(p, 'globalThis.mastheadTimings');

describe('no trace a page can read', () => {
  for (const [name, path, marks] of [['a page citing nobody', '/plain', 0], ['a page with a mark', '/cited', 1]]) {
    it(`leaves nothing in the timeline or globals of ${name}`, async () => {
      const p = await browser.context.newPage();
      await p.goto(`http://hostile.example.net${path}`);
      if (marks) await settledMarks(p, { min: marks });
      else await p.waitForTimeout(1500);
      const ran = await timings(p);
      assert.ok(ran?.slices > 0, 'the content script ran and did its work');
      const trace = await p.evaluate(() => ({
        timeline: performance.getEntries().map((e) => e.name).filter((n) => /masthead/i.test(n)),
        marksAndMeasures: performance.getEntriesByType('measure').length + performance.getEntriesByType('mark').length,
        globals: Object.getOwnPropertyNames(window).filter((k) => /masthead/i.test(k)),
        elements: document.querySelectorAll('masthead-mark, masthead-card').length,
      }));
      assert.deepEqual(trace, { timeline: [], marksAndMeasures: 0, globals: [], elements: marks });
      await p.close();
    });
  }
});

describe('marks are known by identity', () => {
  it('a page-made mark opens no card and does not stop the real mark', async () => {
    const p = await browser.context.newPage();
    await p.goto('http://hostile.example.net/forged');
    await settledMarks(p, { min: 3 }); // two fakes and the real one
    const marks = await listMarks(p);
    const real = await p.evaluate(() => [...document.querySelectorAll('masthead-mark:not([id])')].map((m) => m.getAttribute('data-masthead-outlet')));
    assert.deepEqual(real, ['xinhua'], `the real link mark is drawn despite the fake after the link: ${JSON.stringify(marks)}`);
    for (const fake of ['#fake1', '#fake2']) {
      await p.hover(fake);
      await p.focus(fake);
      await p.waitForTimeout(400);
      const cards = await closedShadowContent(p, 'masthead-card');
      assert.ok(cards.every((c) => c.text === ''), `${fake} opened a card: ${JSON.stringify(cards)}`);
    }
    await p.hover('masthead-mark:not([id])');
    await p.waitForTimeout(300);
    const [card] = await closedShadowContent(p, 'masthead-card');
    assert.match(card?.text ?? '', /Xinhua News Agency/, 'the real mark still opens its card');
    await p.close();
  });
});

describe('pages that update their own text nodes', () => {
  it('a text node set by the page shows exactly the page text, then is marked afresh', async () => {
    const p = await browser.context.newPage();
    await p.goto('http://hostile.example.net/framework');
    await settledMarks(p, { min: 2 });
    await p.evaluate(() => {
      window.node1.data = 'Markets rose, AFP reported.';
    });
    await p.waitForTimeout(100);
    const text = await p.evaluate(() => document.getElementById('p1').textContent);
    assert.equal(text, 'Markets rose, AFP reported.');
    await settledMarks(p, { min: 2 });
    const marks = (await listMarks(p)).filter((m) => m.block === 'p1').map((m) => m.outlet);
    assert.deepEqual(marks, ['agence-france-presse'], 'the new text is marked, the old mark is gone');
    await p.close();
  });

  it('a text node removed by the page takes the marked rest of its text with it', async () => {
    const p = await browser.context.newPage();
    await p.goto('http://hostile.example.net/framework');
    await settledMarks(p, { min: 2 });
    await p.evaluate(() => window.node2.remove());
    await p.waitForTimeout(100);
    const left = await p.evaluate(() => ({ text: document.getElementById('s2').textContent, marks: document.querySelectorAll('#s2 masthead-mark').length }));
    assert.deepEqual(left, { text: '', marks: 0 });
    await p.close();
  });
});

describe('very large pages', () => {
  it('marks a citation in the last of 20,800 table cells', async () => {
    const p = await browser.context.newPage();
    await p.goto('http://hostile.example.net/table');
    await settledMarks(p, { min: 1, timeoutMs: 60000 });
    const marks = await listMarks(p);
    assert.deepEqual(marks.map((m) => [m.block, m.outlet]), [['last', 'xinhua']]);
    await p.close();
  });

  it('says in the popup how far a page beyond the limit was read', async () => {
    const p = await browser.context.newPage();
    await p.goto('http://hostile.example.net/endless');
    await settledMarks(p, { min: 1, timeoutMs: 90000 });
    const tabId = await tabIdOf(browser, p);
    let notice = '';
    for (let i = 0; i < 100 && !notice; i++) {
      const popup = await openPopup(browser, tabId);
      notice = (await popup.locator('.unread').textContent().catch(() => '')) ?? '';
      await popup.close();
      if (!notice) await p.waitForTimeout(500);
    }
    assert.match(notice, /first 100,000 blocks of text \(51 more were not read\)/);
    await p.close();
  });
});
