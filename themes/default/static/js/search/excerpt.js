/* gazette default theme, search: titles and excerpts of results as HTML, the query marked. */
import { isWordChar, normalize } from "./tokenizer.js";

export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
/* Where the pieces occur in `norm` (a normalized text): sorted [start, end) ranges. */
function matches(norm, pieces) {
  const out = [];
  for (const piece of pieces) {
    let at = norm.indexOf(piece.text);
    while (at >= 0) {
      const before = at > 0 ? norm[at - 1] : " ";
      if (piece.cjk || !isWordChar(before)) out.push([at, at + piece.text.length]);
      at = norm.indexOf(piece.text, at + piece.text.length);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}
function highlight(text, ranges, from, to) {
  let html = "", at = from;
  for (const r of ranges) {
    if (r[0] < at || r[1] > to) continue;
    html += escapeHtml(text.slice(at, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
    at = r[1];
  }
  return html + escapeHtml(text.slice(at, to));
}
/* An excerpt around the first match, about `width` characters, as HTML. */
export function excerpt(text, pieces, width) {
  text = text.replace(/\s+/g, " ").trim();
  let norm = normalize(text);
  if (norm.length !== text.length) norm = text.toLowerCase();
  const ranges = matches(norm, pieces);
  const start = ranges.length ? Math.max(0, ranges[0][0] - Math.floor(width / 3)) : 0;
  const end = Math.min(text.length, start + width);
  return (start > 0 ? "…" : "") + highlight(text, ranges, start, end) + (end < text.length ? "…" : "");
}
export function titleHtml(title, pieces) {
  const norm = normalize(title);
  if (norm.length !== title.length) return escapeHtml(title);
  return highlight(title, matches(norm, pieces), 0, title.length);
}
