// End-to-end tests: the built extension (dist/chrome) in Debian's Chromium, on fixture pages served
// locally under real outlet host names. Run with `node tests/e2e/run.mjs` (or `npm test`).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  OUTPUT,
  badgeOf,
  closedShadowContent,
  foreignRequests,
  launch,
  openExtension,
  listMarks,
  openPopup,
  settledMarks,
  tabIdOf,
} from './harness.mjs';
import { startServer } from './server.mjs';
import { linkOutlet } from './fixtures/generate.mjs';
import { readFileSync } from 'node:fs';

// The dataset's own description of an outlet: the popup and the card must show it as written.
const noteOf = (country, id) =>
  JSON.parse(readFileSync(new URL(`../../data/${country}.json`, import.meta.url))).entities.find((e) => e.id === id).note;

const GT_CHAIN = "People's Daily → Central Committee of the Chinese Communist Party";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, { min = 1 } = {}) {
  const page = await browser.context.newPage();
  await page.goto(url);
  if (min > 0) await settledMarks(page, { min });
  return page;
}

const byOutlet = (marks) => marks.reduce((acc, m) => ({ ...acc, [m.outlet]: (acc[m.outlet] ?? 0) + 1 }), {});

describe('a Canadian article quoting Chinese state media (www.cbc.ca)', () => {
  let page;
  let tabId;
  before(async () => {
    page = await open('http://www.cbc.ca/fixtures/article.html');
    tabId = await tabIdOf(browser, page);
  });
  after(() => page.close());

  it('marks each link to a known outlet, right after the link, without changing its text', async () => {
    const marks = (await listMarks(page)).filter((m) => m.kind === 'link');
    assert.deepEqual(
      marks.map((m) => [m.afterLink, m.outlet]),
      [
        ['a-gt', 'global-times'],
        ['a-xinhua', 'xinhua'],
        ['a-tass-x', 'tass'], // x.com/tass_agency: matched by the platform account
        ['a-globe', 'globe-and-mail'],
      ],
    );
    assert.equal(await page.textContent('#a-gt'), 'Global Times');
    assert.equal(await page.textContent('#a-xinhua'), 'Xinhua news agency');
    assert.equal(await page.textContent('#p-link-gt'), await page.evaluate(() => document.getElementById('p-link-gt').textContent));
  });

  it('does not treat another account on the same platform, or the site itself, as a citation', async () => {
    const marks = await listMarks(page);
    assert.equal(marks.filter((m) => m.afterLink === 'a-random-x').length, 0);
    assert.equal(marks.filter((m) => m.outlet === 'cbc-radio-canada').length, 0, 'own links and name are not citations');
  });

  it('marks text mentions, including one split across inline elements and one in Chinese', async () => {
    const mentions = (await listMarks(page)).filter((m) => m.kind === 'mention');
    assert.deepEqual(
      mentions.map((m) => [m.block, m.outlet]),
      [
        ['p-split', 'global-times'], // <b>Global</b> Times
        ['p-xinhua-dateline', 'xinhua'], // BEIJING, Nov. 27 (Xinhua) --
        ['p-pd', 'peoples-daily'],
        ['q-zh', 'global-times'], // 据环球时报报道
        ['p-tass', 'tass'],
      ],
    );
    const split = mentions.find((m) => m.block === 'p-split');
    assert.equal(split.textBefore, ' Times', 'the mark sits right after the mention');
    assert.equal(
      await page.textContent('#p-split'),
      'According to Global Times, the measures were "a political decision dressed up as trade policy," a line repeated by several state-run accounts.',
      'the page text is unchanged',
    );
  });

  it('puts nothing in code, pre, textarea or lower-case look-alikes, and nothing twice', async () => {
    const marks = await listMarks(page);
    assert.equal(marks.filter((m) => m.inside).length, 0);
    assert.equal(marks.filter((m) => m.block === 'p-lowercase' || m.block === 'pre-code').length, 0);
    assert.equal(await page.inputValue('#ta'), 'Global Times and Xinhua are state media');
    assert.equal(marks.filter((m) => m.block === 'p-link-gt').length, 1, 'a linked name gets one mark, not two');
    assert.equal(marks.length, 9);
    await page.screenshot({ path: path.join(OUTPUT, 'article-marks.png') });
  });

  it('renders marks in closed shadow roots with an aria-label carrying the chain', async () => {
    const shadows = await closedShadowContent(page, 'masthead-mark');
    assert.equal(shadows.length, 9);
    assert.ok(shadows.every((s) => s.mode === 'closed'));
    const gt = shadows.find((s) => s.host['data-masthead-outlet'] === 'global-times');
    assert.match(gt.attributes['aria-label'][0], new RegExp(`^Masthead: Global Times, state-controlled\\. Owned: Global Times → ${GT_CHAIN}`));
    assert.equal(await page.evaluate(() => document.querySelector('masthead-mark').shadowRoot), null, 'the page cannot open it');
  });

  it('shows the site badge: a public broadcaster, not state media', async () => {
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, 'PUB');
    assert.equal(badge.title, 'CBC/Radio-Canada — Government of Canada');
    assert.deepEqual(badge.color, [29, 78, 216, 255]);
  });

  it('opens a card with the chain and sources on hover, and closes it with Escape', async () => {
    await page.hover('masthead-mark[data-masthead-outlet="global-times"][data-masthead-kind="link"]');
    await page.waitForTimeout(150);
    let [card] = await closedShadowContent(page, 'masthead-card');
    assert.ok(card, 'a card is drawn');
    assert.match(card.text, /^Global Times ?State-controlled/);
    assert.match(card.text, /published by ?People's Daily/);
    assert.match(card.text, /controlled by ?Central Committee of the Chinese Communist Party/);
    assert.ok(card.text.includes(noteOf('cn', 'global-times')), 'the outlet note');
    assert.ok(card.attributes.href.includes('https://en.wikipedia.org/wiki/Global_Times'));
    assert.equal(card.attributes.hidden, undefined, 'visible');
    await page.screenshot({ path: path.join(OUTPUT, 'article-card.png') });
    await page.keyboard.press('Escape');
    [card] = await closedShadowContent(page, 'masthead-card');
    assert.deepEqual(card.attributes.hidden, [''], 'hidden after Escape');
    await page.mouse.move(0, 0);
  });

  it('opens the card on keyboard focus too', async () => {
    await page.focus('#a-xinhua');
    await page.keyboard.press('Tab'); // the mark right after the link is the next stop
    const focused = await page.evaluate(() => document.activeElement.getAttribute('data-masthead-outlet'));
    assert.equal(focused, 'xinhua');
    const [card] = await closedShadowContent(page, 'masthead-card');
    assert.match(card.text, /^Xinhua News Agency ?State-controlled/);
    assert.equal(card.attributes.hidden, undefined);
    await page.keyboard.press('Escape');
  });

  it('popup: the site card, the outlets cited with counts and chains, the dataset', async () => {
    const popup = await openPopup(browser, tabId);
    try {
      assert.equal(await popup.textContent('.outlet-name'), 'CBC/Radio-Canada');
      assert.equal(await popup.textContent('#site-body .pill'), 'Independent public media');
      assert.match(await popup.textContent('.definition'), /editorial independence protected by law/);
      assert.equal(await popup.textContent('#site-body .note'), noteOf('ca', 'cbc-radio-canada'));
      assert.deepEqual(await popup.locator('#site-body .chain .owner').allTextContents(), ['Government of Canada']);
      assert.deepEqual(await popup.locator('#site-body .chain .relation').allTextContents(), ['owned by']);
      assert.ok((await popup.locator('#site-body .chain .source a').first().getAttribute('href')).startsWith('https://'));
      const cited = await popup.$$eval('.cited-item', (items) =>
        items.map((item) => [item.dataset.outlet, item.querySelector('.count').textContent, item.querySelector('.cited-chain').textContent]),
      );
      const gt = cited.find(([id]) => id === 'global-times');
      assert.equal(gt[1], '3×', 'one link and two mentions');
      assert.ok(gt[2].startsWith(GT_CHAIN));
      assert.equal(cited.find(([id]) => id === 'globe-and-mail')?.[1], '1×');
      assert.deepEqual(
        await popup.$$eval('.group', (groups) => groups.map((g) => g.dataset.label)),
        ['state-controlled', 'private'],
        'state-controlled outlets come first',
      );
      assert.match(await popup.textContent('#dataset'), /^Dataset v\d+ · \d{4}-\d\d-\d\d · bundled$/);
      await popup.screenshot({ path: path.join(OUTPUT, 'popup-article.png'), fullPage: true });

      // Clicking an outlet scrolls the page to its first mark and focuses it.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await popup.click('.cited-item[data-outlet="peoples-daily"]');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-masthead-outlet') === 'peoples-daily');
      const inView = await page.$eval('masthead-mark[data-masthead-outlet="peoples-daily"]', (mark) => {
        const r = mark.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      assert.ok(inView);
    } finally {
      await popup.close();
    }
  });
});

describe('badges per tab', () => {
  it('a state-controlled site: its code, colour and chain in the title', async () => {
    const page = await open('http://www.globaltimes.cn/fixtures/globaltimes.html');
    const tabId = await tabIdOf(browser, page);
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, 'STATE');
    assert.deepEqual(badge.color, [179, 38, 30, 255]);
    assert.ok(badge.title.startsWith(`Global Times — ${GT_CHAIN}`), badge.title);
    const marks = await listMarks(page);
    assert.deepEqual(byOutlet(marks), { xinhua: 1 }, 'its own links are not citations');
    await page.close();
  });

  it('an unknown site: the number of state-controlled outlets it cites, and "ownership unknown"', async () => {
    const page = await open('http://blog.example.org/fixtures/blog.html');
    const tabId = await tabIdOf(browser, page);
    await page.waitForTimeout(300); // the citation report follows the marks
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, '2'); // Global Times and Xinhua; Reuters and AP are not state-controlled
    assert.match(badge.title, /ownership is unknown; this page cites 2 state-controlled outlets/);
    const popup = await openPopup(browser, tabId);
    assert.equal(await popup.textContent('#site-body'), 'This site is not in the Masthead dataset: ownership unknown.');
    assert.doesNotMatch(await popup.textContent('body'), /independent/i);
    await popup.close();
    await page.close();
  });

  it('a public broadcaster funded by the state under a law: the chain says "funded by"', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://www.dw.com/fixtures/dw.html');
    const tabId = await tabIdOf(browser, page);
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.text, 'PUB', 'independent public media never look like state media');
    assert.equal(badge.title, 'Deutsche Welle — Government of Germany');
    const popup = await openPopup(browser, tabId);
    const hops = await popup.locator('#site-body ol.chain li').allTextContents();
    assert.match(hops[0], /^funded by\s*Government of Germany/);
    await Promise.all([popup.close(), page.close()]);
  });

  it('an outlet with several owners and none in control: the popup shows the full owner graph', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://www.skynewsarabia.com/fixtures/blog.html');
    const tabId = await tabIdOf(browser, page);
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.title, 'Sky News Arabia — no controlling owner recorded');
    const popup = await openPopup(browser, tabId);
    assert.match(await popup.textContent('#site-body'), /No controlling owner recorded/);
    const edges = await popup.locator('details.graph li').allTextContents();
    // Both halves, then the owners above each of them.
    const own = edges.filter((e) => e.startsWith('Sky News Arabia — '));
    assert.equal(own.length, 2);
    assert.match(own[0], /^Sky News Arabia — owned by \(50%\) → International Media Investments/);
    assert.match(own[1], /^Sky News Arabia — owned by \(50%\) → Sky Group/);
    assert.ok(edges.length > 2, 'the owners of the owners are shown too');
    await popup.screenshot({ path: path.join(OUTPUT, 'popup-owner-graph.png'), fullPage: true });
    await Promise.all([popup.close(), page.close()]);
  });

  it('an outlet nobody controls by its sources (a cooperative): said in words, with the source, never "unknown"', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://apnews.com/fixtures/blog.html');
    const tabId = await tabIdOf(browser, page);
    const badge = await badgeOf(browser, tabId);
    assert.equal(badge.title, 'Associated Press — owned by its members, none of whom controls it');
    const popup = await openPopup(browser, tabId);
    const body = await popup.textContent('#site-body');
    assert.match(body, /No controlling owner: owned by its members, none of whom controls it/);
    assert.doesNotMatch(body, /unknown|No owner recorded/);
    assert.equal(await popup.getAttribute('#site-body .chain-end .source a', 'href'), 'https://en.wikipedia.org/wiki/Associated_Press');
    await Promise.all([popup.close(), page.close()]);
  });

  it('a site that only pretends to be an outlet: FAKE for a documented clone and a homograph, softer for a look-alike', async () => {
    const cases = [
      // Documented by sources (data/us.json, washington-post.impostors).
      ['http://washingtonpost.pm/fixtures/blog.html', 'FAKE', 'Masthead — not The Washington Post: this site imitates it (the real site is washingtonpost.com)', /clone in the "Doppelganger" operation/],
      // "bіld.de" with a Cyrillic і, as the browser hands it over.
      ['http://xn--bld-jhd.de/fixtures/blog.html', 'FAKE', 'Masthead — not Bild: this site imitates it (the real site is bild.de)', /look-alike characters so that it reads as bild\.de/],
      ['http://www.spiegel.ltd/fixtures/blog.html', '?', 'Masthead — looks like Der Spiegel, but this is not its address (spiegel.de)', /on a domain Der Spiegel does not use/],
    ];
    for (const [url, text, title, explanation] of cases) {
      const page = await browser.context.newPage();
      await page.goto(url);
      const tabId = await tabIdOf(browser, page);
      let badge = await badgeOf(browser, tabId);
      for (let i = 0; i < 100 && badge.text !== text; i++) {
        await page.waitForTimeout(50);
        badge = await badgeOf(browser, tabId);
      }
      assert.equal(badge.text, text, url);
      assert.equal(badge.title, title);
      const popup = await openPopup(browser, tabId);
      assert.match(await popup.textContent('#site-body .explanation'), explanation);
      const real = await popup.getAttribute('#site-body .real-site a', 'href');
      assert.equal(real, `https://${title.match(/\(([^()]*)\)$/)[1].replace('the real site is ', '')}/`);
      if (text === 'FAKE' && url.includes('washingtonpost')) {
        assert.equal(await popup.getAttribute('#site-body .source a', 'href'), 'https://jpost.com/international/article-818937');
        await popup.screenshot({ path: path.join(OUTPUT, 'popup-impostor.png'), fullPage: true });
      }
      await Promise.all([popup.close(), page.close()]);
    }
  });

  it('links to impostors get a warning mark whose card names the real site', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://blog.example.org/fixtures/impostor-links.html');
    await settledMarks(page, { min: 3 });
    const marks = await listMarks(page);
    const byLink = Object.fromEntries(marks.map((m) => [m.afterLink, m.outlet]));
    assert.equal(byLink['a-fake'], 'impostor:washingtonpost.pm');
    assert.equal(byLink['a-like'], 'impostor:www.spiegel.ltd');
    assert.equal(byLink['a-real'], 'washington-post', 'the real site is the outlet');
    const shadows = await closedShadowContent(page, 'masthead-mark');
    const fake = shadows.find((s) => s.host['data-masthead-outlet'] === 'impostor:washingtonpost.pm');
    assert.equal(fake.text, 'FAKE');
    assert.match(fake.attributes['aria-label'][0], /^Masthead: washingtonpost\.pm, imitates the washington post\. Owned: washingtonpost\.pm → The Washington Post's real site is washingtonpost\.com\.$/);
    await page.hover('masthead-mark[data-masthead-outlet="impostor:washingtonpost.pm"]');
    await page.waitForTimeout(150);
    const [card] = await closedShadowContent(page, 'masthead-card');
    assert.match(card.text, /^washingtonpost\.pm ?Imitates The Washington Post/);
    assert.match(card.text, /documents it as a clone in the "Doppelganger" operation/);
    assert.match(card.text, /The Washington Post's real site is washingtonpost\.com\./);
    assert.doesNotMatch(card.text, /No owner recorded/);
    assert.ok(card.attributes.href.includes('https://jpost.com/international/article-818937'));
    await page.screenshot({ path: path.join(OUTPUT, 'impostor-link-card.png') });
    // The real Post is a citation of this page; the impostors are warnings, not outlets it cites.
    const popup = await openPopup(browser, await tabIdOf(browser, page));
    let cited = '';
    for (let i = 0; i < 50 && !cited.includes('The Washington Post'); i++) {
      await popup.reload();
      await popup.waitForSelector('body[data-ready]');
      cited = await popup.textContent('#cited-body');
    }
    assert.match(cited, /The Washington Post/);
    assert.doesNotMatch(cited, /washingtonpost\.pm|spiegel\.ltd/);
    await popup.close();
    await page.close();
  });

  it('each tab keeps its own badge across tab switches and windows', async () => {
    const cbc = await open('http://www.cbc.ca/fixtures/article.html');
    const gt = await open('http://www.globaltimes.cn/fixtures/globaltimes.html');
    const other = await open('http://blog.example.org/fixtures/blog.html');
    const ids = [await tabIdOf(browser, cbc), await tabIdOf(browser, gt), await tabIdOf(browser, other)];
    // A second window, opened and focused by the extension's own API.
    const second = await browser.inExtension(async () => {
      const win = await chrome.windows.create({ url: 'http://www.dw.com/fixtures/dw.html', focused: true });
      return { windowId: win.id, tabId: win.tabs[0].id };
    });
    let dwBadge = '';
    for (let i = 0; i < 100 && dwBadge !== 'PUB'; i++) {
      await cbc.waitForTimeout(50);
      dwBadge = (await badgeOf(browser, second.tabId)).text;
    }
    ids.push(second.tabId);
    const expected = ['PUB', 'STATE', '2', 'PUB'];
    const badges = async () => {
      const texts = [];
      for (const id of ids) texts.push((await badgeOf(browser, id)).text);
      return texts;
    };
    assert.deepEqual(await badges(), expected);
    for (const front of [cbc, gt, other, cbc]) {
      await front.bringToFront();
      assert.deepEqual(await badges(), expected);
    }
    await browser.inExtension((id) => chrome.windows.update(id, { focused: true }), second.windowId);
    assert.deepEqual(await badges(), expected);
    await browser.inExtension((id) => chrome.windows.remove(id), second.windowId);
    await Promise.all([cbc.close(), gt.close(), other.close()]);
  });
});

