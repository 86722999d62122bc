#!/usr/bin/env python3
"""Generates a deterministic Chinese report site for benchmarks: REPORTS reports of SECTIONS
sections each, sections of 1.5-3 KB with headings, a list, a table and links to other sections,
spread over twenty years, a few sections in English. The same arguments give the same bytes.

With --heavy, sections are about 4 KB (3.3-5 KB) and carry more markup per byte: four levels of
headings, a bulleted list with a nested one, a numbered list with bold run-in labels, a table of
four columns, emphasis, and links to other sections, to headings and to other sites.

usage: bench/corpus.py [--heavy] OUT_DIR REPORTS SECTIONS
"""
import os
import random
import shutil
import sys

PHRASES = [
    "全市各级妇联组织", "认真贯彻落实", "巾帼文明岗", "小额贴息贷款", "家庭暴力", "妇女儿童合法权益",
    "巾帼建功活动", "双学双比", "农村妇女", "创业就业", "社会管理创新", "文明家庭", "留守儿童",
    "妇女干部", "基层组织建设", "维权服务", "法律援助", "心理咨询", "技能培训", "招聘会",
    "女企业家", "关爱行动", "志愿服务", "家庭教育", "母亲健康", "两癌筛查", "春蕾计划",
    "贫困母亲", "信访接待", "调解纠纷", "宣传教育", "理论学习", "调查研究", "工作机制",
    "示范基地", "合作社", "电子商务", "乡村振兴", "社区服务", "平安家庭",
]
CONNECTORS = ["，", "，", "，", "；", "、", "，进一步", "，不断", "，积极", "，切实"]
VERBS = ["推进", "开展", "加强", "完善", "落实", "深化", "组织", "举办", "建立", "提升"]
ENGLISH = ("the federation supported women entrepreneurs with microcredit training and legal aid "
           "while volunteers organised community services family education and health screening").split()
NUMERALS = "一二三四五六七八九十"


def sentence(rng):
    parts = []
    for _ in range(rng.randint(3, 6)):
        parts.append(rng.choice(VERBS) + rng.choice(PHRASES) + rng.choice(CONNECTORS))
    text = "".join(parts).rstrip("，；、")
    return f"{text}{rng.randint(2, 9000)}个（人次）。"


def paragraph(rng, english):
    if english:
        words = [rng.choice(ENGLISH) for _ in range(rng.randint(40, 70))]
        return " ".join(words).capitalize() + "."
    return "".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def section_body(rng, english, links):
    blocks = [paragraph(rng, english)]
    blocks.append(f"## {rng.choice(PHRASES)}工作情况")
    blocks.append(paragraph(rng, english))
    blocks.append("\n".join(f"- {rng.choice(VERBS)}{rng.choice(PHRASES)}" for _ in range(rng.randint(3, 5))))
    blocks.append(f"### 主要数据")
    rows = "\n".join(f"| {rng.choice(PHRASES)} | {rng.randint(10, 99999)} |" for _ in range(rng.randint(3, 6)))
    blocks.append(f"| 项目 | 数量 |\n|---|---|\n{rows}")
    blocks.append(paragraph(rng, english))
    if links:
        blocks.append("参见" + "、".join(f"[{title}]({target})" for title, target in links) + "。")
    return "\n\n".join(blocks) + "\n"


def heavy_section_body(rng, english, links):
    """About 4 KB: the shape of a long section of a real work report."""
    def item():
        return f"{rng.choice(VERBS)}{rng.choice(PHRASES)}，{rng.choice(VERBS)}{rng.choice(PHRASES)}"

    blocks = [paragraph(rng, english)]
    blocks.append(f"## （一）{rng.choice(PHRASES)}工作情况")
    blocks.append(paragraph(rng, english))
    bullets = [f"- {item()}" for _ in range(rng.randint(3, 4))]
    bullets.insert(2, "\n".join(f"  - {item()}" for _ in range(2)))
    blocks.append("\n".join(bullets))
    blocks.append(f"### 1．{rng.choice(PHRASES)}")
    blocks.append(paragraph(rng, english))
    blocks.append("\n".join(f"{i}. **{rng.choice(PHRASES)}**：{item()}。" for i in range(1, rng.randint(4, 5))))
    blocks.append("#### 主要数据")
    rows = "\n".join(f"| {rng.choice(PHRASES)} | {rng.randint(10, 99999)} | {rng.randint(1, 999)} | "
                      f"{rng.randint(-20, 80)}% |" for _ in range(rng.randint(5, 7)))
    blocks.append(f"| 项目 | 数量 | 覆盖单位 | 同比 |\n|---|--:|--:|--:|\n{rows}")
    blocks.append(f"## （二）{rng.choice(PHRASES)}的做法")
    blocks.append(f"*{sentence(rng)}*" + paragraph(rng, english))
    blocks.append(paragraph(rng, english))
    targets = [f"[{title}]({target})" for title, target in links]
    targets.append(f"[全国妇联](https://www.women.org.cn/{rng.randint(1, 999)}/)")
    blocks.append("参见" + "、".join(targets) + "。")
    return "\n\n".join(blocks) + "\n"


def main():
    heavy = "--heavy" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != "--heavy"]
    out, reports, sections = args[0], int(args[1]), int(args[2])
    body = heavy_section_body if heavy else section_body
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "pages"))
    with open(os.path.join(out, "site.yaml"), "w") as f:
        f.write("title: 基准测试站点\nbase_url: https://example.org/\nlanguage: zh-CN\n"
                "menu:\n  - name: 首页\n    url: /\n  - name: 归档\n    url: /archive/\n")
    with open(os.path.join(out, "content", "pages", "about.md"), "w") as f:
        f.write("---\ntitle: 关于\n---\n基准测试用的生成站点。\n")
    rng = random.Random(20131231)
    for r in range(reports):
        year = 2005 + r % 20
        folder = os.path.join(out, "content", str(year), f"county-{r:05d}")
        os.makedirs(folder)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write(f"---\ntitle: {year}年第{r}号县妇联工作总结\ndate: {year}-{1 + r % 12:02d}-{1 + r % 28:02d}\n"
                    f"organization: 第{r}号县妇联\ncategory: {rng.choice(['工作总结', '工作计划', '调研报告'])}\n"
                    f"summary: {sentence(rng)}\n---\n{paragraph(rng, False)}\n")
        for s in range(1, sections + 1):
            english = rng.random() < 0.05
            part = f"{year}年工作回顾" if s <= sections * 2 // 3 else f"{year + 1}年主要任务"
            title = f"{NUMERALS[(s - 1) % 10]}、{rng.choice(VERBS)}{rng.choice(PHRASES)}（{s}）"
            links = []
            if s > 1:
                links.append(("上一节", f"{s - 1:02d}-s{s - 1}.md"))
            if s > 2 and rng.random() < 0.5:
                links.append(("第一节", "01-s1.md#主要数据"))
            with open(os.path.join(folder, f"{s:02d}-s{s}.md"), "w") as f:
                f.write(f"---\ntitle: {title}\npart: {part}\nsummary: {sentence(rng)}\n---\n")
                f.write(body(rng, english, links))


if __name__ == "__main__":
    main()
