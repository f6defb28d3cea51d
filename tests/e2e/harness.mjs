// Launches the browser with the built extension (playwright-core), and the helpers tests use to read
// what the extension did: marks, closed shadow roots, badge and title, every request made.
// MASTHEAD_BROWSER=firefox runs the same tests in Debian's firefox-esr (WebDriver BiDi), else Debian's
// Chromium (DevTools protocol).

import { chromium, firefox } from 'playwright-core';
import { mkdtemp, rm, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = path.join(ROOT, 'tests/e2e/output');
export const BROWSER = process.env.MASTHEAD_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const DIST = path.resolve(process.env.MASTHEAD_DIST ?? path.join(ROOT, BROWSER === 'firefox' ? 'dist/firefox' : 'dist/chrome'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Firefox gives an extension a random origin per profile unless told: this one is fixed. */
const FIREFOX_EXTENSION_UUID = '6b8c1c2e-1d2a-4c3b-9a55-0d7e4e2f7a11';
const FIREFOX_ADDON_ID = 'masthead@masthead-extension.org';

/** Hosts the fixture server plays. Links to other hosts are never followed by the tests. */
export const HOSTS = ['www.cbc.ca', 'www.dw.com', 'www.reader-weekly.example', 'www.update-gazette.example', 'www.globaltimes.cn', 'blog.example.org', 'links.example.net', 'feed.example.net', 'dark.example.net', 'editor.example.net', 'csp.example.net', 'bench.example.net', 'updates.example.net', 'www.nachrichten.example', 'www.portal.example', 'www.akhbar.example', 'hostile.example.net', 'plain.example.net', 'x.com', 'vk.com', 'www.skynewsarabia.com', 'apnews.com', 'washingtonpost.pm', 'xn--bld-jhd.de', 'www.spiegel.ltd'];

/**
 * Starts Chromium with the extension from `dist` and every host in HOSTS mapped to the server port.
 * Returns the context, the extension's service worker and id, and the list of requests made.
 */
export async function launch({ dist = DIST, port, userDataDir = null } = {}) {
  if (!existsSync(path.join(dist, 'manifest.json'))) throw new Error(`no built extension in ${dist}: run ./build.sh first`);
  await mkdir(OUTPUT, { recursive: true });
  const profile = userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'masthead-profile-')));
  if (BROWSER === 'firefox') return launchFirefox({ dist, port, profile, userDataDir });
  const rules = HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1100, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      `--host-resolver-rules=${rules}`,
    ],
  });
  const { requests, errors } = recordActivity(context);
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  return {
    browserName: 'chromium',
    context,
    worker,
    extensionId,
    requests,
    errors,
    profile,
    /** The address of a file of the extension, e.g. extensionUrl('options/options.html'). */
    extensionUrl: (file) => `chrome-extension://${extensionId}/${file}`,
    /** The current service worker (it changes after the browser stops and restarts it). */
    async currentWorker() {
      const workers = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return workers.at(-1) ?? context.waitForEvent('serviceworker');
    },
    /** Runs `fn(arg)` where the extension's APIs are (`chrome.*`): here, its service worker. */
    async inExtension(fn, arg) {
      return (await this.currentWorker()).evaluate(fn, arg);
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !userDataDir) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Every request the context makes, and every page error and console error on any of its pages. */
function recordActivity(context) {
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: console: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return { requests, errors };
}

/** Requests that went anywhere but the fixture server (by host) or the extension itself. */
export function foreignRequests(requests) {
  return requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    if (['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:'].includes(protocol)) return false;
    return !(HOSTS.includes(hostname) || hostname === '127.0.0.1');
  });
}

/** The tab id the worker recorded for a page (the content script reports each page it loads in). */
export async function tabIdOf(browser, page) {
  const url = page.url();
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = await browser.inExtension(async (wanted) => {
      const all = await chrome.storage.session.get(null);
      const entry = Object.entries(all).find(([key, state]) => key.startsWith('tab:') && state?.url === wanted);
      return entry ? Number(entry[0].slice(4)) : null;
    }, url);
    if (id !== null) return id;
    await page.waitForTimeout(50);
  }
  throw new Error(`the worker never recorded ${url}`);
}

export async function badgeOf(browser, tabId) {
  return browser.inExtension(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
    color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
  }), tabId);
}

/** Waits until the number of marks on the page stops changing (and is at least `min`). */
export async function settledMarks(page, { min = 1, quietMs = 600, timeoutMs = 20000 } = {}) {
  const start = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - start < timeoutMs) {
    const count = await page.locator('masthead-mark').count();
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (count >= min && Date.now() - stableSince >= quietMs) {
      return count;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`marks did not settle (last count ${last}, wanted at least ${min})`);
}

