/* gazette default theme, search: what a query asks of the index, which documents answer it,
   in which order, and which of them really hold it. */
import { hash, normalize, runs, shardKey, tokens, WORD_KEY } from "./tokenizer.js";
import { HEADING, TF, TITLE, postings } from "./shards.js";

/* What a query asks: the tokens to look up, each bigram with the character that follows it
   in the query (checked against the bigram's `next` set), and the pieces a result must
   contain (checked against its text). Words (3+ characters match as prefixes) and lone CJK
   characters are always looked up. Of a Chinese run's bigrams, those not in `common` (the
   index's most frequent, from the manifest) are preferred: their postings are short and
   they filter well; without any, every other bigram (and the last). At most MAX_TERMS
   tokens in all, shared out among the runs and spread along each. `count` is the query's
   number of distinct tokens, which a title must have for the query to be that whole title. */
const MAX_TERMS = 4;
function spread(list, n) {
  if (list.length <= n) return list;
  const out = [];
  for (let k = 0; k < n; k++) out.push(list[Math.round(k * (list.length - 1) / Math.max(1, n - 1))]);
  return out;
}
export function plan(query, common) {
  const norm = normalize(query), seen = new Set(), fixed = [], perRun = [], pieces = [];
  for (const r of runs(norm)) {
    pieces.push({ text: r.text, cjk: r.cjk });
    const c = r.chars;
    if (!r.cjk || c.length === 1) {
      if (!seen.has(r.text)) fixed.push({ token: r.text, follow: null, prefix: !r.cjk && c.length >= WORD_KEY });
      seen.add(r.text);
      continue;
    }
    const all = [];
    for (let i = 0; i + 1 < c.length; i++) {
      const token = c[i] + c[i + 1];
      all.push({ token, follow: c[i + 2] || null, prefix: false,
        spread: i % 2 === 0 || i === c.length - 2, rare: !(common && common.has(token)) });
    }
    const rare = all.filter((b) => b.rare);
    const mine = (rare.length ? rare : all.filter((b) => b.spread))
      .filter((b) => { const fresh = !seen.has(b.token); seen.add(b.token); return fresh; });
    if (mine.length) perRun.push(mine);
  }
  const room = Math.max(1, MAX_TERMS - fixed.length), counts = perRun.map(() => 0);
  for (let given = 0, more = true; given < room && more;) {
    more = false;
    for (let r = 0; r < perRun.length && given < room; r++) {
      if (counts[r] < perRun[r].length) { counts[r]++; given++; more = true; }
    }
  }
  const picked = perRun.flatMap((list, r) => spread(list, counts[r]));
  return { terms: fixed.concat(picked), pieces, count: new Set(tokens(norm, false)).size };
}

/* The postings of a planned term, from its shard (a prefix merges every term it starts). */
function termPostings(shard, term) {
  const merged = new Map();
  for (const t of shard.terms) {
    const hit = term.prefix ? t.term.startsWith(term.token) : t.term === term.token;
    if (!hit) continue;
    postings(shard, t).forEach((v, doc) => {
      const had = merged.get(doc);
      if (!had) merged.set(doc, v);
      else merged.set(doc, { tf: Math.min(TF, had.tf + v.tf), flags: had.flags | v.flags,
        titleLen: had.titleLen || v.titleLen, headings: had.headings | v.headings, next: 0xFF });
    });
  }
  return merged;
}

/* Every document that has all the planned terms, best first: [{id, score}]. */
function rank(p, lists, docs) {
  const n = lists.length, smallest = lists.reduce((a, b) => (b.size < a.size ? b : a));
  const hits = [];
  smallest.forEach((_, doc) => {
    let score = 0, inTitle = 0, inHeading = 0, titleLen = 0, oneHeading = 0xFF;
    for (let i = 0; i < n; i++) {
      const v = lists[i].get(doc), follow = p.terms[i].follow;
      if (!v) return;
      if (follow && !(v.next & (1 << (follow.codePointAt(0) % 8)))) return;
      const idf = Math.log(1 + docs / lists[i].size);
      score += idf * (1 + Math.log(1 + v.tf));
      if (v.flags & TITLE) { inTitle++; titleLen = v.titleLen; }
      if (v.flags & HEADING) { inHeading++; oneHeading &= v.headings; }
    }
    if (inTitle === n) score += 100 * n / Math.max(n, titleLen) + (titleLen === p.count ? 1000 : 0);
    else score += 20 * inTitle / n;
    if (inHeading === n) score += oneHeading ? 200 : 20;
    hits.push({ id: doc, score });
  });
  return hits.sort((a, b) => b.score - a.score || a.id - b.id);
}

/* The report a document belongs to (index into manifest.reports), or -1 for a page. */
function reportOf(m, id) {
  if (id >= m.pages) return -1;
  let lo = 0, hi = m.reports.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.reports[mid][0] <= id) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/* A document holds the query when every CJK piece is in its title or text as written
   (the bigrams of "文明岗" can also come from "文明" and "明岗" far apart). */
export function verify(doc, p) {
  let hay = null;
  return p.pieces.every((piece) => {
    if (!piece.cjk || piece.text.length < 3) return true;
    hay = hay || normalize(doc.t + "\n" + doc.x);
    return hay.indexOf(piece.text) >= 0;
  });
}
/* How a result shows the query: an exact title first, then an exact heading. */
export function exactness(doc, query) {
  const q = normalize(query.trim());
  if (normalize(doc.t) === q) return 2;
  return doc.h.some((h) => normalize(h) === q) ? 1 : 0;
}

/* Queries over one index (shards.js). */
export class Search {
  constructor(index) { this.index = index; }

  /* Every document that has all the query's tokens, best first: {plan, hits: [{id, score}]}. */
  async candidates(query) {
    const m = await this.index.meta();
    this.common = this.common || new Set(m.common);
    const p = plan(query, this.common);
    if (!p.terms.length) return { plan: p, hits: [] };
    const lists = await Promise.all(p.terms.map((term) =>
      this.index.shard(hash(shardKey(term.token)) % m.shards).then((shard) => termPostings(shard, term))));
    return { plan: p, hits: rank(p, lists, m.docs) };
  }

  async filter(hits, year, category) {
    if (!year && !category) return hits;
    const m = await this.index.meta();
    const cat = category ? m.categories.indexOf(category) : -1;
    /* A year finds its reports and the parts of other reports about it, as its page lists. */
    const plans = m.plans.filter((p) => p[0] === +year);
    const ofYear = (id, r) => m.reports[r][1] === +year || plans.some(([, first, n]) => id >= first && id < first + n);
    return hits.filter((h) => {
      const r = reportOf(m, h.id);
      if (r < 0) return false;
      return (!year || ofYear(h.id, r)) && (!category || m.reports[r][2] === cat);
    });
  }

  /* Verified results hits[from…] until `count` are found, fetching at most 1.5 × count
     documents (the rest wait for "more"): {results: [{id, doc}], next}, where it stopped. */
  async page(found, from, count) {
    const out = [];
    let at = from;
    while (out.length < count && at < found.hits.length && at - from < count + (count >> 1)) {
      const batch = found.hits.slice(at, at + count - out.length);
      at += batch.length;
      const docs = await Promise.all(batch.map((h) => this.index.doc(h.id)));
      docs.forEach((doc, i) => {
        if (verify(doc, found.plan)) out.push({ id: batch[i].id, doc });
        else found.rejected = (found.rejected || 0) + 1;
      });
    }
    return { results: out, next: at };
  }
}
