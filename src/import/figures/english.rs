//! English figures: counts before a plural noun ("trained 1,200 women"), sums with their
//! currency ("a grant of USD 3.5 million") and rates ("a completion rate of 92%").

use std::sync::LazyLock;

use regex::Regex;

use super::rules::{
    Clues, EN_ABOUT, EN_ADJECTIVES, EN_CONJUNCTIONS, EN_CURRENCIES, EN_CURRENCY_WORDS, EN_FILLERS,
    EN_LINKS, EN_MULTIPLIERS, EN_NOT_COUNTED, EN_NOT_VERBS, EN_PLAN, EN_PLURALS, EN_STOPS,
    EN_TOTAL, MAX_ENGLISH_NAME_CHARS,
};
use super::{Candidate, NUMBER, candidate, contains_any, note, number};
use crate::import::input::one_line;

static EN_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER).expect("valid"));

/// The figures of one English clause.
pub(super) fn clause(clause: &str, out: &mut Vec<Candidate>) {
    let lower = clause.to_lowercase();
    let plan = contains_any(&lower, EN_PLAN);
    let total = contains_any(&lower, EN_TOTAL);
    for m in EN_NUMBER.find_iter(clause) {
        let before = &clause[..m.start()];
        let after = &clause[m.end()..];
        let previous = before.chars().next_back();
        // Part of a code, a date, a range or a time ("2019-2020", "09:30", "No.3").
        let glued = previous.is_some_and(|c| c.is_ascii_alphanumeric() || "._-/#:–".contains(c))
            || after.starts_with(|c: char| c.is_ascii_digit() || "-/–:".contains(c))
            || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
        let digits = m.as_str();
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        if glued || year {
            continue;
        }
        let Some(value) = number(digits) else {
            continue;
        };
        let words_before: Vec<String> = before
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let about = words_before
            .last()
            .is_some_and(|w| EN_ABOUT.contains(&w.as_str()));
        let after_words: Vec<String> = after
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        let found = if let Some(currency) = currency_before(before) {
            sum(currency, &words_before, &after_words)
        } else if after.starts_with('%')
            || after_words.first().is_some_and(|w| w == "percent")
            || after_words.starts_with(&["per".into(), "cent".into()])
        {
            rate(before).map(|name| (name, Some("%".to_string())))
        } else if let Some(currency) = after_words
            .first()
            .filter(|w| EN_CURRENCY_WORDS.contains(&w.as_str()))
        {
            sum(currency, &words_before, &after_words[1..])
        } else {
            count(&words_before, after).map(|name| (name, None))
        };
        let Some((name, unit)) = found else { continue };
        let small = unit.is_none() && value.parse::<f64>().is_ok_and(|v| v < 3.0);
        let clues = Clues {
            total,
            about,
            plan,
            money: unit.as_deref().is_some_and(|u| u != "%"),
            small,
            ..Clues::default()
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

/// The name and unit of a sum: "raised £12,500" is funds raised; "a grant of $45,000" a
/// grant; "Total income was £312,400" total income; "$3,000 in donations" donations. The
/// unit is the currency, with "million" when written.
fn sum(
    currency: &str,
    words_before: &[String],
    after: &[String],
) -> Option<(String, Option<String>)> {
    let (multiplier, after) = match after.split_first() {
        Some((w, rest)) if EN_MULTIPLIERS.contains(&w.as_str()) => (Some(w), rest),
        _ => (None, after),
    };
    let unit = match multiplier {
        Some(m) => format!("{currency} {m}"),
        None => currency.to_string(),
    };
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
        [.., link] if EN_LINKS.contains(link) => {
            let start = before[..before.len() - 1]
                .iter()
                .rposition(|w| EN_CONJUNCTIONS.contains(w))
                .map_or(0, |i| i + 1);
            before[start..]
                .iter()
                .take_while(|w| !EN_STOPS.contains(*w) && !EN_LINKS.contains(*w))
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => match after {
            [into, what, ..] if into == "in" && !EN_STOPS.contains(&what.as_str()) => what.clone(),
            _ => return None,
        },
    };
    name_of(name).map(|n| (n, Some(unit)))
}

fn is_past_verb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && !EN_NOT_VERBS.contains(&word)
}

/// "supported 1,240 women" → "women supported"; "9,860 emergency food parcels" → itself.
fn count(words_before: &[String], after: &str) -> Option<String> {
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
    let verb = words_before
        .iter()
        .rev()
        .find(|w| !EN_ABOUT.contains(&w.as_str()) && !EN_FILLERS.contains(&w.as_str()));
    if let Some(verb) = verb.filter(|v| is_past_verb(v)) {
        name = format!("{name} {verb}");
    }
    name_of(name)
}

fn is_plural(word: &str) -> bool {
    EN_PLURALS.contains(&word)
        || word.len() > 2 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us")
}

/// "a completion rate of 92%" → "completion rate".
fn rate(before: &str) -> Option<String> {
    static RATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)([a-z-]+ rate)\s+(?:of|was|is|reached|rose to|fell to|stood at|at)?\s*$")
            .expect("valid")
    });
    let caps = RATE.captures(before)?;
    name_of(caps[1].to_lowercase())
}

fn name_of(name: String) -> Option<String> {
    let name = one_line(&name);
    (name.len() >= 3 && name.len() <= MAX_ENGLISH_NAME_CHARS).then_some(name)
}
