// Runs the end-to-end tests with node's test runner: `node tests/e2e/run.mjs` (what `npm test` does).
// Needs ./build.sh to have produced dist/chrome and dist/firefox (or MASTHEAD_DIST / MASTHEAD_DIST_FIREFOX).

import { spawn } from 'node:child_process';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs'))
  .sort()
  .map((name) => path.join(here, name));
const only = process.argv.slice(2);
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...(only.length ? only : files)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
