// Search as a reader uses it, on the example site published under a sub-folder: a Chinese
// query typed into the header box finds the expected section first, highlighted, with its
// report and year; the keyboard reaches the results; a word found nowhere says so; a linked
// query with a year filter runs on load, and a year's filter finds the plans for it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, gazette, launchBrowser, serveStatic } from './lib.mjs';

const BASE = '/fulian/reports/';
const EXPECTED = '二、围绕发展大局,助力妇女就业创业有新举措';

const cleanups = [];
after(() => cleanups.forEach((cleanup) => cleanup()));

test('a Chinese query finds its section first; a word found nowhere says so', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'gazette-out-')), 'public');
  gazette(['build', '--root', REPO, '--output', out, '--base-url', `https://example.org${BASE}`]);
  const server = await serveStatic(out, BASE);
  const browser = await launchBrowser();
  cleanups.push(server.close, () => browser.close());
  const site = server.url + BASE;
  const page = await browser.newPage();
  await page.goto(site);

  await page.fill('.site-search input[name=q]', '巾帼文明岗');
  await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('.site-search input[name=q]', 'Enter')]);
  assert.ok(page.url().startsWith(`${site}search/?q=`), page.url());
  const first = page.locator('#search-results li a').first();
  await first.waitFor();
  assert.equal(await first.textContent(), EXPECTED, 'the expected section comes first');
  assert.ok((await first.getAttribute('href')).startsWith(BASE), 'result URLs keep the base path');
  assert.equal(await page.locator('#search-results mark').first().textContent(), '巾帼文明岗');
  assert.match(await page.locator('.search-result-meta').first().textContent(), /2013年/);

  await page.focus('#search-q');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), EXPECTED,
    'ArrowDown focuses the first result');

  await page.fill('#search-q', 'zqxjkvw');
  await page.press('#search-q', 'Enter');
  const status = page.locator('#search-status.search-empty');
  await status.waitFor();
  assert.match(await status.textContent(), /没有找到包含“zqxjkvw”的内容/);
  assert.equal(await page.locator('#search-results li').count(), 0);
  assert.ok(new URL(page.url()).search.includes('q=zqxjkvw'), 'the URL holds the query');

  await page.goto(`${site}search/?q=${encodeURIComponent('妇女')}&year=2012`);
  await page.locator('#search-results li').first().waitFor();
  const metas = await page.locator('.search-result-meta').allTextContents();
  assert.ok(metas.length > 0 && metas.every((m) => m.includes('2012年')), `only 2012 results: ${metas}`);

  // The 2013 report's part "2014年主要任务" is found under 2014, as the 2014 page lists it.
  await page.goto(`${site}search/?q=${encodeURIComponent('总体工作思路')}&year=2014`);
  await page.locator('#search-results li').first().waitFor();
  const titles = await page.locator('.search-result-title').allTextContents();
  assert.ok(titles.includes('总体工作思路'), `the 2014 plan of the 2013 report: ${titles}`);
});
