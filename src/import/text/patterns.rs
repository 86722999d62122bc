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
pub(super) static CN_PART_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^第([一二三四五六七八九十]{1,3})部分(?:\s*(.*))?$"));
pub(super) static CN_SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([一二三四五六七八九十]{1,3})、\s*(\S.*)$"));
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
        r"(?i)^(?:part\s+(?:[ivx]+|\d+|one|two|three|four|five)\b.*|(?:review of|looking back at|plans? for|priorities for|outlook for|tasks for|work plan for)\s+(?:19|20)\d{2}|(?:19|20)\d{2}\s+(?:in review|review|work plan|plans?|priorities|tasks|outlook))$",
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
pub fn is_part_heading(text: &str, english: bool) -> bool {
    let text = text.trim();
    CN_PART_YEAR.is_match(text) && text.chars().count() <= 20
        || CN_PART_NUMBERED.is_match(text)
        || english && EN_PART.is_match(text)
}
