//! The key figures `gazette import` proposes: numbers with a unit in a clause that names what
//! they count ("评选县级劳动模范120名", "trained 1,200 women", "USD 3.5 million") and the
//! report year's cells of tables with a column (or a row) per year. `files.rs` writes them into
//! `_index.md` as a commented `# figures:` block, never active until the user removes the "# ".
//!
//! Every rule is here, in the constants and in [`score`]: what is a unit, which words are
//! trimmed from a name, what makes a number a target rather than a result, how many figures
//! are proposed. A figure is always written as the document wrote it — "1.2万人" is value 1.2
//! with unit 万人, never 12000 — because the numbers of a report are its own.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::document::Block;
use super::input::one_line;

/// At most this many figures are proposed: the strongest, in document order.
pub(crate) const MAX_PROPOSED: usize = 20;
/// A candidate scoring less is never proposed: a target, a tiny count, a vague name.
const MIN_SCORE: i32 = 1;
/// Longer names are left out: a name is what the figures page shows above a chart.
const MAX_NAME_CHARS: usize = 16;
const MAX_ENGLISH_NAME_CHARS: usize = 40;
/// The longest noun read after a count ("13170名妇女实现就业").
const MAX_NOUN_CHARS: usize = 10;
/// The clause kept as a figure's `note:`, so it can be checked against the text.
const MAX_NOTE_CHARS: usize = 60;

/// Measure words a Chinese count is written with, simplified and traditional. Years, months,
/// days, ages, times ("倍") and editions ("届") are not here, so "2013年" or "5周年" never
/// become figures.
const ZH_UNITS: &[&str] = &[
    "人次",
    "户次",
    "件次",
    "场次",
    "批次",
    "平方米",
    "公里",
    "小时",
    "课时",
    "名",
    "人",
    "户",
    "戶",
    "个",
    "個",
    "家",
    "所",
    "座",
    "处",
    "處",
    "场",
    "場",
    "次",
    "期",
    "批",
    "项",
    "項",
    "件",
    "篇",
    "部",
    "本",
    "册",
    "冊",
    "份",
    "套",
    "台",
    "臺",
    "辆",
    "輛",
    "支",
    "队",
    "隊",
    "株",
    "棵",
    "亩",
    "畝",
    "吨",
    "噸",
    "间",
    "間",
    "张",
    "張",
    "条",
    "條",
    "位",
    "对",
    "對",
    "起",
    "例",
    "宗",
    "笔",
    "筆",
    "轮",
    "輪",
    "万元",
    "元",
    "美元",
    "港元",
];
/// Multipliers kept in the unit: "2450万元" is value 2450, unit 万元.
const ZH_MULTIPLIERS: &str = "万萬亿億";
/// What a count unit followed by these is not: "3个月", "5个百分点".
const ZH_NOT_AFTER_UNIT: &[&str] = &["月", "百分点", "百分點", "季度", "工作日", "星期", "小时"];
/// Verbs that say nothing about what is counted: the name is what follows the last of them
/// ("评选表彰县级劳动模范" → "县级劳动模范").
const ZH_VERBS: &[&str] = &[
    "评选",
    "評選",
    "表彰",
    "发放",
    "發放",
    "举办",
    "舉辦",
    "开展",
    "開展",
    "组织",
    "組織",
    "召开",
    "召開",
    "帮助",
    "幫助",
    "完成",
    "涌现出",
    "推出",
    "涌现",
    "湧現",
    "新增",
    "新建",
    "建立",
    "建成",
    "成立",
    "组建",
    "組建",
    "打造",
    "培树",
    "选树",
    "培育",
    "办理",
    "处理",
    "處理",
    "受理",
    "保留",
    "撤销",
    "命名",
    "认定",
    "推荐",
    "推选",
    "评出",
    "援建",
    "募集",
    "广募",
    "筹集",
    "争取",
    "拓展",
    "创建",
    "新创建",
    "落实",
    "协调",
    "吸纳",
    "合办",
    "合辦",
    "达成",
    "签订",
];
/// Words trimmed from the front of a name: adverbs, totals, places, quantifiers.
const ZH_LEADING: &[&str] = &[
    "五年来",
    "五年",
    "一年来",
    "今年以来",
    "今年",
    "上半年",
    "下半年",
    "辖区",
    "实现",
    "實現",
    "其中",
    "此外",
    "同时",
    "另外",
    "全年",
    "年内",
    "累计",
    "累積",
    "共计",
    "合计",
    "总计",
    "共有",
    "共",
    "全市",
    "全县",
    "全區",
    "全区",
    "全镇",
    "全乡",
    "全省",
    "全村",
    "我市",
    "我县",
    "我区",
    "我会",
    "本会",
    "各级",
    "各類",
    "各类",
    "各种",
    "先后",
    "精心",
    "积极",
    "深入",
    "大力",
    "广泛",
    "持续",
    "成功",
    "已经",
    "已",
    "还",
    "并",
    "又",
    "均",
    "首批",
    "一批",
    "一支",
    "一个",
    "了",
    "对",
    "为",
    "為",
    "的",
    "有",
];
/// Words trimmed from the end of a name, just before the number: "办结率为", "总数达到".
const ZH_TRAILING: &[&str] = &[
    "达到",
    "達到",
    "增加到",
    "保持在",
    "稳定在",
    "提高到",
    "超过",
    "超過",
    "共计",
    "累计",
    "不少于",
    "不低于",
    "达",
    "達",
    "为",
    "為",
    "是",
    "计",
    "共",
    "约",
    "約",
    "近",
    "逾",
    "有",
    "对",
    "對",
    "由",
    "折合",
    "的",
    "在",
];
/// Where the name of a count written before its noun stops ("2名同志受到表彰").
const ZH_NAME_STOPS: &[&str] = &[
    "的", "在", "被", "进行", "進行", "受到", "获得", "獲得", "得到", "通过", "接受", "提供",
    "申请", "组成", "并", "中", "等", "和", "全部",
];
/// Dropped from the words after a count: "13170名妇女实现就业" names 妇女就业.
const ZH_LINK_VERBS: &[&str] = &["实现", "實現", "参加", "參加", "参与", "參與"];
/// A number right after these is a change, not a level: "增长12%", "比上年增加120人".
const ZH_CHANGE: &[&str] = &[
    "增长", "增長", "增加", "减少", "減少", "下降", "提高", "上升", "同比", "环比", "增幅", "降幅",
];
/// Totals: a clause with one holds a figure the report means to stand out; so does a name
/// that started with "共" (alone, 共 is also the 共 of 共青团).
const ZH_TOTAL: &[&str] = &["累计", "累積", "全年", "总计", "合计", "共计", "共有"];
/// An estimate: "约", "近", "1万余人", "300家以上".
const ZH_ABOUT_BEFORE: &[&str] = &["约", "約", "近", "逾", "超过", "超過", "将近", "接近"];
const ZH_ABOUT_AFTER: &[&str] = &["余", "餘", "多", "以上", "左右"];
/// A target rather than a result.
const ZH_PLAN: &[&str] = &[
    "计划",
    "計劃",
    "力争",
    "力爭",
    "预计",
    "預計",
    "拟",
    "目标",
    "目標",
    "不少于",
    "不低于",
    "每年",
];

