// The figures pages as readers meet them: charts drawn without JavaScript, their labels
// readable against the background in light and dark mode, black on white in print, and every
// point a link to its report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, buildAndServe, REPO } from './lib.mjs';
import { PAGES } from './pages.mjs';

let browser;
let site;

before(async () => {
  browser = await launchBrowser();
  site = await buildAndServe(REPO);
});

after(async () => {
  await browser?.close();
  site?.close();
});

/** The contrast ratio of two CSS colours `rgb(r, g, b)` (WCAG 2). */
function contrast(a, b) {
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The colours of the chart's labels and line, and of the page behind them. */
function chartColours(page) {
  return page.evaluate(() => {
    const style = (selector, prop) => getComputedStyle(document.querySelector(selector))[prop];
    return {
      background: getComputedStyle(document.body).backgroundColor,
      value: style('.chart .chart-value', 'fill'),
      year: style('.chart .chart-year', 'fill'),
      line: style('.chart .chart-line', 'stroke'),
    };
  });
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme} mode: chart labels and lines stand out from the background`, async () => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url + PAGES.figures);
    const colours = await chartColours(page);
    assert.ok(contrast(colours.value, colours.background) >= 4.5, JSON.stringify(colours));
    assert.ok(contrast(colours.year, colours.background) >= 4.5, JSON.stringify(colours));
    assert.ok(contrast(colours.line, colours.background) >= 3, JSON.stringify(colours));
    await context.close();
  });
}

test('print: the charts are black on white and the overview is left out', async () => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(site.url + PAGES.figures);
  await page.emulateMedia({ media: 'print' });
  const colours = await chartColours(page);
  assert.equal(colours.value, 'rgb(0, 0, 0)');
  assert.ok(contrast(colours.line, colours.background) >= 3, JSON.stringify(colours));
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.figures-overview')).display), 'none');
  await context.close();
});

test('without JavaScript every chart is drawn and each point links to its report', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 900 } });
  const page = await context.newPage();
  await page.goto(site.url + PAGES.figures);
  const charts = await page.evaluate(() => [...document.querySelectorAll('.indicator')].map((section) => ({
    points: section.querySelectorAll('svg.chart .chart-point').length,
    rows: section.querySelectorAll('tbody tr').length,
    width: section.querySelector('svg.chart').getBoundingClientRect().width,
  })));
  assert.ok(charts.length >= 5, `${charts.length} charts`);
  for (const chart of charts) {
    assert.equal(chart.points, chart.rows, 'a point per row of the table');
    assert.ok(chart.width > 300 && chart.width <= 375, `chart ${chart.width}px wide at 375 px`);
  }
  const first = page.locator('svg.chart .chart-point').first();
  await first.click();
  assert.match(new URL(page.url()).pathname, /^\/2012\/2012-women-children-survey\/$/);
  await context.close();
});
