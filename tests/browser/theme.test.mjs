// The default theme as a visitor sees it, in headless Chromium: every page type loads without
// console errors, nothing overflows a 375 px phone screen, and axe-core finds no violation of
// any impact at 375 and 1280 px, light and dark — in Chinese and in English.
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

async function visit(url, width, colorScheme = 'light') {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
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
    test(`${lang} ${kind} page: no console errors, no overflow, no axe violation of any impact, light and dark, 375 and 1280 px`, async () => {
      for (const width of [375, 1280]) {
        for (const colorScheme of ['light', 'dark']) {
          const { page, problems } = await visit(sites[lang].url + path, width, colorScheme);
          const where = `${path} at ${width}px, ${colorScheme}`;
          assert.deepEqual(problems, [], where);
          assert.deepEqual(await shownHidden(page), [], `${where}: elements with [hidden] displayed`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${where} overflows by ${overflow}px`);
          await page.addScriptTag({ content: axeSource });
          // target-size (WCAG 2.2, 24×24 px) is off by default in axe: turned on here.
          const results = await page.evaluate(() => window.axe.run(document,
            { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } }));
          const violations = results.violations
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          assert.deepEqual(violations, [], `${where}: axe violations`);
          const repeated = await page.evaluate(() => {
            const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
            return ids.filter((id, i) => ids.indexOf(id) !== i);
          });
          assert.deepEqual(repeated, [], `${where}: ids used twice`);
          const skipped = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
            .map((h) => +h.tagName[1]).filter((level, i, all) => level > (i ? all[i - 1] : 0) + 1));
          assert.deepEqual(skipped, [], `${where}: heading levels skipped`);
          await page.close();
        }
      }
    });
  }
}

test('a report written in English inside a Chinese site is marked lang="en" with English UI words', async () => {
  for (const path of ['/2015/', '/2015/2015-trade-union-review/', '/2015/2015-trade-union-review/highlights/']) {
    const { page } = await visit(sites.zh.url + path, 1280);
    if (path === '/2015/') {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.getAttribute('.card', 'lang'), 'en');
      assert.match(await page.textContent('.card .card-meta'), /2 sections$/, 'the card speaks its report\'s language');
    } else {
      assert.equal(await page.getAttribute('html', 'lang'), 'en', path);
      assert.equal(await page.textContent('.skip-link'), 'Skip to content', path);
      assert.equal(await page.getAttribute('.site-title', 'lang'), 'zh-CN', `${path}: the site's own name keeps its language`);
    }
    await page.close();
  }
});

test('every Tab stop of a desktop section page is visible and does something', async () => {
  const { page } = await visit(sites.zh.url + PAGES.section, 1280);
  const seen = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const e = document.activeElement;
      const box = e.getBoundingClientRect();
      return { tag: e.tagName, text: e.textContent.trim().slice(0, 30), visible: e.checkVisibility() && box.width > 0,
        acts: e.matches('a[href], button, input, select, textarea') };
    });
    if (stop.tag === 'BODY') break;
    seen.push(stop);
  }
  assert.ok(seen.length >= 20, `only ${seen.length} Tab stops`);
  const dead = seen.filter((s) => !s.visible || !s.acts);
  assert.deepEqual(dead, [], 'dead or invisible Tab stops');
  await page.close();
});

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

/** Every section page of a site, through the archive and each report's contents. */
async function sectionUrls(site) {
  const page = await browser.newPage();
  await page.goto(`${site.url}/archive/`);
  const reports = await page.$$eval('.card-title a', (links) => links.map((a) => a.href));
  const sections = [];
  for (const report of reports) {
    await page.goto(report);
    sections.push(...await page.$$eval('.report-contents-list a', (links) => links.map((a) => a.href)));
  }
  await page.close();
  return sections;
}