/** Every mark on the page: outlet, kind, and what it follows (to check placement and duplicates). */
export function listMarks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('masthead-mark')].map((mark) => {
      const previous = mark.previousSibling;
      const parentBlock = mark.parentElement?.closest('p,li,blockquote,div,section,article,pre,td,h1,h2');
      return {
        outlet: mark.getAttribute('data-masthead-outlet'),
        kind: mark.getAttribute('data-masthead-kind'),
        afterLink: previous?.nodeType === 1 && previous.localName === 'a' ? previous.id || previous.href : null,
        textBefore: previous?.nodeType === 3 ? previous.data.slice(-40) : null,
        block: parentBlock?.id || null,
        inside: mark.parentElement?.closest('code,pre,textarea,[contenteditable],a,svg') ? mark.parentElement.localName : null,
      };
    }),
  );
}

/**
 * Reads inside closed shadow roots through the DevTools protocol (page scripts cannot):
 * for each element named `tag`, the text and the attributes of everything in its shadow root.
 */
export async function closedShadowContent(page, tag) {
  if (BROWSER === 'firefox') return closedShadowContentBidi(page, tag);
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    const visit = (node) => {
      if (node.localName === tag && node.shadowRoots?.length) {
        const attributes = {};
        const hostAttributes = Object.fromEntries(pairs(node.attributes));
        let text = '';
        const walk = (n) => {
          if (n.nodeType === 3 && n.parentId && !isStyle(n)) text += n.nodeValue;
          if (n.nodeType === 1) {
            for (const [k, v] of pairs(n.attributes)) (attributes[k] ??= []).push(v);
          }
          (n.children ?? []).forEach(walk);
        };
        const isStyle = () => false;
        for (const shadow of node.shadowRoots) {
          (shadow.children ?? []).filter((child) => child.localName !== 'style').forEach(walk);
        }
        found.push({ host: hostAttributes, mode: node.shadowRoots[0].shadowRootType, text: text.replace(/\s+/g, ' ').trim(), attributes });
      }
      (node.children ?? []).forEach(visit);
      (node.shadowRoots ?? []).forEach(visit);
    };
    visit(root);
    return found;
  } finally {
    await session.detach();
  }
}

let firefoxBidi = null;

/**
 * The same through WebDriver BiDi in Firefox: the page's DOM serialised with every shadow tree,
 * closed ones included (serializationOptions.includeShadowTree "all").
 */
async function closedShadowContentBidi(page, tag) {
  const { contexts } = await firefoxBidi('browsingContext.getTree', {});
  const context = contexts.find((c) => c.url === page.url())?.context;
  if (!context) throw new Error(`no browsing context shows ${page.url()}`);
  const { result } = await firefoxBidi('script.evaluate', {
    expression: 'document.documentElement',
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
  });
  const found = [];
  const visit = (node) => {
    const v = node?.value;
    if (!v) return;
    if (v.localName === tag && v.shadowRoot) {
      const attributes = {};
      let text = '';
      const walk = (n) => {
        const w = n?.value;
        if (!w) return;
        if (w.nodeType === 3) text += w.nodeValue ?? '';
        if (w.nodeType === 1) for (const [k, val] of Object.entries(w.attributes ?? {})) (attributes[k] ??= []).push(val);
        (w.children ?? []).forEach(walk);
      };
      (v.shadowRoot.value?.children ?? []).filter((child) => child.value?.localName !== 'style').forEach(walk);
      found.push({ host: { ...(v.attributes ?? {}) }, mode: v.shadowRoot.value?.mode, text: text.replace(/\s+/g, ' ').trim(), attributes });
    }
    (v.children ?? []).forEach(visit);
    if (v.shadowRoot) visit(v.shadowRoot);
  };
  visit(result);
  return found;
}

const pairs = (flat = []) => {
  const out = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
};

/**
 * Evaluates `expression` in the content script's isolated world (its globals are invisible to the
 * page; the DevTools protocol can reach them). Returns its JSON value, or undefined without one.
 */
export async function inContentWorld(page, expression) {
  const session = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await session.send('Runtime.enable'); // reports every existing context first
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.auxData?.isDefault === false && /masthead/i.test(c.name));
    if (!world) return undefined;
    const { result } = await session.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true });
    return result.value;
  } finally {
    await session.detach();
  }
}

