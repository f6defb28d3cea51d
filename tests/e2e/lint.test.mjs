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
