/* gazette default theme, search: the tokenizer. It follows the spec in the theme's README
   ("Search"), the same as src/search/tokenizer.rs; tests/fixtures/search/tokenizer.json pins
   both. */

const MAX_WORD = 32;
export const WORD_KEY = 3;
const ALNUM = /[\p{Alphabetic}\p{N}]/u;

export function isCjk(cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}
export function isWordChar(ch) { return !isCjk(ch.codePointAt(0)) && ALNUM.test(ch); }
function normalizeChar(ch) {
  const cp = ch.codePointAt(0);
  if (cp >= 0xFF01 && cp <= 0xFF5E) ch = String.fromCodePoint(cp - 0xFEE0);
  else if (cp === 0x3000) ch = " ";
  return String.fromCodePoint(ch.toLowerCase().codePointAt(0));
}
export function normalize(text) {
  let out = "";
  for (const ch of text) out += normalizeChar(ch);
  return out;
}
/* Runs of a normalized text: {cjk: bool, chars, text}; words already cut to MAX_WORD. */
export function runs(text) {
  const out = [];
  let cur = null;
  for (const ch of text) {
    const kind = isCjk(ch.codePointAt(0)) ? 1 : isWordChar(ch) ? 2 : 0;
    if (!kind) { cur = null; continue; }
    if (!cur || cur.kind !== kind) { cur = { kind, chars: [] }; out.push(cur); }
    cur.chars.push(ch);
  }
  return out.map((r) => {
    const chars = r.kind === 2 ? r.chars.slice(0, MAX_WORD) : r.chars;
    return { cjk: r.kind === 1, chars, text: chars.join("") };
  });
}
/* The tokens of a normalized text; with unigrams, as the index files them. */
export function tokens(text, unigrams) {
  const out = [];
  for (const r of runs(text)) {
    if (!r.cjk) { out.push(r.text); continue; }
    const c = r.chars;
    for (let i = 0; i + 1 < c.length; i++) {
      out.push(c[i] + c[i + 1]);
      if (unigrams) out.push(c[i]);
    }
    if (c.length === 1 || unigrams) out.push(c[c.length - 1]);
  }
  return out;
}
export function queryTokens(text) { return tokens(normalize(text), false); }
export function shardKey(token) {
  const c = Array.from(token);
  return c.length && isCjk(c[0].codePointAt(0)) ? token : c.slice(0, WORD_KEY).join("");
}
export function hash(key) {
  const bytes = new TextEncoder().encode(key);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
