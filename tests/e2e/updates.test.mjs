// Dataset updates in the browser: a local server offers, in turn, a valid newer bundle and every kind
// of bad one. Each bad one must be refused with its own message while the previous dataset keeps
// answering, and a local edit must stay visible through all of it and through a browser restart.
// Test keys and bundles are made with the masthead CLI; the extension under test is a copy of
// dist/chrome whose public key is replaced by the test key.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DIST, OUTPUT, ROOT, closedShadowContent, launch, openExtension, openPopup, settledMarks, tabIdOf } from './harness.mjs';
import { startServer } from './server.mjs';

const CLI = path.join(ROOT, 'target/release/masthead');
const NEWER = 9_000_000_000;
const TIMEOUT_MS = 2000;

let work;
let dist;
let server;
let browser;
let offer = null; // what the update server answers: { body } or 'hang'
let bundles;

const masthead = (...args) => execFileSync(CLI, args, { stdio: ['ignore', 'pipe', 'pipe'] });

const GAZETTE = {
  entities: [
    {
      id: 'update-gazette',
      name: 'Update Gazette',
      kind: 'outlet',
      country: 'CA',
      domains: ['update-gazette.example'],
      labels: ['private'],
      sources: [{ url: 'https://update-gazette.example/about', checked: '2026-11-28' }],
    },
  ],
};

async function makeBundles() {
  const keys = path.join(work, 'keys');
  const otherKeys = path.join(work, 'other-keys');
  masthead('keygen', '--out', keys);
  masthead('keygen', '--out', otherKeys);
  // The newer dataset: everything in data/ plus one outlet only it has.
  const data = path.join(work, 'data');
  await mkdir(data);
  for (const file of await readdir(path.join(ROOT, 'data'))) {
    if (file.endsWith('.json')) await cp(path.join(ROOT, 'data', file), path.join(data, file));
  }
  await writeFile(path.join(data, 'zz-test.json'), JSON.stringify(GAZETTE, null, 2));
  // The newer dataset also changes an entity the reader has edited, which must show as a conflict.
  const cn = JSON.parse(await readFile(path.join(data, 'cn.json'), 'utf8'));
  cn.entities.find((entity) => entity.id === 'xinhua').note = 'Changed by the newer test dataset.';
  await writeFile(path.join(data, 'cn.json'), JSON.stringify(cn, null, 2));
  const build = (name, version, key, dir = data) => {
    const file = path.join(work, name);
    masthead('build', dir, '-o', file, '--version', String(version));
    if (key) masthead('sign', file, '--key', path.join(key, 'masthead.key'));
    return readFile(file);
  };
  const newer = await build('newer.bundle', NEWER, keys);
  const tampered = Buffer.from(newer);
  tampered[Math.floor(tampered.length / 2)] ^= 0x5a;
  return {
    publicKey: (await readFile(path.join(keys, 'masthead.pub'), 'utf8')).trim(),
    newer,
    tampered,
    truncated: newer.subarray(0, Math.floor(newer.length / 2)),
    oversized: Buffer.alloc(17 * 1024 * 1024, 7),
    otherKey: await build('other-key.bundle', NEWER + 1, otherKeys),
    older: await build('older.bundle', 1, keys, path.join(ROOT, 'data')), // without the Gazette
    older2: await build('older2.bundle', 2, keys, path.join(ROOT, 'data')),
    plus6: await build('plus6.bundle', NEWER + 6, keys),
    // A version of the usual YYYYMMDDNN shape, below the highest an unsigned import can get (2100123100).
    dated: await build('dated.bundle', 2099010100, keys),
    plus7: await build('plus7.bundle', NEWER + 7, keys),
    notBundle: Buffer.from('<!doctype html><title>Not found</title><p>This is an error page, not a dataset.</p>'),
  };
}

async function testCopyOfExtension(publicKey) {
  const copy = path.join(work, 'extension');
  await cp(DIST, copy, { recursive: true });
  const configPath = path.join(copy, 'background/config.js');
  let config = await readFile(configPath, 'utf8');
  const replaced = config
    .replace(/export const PUBLIC_KEY_HEX = '[0-9a-f]*';/, `export const PUBLIC_KEY_HEX = '${publicKey}';`)
    .replace(/export const UPDATE_TIMEOUT_MS = [\d_]+;/, `export const UPDATE_TIMEOUT_MS = ${TIMEOUT_MS};`);
  assert.notEqual(replaced, config, 'config.js has the expected constants');
  config = replaced;
  assert.match(config, new RegExp(publicKey));
  await writeFile(configPath, config);
  return copy;
}

