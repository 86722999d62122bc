//! Chinese counts: a number with a measure word in a clause that names what it counts
//! ("评选县级劳动模范120名", "帮助13170名妇女实现就业"), and rates ("办结率为98%").

use std::sync::LazyLock;

use regex::Regex;

use super::rules::{
    Clues, MAX_NAME_CHARS, MAX_NOUN_CHARS, VAGUE_NOUN_CHARS, ZH_ABOUT_AFTER, ZH_ABOUT_BEFORE,
    ZH_CHANGE, ZH_LEADING, ZH_LINK_VERBS, ZH_MULTIPLIERS, ZH_NAME_STOPS, ZH_NOT_AFTER_UNIT,
    ZH_ORGANIZATION_NOUN, ZH_PLAN, ZH_TOTAL, ZH_TRAILING, ZH_UNITS, ZH_VERBS,
};
use super::{
    Candidate, NUMBER, candidate, contains_any, note, number, strip_end, strip_start, unquoted,
};
use crate::import::input::one_line;

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let mut units: Vec<&str> = ZH_UNITS.to_vec();
    units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    Regex::new(&format!(
        r"({NUMBER})\s?([{ZH_MULTIPLIERS}])?([余餘多])?\s?({}|%|％)?",
        units.join("|")
    ))
    .expect("valid")
});

/// Dates and years inside a name's words: "2013年", "6月", "13日".
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}\s*年度?|\d{1,2}\s*月份?|\d{1,2}\s*日").expect("valid"));

/// The figures of one Chinese clause.
pub(super) fn clause(clause: &str, out: &mut Vec<Candidate>) {
    let plan = contains_any(clause, &ZH_PLAN);
    let mut from = 0;
    for caps in FIGURE.captures_iter(clause) {
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
        // A change is said just before its number: "比上年增加120人", but "增加到36家".
        let tail = &before[before.char_indices().rev().nth(5).map_or(0, |(i, _)| i)..];
        let change = ZH_CHANGE.iter().any(|w| tail.contains(w))
            && !(before.ends_with('到') || before.ends_with('至'));
        if change {
            continue;
        }
        let Some(value) = number(digits) else {
            continue;
        };
        let about = caps.get(3).is_some()
            || ZH_ABOUT_AFTER.iter().any(|w| after.starts_with(w))
            || strip_end(before.trim_end(), &ZH_ABOUT_BEFORE).is_some();
        let found = match unit {
            Some("%" | "％") => rate_name(before),
            _ => name(before, after),
        };
        let Some(Name { name, total, vague }) = found else {
            continue;
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
            total: total || contains_any(clause, &ZH_TOTAL),
            about,
            plan,
            money,
            small,
            short_name: name.chars().count() <= 2,
            vague,
            bare_multiplier: caps.get(4).is_none(),
            table: false,
        };
        out.push(Candidate {
            proposal: candidate(name, value, unit, note(clause)),
            clues,
        });
    }
}

/// Chinese words around a number without dates, quotes, glosses and spaces.
fn clean_words(text: &str) -> String {
    unquoted(&DATE.replace_all(text, ""))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// What a count is named, with what the words around it say.
struct Name {
    name: String,
    /// Written as a total: "共", "累计".
    total: bool,
    /// Only a short noun after the count: see [`Clues::vague`].
    vague: bool,
}

/// The name of a Chinese count: the words before the number after its last verb, else the
/// noun after the measure word.
fn name(before: &str, after: &str) -> Option<Name> {
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
    while let Some(rest) = strip_start(&name, &ZH_LEADING).or_else(|| strip_start(&name, &ZH_VERBS))
    {
        total |= name.starts_with('共') || ZH_TOTAL.iter().any(|w| name.starts_with(w));
        name = rest.to_string();
    }
    while let Some(rest) =
        strip_end(&name, &ZH_TRAILING).or_else(|| strip_end(&name, &ZH_ABOUT_BEFORE))
    {
        name = rest.to_string();
    }
    let mut vague = false;
    if name.chars().count() <= 2 {
        // "帮助13170名妇女实现就业": the count comes first, its noun after it.
        let (noun, stopped) = noun_after(after);
        name.push_str(&noun);
        vague = stopped && name.chars().count() <= VAGUE_NOUN_CHARS;
    }
    let name = one_line(&name);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let fits = (2..=MAX_NAME_CHARS).contains(&name.chars().count());
    (fits && letters >= 2 && !name.chars().any(|c| c.is_ascii_digit())).then_some(Name {
        name,
        total,
        vague,
    })
}

/// The words after the last verb of [`ZH_VERBS`] that leaves at least two characters;
/// nothing when the words are a verb alone ("保留726个"). 组织 in "团组织" is a noun.
fn after_last_verb(words: &str) -> &str {
    if ZH_VERBS.contains(&words) {
        return "";
    }
    let mut best = words;
    for verb in ZH_VERBS.iter() {
        for (i, _) in words.match_indices(verb) {
            let noun = words[..i]
                .chars()
                .next_back()
                .is_some_and(|c| ZH_ORGANIZATION_NOUN.contains(c));
            if noun && verb.starts_with(['组', '組']) {
                continue;
            }
            let rest = &words[i + verb.len()..];
            if rest.chars().count() >= 2 && rest.len() < best.len() {
                best = rest;
            }
        }
    }
    best
}

/// The noun a count is followed by, without linking verbs, and whether the clause goes on
/// after it: up to a stop word or the end of the clause, when that comes soon enough to be
/// one noun. Chinese has no spaces between words, so where no stop tells, nothing is guessed.
fn noun_after(after: &str) -> (String, bool) {
    let text = clean_words(after);
    let text = text.trim_start_matches(|c| ZH_MULTIPLIERS.contains(c) || "余餘多以上".contains(c));
    let stop = ZH_NAME_STOPS
        .iter()
        .chain(ZH_VERBS.iter())
        .filter_map(|w| text.find(w))
        .min();
    let mut noun = text[..stop.unwrap_or(text.len())].to_string();
    for verb in ZH_LINK_VERBS.iter() {
        noun = noun.replace(verb, "");
    }
    if noun.chars().count() > MAX_NOUN_CHARS {
        noun.clear();
    }
    (noun, stop.is_some())
}

/// The name of a percentage: only a rate ("办结率为100%") is a figure; "增长12%" is not.
fn rate_name(before: &str) -> Option<Name> {
    let mut words = clean_words(before);
    while let Some(rest) = strip_end(&words, &ZH_TRAILING) {
        words = rest.to_string();
    }
    while let Some(rest) = strip_start(&words, &ZH_LEADING) {
        words = rest.to_string();
    }
    let words = after_last_verb(&words).to_string();
    let count = words.chars().count();
    (words.ends_with('率') && (3..=MAX_NAME_CHARS).contains(&count)).then(|| Name {
        name: one_line(&words),
        total: false,
        vague: false,
    })
}