/** A new tab showing one of the extension's pages, e.g. openExtension(browser, 'options/options.html'). */
export async function openExtension(browser, file) {
  if (browser.openExtensionPage) return browser.openExtensionPage(file);
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl(file));
  return page;
}

/** Opens the popup for a tab as a normal page (popup.html?tab=ID) and waits until it has rendered. */
export async function openPopup(browser, tabId) {
  const page = await openExtension(browser, `popup/popup.html?tab=${tabId}`);
  await page.setViewportSize({ width: 380, height: 600 });
  await page.waitForSelector('body[data-ready]');
  return page;
}

/**
 * Firefox (Debian's firefox-esr) through WebDriver BiDi. The relay in firefox/bidi-shim.mjs lets
 * playwright-core drive ESR and installs the extension as a temporary add-on; every request goes
 * through the fixture server as an HTTP proxy (Firefox has no host-resolver rules), which serves the
 * HOSTS and refuses and records everything else. The extension's APIs are reached from one of its own
 * pages, since Playwright does not expose Firefox's background page.
 */
async function launchFirefox({ dist, port, profile, userDataDir }) {
  const controlFile = path.join(os.tmpdir(), `masthead-bidi-control-${process.pid}-${Date.now()}`);
  const context = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: path.join(ROOT, 'tests/e2e/firefox/bidi-shim.mjs'),
    headless: true,
    viewport: { width: 1100, height: 800 },
    env: { ...process.env, MASTHEAD_FIREFOX_EXTENSION: dist, MASTHEAD_SHIM_CONTROL: controlFile },
    firefoxUserPrefs: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.dns.disableIPv6': true,
    },
  });
  const { requests, errors } = recordActivity(context);
  const controlPort = Number(await readFile(controlFile, 'utf8'));
  await rm(controlFile, { force: true });
  // A BiDi command of the tests' own, on Playwright's session (firefox/bidi-shim.mjs).
  firefoxBidi = async (method, params) => {
    const answer = await (await fetch(`http://127.0.0.1:${controlPort}/`, { method: 'POST', body: JSON.stringify({ method, params }) })).json();
    if (answer.type !== 'success') throw new Error(`${method}: ${answer.error} ${answer.message ?? ''}`);
    return answer.result;
  };
  const origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  // One extension page stays open to reach the extension's APIs; it waits until the add-on is in.
  const probe = await openExtensionPage(context, `${origin}/options/options.html?probe`);
  return {
    browserName: 'firefox',
    context,
    extensionId: FIREFOX_EXTENSION_UUID,
    requests,
    errors,
    profile,
    extensionUrl: (file) => `${origin}/${file}`,
    async currentWorker() {
      throw new Error('Firefox runs the background as an event page, not a service worker');
    },
    async inExtension(fn, arg) {
      return probe.evaluate(fn, arg);
    },
    /** A new tab showing an extension page (Firefox swaps the tab's browsing context on the way). */
    openExtensionPage: (file) => openExtensionPage(context, `${origin}/${file}`),
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !userDataDir) await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Playwright's close() of a swapped Firefox context never returns; the extension page closes its own
 * tab instead, and the test goes on when Playwright sees it gone (or after two seconds).
 */
function closableByItself(page) {
  page.close = async () => {
    const gone = page.waitForEvent('close', { timeout: 2000 }).catch(() => {});
    await page.evaluate(async () => chrome.tabs.remove((await chrome.tabs.getCurrent()).id)).catch(() => {});
    await gone;
  };
  return page;
}

/**
 * Opens `url` (a moz-extension:// page) in a new tab and returns the page that shows it. Firefox moves
 * the tab into the extension's process, which replaces its BiDi browsing context: Playwright sees the
 * old page close and a new one appear.
 */
async function openExtensionPage(context, url) {
  for (let attempt = 0; ; attempt++) {
    const page = await context.newPage();
    const appeared = context.waitForEvent('page', { predicate: (p) => p.url().startsWith(url.split('?')[0]), timeout: 5000 }).catch(() => null);
    await page.goto(url, { waitUntil: 'commit', timeout: 5000 }).catch(() => {});
    const shown = (page.isClosed() ? null : page.url().startsWith('moz-extension:') ? page : null) ?? (await appeared);
    // Playwright does not see the load event of the swapped context: ask the page instead.
    for (let i = 0; shown && i < 50; i++) {
      const ready = await shown.evaluate(() => document.readyState === 'complete' && typeof chrome?.runtime?.id === 'string').catch(() => false);
      if (ready) return closableByItself(shown);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!page.isClosed()) await page.close();
    if (attempt > 20) throw new Error(`the extension page ${url} never opened in Firefox`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
