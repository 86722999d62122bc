//! Calendar dates as reports carry them (`date: 2013-12-31`), parsed once into one typed value.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting days that do not exist (2013-02-30).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let valid = (1..=12).contains(&date.month)
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month);
        valid.then_some(date)
    }

    /// The UTC calendar day of a file time (Howard Hinnant's `civil_from_days`).
    pub fn from_system_time(time: std::time::SystemTime) -> Date {
        let secs = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date as a reader of `language` writes it: 2013年12月31日, or December 31, 2013.
    pub fn display(&self, language: &str) -> String {
        let Date { year, month, day } = *self;
        if uses_cjk_dates(language) {
            format!("{year}年{month}月{day}日")
        } else {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            format!("{} {day}, {year}", MONTHS[month as usize - 1])
        }
    }
}

fn uses_cjk_dates(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    matches!(primary.to_ascii_lowercase().as_str(), "zh" | "ja")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Front matter writes dates as YAML scalars; a wrong one is reported where it stands.
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date `{}`: write a real date as YYYY-MM-DD, such as 2013-12-31",
                crate::diagnostics::excerpt(&text)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(
            Date::parse("2013-12-31").map(|d| d.to_string()),
            Some("2013-12-31".into())
        );
        assert!(Date::parse("2012-02-29").is_some());
        assert!(Date::parse("2013-02-29").is_none());
        assert!(Date::parse("2013-13-01").is_none());
        assert!(Date::parse("2013-1-1").is_none());
        assert!(Date::parse("31/12/2013").is_none());
    }

    #[test]
    fn converts_file_times_to_utc_days() {
        use std::time::{Duration, UNIX_EPOCH};
        let at = |secs| Date::from_system_time(UNIX_EPOCH + Duration::from_secs(secs)).to_string();
        assert_eq!(at(0), "1970-01-01");
        assert_eq!(at(1_388_447_999), "2013-12-30");
        assert_eq!(at(1_388_448_000), "2013-12-31");
        assert_eq!(at(951_782_400), "2000-02-29");
    }

    #[test]
    fn displays_in_the_site_language() {
        let d = Date::parse("2013-12-31").unwrap();
        assert_eq!(d.display("zh-CN"), "2013年12月31日");
        assert_eq!(d.display("en"), "December 31, 2013");
    }
}
