#!/usr/bin/env python3
"""Generates the deterministic search benchmark site: 20 years x 25 reports x 20 sections =
10,000 sections (about 5% in English), with Chinese text recombined from the example site's
own reports, and the queries the measurement runs (bench/measure.js).

    python3 bench/corpus.py OUT_DIR [--sections N]

Writes OUT_DIR/site/ (site.yaml + content/) and OUT_DIR/queries.json."""
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")

ENGLISH = """women federation annual report employment training rural urban families children
rights protection domestic violence prevention microcredit small loans entrepreneurship
health screening education scholarship volunteers community service cooperation exchange
leadership survey findings recommendations policy implementation budget schedule targets
progress evaluation outreach campaign awareness legal aid counselling hotline shelter
mediation literacy poverty relief agriculture cooperative handicraft tourism ecommerce
childcare elderly care disability inclusion gender equality participation representation
committee council delegates congress conference workshop seminar network platform digital
statistics indicators monitoring households income savings insurance pension housing water
sanitation nutrition maternal infant vaccination school dropout enrolment apprenticeship""".split()


def phrases():
    """Chinese clauses of the example reports (runs of 4-24 CJK characters), and which
    character follows which in them (for new clauses with the same character statistics)."""
    out, follows = set(), {}
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("---", 2)[-1]
        for clause in re.split(r"[，。；：、！？“”（）()\s《》「」,.;:]+", body):
            if CJK.fullmatch(clause) and 4 <= len(clause) <= 24:
                out.add(clause)
        for run in CJK.findall(body):
            for a, b in zip(run, run[1:]):
                follows.setdefault(a, []).append(b)
    return sorted(out), {k: v for k, v in sorted(follows.items())}


def wrap(text, rng):
    """Breaks a paragraph into source lines now and then, as editors do (soft breaks)."""
    if rng.random() < 0.5 or len(text) < 60:
        return text
    at = rng.randrange(20, len(text) - 20)
    return text[:at] + "\n" + text[at:]


class Corpus:
    def __init__(self, seed=20131231):
        self.rng = random.Random(seed)
        self.phrases, self.follows = phrases()
        self.starts = sorted(self.follows)
        self.used_titles = set()

    def clause(self):
        """Half the time a clause of the example reports, else a new one walked character by
        character (a bigram Markov chain), so the text is varied but reads statistically alike."""
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice(self.phrases)
        c = rng.choice(self.starts)
        out = [c]
        for _ in range(rng.randint(3, 13)):
            c = rng.choice(self.follows.get(c) or self.starts)
            out.append(c)
        return "".join(out)

    def sentence(self):
        rng = self.rng
        return "，".join(self.clause() for _ in range(rng.randint(2, 4))) + "。"

    def paragraph(self):
        return "".join(self.sentence() for _ in range(self.rng.randint(3, 6)))

    def title(self, numbered):
        """A title made of two clauses, unique in the corpus (as real section titles mostly are)."""
        while True:
            t = self.clause() + "，" + self.clause()
            if t not in self.used_titles:
                self.used_titles.add(t)
                return (numbered + t) if numbered else t

    def english_sentence(self):
        words = [self.rng.choice(ENGLISH) for _ in range(self.rng.randint(8, 16))]
        return " ".join(words).capitalize() + "."

    def section(self, index, english):
        """(title, markdown body, plain paragraphs, headings)."""
        rng = self.rng
        numbers = "一二三四五六七八九十"
        if english:
            title = " ".join(rng.choice(ENGLISH) for _ in range(4)).title() + f" {index + 1}"
            paragraphs = [" ".join(self.english_sentence() for _ in range(rng.randint(3, 6)))
                          for _ in range(rng.randint(3, 6))]
            headings = []
            body = "\n\n".join(paragraphs)
            return title, body, paragraphs, headings
        title = self.title(numbers[index % 10] + "、")
        blocks, paragraphs, headings = [], [], []
        for _ in range(rng.randint(1, 3)):
            heading = self.title("")
            headings.append(heading)
            blocks.append("## " + heading)
            for _ in range(rng.randint(1, 3)):
                p = self.paragraph()
                paragraphs.append(p)
                blocks.append(wrap(p, rng))
        return title, "\n\n".join(blocks), paragraphs, headings


def main():
    out = Path(sys.argv[1])
    total = int(sys.argv[sys.argv.index("--sections") + 1]) if "--sections" in sys.argv else 10000
    per_report, reports_per_year = 20, 25
    years = max(1, total // (per_report * reports_per_year))
    corpus = Corpus()
    rng = corpus.rng
    site = out / "site"
    content = site / "content"
    content.mkdir(parents=True, exist_ok=True)
    (site / "site.yaml").write_text(
        "title: 妇女工作年度报告（基准测试）\nlanguage: zh-CN\nbase_url: /\norganization: 基准市妇联\n",
        encoding="utf-8")
    categories = ["工作总结", "工作计划", "调研报告", "专项报告"]
    sections = []  # url, title, paragraphs, headings, english
    count = 0
    for y in range(years):
        year = 2025 - y
        for r in range(reports_per_year):
            if count >= total:
                break
            slug = f"r{r:02d}"
            folder = content / str(year) / slug
            folder.mkdir(parents=True, exist_ok=True)
            category = categories[r % len(categories)]
            (folder / "_index.md").write_text(
                f'---\ntitle: "{year}年{corpus.title("")}"\ndate: "{year}-12-{(r % 28) + 1:02d}"\n'
                f'category: "{category}"\nsummary: "{corpus.sentence()}"\n---\n{corpus.paragraph()}\n',
                encoding="utf-8")
            for s in range(per_report):
                english = rng.random() < 0.05
                title, body, paragraphs, headings = corpus.section(s, english)
                name = f"{s + 1:02d}-s{s + 1:02d}"
                (folder / f"{name}.md").write_text(
                    f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n{body}\n", encoding="utf-8")
                sections.append({"url": f"/{year}/{slug}/s{s + 1:02d}/", "title": title,
                                 "paragraphs": paragraphs, "headings": headings, "english": english})
                count += 1

    qrng = random.Random(7)
    chinese = [s for s in sections if not s["english"]]
    english = [s for s in sections if s["english"]]
    queries = {"chinese": [], "english": [], "titles": [], "headings": []}
    while len(queries["chinese"]) < 1000:
        s = qrng.choice(chinese)
        runs = [m.group(0) for p in s["paragraphs"] for m in CJK.finditer(p) if len(m.group(0)) >= 2]
        run = qrng.choice(runs)
        n = qrng.randint(2, min(6, len(run)))
        at = qrng.randrange(0, len(run) - n + 1)
        queries["chinese"].append({"q": run[at:at + n], "url": s["url"]})
    for _ in range(200):
        s = qrng.choice(english)
        words = re.findall(r"[A-Za-z]+", " ".join(s["paragraphs"]))
        queries["english"].append({"q": qrng.choice(words).lower(), "url": s["url"]})
    for s in qrng.sample(chinese, 200):
        queries["titles"].append({"q": s["title"], "url": s["url"]})
    for s in qrng.sample([s for s in chinese if s["headings"]], 200):
        queries["headings"].append({"q": qrng.choice(s["headings"]), "url": s["url"]})
    (out / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    print(f"{count} sections, {years} years, {len(corpus.phrases)} source clauses -> {site}")


if __name__ == "__main__":
    main()
