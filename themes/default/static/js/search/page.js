/* gazette default theme: the search page. Full-text search from the static index in search/,
   as ES modules with no dependencies and no build step: tokenizer.js (the tokens, as the
   indexer makes them), shards.js (reading the index files), ranking.js (planning a query,
   scoring and verifying results), excerpt.js (results as HTML), and this page. */
import { Index } from "./shards.js";
import { Search, exactness } from "./ranking.js";
import { escapeHtml, excerpt, titleHtml } from "./excerpt.js";

const form = document.getElementById("search-form");
if (form) start(form);

function start(form) {
  const input = form.elements.q, yearSel = form.elements.year, catSel = form.elements.category;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const words = form.dataset, PAGE = 10;
  const search = new Search(new Index(words.index));
  /* For bench/measure.mjs, which asks the page's own index. */
  window.gazetteSearch = { search, exactness };
  let generation = 0, current = null, timer = 0;

  function say(text, empty) {
    status.textContent = text;
    status.classList.toggle("search-empty", !!empty);
  }
  function countText(n) {
    return (n === 1 ? words.resultsOne : words.results).replace("{n}", n);
  }
  function render(results, p) {
    for (const { doc: d } of results) {
      const li = document.createElement("li"), meta = [];
      if (d.r) meta.push(escapeHtml(d.r));
      if (d.y) meta.push(escapeHtml(words.year.replace("{year}", d.y)));
      li.innerHTML = '<a class="search-result-title" href="' + escapeHtml(d.u) + '">' + titleHtml(d.t, p.pieces) +
        "</a>" + (meta.length ? '<p class="search-result-meta">' + meta.join(" · ") + "</p>" : "") +
        '<p class="search-result-excerpt">' + excerpt(d.x, p.pieces, 140) + "</p>";
      list.appendChild(li);
    }
  }
  async function showMore(found, mine) {
    const page = await search.page(found, found.next, PAGE);
    if (mine !== generation) return;
    found.next = page.next;
    const results = page.results;
    if (list.children.length === 0) {
      const q = input.value;
      results.sort((a, b) => exactness(b.doc, q) - exactness(a.doc, q));
    }
    render(results, found.plan);
    const total = found.hits.length - (found.rejected || 0);
    if (total === 0) say(words.noResults.replace("{q}", input.value.trim()), true);
    else say(countText(total));
    more.hidden = found.next >= found.hits.length;
  }
  async function run() {
    const q = input.value.trim(), year = yearSel ? yearSel.value : "", cat = catSel ? catSel.value : "";
    const mine = ++generation;
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (year) params.set("year", year);
    if (cat) params.set("category", cat);
    const query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    list.innerHTML = "";
    more.hidden = true;
    if (!q) { say(words.hint); return; }
    say(words.loading);
    try {
      const found = await search.candidates(q);
      const hits = await search.filter(found.hits, year, cat);
      if (mine !== generation) return;
      current = { plan: found.plan, hits, next: 0 };
      await showMore(current, mine);
    } catch (e) {
      if (mine === generation) say(words.error + " (" + e.message + ")", true);
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  for (const s of [yearSel, catSel]) if (s) s.addEventListener("change", run);
  more.addEventListener("click", () => { if (current) showMore(current, generation); });
  /* Arrow keys move between the box and the results. */
  form.parentNode.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = Array.from(list.querySelectorAll("a"));
    const at = links.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    e.preventDefault();
    const next = e.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (yearSel) yearSel.value = params.get("year") || "";
  if (catSel) catSel.value = params.get("category") || "";
  run();
}
