//! `gazette init`: a new site that builds and serves at once, with every option of `site.yaml`
//! written out and commented, a sample report in two parts and an about page.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use super::create_all;
use crate::date::Date;
use crate::front_matter::FrontMatter;

#[derive(Debug, Clone)]
pub(crate) struct InitOptions {
    pub dir: PathBuf,
    /// Add the site to a folder that already holds files (never replacing one).
    pub force: bool,
    /// `zh-CN` or `en`: the language of the sample content and of the UI.
    pub language: String,
}

/// What `init` did: files written, and with `--force` the ones it left alone.
pub(crate) struct InitSummary {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

pub(crate) fn init(options: &InitOptions) -> Result<InitSummary> {
    if !is_language_tag(&options.language) {
        bail!(
            "`{}` is not a language tag: write one such as zh-CN or en",
            crate::diagnostics::excerpt(&options.language)
        );
    }
    let dir = &options.dir;
    let has_files = dir.is_dir()
        && std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_some();
    if has_files && !options.force {
        bail!(
            "{} is not empty; use --force to add a site to it anyway (existing files are kept)",
            dir.display()
        );
    }
    let year = Date::from_system_time(std::time::SystemTime::now()).year - 1;
    let english = options.language.to_ascii_lowercase().starts_with("en");
    let files = sample_site(year, &options.language, english);
    let (kept, new): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(rel, _)| dir.join(rel).exists());
    let written = create_all(dir, &new)?;
    Ok(InitSummary {
        written,
        kept: kept.into_iter().map(|(rel, _)| dir.join(rel)).collect(),
    })
}

