/* gazette default theme, search: reading the static index under search/ (meta.json, shards
   s/N.bin, documents d/ID.json), each file fetched once. */
import { isCjk } from "./tokenizer.js";

export const TITLE = 0x80, HEADING = 0x40, TF = 0x3F;

/* The manifest's report columns as one list, newest first: [first document, year, category]. */
function expandReports(m) {
  const list = [], c = m.reports;
  let first = 0, run = 0, at = 0;
  c.docs.forEach((n, i) => {
    while (run === c.years[at][1]) { at++; run = 0; }
    list.push([first, c.years[at][0], c.categories[i]]);
    first += n;
    run++;
  });
  m.reports = list;
  return m;
}

function fetched(promise, what, read) {
  return promise.then((r) => {
    if (!r.ok) throw new Error(what + ": " + r.status);
    return read(r);
  });
}

export class Index {
  constructor(base, fetcher) {
    this.base = base;
    this.fetch = fetcher || globalThis.fetch.bind(globalThis);
    this.shards = new Map();
    this.docs = new Map();
    this.manifest = null;
  }
  meta() {
    this.manifest = this.manifest ||
      fetched(this.fetch(this.base + "meta.json"), "meta.json", (r) => r.json().then(expandReports));
    return this.manifest;
  }
  shard(n) {
    if (!this.shards.has(n)) {
      const file = this.fetch(this.base + "s/" + n.toString(16) + ".bin");
      this.shards.set(n, fetched(file, "shard " + n, (r) => r.arrayBuffer())
        .then((buf) => parseShard(new Uint8Array(buf))));
    }
    return this.shards.get(n);
  }
  doc(id) {
    if (!this.docs.has(id)) {
      this.docs.set(id, fetched(this.fetch(this.base + "d/" + id + ".json"), "document " + id, (r) => r.json()));
    }
    return this.docs.get(id);
  }
}

export function parseShard(bytes) {
  let at = 0;
  const dec = new TextDecoder();
  function varint() {
    let n = 0, mul = 1, b;
    do { b = bytes[at++]; n += (b & 0x7F) * mul; mul *= 128; } while (b >= 0x80);
    return n;
  }
  const count = varint(), terms = [];
  for (let i = 0; i < count; i++) {
    const len = varint(), term = dec.decode(bytes.subarray(at, at + len));
    at += len;
    const df = varint(), size = varint(), chars = Array.from(term);
    const bigram = chars.length === 2 && isCjk(chars[0].codePointAt(0));
    terms.push({ term, df, start: at, end: at + size, bigram });
    at += size;
  }
  return { bytes, terms };
}

/* Postings of one term: Map doc → {tf, flags, titleLen, headings, next}: `headings` has bit
   i set when heading i holds the term; `next` (bigrams only) has bit c % 8 set for each CJK
   character c that follows the bigram in the document. */
export function postings(shard, t) {
  const bytes = shard.bytes, out = new Map();
  let at = t.start, doc = 0;
  while (at < t.end) {
    let n = 0, mul = 1, b;
    do { b = bytes[at++]; n += (b & 0x7F) * mul; mul *= 128; } while (b >= 0x80);
    doc += n;
    const flags = bytes[at++], titleLen = flags & TITLE ? bytes[at++] : 0;
    const headings = flags & HEADING ? bytes[at++] : 0, next = t.bigram ? bytes[at++] : 0xFF;
    out.set(doc, { tf: flags & TF, flags, titleLen, headings, next });
  }
  return out;
}
