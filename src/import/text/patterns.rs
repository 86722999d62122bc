//! The patterns that tell headings from running text, shared by the cleaning (which must
//! not join a heading to the text before it) and the classifier.

use std::sync::LazyLock;

use regex::Regex;

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the importer's patterns are valid")
}

/// "2013年工作回顾", "2014年主要任务", "明年工作思路": a year review or a year plan. At most
/// five characters between year and keyword, so a title such as "2012年妇女儿童工作总结"
/// stays a title.
pub(super) static CN_PART_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:19|20)\d{2}|今|明|去|上|下)年度?[^，,。；;：:\s]{0,5}?(?:回顾|总结|任务|要点|计划|安排|思路|打算|目标)$",
    )
});
/// A part named without a year: "过去五年的工作回顾", "今后五年的目标任务", "一年来的工作回顾",
/// "存在的问题", "下一步工作打算", "下半年工作计划", "會務回顧", "來年展望" (and their
/// simplified or traditional forms). Only a whole
/// line without a number: "五、下一步工作打算" among numbered sections stays a section.
pub(super) static CN_PART_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:(?:过去|過去|今后|今後|未来|未來)[一二三四五六七八九十两兩\d]{1,2}年(?:来|來)?的?|",
        r"(?:一年|半年|近年|几年|幾年|五年)(?:来|來)的?|(?:本|今|明|去|上|下)?(?:半年|年度|季度)的?|",
        r"下一步的?|今后|今後|明年|来年|來年|未来|未來|新一年|新的一年|下阶段|下階段|",
        r"會務|会务|業務|业务|服務|服务",
        r")(?:主要)?(?:工作)?(?:回顾|回顧|总结|總結|情况|情況|成效|目标任务|目標任務|主要任务|主要任務|",
        r"任务|任務|计划|計劃|打算|安排|思路|重点|重點|要点|要點|展望)$|",
        r"^(?:存在的?(?:主要)?(?:问题|問題)(?:和|与|與|及)?(?:不足)?|(?:主要)?(?:问题|問題)(?:和|与|與|及)(?:不足|建议|建議)|",
        r"(?:主要)?(?:工作)?(?:做法|成效|成绩|成績)(?:和|与|與|及)(?:成效|体会|體會|经验|經驗))$"
    ))
});
/// An unnumbered section that annual reports name the same way: "主席的話", "会长致辞",
/// "前言", "鸣谢", "财务报告".
pub(super) static CN_NAMED_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:(?:主席|會長|会长|理事長|理事长|總幹事|总干事|秘書長|秘书长|院長|院长|名譽會長|名誉会长)",
        r"(?:的話|的话|報告|报告|致辭|致辞|獻辭|献辞|寄語|寄语)|",
        r"前言|序言|鳴謝|鸣谢|致謝|致谢|財務報告|财务报告|核數師報告|审计报告|審計報告|服務統計|服务统计)$"
    ))
});
pub(super) static CN_PART_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^第([一二三四五六七八九十]{1,3})部分(?:\s*(.*))?$"));
pub(super) static CN_SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([一二三四五六七八九十]{1,3})[、．.]\s*(\S.*)$"));
pub(super) static CN_CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^第([一二三四五六七八九十]{1,3}|\d{1,2})章(?:\s*(.*))?$"));
pub(super) static CN_SUB_PAREN_HAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.*)$"));
pub(super) static CN_SUB_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\d{1,2})[.．、]\s*([^\d\s.．].*)$"));
pub(super) static CN_SUB_PAREN_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(](\d{1,2})[）)]\s*(\S.*)$"));