describe('pages that are hard to annotate', () => {
  it('a strict CSP page (script-src self): marks drawn, the page script runs, no violations', async () => {
    const page = await browser.context.newPage();
    const violations = [];
    await page.exposeFunction('reportViolation', (v) => violations.push(v));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    await page.goto('http://csp.example.net/fixtures/csp.html');
    await settledMarks(page, { min: 3 });
    assert.deepEqual(byOutlet(await listMarks(page)), { 'global-times': 1, xinhua: 1, 'peoples-daily': 1 });
    assert.equal(await page.getAttribute('body', 'data-page-script'), 'ran');
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('5,000 links: every link to a known outlet marked exactly once, others left alone', async () => {
    const page = await open('http://links.example.net/generated/links?n=5000', { min: 3000 });
    const result = await page.$$eval('#links a', (anchors) =>
      anchors.map((a) => {
        const ids = [];
        for (let n = a.nextSibling; n?.localName === 'masthead-mark'; n = n.nextSibling) ids.push(n.getAttribute('data-masthead-outlet'));
        return ids;
      }),
    );
    assert.equal(result.length, 5000);
    result.forEach((ids, i) => assert.deepEqual(ids, linkOutlet(i) ? [linkOutlet(i)] : [], `link ${i}`));
    assert.equal(await page.locator('masthead-mark').count(), 3000);
    await page.close();
  });

  it('a live feed appending every 100 ms: new items annotated, nothing twice', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://feed.example.net/fixtures/feed.html');
    await page.waitForSelector('body[data-feed-done]', { timeout: 10000 });
    await settledMarks(page, { min: 60, quietMs: 800 });
    const perItem = await page.$$eval('#feed li', (items) =>
      items.map((li) => [...li.querySelectorAll('masthead-mark')].map((m) => `${m.dataset.mastheadKind}:${m.dataset.mastheadOutlet}`).join(' ')),
    );
    assert.equal(perItem.length, 30);
    perItem.forEach((marks, i) => assert.equal(marks, 'mention:xinhua link:global-times', `item ${i + 1}`));
    await page.close();
  });

  it('editable areas, code, svg, script and style stay untouched; plain text next to them is marked', async () => {
    const page = await open('http://editor.example.net/fixtures/editable.html');
    const marks = await listMarks(page);
    assert.deepEqual(marks.map((m) => [m.block, m.outlet]), [['plain', 'global-times']]);
    const editable = await page.$eval('#editable', (el) => el.innerHTML);
    assert.doesNotMatch(editable, /masthead/);
    // Typing into an editable area adds nothing either.
    await page.click('#editable p');
    await page.keyboard.type(' Xinhua and Global Times again.');
    await page.waitForTimeout(700);
    assert.equal(await page.locator('#editable masthead-mark, #editable2 masthead-mark').count(), 0);
    assert.equal(await page.locator('masthead-mark').count(), 1);
    await page.close();
  });

  it('a dark page: marks and card follow its dark scheme', async () => {
    const page = await open('http://dark.example.net/fixtures/dark.html', { min: 3 });
    const marks = await closedShadowContent(page, 'masthead-mark');
    assert.equal(marks.length, 3);
    assert.ok(marks.every((m) => m.attributes.class.includes('m dark')));
    await page.hover('masthead-mark[data-masthead-outlet="global-times"]');
    await page.waitForTimeout(150);
    const [card] = await closedShadowContent(page, 'masthead-card');
    assert.ok(card.attributes.class.includes('card dark'));
    await page.screenshot({ path: path.join(OUTPUT, 'dark-card.png') });
    await page.close();

    const light = await open('http://www.cbc.ca/fixtures/article.html');
    const lightMarks = await closedShadowContent(light, 'masthead-mark');
    assert.ok(lightMarks.every((m) => m.attributes.class.includes('m')));
    assert.ok(lightMarks.every((m) => !m.attributes.class.includes('m dark')));
    await light.close();
  });
});

describe('options', () => {
  async function setOptions(changes) {
    await browser.inExtension((c) => chrome.storage.local.set(c), changes);
  }
  after(() => setOptions({ annotate: 'all', disabledSites: [] }));

  it('"only state-controlled" leaves other outlets unmarked', async () => {
    await setOptions({ annotate: 'state' });
    const page = await open('http://www.cbc.ca/fixtures/article.html');
    const outlets = new Set((await listMarks(page)).map((m) => m.outlet));
    assert.deepEqual([...outlets].sort(), ['global-times', 'peoples-daily', 'tass', 'xinhua']);
    await page.close();
  });

  it('"none" and the per-site switch draw nothing', async () => {
    await setOptions({ annotate: 'none' });
    let page = await open('http://www.cbc.ca/fixtures/article.html', { min: 0 });
    await tabIdOf(browser, page);
    await page.waitForTimeout(500);
    assert.equal(await page.locator('masthead-mark').count(), 0);
    await page.close();

    await setOptions({ annotate: 'all', disabledSites: ['cbc.ca'] });
    page = await open('http://www.cbc.ca/fixtures/article.html', { min: 0 });
    const tabId = await tabIdOf(browser, page);
    await page.waitForTimeout(500);
    assert.equal(await page.locator('masthead-mark').count(), 0);
    assert.equal((await badgeOf(browser, tabId)).text, 'PUB', 'the badge still says who owns the site');
    await page.close();

    page = await open('http://www.globaltimes.cn/fixtures/globaltimes.html');
    assert.equal(await page.locator('masthead-mark').count(), 1, 'other sites are still annotated');
    await page.close();
  });

  it('the options page saves the choices', async () => {
    await setOptions({ annotate: 'all', disabledSites: [] });
    const page = await openExtension(browser, 'options/options.html');
    await page.waitForSelector('body[data-ready]');
    await page.check('input[name=annotate][value=state]');
    await page.fill('#site-input', 'https://www.example.com/path');
    await page.click('#site-form button');
    await page.waitForSelector('#disabled-sites li');
    const stored = await page.evaluate(() => chrome.storage.local.get(['annotate', 'disabledSites']));
    assert.equal(stored.annotate, 'state');
    assert.deepEqual(stored.disabledSites, ['example.com']);
    await page.screenshot({ path: path.join(OUTPUT, 'options.png'), fullPage: true });
    await page.close();
  });
});

describe('the service worker', () => {
  it('survives being stopped: per-tab state and answers come back', async () => {
    const page = await open('http://www.cbc.ca/fixtures/article.html');
    const tabId = await tabIdOf(browser, page);
    const helper = await browser.context.newPage(); // about:blank: the DevTools session only needs a page
    const cdp = await browser.context.newCDPSession(helper);
    await (await browser.currentWorker()).evaluate(() => {
      globalThis.beforeRestart = true;
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await helper.waitForTimeout(300);
    const popup = await openPopup(browser, tabId); // wakes the worker with a message
    assert.equal(await popup.textContent('.outlet-name'), 'CBC/Radio-Canada');
    assert.equal(await popup.locator('.cited-item').count(), 5, 'the citations found before the restart are kept');
    const restarted = await (await browser.currentWorker()).evaluate(() => globalThis.beforeRestart === undefined);
    assert.ok(restarted, 'a fresh worker instance answered');
    assert.equal((await badgeOf(browser, tabId)).text, 'PUB');
    // And it answers new pages.
    const next = await open('http://www.globaltimes.cn/fixtures/globaltimes.html');
    assert.equal((await badgeOf(browser, await tabIdOf(browser, next))).text, 'STATE');
    await Promise.all([popup.close(), helper.close(), page.close(), next.close()]);
  });

  it('answers well-formed messages and ignores the wrong shape or the wrong sender', async () => {
    const article = await open('http://www.cbc.ca/fixtures/article.html');
    const tabId = await tabIdOf(browser, article);
    const page = await openExtension(browser, 'options/options.html');
    const answers = await page.evaluate(async (tab) => {
      const send = (m) => chrome.runtime.sendMessage(m).then((a) => a ?? 'no answer', () => 'no answer');
      return {
        good: await send({ type: 'popup', tabId: tab }),
        bad: [
          await send({ type: 'popup', tabId: 'x' }),
          await send({ type: 'scan', links: ['https://www.globaltimes.cn/'], texts: [] }), // content-only message
          await send('popup'),
          await send({ type: 'nope' }),
        ],
      };
    }, tabId);
    assert.equal(answers.good.ok, true);
    assert.equal(answers.good.result.site.id, 'cbc-radio-canada');
    assert.deepEqual(answers.bad, ['no answer', 'no answer', 'no answer', 'no answer']);
    await Promise.all([page.close(), article.close()]);
  });
});

describe('privacy and robustness', () => {
  it('no page errors and no console errors on any page', () => {
    assert.deepEqual(browser.errors, []);
  });

  it('no request left the test server while browsing', () => {
    assert.ok(browser.requests.length > 10, 'requests were recorded');
    assert.deepEqual(foreignRequests(browser.requests), []);
  });
});