async function openOptions() {
  const page = await openExtension(browser, 'options/options.html');
  await page.waitForSelector('body[data-ready]');
  return page;
}

/** Clicks "Check now" with the server offering `what`, and returns the sentence shown. */
async function checkNow(options, what) {
  offer = what;
  await options.fill('#update-url', `http://updates.example.net/update/masthead.bundle`);
  await options.click('#check-now');
  await options.waitForFunction(() => {
    const text = document.getElementById('update-status').textContent;
    return text && text !== 'Checking…';
  }, null, { timeout: TIMEOUT_MS + 10000 });
  return options.textContent('#update-status');
}

async function popupFor(url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(browser, page);
  const popup = await openPopup(browser, tabId);
  const site = await popup.textContent('#site-body');
  const edited = await popup.locator('#site-body .outlet-head .edit').count();
  const dataset = await popup.textContent('#dataset');
  await popup.close();
  await page.close();
  return { site, edited, dataset };
}

const GAZETTE_PAGE = 'http://www.update-gazette.example/fixtures/gazette.html';
const WEEKLY_PAGE = 'http://www.reader-weekly.example/fixtures/weekly.html';

async function assertStillNewer(options) {
  assert.equal(await options.textContent('#ds-version'), String(NEWER), 'the newer dataset is still active');
  const gazette = await popupFor(GAZETTE_PAGE);
  assert.match(gazette.site, /^Update Gazette/, 'the previous dataset keeps answering');
  const weekly = await popupFor(WEEKLY_PAGE);
  assert.match(weekly.site, /^Reader Weekly/, 'the local edit is still applied');
  assert.equal(weekly.edited, 1, 'and marked as the reader\'s edit');
}

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'masthead-updates-'));
  bundles = await makeBundles();
  dist = await testCopyOfExtension(bundles.publicKey);
  server = await startServer({
    '/update/masthead.bundle': async (req, res) => {
      if (offer === 'hang') return; // never answers
      const { body, delay } = Buffer.isBuffer(offer) ? { body: offer, delay: 0 } : offer;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
      res.end(body);
    },
  });
  browser = await launch({ dist, port: server.port, userDataDir: path.join(work, 'profile') });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('dataset updates, imports, rollback and local edits', () => {
  let options;
  before(async () => {
    options = await openOptions();
  });

  it('a local edit made in the options page shows in the popup as "your edit"', async () => {
    await options.fill('#edit-id', 'reader-weekly');
    await options.fill('#edit-name', 'Reader Weekly');
    await options.fill('#edit-country', 'CA');
    await options.fill('#edit-domains', 'reader-weekly.example');
    await options.selectOption('#edit-label', 'private');
    await options.fill('#edit-source', 'https://reader-weekly.example/about');
    await options.click('#add-owner');
    await options.fill('#edit-owners [name=owner-id]', 'weekly-family-trust');
    await options.fill('#edit-owners [name=owner-name]', 'Weekly Family Trust');
    await options.selectOption('#edit-owners [name=owner-kind]', 'trust');
    await options.fill('#edit-owners [name=share]', '100');
    await options.click('#save-edit');
    await options.waitForFunction(() => document.getElementById('edit-status').textContent !== '');
    assert.equal(await options.textContent('#edit-status'), 'Your edit is saved and in use.');
    assert.equal(await options.locator('#edits-list li[data-edit]').count(), 2);

    const weekly = await popupFor(WEEKLY_PAGE);
    assert.match(weekly.site, /^Reader Weekly/);
    assert.match(weekly.site, /owned by \(100%\)Weekly Family Trust/);
    assert.equal(weekly.edited, 1);
  });

  it('an outlet in the dataset can be loaded into the form and corrected', async () => {
    await options.fill('#load-id', 'xinhua');
    await options.click('#load-edit');
    await options.waitForFunction(() => document.getElementById('edit-name').value === 'Xinhua News Agency');
    assert.equal(await options.inputValue('#edit-label'), 'state-controlled');
    assert.equal(await options.inputValue('#edit-domains'), 'news.cn, xinhuanet.com');
    assert.equal(await options.inputValue('#edit-owners [name=owner-id]'), 'government-cn');
    await options.fill('#edit-name', 'Xinhua News Agency (corrected)');
    await options.click('#save-edit');
    await options.waitForFunction(() => /saved/.test(document.getElementById('edit-status').textContent));
    assert.equal(await options.textContent('#edit-status'), 'Your edit is saved and in use.');
    assert.equal(await options.locator('#edits-list li[data-edit]').count(), 3);
    assert.equal(await options.locator('#edit-conflicts li').count(), 0, 'no conflict before the dataset changes');
  });

  it('an invalid edit is refused with the reasons and changes nothing', async () => {
    await options.fill('#edit-id', 'broken-edit');
    await options.fill('#edit-name', 'Broken');
    await options.fill('#edit-domains', 'broken.example');
    await options.fill('#edit-source', '');
    await options.fill('#edit-owners [name=owner-id]', '');
    await options.click('#save-edit');
    await options.waitForFunction(() => /Nothing was saved/.test(document.getElementById('edit-status').textContent));
    assert.match(await options.textContent('#edit-status'), /domains, accounts and labels need a source/);
    assert.equal(await options.locator('#edits-list li[data-edit]').count(), 3);
  });

  it('accepts a valid newer signed bundle; the popup then knows an outlet only it contains', async () => {
    assert.match((await popupFor(GAZETTE_PAGE)).site, /ownership unknown/);
    const message = await checkNow(options, bundles.newer);
    assert.match(message, new RegExp(`^Masthead now uses dataset version ${NEWER} \\(`));
    assert.equal(await options.textContent('#ds-origin'), 'downloaded update');
    await assertStillNewer(options);
    const gazette = await popupFor(GAZETTE_PAGE);
    assert.match(gazette.dataset, new RegExp(`^Dataset v${NEWER} · .* · updated$`));

    // The dataset changed Xinhua after the reader edited it: the edit wins, and the conflict is shown.
    await options.reload();
    await options.waitForSelector('body[data-ready]');
    assert.deepEqual(await options.locator('#edit-conflicts li').allTextContents(), [
      'xinhua: the dataset has changed Xinhua News Agency since your edit; your version is shown',
    ]);

    // Cards on pages mark the reader's own data too.
    const page = await browser.context.newPage();
    await page.goto(GAZETTE_PAGE);
    await settledMarks(page, { min: 1 });
    await page.hover('masthead-mark[data-masthead-outlet="reader-weekly"]');
    await page.waitForTimeout(150);
    const [card] = await closedShadowContent(page, 'masthead-card');
    assert.match(card.text, /^Reader Weekly ?Privately owned ?your edit/);
    assert.match(card.text, /owned by \(100%\) ?Weekly Family Trust ?your edit/);
    await page.screenshot({ path: path.join(OUTPUT, 'card-your-edit.png') });
    await page.close();
  });

  const BAD = [
    ['a tampered bundle', 'tampered', /signature does not match.*Your current data is unchanged\.$/i],
    ['a truncated bundle', 'truncated', /Your current data is unchanged\.$/],
    ['an oversized download', 'oversized', /^The update is larger than 16 MiB, so it was not downloaded\. Your current data is unchanged\.$/],
    ['a bundle signed by another key', 'otherKey', /signature does not match.*Your current data is unchanged\.$/i],
    ['a file that is not a bundle', 'notBundle', /Your current data is unchanged\.$/],
    ['an older version (a replay)', 'older', /^The offered dataset \(version 1\) is older than the one in use \(version 9000000000\), so it was refused/],
    ['a server that never answers', 'hang', new RegExp(`^The update server did not answer within ${TIMEOUT_MS / 1000} seconds\\. Your current data is unchanged\\.$`)],
  ];
  const seen = new Set();
  for (const [what, key, expected] of BAD) {
    it(`refuses ${what} with its own message, and the previous dataset keeps answering`, async () => {
      const message = await checkNow(options, key === 'hang' ? 'hang' : bundles[key]);
      assert.match(message, expected);
      assert.doesNotMatch(message, /now uses/);
      seen.add(message);
      await assertStillNewer(options);
    });
  }

  it('each kind of refusal said something different', () => {
    assert.ok(seen.size >= 5, [...seen].join('\n'));
  });

  it('an older version can be installed on explicit request, and rolled back in one click', async () => {
    await checkNow(options, bundles.older);
    assert.equal(await options.isVisible('#install-older'), true);
    await options.click('#install-older');
    await options.waitForFunction(() => /now uses dataset version 1 /.test(document.getElementById('update-status').textContent));
    await options.waitForFunction(() => document.getElementById('ds-version').textContent === '1');
    assert.match((await popupFor(GAZETTE_PAGE)).site, /ownership unknown/);
    const weekly = await popupFor(WEEKLY_PAGE);
    assert.equal(weekly.edited, 1, 'the edit survives a downgrade');

    await options.click('#rollback');
    await options.waitForFunction((v) => document.getElementById('ds-version').textContent === v, String(NEWER));
    await assertStillNewer(options);
    await options.screenshot({ path: path.join(OUTPUT, 'options-datasets.png'), fullPage: true });
  });

  it('imports an unsigned data/ JSON file only after "I trust this file"', async () => {
    const file = path.join(work, 'import.json');
    await writeFile(file, JSON.stringify(GAZETTE));
    await options.setInputFiles('#import-file', file);
    await options.uncheck('#import-trust');
    await options.click('#import-button');
    await options.waitForFunction(() => document.getElementById('import-status').textContent !== '');
    assert.match(await options.textContent('#import-status'), /not signed\. Tick "I trust this file"/);
    assert.equal(await options.textContent('#ds-version'), String(NEWER));

    await options.check('#import-trust');
    await options.click('#import-button');
    await options.waitForFunction(() => /now uses dataset version/.test(document.getElementById('import-status').textContent));
    await options.waitForFunction(() => document.getElementById('ds-origin').textContent === 'imported from a file');
    assert.match(await options.textContent('#ds-counts'), /^3 outlets,/, 'the Gazette plus the two outlets the reader edited');
    const weekly = await popupFor(WEEKLY_PAGE);
    assert.match(weekly.site, /^Reader Weekly/, 'edits apply on top of an imported dataset too');
    assert.match((await popupFor(GAZETTE_PAGE)).site, /^Update Gazette/);

    await options.click('#rollback');
    await options.waitForFunction((v) => document.getElementById('ds-version').textContent === v, String(NEWER));
    assert.equal(await options.textContent('#ds-origin'), 'downloaded update');
  });

  it('exports the edits in the data/ JSON format', async () => {
    const [download] = await Promise.all([options.waitForEvent('download'), options.click('#export-edits')]);
    assert.equal(download.suggestedFilename(), 'masthead-edits.json');
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(Object.keys(exported), ['entities']);
    assert.deepEqual(exported.entities.map((e) => e.id), ['reader-weekly', 'weekly-family-trust', 'xinhua']);
    const weekly = exported.entities[0];
    assert.deepEqual(weekly.domains, ['reader-weekly.example']);
    assert.deepEqual(weekly.labels, ['private']);
    assert.deepEqual(weekly.owners.map((o) => [o.id, o.relation, o.share]), [['weekly-family-trust', 'owned_by', 100]]);
    assert.match(weekly.owners[0].sources[0].url, /^https:\/\/reader-weekly\.example\/about$/);
  });

  it('automatic checks follow the setting (a daily alarm, or none)', async () => {
    const alarm = () => browser.inExtension(() => chrome.alarms.get('masthead-update-check'));
    await options.check('#auto-update');
    await options.click('#save-update-settings');
    await options.waitForFunction(() => document.getElementById('update-status').textContent === 'Update settings saved.');
    assert.equal((await alarm())?.periodInMinutes, 24 * 60);
    await options.uncheck('#auto-update');
    await options.click('#save-update-settings');
    await options.waitForFunction(async () => !(await chrome.alarms.get('masthead-update-check')));
    assert.equal(await alarm(), undefined);
  });

  it('keeps the updated dataset and the edit through a browser restart', async () => {
    await options.close();
    await browser.close({ keepProfile: true });
    browser = await launch({ dist, port: server.port, userDataDir: path.join(work, 'profile') });
    options = await openOptions();
    await assertStillNewer(options);
    assert.equal(await options.textContent('#ds-origin'), 'downloaded update');
  });

  it('a corrupt stored dataset falls back to the bundled one, with a notice', async () => {
    const worker = await browser.currentWorker();
    await worker.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('masthead', 1);
          open.onsuccess = () => {
            const tx = open.result.transaction('datasets', 'readwrite');
            const store = tx.objectStore('datasets');
            const get = store.get('active');
            get.onsuccess = () => store.put({ ...get.result, bytes: new Uint8Array([1, 2, 3, 4]) }, 'active');
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    const cdp = await browser.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await options.waitForTimeout(300);
    await options.reload();
    await options.waitForSelector('body[data-ready]');
    assert.match(await options.textContent('#ds-notice'), /could not be read, so Masthead is using the data that came with the extension/);
    assert.equal(await options.textContent('#ds-origin'), 'came with the extension');
    const weekly = await popupFor(WEEKLY_PAGE);
    assert.match(weekly.site, /^Reader Weekly/, 'the edit is still applied');
  });

  it('"install version N anyway" installs N and nothing else', async () => {
    const before = await options.textContent('#ds-version');
    await checkNow(options, bundles.older);
    assert.equal(await options.textContent('#install-older'), 'Install the older version 1 anyway');
    offer = bundles.older2; // the server changes between the refusal and the click
    await options.click('#install-older');
    await options.waitForFunction(() => /not version 1 which you chose/.test(document.getElementById('update-status').textContent));
    assert.match(await options.textContent('#update-status'), /^The dataset offered now is version 2, not version 1 which you chose, so it was not installed\. Your current data is unchanged\.$/);
    assert.equal(await options.textContent('#ds-version'), before);
  });

  it('a version the reader went back from is not installed again by the daily check, only on request', async () => {
    const bundled = await options.textContent('#ds-version');
    assert.match(await checkNow(options, bundles.newer), /now uses dataset version 9000000000/);
    await options.click('#rollback');
    await options.waitForFunction((v) => document.getElementById('ds-version').textContent === v, bundled);

    // The daily check fires (an unpacked extension's alarm may fire at once) with the same offer.
    offer = bundles.newer;
    const lastCheck = () => browser.inExtension(() => chrome.storage.local.get('updateStatus').then((s) => s.updateStatus));
    const before = (await lastCheck())?.lastCheck;
    await browser.inExtension(() => chrome.alarms.create('masthead-update-check', { when: Date.now() + 10 }));
    let status;
    for (let i = 0; i < 100 && (status = await lastCheck())?.lastCheck === before; i++) await options.waitForTimeout(100);
    assert.match(status.message, /^Version 9000000000 is the newest offered, and you went back from it, so it was not installed again\./);
    await options.reload();
    await options.waitForSelector('body[data-ready]');
    assert.equal(await options.textContent('#ds-version'), bundled, 'the rollback holds');

    // "Check now" says the same, and offers to install it again.
    assert.match(await checkNow(options, bundles.newer), /you went back from it/);
    assert.equal(await options.textContent('#install-older'), 'Install version 9000000000 again');
    await options.click('#install-older');
    await options.waitForFunction(() => document.getElementById('ds-version').textContent === '9000000000');
  });

  it('an unsigned import dated far ahead does not block the next signed update', async () => {
    // Back to the bundled data, so the signed update below is newer than what the reader had.
    await options.click('#rollback');
    await options.waitForFunction(() => document.getElementById('ds-origin').textContent === 'came with the extension');
    const file = path.join(work, 'far-future.json');
    const gazette = structuredClone(GAZETTE);
    gazette.entities[0].sources[0].checked = '2100-12-31'; // the latest date validation allows
    await writeFile(file, JSON.stringify(gazette));
    await options.setInputFiles('#import-file', file);
    await options.check('#import-trust');
    await options.click('#import-button');
    await options.waitForFunction(() => document.getElementById('ds-version').textContent === '2100123100');
    assert.match(await checkNow(options, bundles.dated), /^Masthead now uses dataset version 2099010100 /);
  });

  it('a check and an import at the same time run one after the other', async () => {
    // Unserialised, both read the same active dataset and both record it as "previous": the first
    // change is lost from the history. Serialised, the second sees the first.
    assert.equal(await options.textContent('#ds-version'), '2099010100');
    offer = bundles.plus6;
    await options.fill('#update-url', 'http://updates.example.net/update/masthead.bundle');
    await options.click('#save-update-settings');
    const base64 = bundles.plus7.toString('base64');
    const [checked, imported] = await options.evaluate(
      (b64) => Promise.all([chrome.runtime.sendMessage({ type: 'checkNow' }), chrome.runtime.sendMessage({ type: 'importBundle', base64: b64 })]),
      base64,
    );
    assert.deepEqual([checked.result.outcome, imported.result.outcome], ['updated', 'updated']);
    const status = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }).then((a) => a.result));
    assert.deepEqual([status.active.version, status.previous?.version], [NEWER + 7, NEWER + 6]);
  });

  it('made no requests except to the local servers', () => {
    const foreign = browser.requests.filter((url) => !/^(chrome-extension:|data:|blob:|about:)/.test(url) && !/^http:\/\/[^/]*(example|cbc\.ca|globaltimes\.cn|127\.0\.0\.1)/.test(url));
    assert.deepEqual(foreign, []);
    assert.deepEqual(browser.errors.filter((e) => !e.includes('options.html')), []);
  });
});