/// A BCP 47 tag as site.yaml takes it (`zh-CN`, `en`, `zh-Hant-TW`): ASCII letters and digits
/// in parts joined by `-`, so it is written into site.yaml as it is.
fn is_language_tag(tag: &str) -> bool {
    tag.len() <= 35
        && tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The words of the sample site in one language; `{year}` and `{next}` stand for last year
/// and this one.
struct Sample {
    /// site.yaml: title, description, organization, and the menu's home, archive, about.
    site: [&'static str; 6],
    home: [&'static str; 2],
    about: [&'static str; 2],
    /// Title, organization, category, summary, body.
    report: [&'static str; 5],
    /// Title, part, summary, body of each section.
    review: [&'static str; 4],
    plan: [&'static str; 4],
}

const ENGLISH: Sample = Sample {
    site: [
        "Annual Reports",
        "Our organization's yearly work reports",
        "Our Organization",
        "Home",
        "Archive",
        "About",
    ],
    home: [
        "Annual Reports",
        "The yearly work reports of our organization.\n",
    ],
    about: [
        "About",
        "This site publishes our yearly reports. It is built with gazette.\n",
    ],
    report: [
        "{year} Annual Work Report (sample)",
        "Our Organization",
        "Work summary",
        "What we did in {year} and what we plan for {next}.",
        "In {year} our organization worked on three priorities.\n",
    ],
    review: [
        "1. Main work in {year}",
        "Review of {year}",
        "The main results of the year.",
        "Write the section here. Link to [the plan](02-plan.md).\n\n## Key figures\n\n| Item | Number |\n|---|---|\n| Training sessions | 12 |\n",
    ],
    plan: [
        "1. Priorities for {next}",
        "Tasks for {next}",
        "What comes next.",
        "Write the plan here.\n",
    ],
};

const CHINESE: Sample = Sample {
    site: [
        "工作报告",
        "本单位历年工作总结与工作计划",
        "（单位名称）",
        "首页",
        "年度归档",
        "关于",
    ],
    home: ["工作报告", "本站发布本单位历年工作总结与工作计划。\n"],
    about: [
        "关于本站",
        "本站发布本单位的年度工作报告，由 gazette 生成。\n",
    ],
    report: [
        "{year}年工作总结（示例）",
        "（单位名称）",
        "工作总结",
        "{year}年工作回顾和{next}年主要任务。",
        "{year}年，在上级的领导下，我们认真做好各项工作。\n",
    ],
    review: [
        "一、主要工作",
        "{year}年工作回顾",
        "本年度的主要工作和成效。",
        "在这里写本节正文。可以链接到[下一部分](02-plan.md)。\n\n## 主要数据\n\n| 项目 | 数量 |\n|---|---|\n| 培训班 | 12期 |\n",
    ],
    plan: [
        "一、工作思路",
        "{next}年主要任务",
        "下一年度的工作思路。",
        "在这里写下一年度的工作思路。\n",
    ],
};

fn sample_site(year: i32, language: &str, english: bool) -> Vec<(PathBuf, Vec<u8>)> {
    let words = if english { &ENGLISH } else { &CHINESE };
    let next = (year + 1).to_string();
    let fill = |text: &str| {
        text.replace("{year}", &year.to_string())
            .replace("{next}", &next)
    };
    let markdown = |rel: &str, front: FrontMatter, body: &str| {
        (
            PathBuf::from(rel),
            (front.finish() + &fill(body)).into_bytes(),
        )
    };
    let page = |title: &str| {
        let mut out = FrontMatter::new();
        out.text("title", &fill(title), None);
        out
    };
    let section = |[title, part, summary, _]: &[&str; 4]| {
        let mut out = page(title);
        out.text("part", &fill(part), None);
        out.text("summary", summary, None);
        out
    };
    let [title, organization, category, summary, body] = words.report;
    let mut report = page(title);
    report.plain(
        "date",
        Date {
            year,
            month: 12,
            day: 31,
        },
        None,
    );
    report.text("organization", organization, None);
    report.text("category", category, None);
    report.text("summary", &fill(summary), None);
    let folder = format!("content/reports/{year}-work-summary");
    let [
        site_title,
        description,
        site_organization,
        home,
        archive,
        about,
    ] = words.site;
    vec![
        (
            PathBuf::from("site.yaml"),
            site_yaml(
                site_title,
                description,
                language,
                site_organization,
                home,
                archive,
                about,
            )
            .into_bytes(),
        ),
        markdown("content/_index.md", page(words.home[0]), words.home[1]),
        markdown(
            "content/pages/about.md",
            page(words.about[0]),
            words.about[1],
        ),
        markdown(&format!("{folder}/_index.md"), report, body),
        markdown(
            &format!("{folder}/01-review.md"),
            section(&words.review),
            words.review[3],
        ),
        markdown(
            &format!("{folder}/02-plan.md"),
            section(&words.plan),
            words.plan[3],
        ),
    ]
}

fn site_yaml(
    title: &str,
    description: &str,
    language: &str,
    organization: &str,
    home: &str,
    archive: &str,
    about: &str,
) -> String {
    format!(
        "# The site's configuration. Every option is listed; the commented ones show their default.

# The site's name, shown in the header and the browser tab (required).
title: {title}

# One sentence about the site: the description of pages that have no summary.
description: {description}

# Where the output folder (public/) is uploaded; its path part prefixes every link, so a site
# can live in a sub-folder of a larger one. The feed, the sitemap, canonical links and
# robots.txt need the full address: set it before publishing (build and check warn until then).
# Default: \"/\" (the root of whatever host serves it).
# base_url: https://www.example.gov.cn/reports/

# The language of the site: <html lang>, date formats and the words of the theme.
# zh-CN and en are built in. Default: zh-CN.
language: {language}

# The organization that publishes the reports, shown in the footer and the feed.
organization: {organization}

# The theme: \"default\" is built into gazette; another name uses themes/NAME/ of the site.
# theme: default

# The site menu. Paths are resolved against base_url; full URLs are kept as they are.
menu:
  - name: {home}
    url: /
  - name: {archive}
    url: /archive/
  - name: {about}
    url: /about/

# A logo (a file of static/) shown before the title, and the organization's main site.
# logo: emblem.svg
# parent_site: {{name: 福州市妇女联合会, url: \"https://www.example.gov.cn/\"}}

# The footer of every page; each line is optional. The ICP number links to beian.miit.gov.cn.
# footer:
#   organizer: 福州市妇女联合会
#   contact: \"地址：…  电话：…\"
#   icp: 闽ICP备00000000号-1
#   police: 闽公网安备00000000000000号
#   text: 任意一行附加文字

# Free data for your own templates, available as site.extra.
# extra:
#   phone: 0591-12345678
"
    )
}