pub(super) static EN_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:part\s+(?:[ivx]+|\d+|one|two|three|four|five)\b.*|(?:review of|looking back at|plans? for|priorities for|outlook for|tasks for|work plan for)\s+(?:19|20)\d{2}|(?:19|20)\d{2}\s+(?:in review|review|work plan|plans?|priorities|tasks|outlook)|looking (?:ahead|back|forward)(?: to (?:19|20)\d{2}| to the (?:next|coming) year)?|(?:the )?year (?:in review|ahead)|(?:plans|priorities) for the (?:next|coming) year|next steps|challenges(?: and (?:lessons|next steps))?)$",
    )
});
pub(super) static EN_SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\d{1,2})\.\s+(\S.*)$"));
pub(super) static EN_SECTION_ROMAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([IVXLC]{1,6})\.\s+(\S.*)$"));
pub(super) static EN_CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^chapter\s+(\d{1,2}|[ivxlc]{1,6})\b.*$"));
pub(super) static EN_SUB_DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\d{1,2}\.\d{1,2}\.?\s+\S.*$"));
pub(super) static EN_SUB_PAREN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\(([a-z]|\d{1,2})\)\s+\S.*$"));
/// A heading number and the spaces after it, at the start of a line.
pub(super) static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.])\s+",
    )
});
/// A piece of a line that is only a number: it belongs to the text after it.
pub(super) static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.)）])$",
    )
});
/// "（一）" or "2．" after a sentence end or a space: where a run-in sub-heading may start
/// ("2.5万" is a number, not a heading).
pub(super) static RUN_IN_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"[。！？\s]\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[．.、][^\d\s.．])")
});
/// The second line of a title: it names the kind of document, without a comma, a bracket or
/// a dash that would make it a subtitle or a byline.
pub(super) static TITLE_SECOND_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[^，,。.（(—\-－:：][^，,。（(:：]*(?:报告|報告|总结|總結|计划|計劃|要点|要點|规划|規劃|打算|(?i:report|review|plan))[^，,。（(]*$",
    )
});
/// A date: "2021年6月13日" (spaces allowed) or "2024-01-15".
pub(crate) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})\b)",
    )
});
pub(super) static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^(#{1,6})\s+(.*?)\s*#*\s*$"));

/// Whether the line starts with a heading number of any style: such lines repeat because
/// sections share sub-heading names, not because they are running headers.
pub(super) fn starts_numbered(text: &str) -> bool {
    [
        &*CN_SECTION,
        &*CN_CHAPTER,
        &*CN_SUB_PAREN_HAN,
        &*CN_SUB_NUMBER,
        &*CN_SUB_PAREN_NUMBER,
        &*EN_SECTION_NUMBER,
        &*EN_SECTION_ROMAN,
    ]
    .iter()
    .any(|r| r.is_match(text))
}

/// Whether the text starts like a part or section heading, whatever follows it (Chinese),
/// or is one (English, whose headings contain spaces).
pub(super) fn starts_heading(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let text = text.trim();
    CN_PART_YEAR.is_match(first)
        || CN_PART_WORDS.is_match(text)
        || CN_NAMED_SECTION.is_match(text)
        || CN_PART_NUMBERED.is_match(first)
        || CN_SECTION.is_match(first)
        || CN_CHAPTER.is_match(first)
        || EN_PART.is_match(text)
        || EN_SECTION_NUMBER.is_match(text)
        || EN_SECTION_ROMAN.is_match(text)
}

/// Whether a space-separated piece of the text is a part or section heading.
pub(super) fn has_heading_piece(text: &str) -> bool {
    text.split_whitespace().any(|p| {
        CN_PART_YEAR.is_match(p)
            || CN_PART_NUMBERED.is_match(p)
            || CN_SECTION.is_match(p)
            || CN_CHAPTER.is_match(p)
    })
}

/// Whether a heading names a part of the report ("2013年工作回顾", "第一部分", "Part One").
pub(crate) fn is_part_heading(text: &str, english: bool) -> bool {
    let text = text.trim();
    (CN_PART_YEAR.is_match(text) || CN_PART_WORDS.is_match(text)) && text.chars().count() <= 20
        || CN_PART_NUMBERED.is_match(text)
        || english && EN_PART.is_match(text)
}

/// Words that name a part of a report rather than a field of work, at the end of a heading:
/// "过去五年的工作回顾", "存在的问题", "下半年工作计划", "主要做法和成效", "Looking ahead".
static PART_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:回顾|回顧|总结|總結|情况|情況|成效|成绩|成績|任务|任務|计划|計劃|打算|安排|思路|要点|要點|",
        r"目标|目標|问题|問題|不足|建议|建議|展望|体会|體會)[：:]?$|",
        r"(?i)(?:review|plans?|priorities|outlook|looking ahead|challenges|next steps)$"
    ))
});

/// Whether a heading, numbered or not, has the words of a part.
pub(crate) fn is_part_like(text: &str) -> bool {
    let text = MARKER_ANY.replace(text.trim(), "");
    is_part_heading(&text, true) || PART_LIKE.is_match(&text)
}

/// A heading number at the start, with or without spaces after it.
static MARKER_ANY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.]|[IVX]{1,5}\.)\s*",
    )
});

/// The numbering style of a section title: the mark after its number ("一、" → '、',
/// "一．" and "一." → '．', "第一章" → '章'), so that two styles can nest.
pub(crate) fn numbering_style(title: &str) -> char {
    if CN_CHAPTER.is_match(title) {
        return '章';
    }
    match title
        .trim_start()
        .chars()
        .find(|c| !"一二三四五六七八九十IVXLC0123456789".contains(*c))
    {
        Some('.' | '．') => '．',
        Some(c) => c,
        None => ' ',
    }
}
