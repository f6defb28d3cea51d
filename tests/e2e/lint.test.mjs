// `web-ext lint` on the Firefox build must report no errors.

import { it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT } from './harness.mjs';

const FIREFOX = path.resolve(process.env.MASTHEAD_DIST_FIREFOX ?? path.join(ROOT, 'dist/firefox'));

it('web-ext lint: dist/firefox has no errors', async () => {
  assert.ok(existsSync(path.join(FIREFOX, 'manifest.json')), `no Firefox build in ${FIREFOX}`);
  const { cmd } = await import('web-ext');
  const result = await cmd.lint({ sourceDir: FIREFOX, output: 'none', selfHosted: false }, { shouldExitProgram: false });
  const errors = result.errors.map((e) => `${e.file ?? ''}: ${e.code}: ${e.message}`);
  assert.deepEqual(errors, []);
  for (const warning of result.warnings) console.log(`web-ext warning: ${warning.file ?? ''}: ${warning.code}: ${warning.message}`);
});

it('the Chrome manifest names the oldest Chrome that runs the code', async () => {
  const { readFileSync } = await import('node:fs');
  const chrome = path.resolve(process.env.MASTHEAD_DIST ?? path.join(ROOT, 'dist/chrome'));
  const manifest = JSON.parse(readFileSync(path.join(chrome, 'manifest.json'), 'utf8'));
  const content = readFileSync(path.join(chrome, 'content/content.js'), 'utf8');
  // Features with the Chrome release that brought them; the manifest must ask for at least the newest used.
  const features = [
    [/clonable: true/, 124, 'clonable shadow roots'],
    [/checkVisibility\?\.\(\{[^}]*opacityProperty/, 121, 'checkVisibility options'],
  ];
  const needed = Math.max(...features.filter(([pattern]) => pattern.test(content)).map(([, version]) => version));
  assert.ok(Number(manifest.minimum_chrome_version) >= needed, `minimum_chrome_version ${manifest.minimum_chrome_version} < ${needed}`);
});
