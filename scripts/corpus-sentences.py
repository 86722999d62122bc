# Used by scripts/make-import-corpus.
# Writes NAME.sentences.txt for a corpus source: the text of its paragraphs, list items and
# table cells, one sentence a line (split after 。！？; and after ". " in English).
import html, re, sys
src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding=sys.argv[3] if len(sys.argv) > 3 else 'utf-8').read()
body = re.sub(r'<(style|script|title|nav|header|footer|aside)\b.*?</\1>', '', text, flags=re.S | re.I)
# The report's element: a CMS's content div (none nested in it), else the article.
m = re.search(r'<div id="zoom">.*?</div>', body, flags=re.S | re.I) or re.search(
    r'<article\b.*?</article>', body, flags=re.S | re.I)
if m:
    body = m.group(0)
lines = []
for para in re.findall(r'<(p|li|td)\b[^>]*>(.*?)</\1>', body, flags=re.S | re.I):
    # A bold run-in heading ("<b>1．深化理论武装。</b>") becomes a heading, not a sentence.
    t = re.sub(r'^\s*<(b|strong)>.*?</\1>', '', para[1], flags=re.S)
    t = re.sub(r'<(b|strong)>\s*[（(][一二三四五六七八九十]+[）)].*?</\1>', '\n', t, flags=re.S)
    t = html.unescape(re.sub(r'<[^>]+>', '', t))
    if re.match(r'\s*(上一篇|下一篇|发布时间|分享到|来源)', t):
        continue
    for s in re.split(r'(?<=[。！？])|(?<=[.!?]) (?=[A-Z])|\n', t):
        s = ' '.join(s.split())
        if len(s) >= 8:
            lines.append(s)
open(out, 'w').write('\n'.join(lines) + '\n')
