// What the popup and the cards print for a source: plain data from describe.js, no browser needed.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeSource } from '../../extension/background/describe.js';

describe('describeSource', () => {
  const cases = [
    ['https://en.wikipedia.org/wiki/Global_Times', 'en.wikipedia.org', true],
    ['https://www.globaltimes.cn/about', 'globaltimes.cn', true],
    ['https://github.com/ercexpo/us-news-domains/blob/HEAD/x.csv', 'github.com/ercexpo', true],
    ['https://github.com/', 'github.com', true],
    ['javascript:alert(1)', 'javascript:alert(1)', false],
    ['not a url', 'not a url', false],
  ];
  for (const [url, site, linked] of cases) {
    it(`shows ${JSON.stringify(url)} as ${JSON.stringify(site)}${linked ? ', linked' : ', not linked'}`, () => {
      const shown = describeSource({ url, checked: '2026-11-28' });
      assert.equal(shown.site, site);
      assert.equal(shown.href, linked ? url : null);
      assert.equal(shown.checked, '2026-11-28');
    });
  }
});