/// English: words after a number that end the phrase naming what it counts.
const EN_STOPS: &[&str] = &[
    "a", "an", "the", "and", "or", "in", "into", "at", "for", "from", "to", "of", "with", "who",
    "which", "that", "across", "during", "by", "on", "were", "was", "are", "is", "have", "had",
    "has", "this", "last", "each", "per", "than", "them", "us", "we", "our", "their", "through",
    "since", "over", "under", "between", "while", "as", "it", "so", "but", "more", "less",
];
/// Nouns that count time or pages, never a figure of the work: "six months", "3 years".
const EN_NOT_COUNTED: &[&str] = &[
    "years", "months", "weeks", "days", "minutes", "seconds", "times", "pages", "sections",
    "percent", "cent", "pence", "o'clock", "am", "pm", "yrs",
];
/// Plural nouns without an "s".
const EN_PLURALS: &[&str] = &[
    "people",
    "women",
    "men",
    "children",
    "staff",
    "youth",
    "alumni",
    "personnel",
];
/// Words of a phrase dropped in front of the noun: "28 new drivers".
const EN_ADJECTIVES: &[&str] = &["new", "more", "additional", "extra", "other", "different"];
/// Before a number: an estimate.
const EN_ABOUT: &[&str] = &[
    "around",
    "about",
    "over",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "than",
    "least",
    "just",
    "up",
    "to",
];
const EN_TOTAL: &[&str] = &["a total of", "in total", "altogether", "in all", "overall"];
const EN_PLAN: &[&str] = &[
    "will",
    "plan to",
    "plans to",
    "aim to",
    "aims to",
    "target",
    "next year",
    "hope to",
];
/// Words ending in "-ed" that are not a verb naming the work.
const EN_NOT_VERBS: &[&str] = &[
    "hundred", "aged", "opened", "founded", "based", "compared", "red", "need", "used", "started",
];
const EN_CURRENCIES: &[&str] = &[
    "US$", "HK$", "NZ$", "A$", "C$", "S$", "$", "£", "€", "¥", "USD", "HKD", "GBP", "EUR", "RMB",
    "CNY", "AUD", "CAD", "NZD", "SGD",
];
const EN_MULTIPLIERS: &[&str] = &["million", "billion", "thousand", "m", "bn", "k"];

/// Part and section headings under which numbers are targets ("2014年主要任务", "Looking ahead").
static PLAN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:任务|任務|计划|計劃|打算|安排|思路|要点|要點|目标|目標|展望|设想|設想)[：:]?$|",
        r"(?i)(?:plans?|priorities|outlook|looking ahead|next steps|the year ahead|ahead)$"
    ))
    .expect("valid")
});

/// Titles of a plan that reviews nothing: "2024年妇女工作要点" (not "…总结和2024年工作计划").
static REVIEW_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)总结|總結|回顾|回顧|报告|報告|情况|情況|review|report").expect("valid")
});

/// A year standing in a table's header or first column: "2013", "2013年", "2013年度".
static YEAR_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})\s*(?:年度?)?$").expect("valid"));

/// A number as written: with thousands separators or without, with a decimal part.
const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

static ZH_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let mut units: Vec<&str> = ZH_UNITS.to_vec();
    units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    Regex::new(&format!(
        r"({NUMBER})\s?([{ZH_MULTIPLIERS}])?([余餘多])?\s?({}|%|％)?",
        units.join("|")
    ))
    .expect("valid")
});

static EN_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER).expect("valid"));

/// Dates and years inside a name's words: "2013年", "6月", "13日".
static ZH_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}\s*年度?|\d{1,2}\s*月份?|\d{1,2}\s*日").expect("valid"));

/// Brackets and what they hold: a gloss, not part of a name ("巾帼文明岗(标兵岗)").
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"（[^）]*）|\([^)]*\)|【[^】]*】|\[[^\]]*\]").expect("valid"));

/// One proposed figure, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Proposal {
    pub name: String,
    /// ASCII digits with at most one `.`, no sign and no leading zero: a YAML number.
    pub value: String,
    pub unit: Option<String>,
    /// The section file it was found in; none for the report's introduction.
    pub section: Option<String>,
    /// The clause it was read from.
    pub note: Option<String>,
}

