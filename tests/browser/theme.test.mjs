// The default theme as a visitor sees it, in headless Chromium: every page type loads without
// console errors, nothing overflows a 375 px phone screen, and axe-core finds no serious or
// critical accessibility violation — in Chinese and in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, buildAndServe, copyExampleSite, REPO } from './lib.mjs';
import { PAGES } from './pages.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');


let browser;
const sites = {};

before(async () => {
  browser = await launchBrowser();
  sites.zh = await buildAndServe(REPO);
  sites.en = await buildAndServe(copyExampleSite((yaml) => yaml.replace(/^language: .*$/m, 'language: en')));
});

after(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) site.close();
});

async function visit(url, width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${url} answered ${response.status()}`);
  return { page, problems };
}

/** Elements carrying the `hidden` attribute that are displayed anyway (a CSS rule beat it). */
function shownHidden(page) {
  return page.evaluate(() => [...document.querySelectorAll('[hidden]')]
    .filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.outerHTML.slice(0, 100)));
}

for (const lang of ['zh', 'en']) {
  for (const [kind, path] of Object.entries(PAGES)) {
    test(`${lang} ${kind} page: no console errors, no overflow at 375 px, no serious axe violations`, async () => {
      for (const width of [375, 1280]) {
        const { page, problems } = await visit(sites[lang].url + path, width);
        assert.deepEqual(problems, [], `${path} at ${width}px`);
        assert.deepEqual(await shownHidden(page), [], `${path} at ${width}px: elements with [hidden] displayed`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${path} at ${width}px overflows by ${overflow}px`);
        if (width === 375) {
          await page.addScriptTag({ content: axeSource });
          const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
          const serious = results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          assert.deepEqual(serious, [], `${path}: axe violations`);
        }
        await page.close();
      }
    });
  }
}

test('the search page shows "more results" only when there are more, never without JavaScript', async () => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  for (const path of Object.values(PAGES)) {
    const page = await noScript.newPage();
    await page.goto(sites.zh.url + path);
    assert.deepEqual(await shownHidden(page), [], `${path} without JavaScript`);
    await page.close();
  }
  await noScript.close();
  const cases = { '': null, '?q=zqxjkvw': '#search-status.search-empty',
    [`?q=${encodeURIComponent('小额贷款')}`]: '#search-results li' };
  for (const [query, settled] of Object.entries(cases)) {
    const { page } = await visit(`${sites.zh.url}/search/${query}`, 375);
    if (settled) await page.locator(settled).first().waitFor();
    assert.equal(await page.isVisible('#search-more'), false, `"more" shown on /search/${query}`);
    await page.close();
  }
});

test('the section sidebar folds into a menu on a phone and stays open on a desktop', async () => {
  const path = sites.zh.url + PAGES.section;
  const phone = await visit(path, 375);
  assert.equal(await phone.page.evaluate(() => document.querySelector('.sidebar details').open), false);
  await phone.page.click('.sidebar summary');
  assert.ok(await phone.page.isVisible('.sidebar a[aria-current="page"]'));
  await phone.page.close();
  const desktop = await visit(path, 1280);
  assert.ok(await desktop.page.isVisible('.sidebar a[aria-current="page"]'));
  await desktop.page.close();
});

test("the theme's CSS and JavaScript (search aside) stay under 30 kB gzipped together", async () => {
  const { gzipSync } = await import('node:zlib');
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(REPO, 'themes', 'default', 'static');
  const files = ['css', 'js'].flatMap((sub) => readdirSync(join(dir, sub))
    .filter((name) => !name.startsWith('search'))
    .map((name) => join(dir, sub, name)));
  const gzipped = gzipSync(Buffer.concat(files.map((file) => readFileSync(file)))).length;
  assert.ok(files.length >= 2, `found ${files.length} files`);
  assert.ok(gzipped < 30 * 1024, `${gzipped} bytes gzipped`);
});
