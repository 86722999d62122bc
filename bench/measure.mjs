// Measures search on a built benchmark site in headless Chromium: recall of Chinese and
// English queries, ranking of title and heading queries, and the bytes a first query
// transfers. `node bench/measure.mjs OUT_DIR` (OUT_DIR from bench/search_corpus.py, built into
// OUT_DIR/public). Prints a report; misses are listed with what the section holds. Chromium is
// driven as in the browser tests (tests/browser/lib.mjs).
import fs from "node:fs";
import path from "node:path";
import { launchBrowser, serveStatic } from "../tests/browser/lib.mjs";

const out = process.argv[2];
const publicDir = path.join(out, "public");
const queries = JSON.parse(fs.readFileSync(path.join(out, "queries.json"), "utf8"));

function docIds() {
  const dir = path.join(publicDir, "search", "d");
  const byUrl = new Map();
  for (const name of fs.readdirSync(dir)) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    byUrl.set(doc.u, Number(name.replace(".json", "")));
  }
  return byUrl;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function main() {
  const server = await serveStatic(publicDir);
  const base = `${server.url}/`;
  const ids = docIds();
  const browser = await launchBrowser();
  const report = {};
  try {
    const page = await browser.newPage();
    await page.goto(base + "search/");
    await page.waitForFunction("window.gazetteSearch && gazetteSearch.search");

    // Recall: is the section among the results (the ranked candidates, all of which the page
    // can show with "more"; verification only drops documents without the phrase)?
    for (const kind of process.env.BANDWIDTH_ONLY ? [] : ["chinese", "english"]) {
      const list = queries[kind].map((q) => ({ q: q.q, id: ids.get(q.url), url: q.url }));
      const ranks = await page.evaluate(`(async function (list) {
        var out = [];
        for (var i = 0; i < list.length; i++) {
          var found = await gazetteSearch.search.candidates(list[i].q);
          out.push({ rank: found.hits.findIndex(function (h) { return h.id === list[i].id; }), total: found.hits.length });
        }
        return out;
      })(${JSON.stringify(list)})`);
      const misses = list.filter((_, i) => ranks[i].rank < 0);
      report[kind] = { queries: list.length, found: list.length - misses.length,
        recall: (100 * (list.length - misses.length) / list.length).toFixed(2) + "%",
        medianResults: median(ranks.map((r) => r.total)), misses };
    }

    // Ranking: a query equal to a section's title or one of its headings should rank that
    // section first, as the page shows it (verified, exact titles then headings first).
    for (const kind of process.env.BANDWIDTH_ONLY ? [] : ["titles", "headings"]) {
      const list = queries[kind].map((q) => ({ q: q.q, id: ids.get(q.url) }));
      const firsts = await page.evaluate(`(async function (list) {
        var out = [];
        for (var i = 0; i < list.length; i++) {
          var s = gazetteSearch, q = list[i].q;
          var found = await s.search.candidates(q);
          var pg = await s.search.page(found, 0, 10);
          var results = pg.results.slice().sort(function (a, b) { return s.exactness(b.doc, q) - s.exactness(a.doc, q); });
          var first = results[0];
          out.push({ id: first ? first.id : -1, same: first ? s.exactness(first.doc, q) > 0 : false });
        }
        return out;
      })(${JSON.stringify(list)})`);
      const first = firsts.filter((f, i) => f.id === list[i].id).length;
      const equivalent = firsts.filter((f, i) => f.id === list[i].id || f.same).length;
      report[kind] = { queries: list.length, first, firstPct: (100 * first / list.length).toFixed(1) + "%",
        firstOrSameText: equivalent, wrong: list.filter((_, i) => firsts[i].id !== list[i].id).slice(0, 10) };
    }

    // Bandwidth: a fresh browser (empty cache) opens /search/?q=… and waits for the results;
    // every byte it fetched counts, the page, its CSS and scripts included.
    const sample = queries.chinese.filter((_, i) => i % 25 === 0).map((q) => ["chinese", q.q])
      .concat(queries.titles.slice(0, 10).map((q) => ["title", q.q]),
        queries.english.slice(0, 10).map((q) => ["english", q.q]));
    const transfers = [];
    for (const [kind, q] of sample) {
      // A context of its own: an empty cache.
      const context = await browser.newContext();
      const fresh = await context.newPage();
      const started = Date.now();
      await fresh.goto(base + "search/?q=" + encodeURIComponent(q));
      await fresh.waitForFunction("document.querySelector('#search-results li') || document.querySelector('.search-empty')",
        null, { timeout: 30000 });
      const ms = Date.now() - started;
      const bytes = await fresh.evaluate(`(function () {
        var all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
        var by = { page: 0, index: 0, docs: 0, script: 0, files: all.length };
        all.forEach(function (e) {
          var k = e.name.indexOf('/search/s/') > 0 || e.name.indexOf('/search/meta.json') > 0 ? 'index'
            : e.name.indexOf('/search/d/') > 0 ? 'docs' : 'page';
          by[k] += e.transferSize;
          if (e.name.indexOf('/js/search/') > 0) by.script += e.transferSize;
        });
        by.total = by.page + by.index + by.docs;
        by.search = by.script + by.index + by.docs;
        return by;
      })()`);
      transfers.push({ kind, q, ms, ...bytes });
      await context.close();
    }
    const kb = (n) => Number((n / 1024).toFixed(1));
    report.bandwidth = {};
    for (const kind of ["chinese", "title", "english", "all"]) {
      const ts = transfers.filter((t) => kind === "all" || t.kind === kind);
      report.bandwidth[kind] = {
        queries: ts.length,
        medianTotalKB: kb(median(ts.map((t) => t.total))),
        maxTotalKB: kb(Math.max(...ts.map((t) => t.total))),
        overLimit: ts.filter((t) => t.total > 150 * 1024).length,
        medianPageKB: kb(median(ts.map((t) => t.page))),
        medianIndexKB: kb(median(ts.map((t) => t.index))),
        medianDocsKB: kb(median(ts.map((t) => t.docs))),
        medianSearchFilesKB: kb(median(ts.map((t) => t.search))),
        maxSearchFilesKB: kb(Math.max(...ts.map((t) => t.search))),
        medianMs: median(ts.map((t) => t.ms)),
      };
    }
    report.bandwidth.worst = transfers.sort((a, b) => b.total - a.total).slice(0, 3);
  } finally {
    console.log(JSON.stringify(report, null, 1));
    await browser.close();
    server.close();
  }
}

main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
