// Which messages the worker acts on, and with which page address: plain data from messages.js, no
// browser needed (chrome.runtime is a stand-in).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

globalThis.chrome = { runtime: { id: 'masthead-test', getURL: (p) => `chrome-extension://masthead-test/${p}` } };
const { classifyMessage } = await import('../../extension/background/messages.js');

const tab = (url) => ({ id: 'masthead-test', tab: { id: 7 }, frameId: 0, url });

describe('classifyMessage: the address of a page after pushState', () => {
  const cases = [
    // [message, sender url, the url the worker uses (null: dropped)]
    [{ type: 'page' }, 'https://x.com/globaltimesnews', 'https://x.com/globaltimesnews'],
    [{ type: 'page', url: 'https://x.com/someone_else' }, 'https://x.com/globaltimesnews', 'https://x.com/someone_else'],
    // Another origin is beyond a same-document navigation: the sender's address stands.
    [{ type: 'page', url: 'https://www.globaltimes.cn/' }, 'https://x.com/someone_else', 'https://x.com/someone_else'],
    [{ type: 'page', url: 'not a url' }, 'https://x.com/a', 'https://x.com/a'],
    [{ type: 'page', url: 42 }, 'https://x.com/a', null],
    [{ type: 'page', url: `https://x.com/${'a'.repeat(5000)}` }, 'https://x.com/a', null],
    // Only the page message may say where the page is.
    [{ type: 'cited', counts: {}, url: 'https://x.com/b' }, 'https://x.com/a', 'https://x.com/a'],
  ];
  for (const [message, senderUrl, want] of cases) {
    it(`${JSON.stringify(message).slice(0, 70)} from ${senderUrl.slice(0, 40)}`, () => {
      const got = classifyMessage(message, tab(senderUrl));
      assert.equal(got === null ? null : got.url, want);
    });
  }
  it('a cited count for an id that is not an outlet id drops the whole message', () => {
    assert.equal(classifyMessage({ type: 'cited', counts: { 'impostor:washingtonpost.pm': 1 } }, tab('https://a.example/')), null);
  });
});