/// What was found in a report.
#[derive(Debug, Default)]
pub(crate) struct Proposals {
    pub chosen: Vec<Proposal>,
    /// Numbers found but not proposed: a name already proposed, a target, or weaker ones
    /// beyond [`MAX_PROPOSED`].
    pub left_out: usize,
}

/// One file of the report: its introduction, or a section with its file name.
pub(crate) struct Source<'a> {
    pub section: Option<&'a str>,
    /// The section's title and its part's: numbers under a plan heading are targets.
    pub headings: [Option<&'a str>; 2],
    pub blocks: &'a [Block],
}

/// What a candidate's score is made of.
#[derive(Debug, Default, Clone, Copy)]
struct Clues {
    /// From a table's column (or row) of the report's year.
    table: bool,
    /// In a clause with 共, 累计, 全年, "a total of".
    total: bool,
    /// "约", "余", "以上", "around", "more than".
    about: bool,
    /// A target: in a plan's part, or with 计划, 力争, "will". Never proposed: a figure is
    /// what a report says was done.
    plan: bool,
    money: bool,
    /// A count below 3: "2名同志".
    small: bool,
    /// A name of two characters says little ("培训", "惠及").
    short_name: bool,
    /// A multiplier without a unit: "1.7亿".
    bare_multiplier: bool,
}

/// How strongly a candidate is a key figure of the report; the strongest are proposed.
fn score(c: Clues) -> i32 {
    let mut score = 1;
    for (clue, weight) in [
        (c.table, 3),
        (c.total, 2),
        (!c.about, 1),
        (c.money, 1),
        (c.plan, -9),
        (c.small, -2),
        (c.short_name, -1),
        (c.bare_multiplier, -1),
    ] {
        if clue {
            score += weight;
        }
    }
    score
}

#[derive(Debug)]
struct Candidate {
    proposal: Proposal,
    clues: Clues,
}

/// What is known of the report as a whole.
pub(crate) struct Report<'a> {
    pub title: Option<&'a str>,
    pub year: i32,
    pub english: bool,
}

/// The figures to propose for a report.
pub(crate) fn propose(report: &Report, sources: &[Source]) -> Proposals {
    choose(candidates(report, sources))
}

/// Every number with what it counts, in document order.
fn candidates(report: &Report, sources: &[Source]) -> Vec<Candidate> {
    let plan_document = report
        .title
        .is_some_and(|t| PLAN_HEADING.is_match(t.trim()) && !REVIEW_TITLE.is_match(t));
    let (year, english) = (report.year, report.english);
    let mut found = Vec::new();
    for source in sources {
        let plan = plan_document
            || source
                .headings
                .iter()
                .flatten()
                .any(|h| PLAN_HEADING.is_match(h.trim()));
        let mut candidates = Vec::new();
        for block in source.blocks {
            match block {
                Block::Paragraph(text) => {
                    let text = plain(text);
                    // A table row left as text: which column is which year is lost.
                    if text.starts_with('|') {
                        continue;
                    }
                    for clause in clauses(&text) {
                        if english {
                            english_clause(clause, &mut candidates);
                        } else {
                            chinese_clause(clause, &mut candidates);
                        }
                    }
                }
                Block::Table(rows) => table(rows, year, &mut candidates),
                Block::Heading { .. } | Block::Image { .. } => {}
            }
        }
        for mut c in candidates {
            c.clues.plan |= plan;
            c.proposal.section = source.section.map(str::to_string);
            found.push(c);
        }
    }
    found
}

/// The strongest candidates, one per name, at most [`MAX_PROPOSED`], in document order.
fn choose(found: Vec<Candidate>) -> Proposals {
    let total = found.len();
    // The first of the strongest candidates with a name keeps it.
    let mut by_name: HashMap<String, (usize, i32)> = HashMap::new();
    for (i, c) in found.iter().enumerate() {
        let s = score(c.clues);
        let best = by_name.entry(c.proposal.name.clone()).or_insert((i, s));
        if s > best.1 {
            *best = (i, s);
        }
    }
    let mut kept: Vec<(usize, i32)> = by_name
        .into_values()
        .filter(|&(_, s)| s >= MIN_SCORE)
        .collect();
    kept.sort_unstable();
    // Among equals, each section's first before any section's second: the proposals then
    // cover the report rather than its first section.
    let mut nth: HashMap<(Option<&str>, i32), usize> = HashMap::new();
    let mut ranked: Vec<(i32, usize, usize)> = kept
        .iter()
        .map(|&(i, s)| {
            let n = nth
                .entry((found[i].proposal.section.as_deref(), s))
                .or_default();
            *n += 1;
            (s, *n, i)
        })
        .collect();
    ranked.sort_by_key(|&(s, n, i)| (std::cmp::Reverse(s), n, i));
    let mut kept: Vec<(usize, i32)> = ranked.into_iter().map(|(s, _, i)| (i, s)).collect();
    kept.truncate(MAX_PROPOSED);
    kept.sort_unstable();
    let mut found: Vec<Option<Candidate>> = found.into_iter().map(Some).collect();
    let chosen: Vec<Proposal> = kept
        .into_iter()
        .filter_map(|(i, _)| found[i].take().map(|c| c.proposal))
        .collect();
    Proposals {
        left_out: total - chosen.len(),
        chosen,
    }
}

