// A tiny HTTP server for the fixtures, on 127.0.0.1 and a random port. The browser reaches it under
// real outlet host names: Chromium through --host-resolver-rules, Firefox by using it as its HTTP
// proxy. As a proxy it serves only the test hosts; any other request (and every HTTPS tunnel) is
// refused and recorded in `foreign`, so nothing leaves the machine and tests can assert none was tried.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPage, manyLinksPage } from './fixtures/generate.mjs';
import { HOSTS } from './harness.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** Extra routes a test can add: path -> (req, res) => void. */
export async function startServer(routes = {}) {
  const hits = [];
  const foreign = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
    hits.push(`${url.host}${url.pathname}${url.search}`);
    if (!HOSTS.includes(url.hostname) && url.hostname !== '127.0.0.1') {
      foreign.push(url.href);
      return res.writeHead(502).end();
    }
    try {
      if (routes[url.pathname]) return await routes[url.pathname](req, res, url);
      if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
      if (url.pathname === '/generated/links') {
        return send(res, manyLinksPage(Number(url.searchParams.get('n') ?? 5000)), '.html');
      }
      if (url.pathname === '/generated/bench') return send(res, benchPage().html, '.html');
      const file = path.normalize(url.pathname).replace(/^\/fixtures\//, '');
      if (file.includes('..') || !url.pathname.startsWith('/fixtures/')) return res.writeHead(404).end();
      const body = await readFile(path.join(FIXTURES, file));
      const headers = {};
      // The strict-CSP page: only same-origin scripts, no eval, no WebAssembly compilation.
      if (file === 'csp.html') headers['Content-Security-Policy'] = "script-src 'self'; object-src 'none'";
      // `?traps`: the page without its real citations (between <!--real--> and <!--/real-->).
      const page = url.searchParams.has('traps') ? String(body).replace(/<!--real-->[\s\S]*?<!--\/real-->/g, '') : body;
      return send(res, page, path.extname(file), headers);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.on('connect', (req, socket) => {
    foreign.push(`https://${req.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    hits,
    foreign,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

function send(res, body, ext, headers = {}) {
  res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}
