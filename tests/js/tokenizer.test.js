// The search tokenizer of the default theme against the vectors shared with the Rust indexer.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const root = path.join(__dirname, "..", "..");
const search = require(path.join(root, "themes/default/static/js/search.js"));
const vectors = JSON.parse(
  fs.readFileSync(path.join(root, "tests/fixtures/search/tokenizer.json"), "utf8"),
);

test("query and index tokens match the shared vectors", () => {
  assert.ok(vectors.tokens.length >= 15);
  for (const c of vectors.tokens) {
    assert.deepStrictEqual(search.queryTokens(c.input), c.query, c.about);
    assert.deepStrictEqual(search.tokens(search.normalize(c.input), true), c.index, c.about);
  }
});

test("shard keys and hashes match the shared vectors", () => {
  for (const c of vectors.keys) {
    assert.strictEqual(search.shardKey(c.token), c.key, c.token);
    assert.strictEqual(search.hash(c.key), c.hash, c.key);
  }
});

test("a query asks for prefixes of long words and verifies long Chinese runs", () => {
  const p = search.plan("巾帼文明岗 employ of");
  assert.deepStrictEqual(
    p.terms.map((t) => [t.token, t.prefix]),
    [["巾帼", false], ["帼文", false], ["文明", false], ["明岗", false], ["employ", true], ["of", false]],
  );
  const doc = { t: "标题", h: [], x: "文明 … 明岗" };
  assert.strictEqual(search.verify(doc, search.plan("文明岗")), false);
  assert.strictEqual(search.verify({ t: "", h: [], x: "巾帼文明岗" }, search.plan("文明岗")), true);
});

test("excerpts highlight every match and escape HTML", () => {
  const html = search.excerpt("<b>家庭暴力</b> and more 家庭暴力", search.plan("家庭暴力").pieces, 200);
  assert.strictEqual(html, "&lt;b&gt;<mark>家庭暴力</mark>&lt;/b&gt; and more <mark>家庭暴力</mark>");
});

test("a shard is read back as the Rust indexer writes it", () => {
  // One term "ab" with postings: doc 2 (tf 3), doc 5 (title, title_len 4).
  const bytes = Uint8Array.from([1, 2, 0x61, 0x62, 2, 4, 2, 3, 3, 0x80, 4]);
  const shard = search.parseShard(bytes);
  assert.deepStrictEqual(shard.terms.map((t) => [t.term, t.df]), [["ab", 2]]);
  const p = search.postings(shard, shard.terms[0]);
  assert.deepStrictEqual([...p.entries()], [
    [2, { tf: 3, flags: 3, titleLen: 0 }],
    [5, { tf: 0, flags: 0x80, titleLen: 4 }],
  ]);
});