/// The words of a Markdown paragraph: escapes, emphasis and link targets gone, full-width
/// digits as ASCII, on one line.
fn plain(markdown: &str) -> String {
    static LINK_TARGET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\]\([^)]*\)").expect("valid"));
    static LIST_ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d{1,9}\\?[.)])\s+").expect("valid"));
    let text = LIST_ITEM.replace(markdown, "");
    let text = LINK_TARGET.replace_all(&text, "");
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\\' | '*' | '`' | '[' | ']'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    one_line(&text)
}

/// The clauses of a paragraph: cut at sentence and clause punctuation, but not at a "," or
/// "." inside a number ("1,200", "3.5").
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let digit_at = |j: Option<&(usize, char)>| j.is_some_and(|(_, c)| c.is_ascii_digit());
        let inside_number =
            digit_at(k.checked_sub(1).and_then(|j| chars.get(j))) && digit_at(chars.get(k + 1));
        let cuts = matches!(c, '，' | '；' | '。' | '！' | '？' | '：' | ';' | '!' | '?')
            || matches!(c, ',' | '.' | ':') && !inside_number;
        if cuts {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.retain(|c| !c.trim().is_empty());
    out
}

fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// `text` without the first of `words` it starts with, and whether one was there.
fn strip_start<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| text.starts_with(*w))
        .max_by_key(|w| w.len())
        .map(|w| &text[w.len()..])
}

fn strip_end<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words
        .iter()
        .filter(|w| text.ends_with(*w))
        .max_by_key(|w| w.len())
        .map(|w| &text[..text.len() - w.len()])
}

/// A number as written ("1,200", "72.63", "05") as a YAML number, or none when it is too
/// long to be kept exactly or is zero.
fn number(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if int.len() + frac.len() > 15 || (int == "0" && frac.is_empty()) {
        return None;
    }
    Some(if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

fn note(clause: &str) -> Option<String> {
    let clause = clause.trim();
    let note: String = clause.chars().take(MAX_NOTE_CHARS).collect();
    let cut = note.len() < clause.len();
    (!note.is_empty()).then(|| if cut { format!("{note}…") } else { note })
}

fn candidate(name: String, value: String, unit: Option<String>, note: Option<String>) -> Proposal {
    Proposal {
        name,
        value,
        unit,
        section: None,
        note,
    }
}

/// The figures of one Chinese clause.
fn chinese_clause(clause: &str, out: &mut Vec<Candidate>) {
    let plan = contains_any(clause, ZH_PLAN);
    let mut from = 0;
    for caps in ZH_FIGURE.captures_iter(clause) {
        let whole = caps.get(0).expect("the match");
        let digits = &caps[1];
        let before = &clause[from..whole.start()];
        let after = &clause[whole.end()..];
        let multiplier = caps.get(2).map(|m| m.as_str());
        let unit = caps.get(4).map(|m| m.as_str());
        let next_char = after.chars().next();
        let previous = clause[..whole.start()].chars().next_back();
        // Part of a code, a date or a range ("12·4", "2021-02", "G20"), an ordinal or rank
        // ("第3届", "前3名"), or a number whose measure word is missing ("2013年").
        let glued = previous.is_some_and(|c| c.is_ascii_alphanumeric() || "._-/+#:·~".contains(c))
            || next_char.is_some_and(|c| c.is_ascii_digit() || "-/·~".contains(c));
        let ordinal = before.ends_with(['第', '前']);
        if glued || ordinal || (unit.is_none() && multiplier.is_none()) {
            continue;
        }
        if unit.is_some_and(|u| u != "%" && u != "％")
            && ZH_NOT_AFTER_UNIT.iter().any(|w| after.starts_with(w))
        {
            continue;
        }
        from = whole.end();
        let tail: String = before
            .chars()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let change = ZH_CHANGE.iter().any(|w| tail.contains(w))
            && !(before.ends_with('到') || before.ends_with('至'));
        let Some(value) = number(digits) else {
            continue;
        };
        if change {
            continue;
        }
        let about = caps.get(3).is_some()
            || ZH_ABOUT_AFTER.iter().any(|w| after.starts_with(w))
            || strip_end(before.trim_end(), ZH_ABOUT_BEFORE).is_some();
        let (name, total) = match unit {
            Some("%" | "％") => match rate_name(before) {
                Some(name) => (name, false),
                None => continue,
            },
            _ => match zh_name(before, after) {
                Some(found) => found,
                None => continue,
            },
        };
        let unit = match unit {
            Some("％") => Some("%".to_string()),
            _ => Some(format!(
                "{}{}",
                multiplier.unwrap_or(""),
                unit.unwrap_or("")
            )),
        };
        let money = unit.as_deref().is_some_and(|u| u.ends_with('元'));
        let small = value.parse::<f64>().is_ok_and(|v| v < 3.0) && multiplier.is_none();
        let clues = Clues {
            total: total || contains_any(clause, ZH_TOTAL),
            about,
            plan,
            money,
            small,
            short_name: name.chars().count() <= 2,
            bare_multiplier: caps.get(4).is_none(),
            table: false,
        };
        out.push(Candidate {
            proposal: candidate(name, value, unit, note(clause)),
            clues,
        });
    }
}

/// Text without quotation marks and bracketed glosses.
fn unquoted(text: &str) -> String {
    BRACKETED
        .replace_all(text, "")
        .chars()
        .filter(|c| !"“”‘’\"'「」『』《》〈〉".contains(*c))
        .collect()
}

/// Chinese words around a number without dates, quotes, glosses and spaces.
fn clean_words(text: &str) -> String {
    unquoted(&ZH_DATE.replace_all(text, ""))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The name of a Chinese count and whether it was written as a total ("共", "累计"): the
/// words before the number after its last verb, else the noun after the measure word.
fn zh_name(before: &str, after: &str) -> Option<(String, bool)> {
    let words = clean_words(before);
    let mut words = words.trim_start_matches(['、', '，', ',', ' ']).to_string();
    // "A、B等C" counts C.
    if let Some(i) = words.rfind('等')
        && words[i + '等'.len_utf8()..].chars().count() >= 2
    {
        words = words[i + '等'.len_utf8()..].to_string();
    }
    let mut total = false;
    let mut name = after_last_verb(&words).to_string();
    loop {
        let trimmed = strip_start(&name, ZH_LEADING).or_else(|| strip_start(&name, ZH_VERBS));
        match trimmed {
            Some(rest) => {
                total |= name.starts_with('共') || ZH_TOTAL.iter().any(|w| name.starts_with(w));
                name = rest.to_string();
            }
            None => break,
        }
    }
    while let Some(rest) =
        strip_end(&name, ZH_TRAILING).or_else(|| strip_end(&name, ZH_ABOUT_BEFORE))
    {
        name = rest.to_string();
    }
    if name.chars().count() <= 2 {
        // "帮助13170名妇女实现就业": the count comes first, its noun after it.
        name.push_str(&noun_after(after));
    }
    let name = one_line(&name);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let fits = (2..=MAX_NAME_CHARS).contains(&name.chars().count());
    (fits && letters >= 2 && !name.chars().any(|c| c.is_ascii_digit())).then_some((name, total))
}

/// The words after the last verb of [`ZH_VERBS`] that leaves at least two characters;
/// nothing when the words are a verb alone ("保留726个").
fn after_last_verb(words: &str) -> &str {
    if ZH_VERBS.contains(&words) {
        return "";
    }
    let mut best = words;
    for verb in ZH_VERBS {
        for (i, _) in words.match_indices(verb) {
            let rest = &words[i + verb.len()..];
            if rest.chars().count() >= 2 && rest.len() < best.len() {
                best = rest;
            }
        }
    }
    best
}

/// The noun a count is followed by, without linking verbs: up to a stop word or the end of
/// the clause, when that comes soon enough to be one noun. Chinese has no spaces between
/// words, so where no stop tells, nothing is guessed.
fn noun_after(after: &str) -> String {
    let text = clean_words(after);
    let text = text.trim_start_matches(|c| ZH_MULTIPLIERS.contains(c) || "余餘多以上".contains(c));
    let end = ZH_NAME_STOPS
        .iter()
        .chain(ZH_VERBS)
        .filter_map(|w| text.find(w))
        .min()
        .unwrap_or(text.len());
    let mut noun = text[..end].to_string();
    for verb in ZH_LINK_VERBS {
        noun = noun.replace(verb, "");
    }
    if noun.chars().count() > MAX_NOUN_CHARS {
        noun.clear();
    }
    noun
}

/// The name of a percentage: only a rate ("办结率为100%") is a figure; "增长12%" is not.
fn rate_name(before: &str) -> Option<String> {
    let mut words = clean_words(before);
    while let Some(rest) = strip_end(&words, ZH_TRAILING) {
        words = rest.to_string();
    }
    while let Some(rest) = strip_start(&words, ZH_LEADING) {
        words = rest.to_string();
    }
    let words = after_last_verb(&words).to_string();
    let count = words.chars().count();
    (words.ends_with('率') && (3..=MAX_NAME_CHARS).contains(&count)).then(|| one_line(&words))
}

/// The figures of one English clause: counts ("trained 1,200 women"), sums of money ("USD 3.5
/// million") and rates ("a completion rate of 92%").
fn english_clause(clause: &str, out: &mut Vec<Candidate>) {
    let lower = clause.to_lowercase();
    let plan = contains_any(&lower, EN_PLAN);
    let total = contains_any(&lower, EN_TOTAL);
    for m in EN_NUMBER.find_iter(clause) {
        let before = &clause[..m.start()];
        let after = &clause[m.end()..];
        let previous = before.chars().next_back();
        let glued = previous.is_some_and(|c| c.is_ascii_alphanumeric() || "._-/#:–".contains(c))
            || after.starts_with(|c: char| c.is_ascii_digit() || "-/–:".contains(c))
            || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
        let year =
            m.as_str().len() == 4 && (m.as_str().starts_with("19") || m.as_str().starts_with("20"));
        if glued || year {
            continue;
        }
        let Some(value) = number(m.as_str()) else {
            continue;
        };
        let words_before: Vec<String> = before
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let about = words_before
            .last()
            .is_some_and(|w| EN_ABOUT.contains(&w.as_str()));
        let found = if let Some(currency) = currency_before(before) {
            money(currency, &words_before, after)
        } else if after.starts_with('%')
            || after.trim_start().starts_with("per cent")
            || after.trim_start().starts_with("percent")
        {
            english_rate(before).map(|name| (name, Some("%".to_string())))
        } else {
            english_count(&words_before, after).map(|name| (name, None))
        };
        let Some((name, unit)) = found else { continue };
        let small = unit.is_none() && value.parse::<f64>().is_ok_and(|v| v < 3.0);
        let clues = Clues {
            total,
            about,
            plan,
            money: unit.as_deref().is_some_and(|u| u != "%"),
            small,
            table: false,
            short_name: false,
            bare_multiplier: false,
        };
        out.push(Candidate {
            proposal: candidate(name, value, unit, note(clause)),
            clues,
        });
    }
}

fn currency_before(before: &str) -> Option<&'static str> {
    let before = before.trim_end();
    EN_CURRENCIES
        .iter()
        .filter(|c| before.ends_with(*c))
        .max_by_key(|c| c.len())
        .copied()
}

/// The name and unit of a sum: "raised £12,500" is funds raised; "a grant of $45,000" a grant;
/// "$3,000 in donations" donations. The unit is the currency, with "million" when written.
fn money(currency: &str, words_before: &[String], after: &str) -> Option<(String, Option<String>)> {
    let mut rest = after.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let first = rest.next();
    let (multiplier, next) = match &first {
        Some(w) if EN_MULTIPLIERS.contains(&w.as_str()) => (Some(w.clone()), rest.next()),
        _ => (None, first.clone()),
    };
    let unit = match &multiplier {
        Some(m) => format!("{currency} {m}"),
        None => currency.to_string(),
    };
    // Words before the currency, without it.
    let mut before: Vec<&str> = words_before.iter().map(String::as_str).collect();
    if before
        .last()
        .is_some_and(|w| EN_CURRENCIES.iter().any(|c| c.eq_ignore_ascii_case(w)))
    {
        before.pop();
    }
    while before.last().is_some_and(|w| EN_ABOUT.contains(w)) {
        before.pop();
    }
    let name = match before.as_slice() {
        [.., noun, "of"] if !EN_STOPS.contains(noun) => {
            let start = before.len().saturating_sub(3);
            let words: Vec<&str> = before[start..before.len() - 1]
                .iter()
                .copied()
                .skip_while(|w| EN_STOPS.contains(w))
                .collect();
            words.join(" ")
        }
        [.., verb] if is_past_verb(verb) => format!("funds {verb}"),
        _ if next.as_deref() == Some("in") => rest
            .next()
            .filter(|w| w.len() > 2 && !EN_STOPS.contains(&w.as_str()))?,
        _ => return None,
    };
    english_name(name).map(|n| (n, Some(unit)))
}

fn is_past_verb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && !EN_NOT_VERBS.contains(&word)
}

/// "supported 1,240 women" → "women supported"; "9,860 emergency food parcels" → itself.
fn english_count(words_before: &[String], after: &str) -> Option<String> {
    let mut phrase: Vec<String> = Vec::new();
    for word in after.split_whitespace() {
        let bare = word
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let ends_phrase = bare.len() != word.len();
        if bare.is_empty()
            || EN_STOPS.contains(&bare.as_str())
            || !bare.chars().all(|c| c.is_alphabetic() || "-'’".contains(c))
        {
            break;
        }
        phrase.push(bare);
        if ends_phrase || phrase.len() == 4 {
            break;
        }
    }
    while phrase
        .first()
        .is_some_and(|w| EN_ADJECTIVES.contains(&w.as_str()))
    {
        phrase.remove(0);
    }
    while phrase.last().is_some_and(|w| !is_plural(w)) {
        phrase.pop();
    }
    let noun = phrase.last()?;
    if EN_NOT_COUNTED.contains(&noun.as_str()) {
        return None;
    }
    let mut name = phrase.join(" ");
    let verb = words_before.iter().rev().find(|w| {
        !EN_ABOUT.contains(&w.as_str())
            && w.as_str() != "more"
            && w.as_str() != "a"
            && w.as_str() != "total"
            && w.as_str() != "of"
    });
    if let Some(verb) = verb.filter(|v| is_past_verb(v)) {
        name = format!("{name} {verb}");
    }
    english_name(name)
}

fn is_plural(word: &str) -> bool {
    EN_PLURALS.contains(&word)
        || word.len() > 2 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us")
}

/// "a completion rate of 92%" → "completion rate".
fn english_rate(before: &str) -> Option<String> {
    static RATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)([a-z-]+ rate)\s+(?:of|was|is|reached|rose to|fell to|stood at|at)?\s*$")
            .expect("valid")
    });
    let caps = RATE.captures(before)?;
    english_name(caps[1].to_lowercase())
}

fn english_name(name: String) -> Option<String> {
    let name = one_line(&name);
    (name.len() >= 3 && name.len() <= MAX_ENGLISH_NAME_CHARS).then_some(name)
}

/// The cells of the report year's column (or row) of a table with a column (or row) per year:
/// the first column (or header row) names them.
fn table(rows: &[Vec<String>], year: i32, out: &mut Vec<Candidate>) {
    let Some(header) = rows.first() else { return };
    let is_year = |cell: &str| {
        YEAR_CELL
            .captures(plain(cell).trim())
            .and_then(|c| c[1].parse::<i32>().ok())
            == Some(year)
    };
    let unit_column = header.iter().position(|h| {
        let h = plain(h);
        h == "单位" || h == "單位" || h.eq_ignore_ascii_case("unit")
    });
    let mut cells: Vec<(&str, &str, Option<&str>)> = Vec::new();
    if let Some(column) = header.iter().position(|h| is_year(h)) {
        for row in &rows[1..] {
            if let (Some(label), Some(cell)) = (row.first(), row.get(column)) {
                let unit = unit_column.and_then(|u| row.get(u)).map(String::as_str);
                cells.push((label, cell, unit));
            }
        }
    } else if let Some(row) = rows[1..]
        .iter()
        .find(|r| r.first().is_some_and(|c| is_year(c)))
    {
        for (label, cell) in header.iter().zip(row).skip(1) {
            cells.push((label, cell, None));
        }
    }
    for (label, cell, unit) in cells {
        if let Some(proposal) = table_cell(label, cell, unit) {
            let money = proposal.unit.as_deref().is_some_and(|u| u.ends_with('元'));
            out.push(Candidate {
                proposal,
                clues: Clues {
                    table: true,
                    money,
                    ..Clues::default()
                },
            });
        }
    }
}

/// One cell: a number, perhaps followed by its unit ("862个", "1.2万", "92%"); else the unit
/// comes from the table's unit column or the label's brackets ("贷款（万元）").
fn table_cell(label: &str, cell: &str, unit_column: Option<&str>) -> Option<Proposal> {
    static CELL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^({NUMBER})\s*([^\d\s]{{0,4}})$")).expect("valid"));
    static LABEL_UNIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[（(]([^）)]{1,6})[）)]\s*$").expect("valid"));
    let cell = plain(cell);
    let caps = CELL.captures(cell.trim())?;
    let value = number(&caps[1])?;
    let label = plain(label);
    let written = caps[2].trim();
    let unit = if !written.is_empty() {
        Some(written.replace('％', "%"))
    } else if let Some(u) = unit_column.map(plain).filter(|u| !u.trim().is_empty()) {
        Some(u)
    } else {
        LABEL_UNIT.captures(&label).map(|c| c[1].trim().to_string())
    };
    let name = one_line(&unquoted(&label));
    let english_words = name.split_whitespace().count() > 1;
    let limit = if english_words {
        MAX_ENGLISH_NAME_CHARS
    } else {
        MAX_NAME_CHARS
    };
    let fits = (2..=limit).contains(&name.chars().count());
    (fits && name.chars().any(char::is_alphabetic) && !YEAR_CELL.is_match(&name))
        .then(|| candidate(name, value, unit.map(|u| one_line(&u)), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is proposed for one paragraph of a 2013 report, as (name, value, unit).
    fn found(text: &str) -> Vec<(String, String, Option<String>)> {
        let blocks = [Block::Paragraph(text.to_string())];
        proposed(&blocks, None)
            .into_iter()
            .map(|p| (p.name, p.value, p.unit))
            .collect()
    }

    fn proposed(blocks: &[Block], heading: Option<&str>) -> Vec<Proposal> {
        let english = super::super::text::is_english(
            &blocks.iter().map(|b| format!("{b:?}")).collect::<String>(),
        );
        let report = Report {
            title: None,
            year: 2013,
            english,
        };
        let sources = [Source {
            section: Some("01-section-1.md"),
            headings: [heading, None],
            blocks,
        }];
        propose(&report, &sources).chosen
    }

    fn one(name: &str, value: &str, unit: &str) -> (String, String, Option<String>) {
        let unit = (!unit.is_empty()).then(|| unit.to_string());
        (name.to_string(), value.to_string(), unit)
    }

    #[track_caller]
    fn assert_finds(text: &str, expected: &[(&str, &str, &str)]) {
        let expected: Vec<_> = expected.iter().map(|&(n, v, u)| one(n, v, u)).collect();
        assert_eq!(found(text), expected, "in {text:?}");
    }

    #[track_caller]
    fn assert_none(text: &str) {
        assert_eq!(found(text), [], "in {text:?}");
    }

    #[test]
    fn a_chinese_count_is_named_by_what_it_counts_without_its_verb() {
        assert_finds("评选县级劳动模范120名。", &[("县级劳动模范", "120", "名")]);
        assert_finds(
            "发放创业担保贷款2450万元。",
            &[("创业担保贷款", "2450", "万元")],
        );
        assert_finds("举办招聘会86场。", &[("招聘会", "86", "场")]);
        assert_finds("举办各类招聘会86场(次)。", &[("招聘会", "86", "场")]);
        assert_finds(
            "全年共评选表彰市级以上先进个人143名、先进集体84个。",
            &[("市级以上先进个人", "143", "名"), ("先进集体", "84", "个")],
        );
        assert_finds(
            "对862个市级以上“巾帼文明岗”进行复查。",
            &[("市级以上巾帼文明岗", "862", "个")],
        );
        assert_finds(
            "培训家长11212人次，提高知晓率。",
            &[("培训家长", "11212", "人次")],
        );
        assert_finds(
            "组建了一支由2232名妇干组成的队伍。",
            &[("妇干", "2232", "名")],
        );
        assert_finds(
            "本會共處理會員勞資糾紛個案182宗。",
            &[("會員勞資糾紛個案", "182", "宗")],
        );
    }

    #[test]
    fn a_count_written_before_its_noun_takes_the_noun_after_it() {
        assert_finds("帮助13170名妇女实现就业。", &[("妇女就业", "13170", "名")]);
        assert_finds(
            "150名文明岗负责人参加培训。",
            &[("文明岗负责人培训", "150", "名")],
        );
        assert_finds("带动4600名妇女增收。", &[("带动妇女增收", "4600", "名")]);
        // Where nothing tells where the noun ends, nothing is guessed.
        assert_none("23个文明岗管理权限移交平潭综合实验区妇联。");
    }

    #[test]
    fn lists_quotes_and_glosses_are_left_out_of_names() {
        assert_finds(
            "举办“幸福家庭魅力女性”等公益大讲堂74场。",
            &[("公益大讲堂", "74", "场")],
        );
        assert_finds(
            "“巾帼文明岗(标兵岗)”114个。",
            &[("巾帼文明岗", "114", "个")],
        );
        assert_finds(
            "联合海警一支队评选“好妻子”、“好母亲”20名。",
            &[("好妻子、好母亲", "20", "名")],
        );
        assert_finds(
            "- **新建**户外劳动者服务站点24个",
            &[("户外劳动者服务站点", "24", "个")],
        );
    }

    #[test]
    fn wan_and_yi_stay_in_the_unit_and_estimates_are_kept_as_written() {
        assert_finds("惠及群众1.2万人。", &[("惠及群众", "1.2", "万人")]);
        assert_finds(
            "全年发放妇女创业担保贷款1.36亿元。",
            &[("妇女创业担保贷款", "1.36", "亿元")],
        );
        assert_finds("惠及妇女儿童2万余人。", &[("惠及妇女儿童", "2", "万人")]);
        assert_finds(
            "已投入资金1.7亿(含拆迁征地)。",
            &[("投入资金", "1.7", "亿")],
        );
        assert_finds("发放宣传资料１２００份。", &[("宣传资料", "1200", "份")]);
    }

    #[test]
    fn only_rates_are_proposed_among_percentages() {
        assert_finds("办结率为100%。", &[("办结率", "100", "%")]);
        assert_finds("调解成功率达95％。", &[("调解成功率", "95", "%")]);
        assert_none("会员人数增长12%。");
        assert_none("占全体会员的60%。");
    }

    #[test]
    fn years_dates_ordinals_changes_and_section_numbers_are_never_figures() {
        for text in [
            "2013年，在市委的领导下，各项工作取得成效。",
            "（2021年6月13日）",
            "发布日期：2024-01-15 浏览：1024次",
            "组织女企业家参加第3届中国海峡项目成果交易会。",
            "在全市评比中位列前3名。",
            "以实施办法实施5周年为契机开展调研。",
            "比上年增加120人。",
            "覆盖率提高5个百分点。",
            "用3个月时间开展专项行动。",
            "1．加强组织建设。",
            "一、围绕时代主题",
            "结合“12·4”宪法日开展宣传。",
            "开展母亲健康1+1公益募捐。",
            "服务G20峰会志愿者。",
            "第8页 共8页",
            "备案号：赣ICP备09012345号",
        ] {
            assert_none(text);
        }
    }

    #[test]
    fn targets_are_never_proposed() {
        assert_none("计划新建红十字救护站20个。");
        assert_none("全年宣讲不少于200场。");
        assert_none("每年培训创业妇女500人次以上。");
        assert_none("力争吸引采购商300家以上。");
        let blocks = [Block::Paragraph("举办招聘会86场。".into())];
        assert!(proposed(&blocks, Some("2014年主要任务")).is_empty());
        assert!(proposed(&blocks, Some("Looking ahead")).is_empty());
        assert_eq!(proposed(&blocks, Some("2013年工作回顾")).len(), 1);
    }

    #[track_caller]
    fn assert_finds_english(text: &str, expected: &[(&str, &str, &str)]) {
        let expected: Vec<_> = expected.iter().map(|&(n, v, u)| one(n, v, u)).collect();
        assert_eq!(found(text), expected, "in {text:?}");
    }

    #[test]
    fn english_counts_sums_and_rates() {
        assert_finds_english(
            "This year we trained 1,200 women in digital skills.",
            &[("women trained", "1200", "")],
        );
        assert_finds_english(
            "We gave out 9,860 emergency food parcels to families.",
            &[("emergency food parcels", "9860", "")],
        );
        assert_finds_english(
            "We trained 28 new drivers and warehouse helpers.",
            &[("drivers trained", "28", "")],
        );
        assert_finds_english(
            "The trust received a grant of USD 3.5 million from the city.",
            &[("grant", "3.5", "USD million")],
        );
        assert_finds_english(
            "Our volunteers raised £12,500 for the shelter.",
            &[("funds raised", "12500", "£")],
        );
        assert_finds_english(
            "The course had a completion rate of 92% this year.",
            &[("completion rate", "92", "%")],
        );
    }

    #[test]
    fn english_years_pages_times_and_plans_are_not_figures() {
        for text in [
            "Annual Report 2019-2020 of the association and its members.",
            "This has been our busiest year since we opened in 2012 with friends.",
            "Page 2 of 3 of the annual report of the association.",
            "Ninety-two women completed the course, and 41 of them found paid work.",
            "The waiting time fell from 6 weeks to 3 weeks for the members.",
            "Calls rose by 18 per cent on the previous year for the helpline.",
            "We will train 30 peer supporters in the coming year for schools.",
            "See Section 3 for the accounts of the association and its members.",
        ] {
            assert_eq!(found(text), [], "in {text:?}");
        }
    }

    #[test]
    fn a_table_gives_the_report_years_column_or_row() {
        let table = |rows: &[&[&str]]| {
            Block::Table(
                rows.iter()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect(),
            )
        };
        let by_column = table(&[
            &["指标", "2012年", "2013年"],
            &["妇女小额贷款（万元）", "8000", "8,888"],
            &["招聘会", "80场", "86场"],
            &["2013年", "1", "2"],
        ]);
        let by_row = table(&[
            &["年份", "培训人数", "单位"],
            &["2012", "6000", "x"],
            &["2013", "6814人", "y"],
        ]);
        let with_unit_column = table(&[&["项目", "单位", "2013"], &["巾帼文明岗", "个", "862"]]);
        let got: Vec<_> = proposed(&[by_column, by_row, with_unit_column], None)
            .into_iter()
            .map(|p| (p.name, p.value, p.unit, p.note))
            .collect();
        let row = |n: &str, v: &str, u: Option<&str>| {
            (n.to_string(), v.to_string(), u.map(str::to_string), None)
        };
        assert_eq!(
            got,
            [
                row("妇女小额贷款", "8888", Some("万元")),
                row("招聘会", "86", Some("场")),
                row("培训人数", "6814", Some("人")),
                row("巾帼文明岗", "862", Some("个")),
            ]
        );
    }

    #[test]
    fn the_strongest_are_proposed_once_each_in_document_order() {
        let stems = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
        let mut text = String::new();
        for (i, (a, b)) in stems
            .iter()
            .flat_map(|a| ["子", "丑", "寅"].map(move |b| (a, b)))
            .enumerate()
        {
            text.push_str(&format!("举办{a}{b}讲座{}场。", 10 + i));
        }
        text.push_str("全年累计发放贷款8888万元。举办甲子讲座99场。");
        let blocks = [Block::Paragraph(text)];
        let got = proposed(&blocks, None);
        assert_eq!(got.len(), MAX_PROPOSED);
        // The total and the money come first in strength; they stay in document order.
        assert_eq!(got.last().map(|p| p.name.as_str()), Some("贷款"));
        let names: std::collections::HashSet<_> = got.iter().map(|p| &p.name).collect();
        assert_eq!(names.len(), got.len(), "names are unique");
        assert!(
            got.iter()
                .all(|p| p.section.as_deref() == Some("01-section-1.md"))
        );
        assert_eq!(
            got[0].note.as_deref(),
            Some("举办甲子讲座10场"),
            "the first of a name keeps it"
        );
    }

    #[test]
    fn numbers_are_written_as_yaml_numbers() {
        assert_eq!(number("1,200").as_deref(), Some("1200"));
        assert_eq!(number("05").as_deref(), Some("5"));
        assert_eq!(number("72.630").as_deref(), Some("72.63"));
        assert_eq!(number("0.5").as_deref(), Some("0.5"));
        assert_eq!(number("0"), None);
        assert_eq!(number("1234567890123456"), None);
    }
}