for (const lang of ['zh', 'en']) {
  test(`${lang}: on a 375×812 phone every section's first paragraph starts in the top 40%, below a one-row header`, async () => {
    const urls = await sectionUrls(sites[lang]);
    assert.ok(urls.length >= 15, `only ${urls.length} sections`);
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    let measured = 0;
    for (const url of urls) {
      await page.goto(url);
      const m = await page.evaluate(() => {
        const visible = (e) => e && e.checkVisibility();
        const first = document.querySelector('main .prose > p');
        const crumbs = [...document.querySelectorAll('.breadcrumbs li')].filter(visible).map((li) => li.textContent.replace(/^[\s›‹]+/, ''));
        return {
          first: first && first.getBoundingClientRect().top,
          header: document.querySelector('.site-header').getBoundingClientRect().height,
          menuShown: visible(document.querySelector('.site-menu')),
          title: document.querySelector('h1').textContent,
          crumbs,
          toc: document.querySelectorAll('.page-toc li').length,
        };
      });
      if (m.first === null) continue; // a section that opens with a heading or a list
      measured += 1;
      assert.ok(m.first <= 812 * 0.4, `${url}: first paragraph at ${m.first}px`);
      assert.ok(m.header <= 64, `${url}: header ${m.header}px tall`);
      assert.equal(m.menuShown, false, `${url}: the menu sits behind its button`);
      assert.deepEqual(m.crumbs.length, 1, `${url}: breadcrumbs ${m.crumbs}`);
      assert.ok(!m.crumbs.includes(m.title), `${url}: the title is shown twice`);
      assert.ok(m.toc === 0 || m.toc >= 3, `${url}: a contents box of ${m.toc} entries`);
    }
    assert.ok(measured >= 15, `only ${measured} sections measured`);
    await page.click('.site-nav-toggle');
    assert.ok(await page.isVisible('.site-menu a'), 'the menu button opens the menu');
    assert.ok(await page.isVisible('.site-search input'), 'and the search box');
    await page.close();
  });
}

test('the text size and high contrast are remembered across pages; high contrast passes WCAG AAA', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  await page.goto(sites.zh.url + PAGES.section);
  assert.equal(await rootSize(), '16px');
  await page.click('.reading-aids button[data-text-size="l"]');
  assert.equal(await rootSize(), '20px');
  assert.equal(await page.getAttribute('button[data-text-size="l"]', 'aria-pressed'), 'true');
  await page.click('.reading-aids button[data-contrast="high"]');
  for (const path of [PAGES.home, PAGES.section]) {
    await page.goto(sites.zh.url + path);
    assert.equal(await rootSize(), '20px', `${path}: the size is remembered`);
    assert.equal(await page.getAttribute('button[data-contrast="high"]', 'aria-pressed'), 'true');
  }
  await page.reload();
  assert.equal(await rootSize(), '20px', 'the size survives a reload');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of Object.values(PAGES)) {
      await page.goto(sites.zh.url + path);
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(() => window.axe.run(document, { runOnly: ['color-contrast-enhanced'] }));
      const failing = results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
      assert.deepEqual(failing, [], `${path} in ${scheme} high contrast: below 7:1`);
    }
  }
  await page.click('.reading-aids button[data-text-size="m"]');
  assert.equal(await rootSize(), '16px');
  await context.close();
});

test('typography: justified Chinese, balanced CJK titles without a Latin serif; a wide report page; the last section leads on', async () => {
  const { page } = await visit(`${sites.zh.url}/2013/2013-work-summary/`, 1280);
  const [intro, contents] = await Promise.all(['.report > .prose', '.report-contents']
    .map((css) => page.$eval(css, (e) => e.getBoundingClientRect().toJSON())));
  assert.ok(contents.left >= intro.right && contents.top < intro.bottom, 'the contents stand beside the introduction');
  const last = await page.$$eval('.report-contents-list a', (links) => links.at(-1).href);
  await page.goto(last);
  assert.equal(await page.$eval('.prose p', (p) => getComputedStyle(p).textAlign), 'justify');
  const title = await page.$eval('h1', (h) => ({ wrap: getComputedStyle(h).textWrap, font: getComputedStyle(h).fontFamily }));
  assert.match(title.wrap, /balance/);
  assert.ok(!/Georgia|Times/.test(title.font), `a Latin serif in the title's stack: ${title.font}`);
  assert.equal(await page.getAttribute('.prevnext-up', 'href'), '/2013/2013-work-summary/');
  assert.equal(await page.getAttribute('.prevnext-next', 'href'), '/2014/2014-work-plan/', 'on to the next report');
  await page.goto(`${sites.zh.url}/2015/2015-trade-union-review/highlights/`);
  assert.notEqual(await page.$eval('.prose p', (p) => getComputedStyle(p).textAlign), 'justify', 'English stays ragged');
  await page.close();
});

test('results arriving on the search page move nothing on screen', async () => {
  for (const width of [375, 1280]) {
    const { page } = await visit(sites.zh.url + PAGES.search, width);
    await page.locator('#search-results li').first().waitFor();
    const shift = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries()
        .filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0)))
        .observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(0), 1000);
    }));
    assert.ok(shift < 0.01, `layout shift ${shift} at ${width}px`);
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
