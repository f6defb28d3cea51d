#!/usr/bin/env node
// Starts Debian's firefox-esr for playwright-core's WebDriver BiDi client, with a small relay in
// between: playwright-core speaks the BiDi of current Firefox releases, and a few commands it sends
// unconditionally (media-feature and screen emulation) are newer than ESR. The relay answers those
// with an empty success and forwards everything else unchanged. When MASTHEAD_FIREFOX_EXTENSION names
// an unpacked extension, it is installed as a temporary add-on (webExtension.install) as soon as the
// session exists, before Playwright hears that it does. Playwright runs this file as the browser
// executable (launch's executablePath), so it passes Firefox's arguments through.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { WebSocketServer, WebSocket } from 'ws';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/** Commands ESR 153 does not know and whose effect the tests do not rely on. */
const EXTENSION = process.env.MASTHEAD_FIREFOX_EXTENSION;
/** Ids above those Playwright uses, for the relay's own commands. */
let ownId = 2 ** 30;
const EMULATED = new Set(['emulation.setMediaFeaturesOverride', 'emulation.setScreenSettingsOverride', 'emulation.setScreenOrientationOverride']);

const args = process.argv.slice(2);
// Extension pages (moz-extension://) may only be navigated to with system access.
const firefox = spawn(FIREFOX, [...args, '--remote-allow-system-access'], { stdio: ['ignore', 'inherit', 'pipe'] });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

let announced = false;
firefox.stderr.on('data', (chunk) => {
  const text = String(chunk);
  const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(text);
  if (match && !announced) {
    announced = true;
    relay(match[1]).then((port) => process.stderr.write(`WebDriver BiDi listening on ws://127.0.0.1:${port}\n`));
    return;
  }
  process.stderr.write(chunk);
});

/** The live connection to Firefox and the relay's own pending commands, for the control channel. */
let current = null;
const pending = new Map();

/**
 * When MASTHEAD_SHIM_CONTROL names a file, the relay writes there the port of a small HTTP endpoint
 * that sends one BiDi command of the test's own on the same session (POST {method, params}): the
 * tests read closed shadow roots that way, as they use the DevTools protocol in Chromium.
 */
if (process.env.MASTHEAD_SHIM_CONTROL) {
  const control = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { method, params } = JSON.parse(body || '{}');
      if (!current || current.readyState !== WebSocket.OPEN) return res.writeHead(503).end('no session');
      const id = ++ownId;
      pending.set(id, (answer) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer)));
      current.send(JSON.stringify({ id, method, params }));
    });
  });
  control.listen(0, '127.0.0.1', () => writeFileSync(process.env.MASTHEAD_SHIM_CONTROL, String(control.address().port)));
}

function relay(target) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (client, request) => {
    const upstream = new WebSocket(target + request.url);
    current = upstream;
    const queued = [];
    const sessionNew = new Set();
    const own = new Map();
    upstream.on('open', () => queued.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data) => {
      const text = String(data);
      const message = JSON.parse(text);
      if (own.has(message.id)) return own.get(message.id)(message);
      if (pending.has(message.id)) {
        const answer = pending.get(message.id);
        pending.delete(message.id);
        return answer(message);
      }
      if (EXTENSION && sessionNew.has(message.id) && message.type === 'success') {
        const id = ++ownId;
        own.set(id, (answer) => {
          own.delete(id);
          if (answer.type !== 'success') process.stderr.write(`masthead: installing the extension failed: ${JSON.stringify(answer)}\n`);
          client.send(text);
        });
        upstream.send(JSON.stringify({ id, method: 'webExtension.install', params: { extensionData: { type: 'path', path: EXTENSION } } }));
        return;
      }
      client.send(text);
    });
    upstream.on('close', () => client.close());
    client.on('close', () => upstream.close());
    client.on('message', (data) => {
      const text = String(data);
      const message = JSON.parse(text);
      if (EMULATED.has(message.method)) return client.send(JSON.stringify({ type: 'success', id: message.id, result: {} }));
      if (message.method === 'session.new') sessionNew.add(message.id);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queued.push(text);
    });
  });
  return new Promise((resolve) => server.on('listening', () => resolve(server.address().port)));
}
