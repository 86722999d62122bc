//! `figures:` in front matter: the key numbers of a report as data. Parsed loosely here (a value
//! written as text is kept, with where it stands) so that the figures stage can explain what
//! to write instead, with the unit of the same figure at hand.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One entry of `figures:`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureFront {
    /// The indicator: the same name in several reports is one series across years.
    pub name: Spanned<String>,
    /// Optional here so that a missing value is reported with the figure's name.
    pub value: Option<Spanned<FigureValue>>,
    /// What the value counts (个, 人, 万元): one series keeps one unit.
    pub unit: Option<Spanned<String>>,
    /// A remark shown beside the value and in the open data.
    #[serde(default, deserialize_with = "super::non_blank")]
    pub note: Option<String>,
    /// The section file (beside the report's `_index.md`) that reports the figure.
    pub section: Option<Spanned<String>>,
}

impl FigureFront {
    /// The unit, with an empty `unit: ""` counting as none.
    pub fn unit(&self) -> Option<&str> {
        self.unit
            .as_ref()
            .map(|u| u.value.trim())
            .filter(|u| !u.is_empty())
    }
}

/// `value:` as written: a number, or text the figures stage reports as an error.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    /// A number as YAML reads it.
    Number(f64),
    /// Anything else (`1.2万`), kept to say how to write it as a number.
    Text(String),
}

impl<'de> Deserialize<'de> for FigureValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FigureValue;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number such as 862 or 72.63")
            }

            fn visit_i64<E>(self, v: i64) -> Result<FigureValue, E> {
                Ok(FigureValue::Number(v as f64))
            }

            fn visit_u64<E>(self, v: u64) -> Result<FigureValue, E> {
                Ok(FigureValue::Number(v as f64))
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<FigureValue, E> {
                if v.is_finite() {
                    Ok(FigureValue::Number(v))
                } else {
                    Ok(FigureValue::Text(v.to_string()))
                }
            }

            fn visit_str<E>(self, v: &str) -> Result<FigureValue, E> {
                Ok(FigureValue::Text(v.to_string()))
            }

            fn visit_bool<E>(self, v: bool) -> Result<FigureValue, E> {
                Ok(FigureValue::Text(v.to_string()))
            }

            fn visit_unit<E>(self) -> Result<FigureValue, E> {
                Ok(FigureValue::Text(String::new()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
