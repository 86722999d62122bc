// Shared pieces of the browser tests: the gazette binary, a plain static server on loopback,
// and Debian's headless Chromium driven by playwright-core (no browser download).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, cpSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GAZETTE = process.env.GAZETTE_BIN || join(REPO, 'target', 'debug', 'gazette');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Headless Chromium with the flags this closed network needs; fails loudly when missing. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test does it) or set CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Runs the gazette binary and throws with its stderr when it fails. */
export function gazette(args) {
  const run = spawnSync(GAZETTE, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`gazette ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/** A copy of the example site (the repository root) in a temporary folder, optionally edited. */
export function copyExampleSite(edit = (yaml) => yaml) {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-site-'));
  for (const part of ['site.yaml', 'content', 'static']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), edit(readFileSync(join(dir, 'site.yaml'), 'utf8')));
  return dir;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.png': 'image/png', '.json': 'application/json' };

/** Serves `dir` on 127.0.0.1 under `prefix` like a plain web host without compression:
 *  404.html for what is missing. `onServe` hears the size of every body sent. */
export async function serveStatic(dir, prefix = '/', { onServe = () => {} } = {}) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.split('/').includes('..') || !path.startsWith(prefix)) { res.writeHead(404).end(); return; }
    path = path.slice(prefix.length - 1);
    let file = join(dir, path);
    if (path.endsWith('/')) file = join(file, 'index.html');
    const found = existsSync(file) && statSync(file).isFile();
    const body = readFileSync(found ? file : join(dir, '404.html'));
    res.writeHead(found ? 200 : 404, { 'Content-Type': TYPES[extname(found ? file : '.html')] || 'application/octet-stream',
      'Content-Length': body.length });
    onServe(body.length);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Builds `root` into a fresh folder and serves it; returns the server. */
export async function buildAndServe(root) {
  const out = join(mkdtempSync(join(tmpdir(), 'gazette-out-')), 'public');
  gazette(['build', '--root', root, '--output', out]);
  return serveStatic(out);
}

/** Starts `gazette serve --port 0` on `root`; resolves with its URL and a way to stop it. */
export async function startPreview(root) {
  const child = spawn(GAZETTE, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const output = [];
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gazette serve printed no URL: ${output.join('\n')}`)), 60000);
    lines.on('line', (line) => {
      output.push(line);
      const match = line.match(/^Serving (\S+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on('exit', (code) => reject(new Error(`gazette serve exited with ${code}`)));
  });
  return { url, output, stop: () => child.kill() };
}
