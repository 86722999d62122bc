//! The intermediate structure both readers (plain text and Word) produce, and the one place
//! that turns a flat list of classified units into parts and sections. Keeping the grouping
//! here means text and docx follow exactly the same rules for intros and empty parts.

/// A report as found in the source, before any file is written.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub title: Option<String>,
    /// Everything before the report's first section: it becomes the body of `_index.md`.
    pub intro: Vec<Block>,
    pub parts: Vec<Part>,
    /// Files to write beside the sections (images taken out of a .docx).
    pub media: Vec<Media>,
    pub warnings: Vec<Warning>,
    /// Lines left out as not part of the report (website chrome, page footers, running
    /// headers), with their line, for the dry run to list.
    pub removed: Vec<(usize, String)>,
}

#[derive(Debug, Default)]
pub(crate) struct Part {
    /// `None` when the report has no part headings: all sections then sit in one such part.
    pub title: Option<String>,
    pub sections: Vec<Section>,
    /// Where the part heading is in the source, for messages.
    pub line: usize,
}

#[derive(Debug)]
pub(crate) struct Section {
    /// `None` for the untitled text between a part heading and its first section.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// Where the section starts in the source, for messages.
    pub line: usize,
}

use super::text::{is_part_like, numbering_style};

/// Body content, already Markdown-safe inline text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Paragraph(String),
    /// A heading inside a section; `level` is the Markdown level (3 = `###`).
    Heading {
        level: u8,
        text: String,
    },
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<String>>),
    Image {
        file: String,
        alt: String,
    },
}

#[derive(Debug)]
pub(crate) struct Media {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Something the importer guessed at: printed as `warning: FILE:LINE: message`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Warning {
    pub line: usize,
    pub message: String,
}

impl Warning {
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Self {
        Warning {
            line,
            message: message.into(),
        }
    }
}

/// One classified piece of the source, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Unit {
    Title(String),
    Part(String),
    Section(String),
    /// A heading inside a section; `rank` 1 is the outermost style used (（一）), 2 the next
    /// (1.), 3 the next ((1)). Ranks become Markdown levels per section, so a section that
    /// only uses "1." still gets `###`.
    SubHeading {
        rank: u8,
        text: String,
    },
    Block(Block),
    /// A line of the source left out (website chrome, a page footer, a running header).
    Removed(String),
}

/// A unit and the source line (or paragraph number for .docx) it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located {
    pub line: usize,
    pub unit: Unit,
}

impl Document {
    /// Groups units into parts and sections.
    ///
    /// Text before the report's first section is the report's introduction (`_index.md`),
    /// even when a part heading precedes it — reports open with a year-review paragraph that
    /// speaks for the whole report. Text between a later part heading and that part's first
    /// section becomes an untitled first section of the part, so it stays in its part.
    ///
    /// A document that opens with its only part-like heading and has no title
    /// ("2014年妇女工作要点" on the first line) is taken to open with its title.
    pub(crate) fn assemble(mut units: Vec<Located>, mut warnings: Vec<Warning>) -> Document {
        decide_levels(&mut units);
        let parts = units
            .iter()
            .filter(|u| matches!(u.unit, Unit::Part(_)))
            .count();
        let has_title = units.iter().any(|u| matches!(u.unit, Unit::Title(_)));
        if let Some(first) = units.first_mut()
            && let Unit::Part(title) = &first.unit
            && parts == 1
            && !has_title
        {
            first.unit = Unit::Title(title.clone());
        }
        let mut doc = Document::default();
        for Located { line, unit } in units {
            match unit {
                Unit::Title(text) if doc.title.is_none() && doc.parts.is_empty() => {
                    doc.title = Some(text);
                }
                Unit::Title(text) => doc.push_block(Block::Paragraph(text), line),
                Unit::Part(title) => {
                    doc.drop_empty_last_part(&mut warnings);
                    doc.parts.push(Part {
                        title: Some(title),
                        sections: Vec::new(),
                        line,
                    });
                }
                Unit::Section(title) => {
                    if doc.parts.is_empty() {
                        doc.parts.push(Part::default());
                    }
                    let part = doc.parts.last_mut().expect("pushed above");
                    part.sections.push(Section {
                        title: Some(title),
                        blocks: Vec::new(),
                        line,
                    });
                }
                Unit::SubHeading { rank, text } => {
                    // The level is fixed per section once all its headings are known.
                    doc.push_block(Block::Heading { level: rank, text }, line);
                }
                Unit::Block(block) => doc.push_block(block, line),
                Unit::Removed(text) => doc.removed.push((line, text)),
            }
        }
        doc.drop_empty_last_part(&mut warnings);
        if doc.parts.iter().all(|p| p.title.is_none()) {
            // No part headings: one anonymous part, not a list of one-part reports.
            let sections = doc.parts.drain(..).flat_map(|p| p.sections).collect();
            doc.parts = vec![Part {
                title: None,
                sections,
                line: 1,
            }];
        }
        for part in &mut doc.parts {
            // A part that is only text ("二、存在的问题") is one section of the same name.
            if let [only] = part.sections.as_mut_slice()
                && only.title.is_none()
            {
                only.title.clone_from(&part.title);
            }
        }
        for section in doc.parts.iter_mut().flat_map(|p| p.sections.iter_mut()) {
            normalize_heading_levels(&mut section.blocks);
        }
        normalize_heading_levels(&mut doc.intro);
        doc.warnings = warnings;
        doc
    }

