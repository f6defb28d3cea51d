// A page on a platform whose account is not in the dataset shows the platform and its owners, marked
// as a platform and not the page's author (issue #10); a known account shows its outlet.

import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { OUTPUT, badgeOf, launch, openPopup, tabIdOf } from './harness.mjs';
import { startServer } from './server.mjs';

const page = (title) => (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><p>A post.</p></main></body></html>`);
};

let server;
let browser;

before(async () => {
  server = await startServer({
    '/someone_not_listed': page('Someone on X'),
    '/globaltimesnews': page('Global Times on X'),
  });
  browser = await launch({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url) {
  const p = await browser.context.newPage();
  await p.goto(url);
  const tabId = await tabIdOf(browser, p);
  let badge;
  for (let i = 0; i < 50; i++) {
    badge = await badgeOf(browser, tabId);
    if (badge.title.includes('—') || badge.title.includes('platform')) break;
    await p.waitForTimeout(100);
  }
  return { p, tabId, badge };
}

it('an unknown account on X shows X and its owners, as a platform, not the author', async () => {
  const { p, tabId, badge } = await open('http://x.com/someone_not_listed');
  assert.match(badge.title, /^X \(formerly Twitter\), a platform, not the author of this page: X Corp\. → .*Elon Musk; this account is not in the dataset$/);
  const popup = await openPopup(browser, tabId);
  assert.match(await popup.textContent('#site-body'), /This page is on X \(formerly Twitter\), a platform\. Its author's account is not in the Masthead dataset/);
  await popup.screenshot({ path: path.join(OUTPUT, 'popup-platform.png'), fullPage: true });
  const overflow = await popup.evaluate(() =>
    [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => `${e.localName}.${e.className}: ${e.textContent.slice(0, 60)}`),
  );
  assert.deepEqual(overflow, [], 'nothing in the popup is wider than the popup');
  await popup.close();
  await p.close();
});

it('an unknown page on VK shows VK and its owner, as a platform', async () => {
  // (YouTube cannot be served over plain HTTP here: the browser preloads HTTPS for it.)
  const { p, badge } = await open('http://vk.com/someone_not_listed');
  assert.match(badge.title, /^VK \(VKontakte\), a platform, not the author of this page: VK \(company\); this account is not in the dataset$/);
  await p.close();
});

it('a known account shows its outlet, not the platform', async () => {
  const { p, tabId, badge } = await open('http://x.com/globaltimesnews');
  assert.match(badge.title, /^Global Times — People's Daily/);
  const popup = await openPopup(browser, tabId);
  assert.doesNotMatch(await popup.textContent('#site-body'), /a platform/);
  await popup.close();
  await p.close();
});

it('on a single-page site the badge follows the address (pushState, then Back)', async () => {
  const { p, tabId, badge } = await open('http://x.com/globaltimesnews');
  assert.match(badge.title, /^Global Times — /);
  const settle = async (pattern) => {
    let now;
    for (let i = 0; i < 100; i++) {
      now = await badgeOf(browser, tabId);
      if (pattern.test(now.title)) return now;
      await p.waitForTimeout(50);
    }
    return now;
  };
  // What X does when the reader opens another profile: a new address and new content, no new page.
  await p.evaluate(() => {
    history.pushState({}, '', '/someone_not_listed');
    document.querySelector('main').insertAdjacentHTML('beforeend', '<p>Another profile.</p>');
  });
  const moved = await settle(/a platform, not the author/);
  assert.match(moved.title, /^X \(formerly Twitter\), a platform, not the author of this page/);
  const popup = await openPopup(browser, tabId);
  assert.match(await popup.textContent('#site-body'), /This page is on X \(formerly Twitter\), a platform/);
  await popup.close();
  await p.goBack();
  const back = await settle(/^Global Times — /);
  assert.match(back.title, /^Global Times — People's Daily/);
  await p.close();
});
