// The search page in headless Chromium, run by tests/search.rs against the example site it
// built and serves: `node tests/js/browser.js <site URL>`. Exits non-zero with the reason.
"use strict";
const assert = require("node:assert");
const { launch } = require("./cdp.js");

const site = process.argv[2];
const expected = "二、围绕发展大局,助力妇女就业创业有新举措";

async function main() {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(site);
    // The header box: type a Chinese query and press Enter, as a reader does.
    await page.eval(`document.querySelector('.site-search input[name=q]').focus()`);
    await page.type("巾帼文明岗");
    const loaded = browser.waitFor("Page.loadEventFired", page.sessionId);
    await page.press("Enter");
    await loaded;
    const url = await page.eval("location.href");
    assert.ok(url.startsWith(site + "search/?q="), `the box leads to the search page: ${url}`);
    const first = await page.until(
      `document.querySelector('#search-results li a') && document.querySelector('#search-results li a').textContent`,
    );
    assert.strictEqual(first, expected, "the expected section comes first");
    const href = await page.eval(`document.querySelector('#search-results li a').getAttribute('href')`);
    assert.ok(href.startsWith(new URL(site).pathname), `result URLs keep the base path: ${href}`);
    const marked = await page.eval(`document.querySelector('#search-results mark').textContent`);
    assert.strictEqual(marked, "巾帼文明岗", "the match is highlighted");
    const meta = await page.eval(`document.querySelector('.search-result-meta').textContent`);
    assert.match(meta, /2013年/, "the result names its report and year");
    // The keyboard reaches the results from the box.
    await page.eval(`document.getElementById('search-q').focus()`);
    await page.press("ArrowDown");
    assert.strictEqual(
      await page.eval(`document.activeElement.textContent`), expected, "ArrowDown focuses the first result");

    // A word that exists nowhere: the no-results message.
    await page.eval(`(function(){var i=document.getElementById('search-q'); i.value=''; i.focus();})()`);
    await page.type("zqxjkvw");
    await page.press("Enter");
    const status = await page.until(
      `document.querySelector('#search-status.search-empty') && document.getElementById('search-status').textContent`,
    );
    assert.match(status, /没有找到包含“zqxjkvw”的内容/);
    assert.strictEqual(await page.eval(`document.querySelectorAll('#search-results li').length`), 0);
    assert.ok((await page.eval("location.search")).includes("q=zqxjkvw"), "the URL holds the query");

    // A linked query with a year filter runs on load.
    await page.goto(site + "search/?q=" + encodeURIComponent("妇女") + "&year=2012");
    await page.until(`document.querySelectorAll('#search-results li').length > 0`);
    const metas = await page.eval(
      `Array.from(document.querySelectorAll('.search-result-meta')).map(function(e){return e.textContent})`);
    assert.ok(metas.every((m) => m.includes("2012年")), `only 2012 results: ${metas}`);
    console.log("browser search test passed");
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
