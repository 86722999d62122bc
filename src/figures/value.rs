//! What to write instead of a figure's value given as text ("1.2万", "862个", "1,234"): the
//! number alone, with the rest moved into `unit:`.

/// Chinese multipliers a value may be written with, as powers of ten.
const MULTIPLIERS: &[(char, u32)] = &[('万', 4), ('亿', 8), ('千', 3)];

/// The hint for `text` written as the value of a figure whose unit is `unit`.
pub(super) fn suggestion(text: &str, unit: Option<&str>) -> String {
    let text = text.trim();
    let digits = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .map_or(text.len(), |(i, _)| i);
    let number: String = text[..digits].chars().filter(|&c| c != ',').collect();
    if number.is_empty() || number.parse::<f64>().is_err() {
        return "write the number alone, such as `value: 862`, and what it counts in `unit:`"
            .to_string();
    }
    let rest = text[digits..].trim();
    if rest.is_empty() {
        return format!("write `value: {number}`, without quotes or separators");
    }
    let first = rest.chars().next();
    if let Some(&(multiplier, places)) = MULTIPLIERS.iter().find(|(m, _)| first == Some(*m)) {
        let counted = rest[multiplier.len_utf8()..].trim();
        let counted = if counted.is_empty() {
            unit.unwrap_or("")
        } else {
            counted
        };
        let whole = shift(&number, places);
        return if counted.is_empty() {
            format!("write `value: {whole}`, or `value: {number}` with `unit: {multiplier}`")
        } else {
            format!(
                "write `value: {whole}` with `unit: {counted}`, or `value: {number}` with `unit: {multiplier}{counted}`"
            )
        };
    }
    format!("write `value: {number}` with `unit: {rest}`")
}

/// `number` (digits with at most one `.`) times ten to the `places`, written out exactly.
fn shift(number: &str, places: u32) -> String {
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let mut frac = frac.to_string();
    while frac.len() < places as usize {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(places as usize);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let rest = rest.trim_end_matches('0');
    let sign = if negative { "-" } else { "" };
    if rest.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multiplier_becomes_the_whole_number_or_part_of_the_unit() {
        assert_eq!(
            suggestion("1.2万", Some("人")),
            "write `value: 12000` with `unit: 人`, or `value: 1.2` with `unit: 万人`"
        );
        assert_eq!(
            suggestion("72.63万元", None),
            "write `value: 726300` with `unit: 元`, or `value: 72.63` with `unit: 万元`"
        );
        assert_eq!(
            suggestion("3亿", None),
            "write `value: 300000000`, or `value: 3` with `unit: 亿`"
        );
    }

    #[test]
    fn other_text_after_the_number_is_the_unit() {
        assert_eq!(
            suggestion("862个", None),
            "write `value: 862` with `unit: 个`"
        );
        assert_eq!(
            suggestion("1,234", None),
            "write `value: 1234`, without quotes or separators"
        );
        assert!(suggestion("很多", None).starts_with("write the number alone"));
    }

    #[test]
    fn shifting_keeps_every_digit() {
        assert_eq!(shift("1.2", 4), "12000");
        assert_eq!(shift("0.05", 4), "500");
        assert_eq!(shift("1.23456", 4), "12345.6");
        assert_eq!(shift("-2", 3), "-2000");
    }
}
