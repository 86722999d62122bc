// Pagefind side by side, on the same corpus and queries as bench/measure.mjs (for comparison
// only; Pagefind is no dependency of gazette). `node bench/pagefind.mjs SITE_DIR OUT_DIR`: SITE_DIR
// is a build without search that `pagefind --site SITE_DIR` has indexed (see bench/pagefind.sh).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { launchBrowser, serveStatic } from "../tests/browser/lib.mjs";

const site = path.resolve(process.argv[2]);
const queries = JSON.parse(fs.readFileSync(path.join(process.argv[3], "queries.json"), "utf8"));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// Pagefind's result ids are its fragment files' names; each fragment names its page's URL.
const idOf = new Map();
const fragments = path.join(site, "pagefind", "fragment");
for (const name of fs.readdirSync(fragments)) {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(fragments, name))).toString("utf8");
  idOf.set(JSON.parse(text.slice(text.indexOf("{"))).url, name.replace(".pf_fragment", ""));
}

// Bytes served, counted at the server: Pagefind fetches its index in a web worker, which the
// page's own resource timings do not see.
let served = 0;
const server = await serveStatic(site, "/", { onServe: (bytes) => { served += bytes; } });
const base = `${server.url}/`;
const browser = await launchBrowser();
const report = {};
try {
  const page = await browser.newPage();
  await page.goto(base);
  await page.evaluate(`(async () => { window.pf = await import('/pagefind/pagefind.js'); await pf.init(); })()`);
  const ranks = async (list) => page.evaluate(`(async function (list) {
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var s = await pf.search(list[i].q);
      out.push(s.results.findIndex(function (r) { return r.id === list[i].id; }));
    }
    return out;
  })(${JSON.stringify(list)})`);
  for (const kind of ["chinese", "english", "titles", "headings"]) {
    if (process.env.BANDWIDTH_ONLY) break;
    const list = queries[kind].map((q) => ({ q: q.q, id: idOf.get(q.url) }));
    const r = await ranks(list);
    const found = r.filter((x) => x >= 0).length;
    report[kind] = { queries: list.length, found, first: r.filter((x) => x === 0).length,
      misses: list.filter((_, i) => r[i] < 0).slice(0, 8).map((q) => q.q) };
  }
  // First query in a fresh browser: pagefind.js, its worker and WebAssembly, the index
  // chunks and the fragments of the first 10 results (the page, CSS and site scripts not
  // counted: compare with gazette's index, documents and search modules).
  const transfers = [];
  for (const q of queries.chinese.filter((_, i) => i % 25 === 0).map((q) => q.q)) {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(base);
    served = 0;
    await fresh.evaluate(`(async () => {
      const pf = await import('/pagefind/pagefind.js'); await pf.init();
      const s = await pf.search(${JSON.stringify(q)});
      await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
    })()`);
    transfers.push(served);
    await context.close();
  }
  report.bandwidth = { queries: transfers.length, medianKB: Number((median(transfers) / 1024).toFixed(1)),
    maxKB: Number((Math.max(...transfers) / 1024).toFixed(1)), note: "search files only (body bytes), without the page" };
} finally {
  console.log(JSON.stringify(report, null, 1));
  await browser.close();
  server.close();
}