    fn push_block(&mut self, block: Block, line: usize) {
        let report_has_sections = self.parts.iter().any(|p| !p.sections.is_empty());
        if !report_has_sections {
            self.intro.push(block);
            return;
        }
        let part = self.parts.last_mut().expect("a section exists");
        if part.sections.is_empty() {
            part.sections.push(Section {
                title: None,
                blocks: Vec::new(),
                line,
            });
        }
        part.sections
            .last_mut()
            .expect("pushed above")
            .blocks
            .push(block);
    }

    /// A part heading followed directly by another part (or the end) has nothing to publish.
    fn drop_empty_last_part(&mut self, warnings: &mut Vec<Warning>) {
        let report_has_sections = self.parts.iter().any(|p| !p.sections.is_empty());
        if let Some(part) = self.parts.last()
            && part.sections.is_empty()
            && report_has_sections
        {
            let title = part.title.clone().unwrap_or_default();
            warnings.push(Warning::new(
                part.line,
                format!("part \"{title}\" has no sections; it is left out"),
            ));
            self.parts.pop();
        }
    }

    /// All sections in reading order, with the title of their part.
    pub(crate) fn sections(&self) -> impl Iterator<Item = (Option<&str>, &Section)> {
        self.parts
            .iter()
            .flat_map(|p| p.sections.iter().map(move |s| (p.title.as_deref(), s)))
    }
}

/// Hierarchy from use: which kind of heading is a part, a section, a sub-heading, decided
/// from how the document uses them rather than from their numbering alone.
///
/// - A report without part headings whose few (two to five) sections mostly have part-like
///   words ("一、过去五年的工作回顾", "二、今后五年的目标任务", "三、下半年工作计划") and hold
///   several sub-headings of the next kind: those sections are the parts, their first
///   sub-headings the sections. One part-like section among ordinary ones ("五、2022年工作
///   打算" after "四、…") stays a section.
/// - A report with sub-headings but no sections ("（一）" at the top): they are its sections.
fn decide_levels(units: &mut [Located]) {
    if units.iter().any(|u| matches!(u.unit, Unit::Part(_))) || nested_numbering(units) {
        return;
    }
    let Some(top) = units
        .iter()
        .filter_map(|u| match u.unit {
            Unit::SubHeading { rank, .. } => Some(rank),
            _ => None,
        })
        .min()
    else {
        return;
    };
    // For each section: its title and how many top sub-headings it holds.
    let mut sections: Vec<(&str, usize)> = Vec::new();
    let mut before_first = 0;
    for u in units.iter() {
        match (&u.unit, sections.last_mut()) {
            (Unit::Section(title), _) => sections.push((title, 0)),
            (Unit::SubHeading { rank, .. }, Some(last)) if *rank == top => last.1 += 1,
            (Unit::SubHeading { rank, .. }, None) if *rank == top => before_first += 1,
            _ => {}
        }
    }
    let promote_sections = if sections.is_empty() {
        if before_first < 2 {
            return;
        }
        false
    } else {
        let holding = sections.iter().filter(|(_, n)| *n >= 2).count();
        let part_like = sections.iter().filter(|(t, _)| is_part_like(t)).count();
        let parts = (2..=5).contains(&sections.len())
            && holding >= 2
            && holding * 2 >= sections.len()
            && part_like * 2 >= sections.len();
        if !parts {
            return;
        }
        true
    };
    for u in units.iter_mut() {
        u.unit = match std::mem::replace(&mut u.unit, Unit::Title(String::new())) {
            Unit::Section(t) if promote_sections => Unit::Part(t),
            Unit::SubHeading { rank, text } if rank == top => Unit::Section(text),
            Unit::SubHeading { rank, text } => Unit::SubHeading {
                rank: rank - 1,
                text,
            },
            other => other,
        };
    }
}

