/* gazette default theme: full-text search from the static index in search/, no dependencies,
   no build step. The tokenizer below follows the spec in the theme's README ("Search"), the
   same as src/search/tokenizer.rs; tests/fixtures/search/tokenizer.json pins both.
   Loaded only by the search page; in node it exports the tokenizer for the tests. */
(function (root) {
  "use strict";

  /* ---- Tokenizer ---- */
  var MAX_WORD = 32, WORD_KEY = 3;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
  }
  function isWordChar(ch) { return !isCjk(ch.codePointAt(0)) && ALNUM.test(ch); }
  function normalizeChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp >= 0xFF01 && cp <= 0xFF5E) ch = String.fromCodePoint(cp - 0xFEE0);
    else if (cp === 0x3000) ch = " ";
    return String.fromCodePoint(ch.toLowerCase().codePointAt(0));
  }
  function normalize(text) {
    var out = "";
    for (var ch of text) out += normalizeChar(ch);
    return out;
  }
  /* Runs of a normalized text: {cjk: bool, text}; words already cut to MAX_WORD. */
  function runs(text) {
    var out = [], cur = null;
    for (var ch of text) {
      var kind = isCjk(ch.codePointAt(0)) ? 1 : isWordChar(ch) ? 2 : 0;
      if (!kind) { cur = null; continue; }
      if (!cur || cur.kind !== kind) { cur = { kind: kind, chars: [] }; out.push(cur); }
      cur.chars.push(ch);
    }
    return out.map(function (r) {
      var chars = r.kind === 2 ? r.chars.slice(0, MAX_WORD) : r.chars;
      return { cjk: r.kind === 1, chars: chars, text: chars.join("") };
    });
  }
  /* The tokens of a normalized text; with unigrams, as the index files them. */
  function tokens(text, unigrams) {
    var out = [];
    runs(text).forEach(function (r) {
      if (!r.cjk) { out.push(r.text); return; }
      var c = r.chars;
      for (var i = 0; i + 1 < c.length; i++) {
        out.push(c[i] + c[i + 1]);
        if (unigrams) out.push(c[i]);
      }
      if (c.length === 1 || unigrams) out.push(c[c.length - 1]);
    });
    return out;
  }
  function queryTokens(text) { return tokens(normalize(text), false); }
  function shardKey(token) {
    var c = Array.from(token);
    return c.length && isCjk(c[0].codePointAt(0)) ? token : c.slice(0, WORD_KEY).join("");
  }
  function hash(key) {
    var bytes = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return h >>> 0;
  }

  /* ---- Index ---- */
  var TITLE = 0x80, HEADING = 0x40, TF = 0x3F;

  function Index(base, fetcher) {
    this.base = base;
    this.fetch = fetcher || root.fetch.bind(root);
    this.shards = new Map();
    this.docs = new Map();
    this.manifest = null;
  }
  /* The manifest's report columns as one list, newest first: [first document, year, category]. */
  function expandReports(m) {
    var list = [], first = 0, run = 0, at = 0, c = m.reports;
    c.docs.forEach(function (n, i) {
      while (run === c.years[at][1]) { at++; run = 0; }
      list.push([first, c.years[at][0], c.categories[i]]);
      first += n;
      run++;
    });
    m.reports = list;
    return m;
  }
  Index.prototype.meta = function () {
    if (!this.manifest) {
      this.manifest = this.fetch(this.base + "meta.json").then(function (r) {
        if (!r.ok) throw new Error("meta.json: " + r.status);
        return r.json().then(expandReports);
      });
    }
    return this.manifest;
  };
  Index.prototype.shard = function (n) {
    var self = this;
    if (!self.shards.has(n)) {
      self.shards.set(n, self.fetch(self.base + "s/" + n.toString(16) + ".bin").then(function (r) {
        if (!r.ok) throw new Error("shard " + n + ": " + r.status);
        return r.arrayBuffer();
      }).then(function (buf) { return parseShard(new Uint8Array(buf)); }));
    }
    return self.shards.get(n);
  };
  Index.prototype.doc = function (id) {
    if (!this.docs.has(id)) {
      this.docs.set(id, this.fetch(this.base + "d/" + id + ".json").then(function (r) {
        if (!r.ok) throw new Error("document " + id + ": " + r.status);
        return r.json();
      }));
    }
    return this.docs.get(id);
  };

  function parseShard(bytes) {
    var at = 0, dec = new TextDecoder();
    function varint() {
      var n = 0, mul = 1, b;
      do { b = bytes[at++]; n += (b & 0x7F) * mul; mul *= 128; } while (b >= 0x80);
      return n;
    }
    var count = varint(), terms = [];
    for (var i = 0; i < count; i++) {
      var len = varint(), term = dec.decode(bytes.subarray(at, at + len));
      at += len;
      var df = varint(), size = varint(), chars = Array.from(term);
      var bigram = chars.length === 2 && isCjk(chars[0].codePointAt(0));
      terms.push({ term: term, df: df, start: at, end: at + size, bigram: bigram });
      at += size;
    }
    return { bytes: bytes, terms: terms };
  }
  /* Postings of one term: Map doc → {tf, flags, titleLen, headings, next}: `headings` has bit
     i set when heading i holds the term; `next` (bigrams only) has bit c % 8 set for each CJK
     character c that follows the bigram in the document. */
  function postings(shard, t) {
    var bytes = shard.bytes, at = t.start, doc = 0, out = new Map();
    while (at < t.end) {
      var n = 0, mul = 1, b;
      do { b = bytes[at++]; n += (b & 0x7F) * mul; mul *= 128; } while (b >= 0x80);
      doc += n;
      var flags = bytes[at++], titleLen = flags & TITLE ? bytes[at++] : 0;
      var headings = flags & HEADING ? bytes[at++] : 0, next = t.bigram ? bytes[at++] : 0xFF;
      out.set(doc, { tf: flags & TF, flags: flags, titleLen: titleLen, headings: headings, next: next });
    }
    return out;
  }

  /* What a query asks: the tokens to look up, each bigram with the character that follows it
     in the query (checked against the bigram's `next` set), and the pieces a result must
     contain (checked against its text). Words (3+ characters match as prefixes) and lone CJK
     characters are always looked up. Of a Chinese run's bigrams, those not in `common` (the
     index's most frequent, from the manifest) are preferred: their postings are short and
     they filter well; without any, every other bigram (and the last). At most MAX_TERMS
     tokens in all, shared out among the runs and spread along each. `count` is the query's
     number of distinct tokens, which a title must have for the query to be that whole title. */
  var MAX_TERMS = 4;
  function spread(list, n) {
    if (list.length <= n) return list;
    var out = [];
    for (var k = 0; k < n; k++) out.push(list[Math.round(k * (list.length - 1) / Math.max(1, n - 1))]);
    return out;
  }
  function plan(query, common) {
    var norm = normalize(query), seen = new Set(), fixed = [], perRun = [], pieces = [];
    runs(norm).forEach(function (r) {
      pieces.push({ text: r.text, cjk: r.cjk });
      var c = r.chars;
      if (!r.cjk || c.length === 1) {
        if (!seen.has(r.text)) fixed.push({ token: r.text, follow: null, prefix: !r.cjk && c.length >= WORD_KEY });
        seen.add(r.text);
        return;
      }
      var all = [];
      for (var i = 0; i + 1 < c.length; i++) {
        var token = c[i] + c[i + 1];
        all.push({ token: token, follow: c[i + 2] || null, prefix: false,
          spread: i % 2 === 0 || i === c.length - 2, rare: !(common && common.has(token)) });
      }
      var rare = all.filter(function (b) { return b.rare; });
      var mine = (rare.length ? rare : all.filter(function (b) { return b.spread; }))
        .filter(function (b) { var fresh = !seen.has(b.token); seen.add(b.token); return fresh; });
      if (mine.length) perRun.push(mine);
    });
    var room = Math.max(1, MAX_TERMS - fixed.length), counts = perRun.map(function () { return 0; });
    for (var given = 0, more = true; given < room && more;) {
      more = false;
      for (var r = 0; r < perRun.length && given < room; r++) {
        if (counts[r] < perRun[r].length) { counts[r]++; given++; more = true; }
      }
    }
    var picked = [];
    perRun.forEach(function (list, r) { picked = picked.concat(spread(list, counts[r])); });
    return { terms: fixed.concat(picked), pieces: pieces, count: new Set(tokens(norm, false)).size };
  }

  /* Every document that has all the query's tokens, best first: [{id, score}]. */
  Index.prototype.candidates = function (query) {
    var self = this;
    return self.meta().then(function (m) {
      self.common = self.common || new Set(m.common);
      var p = plan(query, self.common);
      if (!p.terms.length) return { plan: p, hits: [] };
      return Promise.all(p.terms.map(function (term) {
        return self.shard(hash(shardKey(term.token)) % m.shards).then(function (shard) {
          var merged = new Map();
          shard.terms.forEach(function (t) {
            var hit = term.prefix ? t.term.startsWith(term.token) : t.term === term.token;
            if (!hit) return;
            postings(shard, t).forEach(function (v, doc) {
              var had = merged.get(doc);
              if (!had) merged.set(doc, v);
              else merged.set(doc, { tf: Math.min(TF, had.tf + v.tf), flags: had.flags | v.flags,
                titleLen: had.titleLen || v.titleLen, headings: had.headings | v.headings, next: 0xFF });
            });
          });
          return merged;
        });
      })).then(function (lists) {
        var n = lists.length, order = lists.slice().sort(function (a, b) { return a.size - b.size; });
        var hits = [];
        order[0].forEach(function (_, doc) {
          var score = 0, inTitle = 0, inHeading = 0, titleLen = 0, oneHeading = 0xFF;
          for (var i = 0; i < n; i++) {
            var v = lists[i].get(doc), follow = p.terms[i].follow;
            if (!v) return;
            if (follow && !(v.next & (1 << (follow.codePointAt(0) % 8)))) return;
            var idf = Math.log(1 + m.docs / lists[i].size);
            score += idf * (1 + Math.log(1 + v.tf));
            if (v.flags & TITLE) { inTitle++; titleLen = v.titleLen; }
            if (v.flags & HEADING) { inHeading++; oneHeading &= v.headings; }
          }
          if (inTitle === n) score += 100 * n / Math.max(n, titleLen) + (titleLen === p.count ? 1000 : 0);
          else score += 20 * inTitle / n;
          if (inHeading === n) score += oneHeading ? 200 : 20;
          hits.push({ id: doc, score: score });
        });
        hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        return { plan: p, hits: hits };
      });
    });
  };

  /* The report a document belongs to (index into manifest.reports), or -1 for a page. */
  function reportOf(m, id) {
    if (id >= m.pages) return -1;
    var lo = 0, hi = m.reports.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.reports[mid][0] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  Index.prototype.filter = function (hits, year, category) {
    if (!year && !category) return Promise.resolve(hits);
    return this.meta().then(function (m) {
      var cat = category ? m.categories.indexOf(category) : -1;
      return hits.filter(function (h) {
        var r = reportOf(m, h.id);
        if (r < 0) return false;
        return (!year || m.reports[r][1] === +year) && (!category || m.reports[r][2] === cat);
      });
    });
  };

  /* A document holds the query when every CJK piece is in its title or text as written
     (the bigrams of "文明岗" can also come from "文明" and "明岗" far apart). */
  function verify(doc, p) {
    var hay = null;
    return p.pieces.every(function (piece) {
      if (!piece.cjk || piece.text.length < 3) return true;
      hay = hay || normalize(doc.t + "\n" + doc.x);
      return hay.indexOf(piece.text) >= 0;
    });
  }
  /* How a result shows the query: an exact title first, then an exact heading. */
  function exactness(doc, query) {
    var q = normalize(query.trim());
    if (normalize(doc.t) === q) return 2;
    return doc.h.some(function (h) { return normalize(h) === q; }) ? 1 : 0;
  }

  /* Verified results hits[from…] until `count` are found, fetching at most 1.5 × count
     documents (the rest wait for "more"): [{id, doc}], and where it stopped. */
  Index.prototype.page = function (found, from, count) {
    var self = this, out = [], at = from;
    function step() {
      if (out.length >= count || at >= found.hits.length || at - from >= count + (count >> 1)) {
        return Promise.resolve({ results: out, next: at });
      }
      var batch = found.hits.slice(at, at + count - out.length);
      at += batch.length;
      return Promise.all(batch.map(function (h) { return self.doc(h.id); })).then(function (docs) {
        docs.forEach(function (doc, i) {
          if (verify(doc, found.plan)) out.push({ id: batch[i].id, doc: doc });
          else found.rejected = (found.rejected || 0) + 1;
        });
        return step();
      });
    }
    return step();
  };

  /* ---- Excerpts ---- */
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  /* Where the pieces occur in `norm` (a normalized text): sorted [start, end) ranges. */
  function matches(norm, pieces) {
    var out = [];
    pieces.forEach(function (piece) {
      var at = norm.indexOf(piece.text);
      while (at >= 0) {
        var before = at > 0 ? norm[at - 1] : " ";
        if (piece.cjk || !isWordChar(before)) out.push([at, at + piece.text.length]);
        at = norm.indexOf(piece.text, at + piece.text.length);
      }
    });
    return out.sort(function (a, b) { return a[0] - b[0]; });
  }
  function highlight(text, ranges, from, to) {
    var html = "", at = from;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > to) return;
      html += escapeHtml(text.slice(at, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
      at = r[1];
    });
    return html + escapeHtml(text.slice(at, to));
  }
  /* An excerpt around the first match, about `width` characters, as HTML. */
  function excerpt(text, pieces, width) {
    text = text.replace(/\s+/g, " ").trim();
    var norm = normalize(text);
    if (norm.length !== text.length) norm = text.toLowerCase();
    var ranges = matches(norm, pieces);
    var start = ranges.length ? Math.max(0, ranges[0][0] - Math.floor(width / 3)) : 0;
    var end = Math.min(text.length, start + width);
    return (start > 0 ? "…" : "") + highlight(text, ranges, start, end) + (end < text.length ? "…" : "");
  }
  function titleHtml(title, pieces) {
    var norm = normalize(title);
    if (norm.length !== title.length) return escapeHtml(title);
    return highlight(title, matches(norm, pieces), 0, title.length);
  }

  var api = {
    normalize: normalize, tokens: tokens, queryTokens: queryTokens, shardKey: shardKey, hash: hash,
    parseShard: parseShard, postings: postings, plan: plan, excerpt: excerpt, Index: Index,
    verify: verify, exactness: exactness
  };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.gazetteSearch = api;

  /* ---- The search page ---- */
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = form.elements.q, yearSel = form.elements.year, catSel = form.elements.category;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var words = form.dataset, PAGE = 10;
  var index = new Index(words.index);
  api.index = index;
  var generation = 0, current = null, timer = 0;

  function say(text, empty) {
    status.textContent = text;
    status.classList.toggle("search-empty", !!empty);
  }
  function countText(n) {
    return (n === 1 ? words.resultsOne : words.results).replace("{n}", n);
  }
  function render(results, p) {
    results.forEach(function (r) {
      var li = document.createElement("li"), d = r.doc, meta = [];
      if (d.r) meta.push(escapeHtml(d.r));
      if (d.y) meta.push(escapeHtml(words.year.replace("{year}", d.y)));
      li.innerHTML = '<a class="search-result-title" href="' + escapeHtml(d.u) + '">' + titleHtml(d.t, p.pieces) +
        "</a>" + (meta.length ? '<p class="search-result-meta">' + meta.join(" · ") + "</p>" : "") +
        '<p class="search-result-excerpt">' + excerpt(d.x, p.pieces, 140) + "</p>";
      list.appendChild(li);
    });
  }
  function showMore(found, mine) {
    return index.page(found, found.next, PAGE).then(function (page) {
      if (mine !== generation) return;
      found.next = page.next;
      var results = page.results;
      if (list.children.length === 0) {
        var q = input.value;
        results.sort(function (a, b) { return exactness(b.doc, q) - exactness(a.doc, q); });
      }
      render(results, found.plan);
      var total = found.hits.length - (found.rejected || 0);
      if (total === 0) say(words.noResults.replace("{q}", input.value.trim()), true);
      else say(countText(total));
      more.hidden = found.next >= found.hits.length;
    });
  }
  function run() {
    var q = input.value.trim(), year = yearSel ? yearSel.value : "", cat = catSel ? catSel.value : "";
    var mine = ++generation;
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    if (year) params.set("year", year);
    if (cat) params.set("category", cat);
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
    list.innerHTML = "";
    more.hidden = true;
    if (!q) { say(words.hint); return; }
    say(words.loading);
    index.candidates(q).then(function (found) {
      return index.filter(found.hits, year, cat).then(function (hits) {
        if (mine !== generation) return;
        current = { plan: found.plan, hits: hits, next: 0 };
        return showMore(current, mine);
      });
    }).catch(function (e) {
      if (mine === generation) say(words.error + " (" + e.message + ")", true);
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  [yearSel, catSel].forEach(function (s) { if (s) s.addEventListener("change", run); });
  more.addEventListener("click", function () { if (current) showMore(current, generation); });
  /* Arrow keys move between the box and the results. */
  form.parentNode.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    e.preventDefault();
    var next = e.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (yearSel) yearSel.value = params.get("year") || "";
  if (catSel) catSel.value = params.get("category") || "";
  run();
})(typeof self !== "undefined" ? self : this);
