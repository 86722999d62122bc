// The search tokenizer of the default theme against the vectors shared with the Rust indexer.
// The modules are the browser's own files, imported as they are served.
import test from "node:test";
import assert from "node:assert";
import fs from "node:fs";

const dir = new URL("../../themes/default/static/js/search/", import.meta.url);
const search = {
  ...(await import(new URL("tokenizer.js", dir))),
  ...(await import(new URL("shards.js", dir))),
  ...(await import(new URL("ranking.js", dir))),
  ...(await import(new URL("excerpt.js", dir))),
};
const vectors = JSON.parse(
  fs.readFileSync(new URL("../fixtures/search/tokenizer.json", import.meta.url), "utf8"),
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

test("a query looks up rare bigrams with their followers, and prefixes of long words", () => {
  const p = search.plan("巾帼文明岗 employ");
  assert.deepStrictEqual(
    p.terms.map((t) => [t.token, t.follow, t.prefix]),
    [["employ", null, true], ["巾帼", "文", false], ["文明", "岗", false], ["明岗", null, false]],
  );
  assert.deepStrictEqual(search.plan("of 家").terms.map((t) => [t.token, t.prefix]), [["of", false], ["家", false]]);
  // Frequent bigrams are passed over for rarer ones, which are checked with their followers.
  assert.deepStrictEqual(search.plan("工作任务", new Set(["工作", "任务"])).terms.map((t) => [t.token, t.follow]), [["作任", "务"]]);
  assert.deepStrictEqual(search.plan("工作", new Set(["工作"])).terms.map((t) => t.token), ["工作"]);
  assert.strictEqual(p.count, 5);
  const long = search.plan("巾帼文明岗家庭暴力小额贷款妇女儿童权益保障工作");
  assert.strictEqual(long.terms.length, 4);
  assert.strictEqual(long.terms[0].token, "巾帼");
});

test("a document must hold long Chinese runs as written", () => {
  assert.strictEqual(search.verify({ t: "标题", h: [], x: "文明 … 明岗" }, search.plan("文明岗")), false);
  assert.strictEqual(search.verify({ t: "", h: [], x: "巾帼文明岗" }, search.plan("文明岗")), true);
  assert.strictEqual(search.verify({ t: "巾帼文明岗", h: [], x: "" }, search.plan("文明岗")), true);
});

test("excerpts highlight every match and escape HTML", () => {
  const html = search.excerpt("<b>家庭暴力</b> and more 家庭暴力", search.plan("家庭暴力").pieces, 200);
  assert.strictEqual(html, "&lt;b&gt;<mark>家庭暴力</mark>&lt;/b&gt; and more <mark>家庭暴力</mark>");
});

test("a shard is read back as the Rust indexer writes it", () => {
  // "ab": doc 2 (count 3), doc 5 (title of 4 tokens, in heading 1). "文明": doc 1, followed by 岗 (bit 7).
  const wenming = Array.from(new TextEncoder().encode("文明"));
  const bytes = Uint8Array.from([2, 2, 0x61, 0x62, 2, 6, 2, 3, 3, 0xC0, 4, 2, 6, ...wenming, 1, 3, 1, 1, 0x80]);
  const shard = search.parseShard(bytes);
  assert.deepStrictEqual(shard.terms.map((t) => [t.term, t.df, t.bigram]), [["ab", 2, false], ["文明", 1, true]]);
  assert.deepStrictEqual([...search.postings(shard, shard.terms[0]).entries()], [
    [2, { tf: 3, flags: 3, titleLen: 0, headings: 0, next: 0xFF }],
    [5, { tf: 0, flags: 0xC0, titleLen: 4, headings: 2, next: 0xFF }],
  ]);
  assert.deepStrictEqual([...search.postings(shard, shard.terms[1]).entries()], [
    [1, { tf: 1, flags: 1, titleLen: 0, headings: 0, next: 0x80 }],
  ]);
});
