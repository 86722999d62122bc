// Lighthouse 12 (npm, pinned in package.json) on one page of each type (pages.mjs) of the site
// served at the URL given as argument, with its mobile and desktop presets and its default
// simulated throttling (lantern: computed from the trace, not measured through throttling), in
// one headless Debian Chromium. The trace's CPU tasks still take longer on a busy machine, so a
// performance score under the tests' 95 is measured twice more and the median run is kept,
// chosen by Lighthouse's own computeMedianRun, as its guide to variability advises.
// Prints one JSON line per page and preset: the four category scores (0–100), the performance
// score of every run, and every audit that lost points, for tests/lighthouse.rs to judge.
//
//   CHROMIUM=/usr/bin/chromium node tests/browser/lighthouse.mjs http://127.0.0.1:8000/ [search …]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM } from './lib.mjs';
import { PAGES } from './pages.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const PRESETS = { mobile: undefined, desktop: desktopConfig };
/** The least score tests/lighthouse.rs accepts. */
const LEAST = 95;
const score = (lhr, category) => Math.round(lhr.categories[category].score * 100);

/** Starts Chromium with a DevTools port of its choosing; resolves with the port and a stop. */
async function startChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test does it) or set CHROMIUM`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'gazette-lighthouse-'));
  const child = spawn(CHROMIUM, ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-sync',
    '--disable-background-networking', '--disable-component-update', '--disable-extensions', '--disable-quic',
    'about:blank'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  // Chromium writes the port it took, then the browser's path, into DevToolsActivePort.
  const portFile = join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 60000; waited += 100) {
    if (child.exitCode !== null) break;
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return { port, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`Chromium at ${CHROMIUM} did not open its DevTools port`);
}

const [site, ...only] = process.argv.slice(2);
if (!site) throw new Error('usage: node tests/browser/lighthouse.mjs SITE-URL [PAGE-TYPE…]');
// The screenshot of the whole page is for the HTML report, which nobody reads here.
const flags = { onlyCategories: CATEGORIES, logLevel: 'error', disableFullPageScreenshot: true };
const browser = await startChromium();

/** One Lighthouse run of `url` with a preset's config; throws when it could not measure. */
async function measure(url, preset, config) {
  const { lhr } = await lighthouse(url, { ...flags, port: browser.port }, config);
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url} (${preset}): ${lhr.runtimeError.message}`);
  const { formFactor, throttlingMethod } = lhr.configSettings;
  if (formFactor !== preset || throttlingMethod !== 'simulate') {
    throw new Error(`the ${preset} run emulated ${formFactor} with ${throttlingMethod} throttling`);
  }
  return lhr;
}

try {
  for (const [page, path] of Object.entries(PAGES)) {
    if (only.length > 0 && !only.includes(page)) continue;
    const url = new URL(path.slice(1), site).href;
    for (const [preset, config] of Object.entries(PRESETS)) {
      const runs = [await measure(url, preset, config)];
      if (score(runs[0], 'performance') < LEAST) {
        runs.push(await measure(url, preset, config), await measure(url, preset, config));
      }
      const lhr = computeMedianRun(runs);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)]));
      const lost = [];
      for (const category of CATEGORIES) {
        for (const ref of lhr.categories[category].auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            lost.push({ category, id: ref.id, score: audit.score, value: audit.displayValue || '', title: audit.title });
          }
        }
      }
      const performanceRuns = runs.map((r) => score(r, 'performance'));
      console.log(JSON.stringify({ page, url, preset, scores, performanceRuns, lost }));
    }
  }
} finally {
  await browser.stop();
}