/// "一、2015年工作总结" holding "一．加强组织建设", "二．…": sections in two numbering
/// styles, the first used directly holding the other and used no more often, are parts
/// (the outer style) and sections. Returns whether it made parts.
fn nested_numbering(units: &mut [Located]) -> bool {
    let styles: Vec<char> = units
        .iter()
        .filter_map(|u| match &u.unit {
            Unit::Section(t) => Some(numbering_style(t)),
            _ => None,
        })
        .collect();
    let [outer, inner, ..] = styles[..] else {
        return false;
    };
    let outer_count = styles.iter().filter(|&&s| s == outer).count();
    if outer == inner || outer_count > 5 || styles.len() - outer_count < outer_count {
        return false;
    }
    for u in units.iter_mut() {
        if let Unit::Section(t) = &u.unit
            && numbering_style(t) == outer
        {
            u.unit = Unit::Part(t.clone());
        }
    }
    true
}

/// Maps the heading ranks used in one section to `###`, `####`, … in order, so the outermost
/// style present is always `###` (a `##` would compete with the section title in the TOC).
fn normalize_heading_levels(blocks: &mut [Block]) {
    let mut ranks: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    for block in blocks {
        if let Block::Heading { level, .. } = block {
            let index = ranks.iter().position(|r| r == level).unwrap_or(0);
            *level = (3 + index as u8).min(6);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unit: Unit) -> Located {
        Located { line: 1, unit }
    }

    fn para(text: &str) -> Unit {
        Unit::Block(Block::Paragraph(text.into()))
    }

    #[test]
    fn intro_before_the_first_section_goes_to_the_report_and_later_intros_to_their_part() {
        let doc = Document::assemble(
            vec![
                at(Unit::Title("报告".into())),
                at(Unit::Part("2013年工作回顾".into())),
                at(para("回顾导语")),
                at(Unit::Section("一、甲".into())),
                at(para("甲文")),
                at(Unit::Part("2014年主要任务".into())),
                at(para("任务导语")),
                at(Unit::Section("一、乙".into())),
            ],
            Vec::new(),
        );
        assert_eq!(doc.title.as_deref(), Some("报告"));
        assert_eq!(doc.intro, vec![Block::Paragraph("回顾导语".into())]);
        assert_eq!(doc.parts.len(), 2);
        assert_eq!(doc.parts[0].sections.len(), 1);
        let second: Vec<_> = doc.parts[1].sections.iter().map(|s| &s.title).collect();
        assert_eq!(second, [&None, &Some("一、乙".to_string())]);
    }

    #[test]
    fn sub_heading_ranks_start_at_level_three_in_each_section() {
        let doc = Document::assemble(
            vec![
                at(Unit::Section("一、甲".into())),
                at(Unit::SubHeading {
                    rank: 2,
                    text: "1.小".into(),
                }),
                at(Unit::Section("二、乙".into())),
                at(Unit::SubHeading {
                    rank: 1,
                    text: "（一）大".into(),
                }),
                at(Unit::SubHeading {
                    rank: 2,
                    text: "1.小".into(),
                }),
            ],
            Vec::new(),
        );
        let levels = |i: usize| -> Vec<u8> {
            doc.parts[0].sections[i]
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading { level, .. } => Some(*level),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(levels(0), [3]);
        assert_eq!(levels(1), [3, 4]);
    }

    #[test]
    fn a_lone_part_heading_at_the_top_is_the_title() {
        let doc = Document::assemble(
            vec![
                at(Unit::Part("2014年妇女工作要点".into())),
                at(Unit::Section("一、甲".into())),
            ],
            Vec::new(),
        );
        assert_eq!(doc.title.as_deref(), Some("2014年妇女工作要点"));
        assert_eq!(doc.parts[0].title, None);
    }

    #[test]
    fn an_empty_part_is_dropped_with_a_warning() {
        let doc = Document::assemble(
            vec![
                at(Unit::Part("2013年工作回顾".into())),
                at(Unit::Section("一、甲".into())),
                at(Unit::Part("2014年主要任务".into())),
            ],
            Vec::new(),
        );
        assert_eq!(doc.parts.len(), 1);
        assert_eq!(doc.warnings.len(), 1);
    }

    fn titles(doc: &Document) -> Vec<(Option<String>, Option<String>)> {
        doc.sections()
            .map(|(p, s)| (p.map(str::to_string), s.title.clone()))
            .collect()
    }

    fn sub(rank: u8, text: &str) -> Located {
        at(Unit::SubHeading {
            rank,
            text: text.into(),
        })
    }

    #[test]
    fn few_part_like_sections_holding_sub_headings_become_parts() {
        let doc = Document::assemble(
            vec![
                at(Unit::Section("一、过去五年的工作回顾".into())),
                sub(1, "（一）甲"),
                sub(2, "1．小"),
                sub(1, "（二）乙"),
                at(Unit::Section("二、存在的问题".into())),
                at(para("问题。")),
                at(Unit::Section("三、今后五年的目标任务".into())),
                sub(1, "（一）丙"),
                sub(1, "（二）丁"),
            ],
            Vec::new(),
        );
        let part = |p: &str| Some(p.to_string());
        assert_eq!(
            titles(&doc),
            [
                (part("一、过去五年的工作回顾"), part("（一）甲")),
                (part("一、过去五年的工作回顾"), part("（二）乙")),
                (part("二、存在的问题"), part("二、存在的问题")),
                (part("三、今后五年的目标任务"), part("（一）丙")),
                (part("三、今后五年的目标任务"), part("（二）丁")),
            ]
        );
        let heading = &doc.parts[0].sections[0].blocks[0];
        assert_eq!(
            *heading,
            Block::Heading {
                level: 3,
                text: "1．小".into()
            }
        );
    }

    #[test]
    fn one_part_like_section_among_ordinary_ones_stays_a_section() {
        let doc = Document::assemble(
            vec![
                at(Unit::Section("一、加强思想引领".into())),
                sub(1, "（一）甲"),
                sub(1, "（二）乙"),
                at(Unit::Section("二、服务发展大局".into())),
                sub(1, "（一）丙"),
                sub(1, "（二）丁"),
                at(Unit::Section("三、2022年工作打算".into())),
                sub(1, "（一）戊"),
                sub(1, "（二）己"),
            ],
            Vec::new(),
        );
        assert_eq!(doc.parts.len(), 1);
        assert_eq!(doc.parts[0].title, None);
        assert_eq!(doc.parts[0].sections.len(), 3);
    }

    #[test]
    fn an_outer_numbering_style_holding_another_makes_the_parts() {
        let doc = Document::assemble(
            vec![
                at(Unit::Section("一、2015年工作总结".into())),
                at(Unit::Section("一．甲".into())),
                at(Unit::Section("二．乙".into())),
                at(Unit::Section("二、2016年工作计划".into())),
                at(Unit::Section("一．丙".into())),
            ],
            Vec::new(),
        );
        let parts: Vec<_> = doc.parts.iter().map(|p| p.title.as_deref()).collect();
        assert_eq!(
            parts,
            [Some("一、2015年工作总结"), Some("二、2016年工作计划")]
        );
        assert_eq!(doc.parts[0].sections.len(), 2);
    }

    #[test]
    fn sub_headings_without_sections_are_the_sections() {
        let doc = Document::assemble(
            vec![
                at(Unit::Title("报告".into())),
                sub(1, "（一）甲"),
                sub(2, "1．小"),
                sub(1, "（二）乙"),
            ],
            Vec::new(),
        );
        let sections: Vec<_> = doc.sections().map(|(_, s)| s.title.clone()).collect();
        assert_eq!(sections, [Some("（一）甲".into()), Some("（二）乙".into())]);
    }
}
