use super::clean::remove_glued_footers;
use super::*;
use crate::import::document::{Block, Unit};

/// The units of `text` as short strings: `T:` title, `P:` part, `S:` section, `H1:` a
/// sub-heading of rank 1, `¶:` a paragraph.
fn outline(text: &str) -> Vec<String> {
    outline_of(read(text, false).0)
}

/// The units without the removed lines, which [`removed`] lists.
fn outline_of(units: Vec<Located>) -> Vec<String> {
    units
        .into_iter()
        .filter(|l| !matches!(l.unit, Unit::Removed(_)))
        .map(|l| match l.unit {
            Unit::Title(t) => format!("T:{t}"),
            Unit::Part(t) => format!("P:{t}"),
            Unit::Section(t) => format!("S:{t}"),
            Unit::SubHeading { rank, text } => format!("H{rank}:{text}"),
            Unit::Block(Block::Paragraph(t)) => format!("¶:{t}"),
            Unit::Block(other) => format!("{other:?}"),
            Unit::Removed(t) => format!("removed:{t}"),
        })
        .collect()
}

/// The removed lines of `text`, with their line numbers.
fn removed(text: &str) -> Vec<(usize, String)> {
    read(text, false)
        .0
        .into_iter()
        .filter_map(|l| match l.unit {
            Unit::Removed(t) => Some((l.line, t)),
            _ => None,
        })
        .collect()
}

fn warnings(text: &str) -> Vec<Warning> {
    read(text, false).1
}

/// Three pages of scraped text, each a physical line starting with its page number.
const SCRAPED: &str = "1、年度报告 2013年工作回顾 全年工作取得成效。 一、围绕中心,服务大局有新举措 各级组织认真学习中国妇女十一\n\
2、大精神,深入基层开展调研,广泛听取意见和建议,推动各项工作落到实处,取得了明显的成效和进展,得到了广泛好评和认可。 二、围绕民生,关爱妇女儿童 开展关爱\n\
3、活动,惠及妇女儿童2万余人,受到社会各界的广泛好评和充分肯定,为全市妇女儿童事业发展作出了积极贡献。 2014年主要任务 今年是关键之年。 一、统一思想 要深入学习。第3页 共3页";

#[test]
fn page_numbers_are_removed_and_cut_words_joined() {
    assert_eq!(
        outline(SCRAPED),
        [
            "T:年度报告",
            "P:2013年工作回顾",
            "¶:全年工作取得成效。",
            "S:一、围绕中心,服务大局有新举措",
            "¶:各级组织认真学习中国妇女十一大精神,深入基层开展调研,广泛听取意见和建议,推动各项工作落到实处,取得了明显的成效和进展,得到了广泛好评和认可。",
            "S:二、围绕民生,关爱妇女儿童",
            "¶:开展关爱活动,惠及妇女儿童2万余人,受到社会各界的广泛好评和充分肯定,为全市妇女儿童事业发展作出了积极贡献。",
            "P:2014年主要任务",
            "¶:今年是关键之年。",
            "S:一、统一思想",
            "¶:要深入学习。",
        ]
    );
    assert!(warnings(SCRAPED).is_empty());
}

#[test]
fn headings_inside_joined_pages_keep_their_source_line() {
    let (units, _) = read(SCRAPED, false);
    let line_of = |title: &str| {
        units
            .iter()
            .find(|u| u.unit == Unit::Section(title.into()))
            .map(|u| u.line)
    };
    assert_eq!(line_of("一、围绕中心,服务大局有新举措"), Some(1));
    assert_eq!(line_of("二、围绕民生,关爱妇女儿童"), Some(2));
    assert_eq!(line_of("一、统一思想"), Some(3));
}

#[test]
fn a_short_numbered_list_is_not_taken_for_page_numbers() {
    let text = "工作要点\n一、加强学习\n1、学习文件。\n2、开展培训。\n3、组织考试。\n";
    assert_eq!(
        outline(text),
        [
            "T:工作要点",
            "S:一、加强学习",
            "¶:1、学习文件。",
            "¶:2、开展培训。",
            "¶:3、组织考试。"
        ]
    );
}

#[test]
fn footer_lines_are_removed_and_the_sentence_they_cut_is_joined() {
    let text = "报告\n一、工作\n我们开展了大量\n- 2 -\n工作。\n第3页 共8页\nPage 4 of 8\n12\n二、计划\n明年继续。";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、工作",
            "¶:我们开展了大量工作。",
            "S:二、计划",
            "¶:明年继续。"
        ]
    );
}

#[test]
fn a_footer_at_the_end_of_a_line_joins_the_next_line() {
    let text = "报告\n一、工作\n培训基层妇女干部第1页 共3页\n320人次。";
    assert_eq!(
        outline(text),
        ["T:报告", "S:一、工作", "¶:培训基层妇女干部320人次。"]
    );
}

#[test]
fn glued_footers_are_removed_from_running_text() {
    assert_eq!(remove_glued_footers("方方面面。第8页 共8页"), "方方面面。");
    assert_eq!(
        remove_glued_footers("引导第 3 页/共 8 页广大妇女"),
        "引导广大妇女"
    );
    assert_eq!(
        remove_glued_footers("成效。 - 3 - 二、计划"),
        "成效。 二、计划"
    );
    assert_eq!(remove_glued_footers("1.7亿元"), "1.7亿元");
}

#[test]
fn running_headers_are_removed_after_their_first_occurrence() {
    let text = "某市妇联工作报告\n一、学习\n学习了文件\n某市妇联工作报告\n精神。\n二、维权\n开展维权。\n某市妇联工作报告\n三、家庭\n建设家庭。";
    assert_eq!(
        outline(text),
        [
            "T:某市妇联工作报告",
            "S:一、学习",
            "¶:学习了文件精神。",
            "S:二、维权",
            "¶:开展维权。",
            "S:三、家庭",
            "¶:建设家庭。"
        ]
    );
}

#[test]
fn running_headers_at_the_start_of_scraped_pages_are_removed() {
    let body = "这是一段很长的正文内容用于模拟整页文字,".repeat(4);
    let text = format!(
        "1、年度报告 一、学习 {body}继续\n2、年度报告 {body}学习\n3、年度报告 {body}完毕。"
    );
    let units = outline(&text);
    assert_eq!(units[0], "T:年度报告");
    assert_eq!(units[1], "S:一、学习");
    assert_eq!(units.len(), 3, "{units:?}");
    assert!(!units[2].contains("年度报告"), "{}", units[2]);
    assert!(units[2].contains("继续这是") && units[2].contains("学习这是"));
    assert!(units[2].ends_with("完毕。"));
}

#[test]
fn sub_headings_and_run_in_headings_are_found() {
    let text = "报告\n一、维权\n（一）强化源头维权\n借助两会平台。\n（二）强化社会化维权。深入开展活动。\n1.加强宣传\n(1)进社区\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、维权",
            "H1:（一）强化源头维权",
            "¶:借助两会平台。",
            "H1:（二）强化社会化维权",
            "¶:深入开展活动。",
            "H2:1.加强宣传",
            "H3:(1)进社区",
        ]
    );
}

#[test]
fn an_inline_section_number_out_of_sequence_stays_text_with_a_warning() {
    let text = "报告 一、学习 正文。 三、不是标题 继续。";
    assert_eq!(
        outline(text),
        ["T:报告", "S:一、学习", "¶:正文。", "¶:三、不是标题 继续。"]
    );
    let w = warnings(text);
    assert_eq!(w.len(), 1);
    assert!(w[0].message.contains("out of sequence"), "{w:?}");
}

#[test]
fn a_missing_section_on_its_own_line_is_kept_with_a_warning() {
    let text = "报告\n一、学习\n正文。\n三、维权\n正文。";
    assert!(outline(text).contains(&"S:三、维权".to_string()));
    assert!(warnings(text)[0].message.contains("expected 2"));
}

#[test]
fn numbered_parts_and_chapters_join_their_title() {
    let text = "报告 第一部分 2013年工作回顾 导语。 第一章 总则 正文。";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "P:第一部分 2013年工作回顾",
            "¶:导语。",
            "S:第一章 总则",
            "¶:正文。"
        ]
    );
}

#[test]
fn english_reports_use_numbered_lines_and_join_hyphenated_words() {
    let text = "Annual Report of the Riverside Association\n\
Review of 2013\n\
1. Membership\n\
We welcomed many new mem-\n\
- 2 -\n\
bers this year.\n\
2. Finances\n\
1.1 Income\n\
Income grew.\n\
Plans for 2014\n\
1. Outreach\n\
We will reach out.\n";
    assert_eq!(
        outline(text),
        [
            "T:Annual Report of the Riverside Association",
            "P:Review of 2013",
            "S:1. Membership",
            "¶:We welcomed many new members this year.",
            "S:2. Finances",
            "H1:1.1 Income",
            "¶:Income grew.",
            "P:Plans for 2014",
            "S:1. Outreach",
            "¶:We will reach out.",
        ]
    );
}

#[test]
fn roman_sections_make_arabic_numbers_sub_headings() {
    let text = "Report\nI. Review\n1. Members\nText.\nII. Plans\nMore text.\n";
    assert_eq!(
        outline(text),
        [
            "T:Report",
            "S:I. Review",
            "H1:1. Members",
            "¶:Text.",
            "S:II. Plans",
            "¶:More text."
        ]
    );
}

#[test]
fn markdown_headings_give_the_structure() {
    let (units, _) = read(
        "# 报告\n\n导语。\n\n# 2013年工作回顾\n\n## 一、学习\n\n第一行\n第二行\n\n### 小标题\n",
        true,
    );
    assert_eq!(
        outline_of(units),
        [
            "T:报告",
            "¶:导语。",
            "P:2013年工作回顾",
            "S:一、学习",
            "¶:第一行第二行",
            "H1:小标题"
        ]
    );
}

#[test]
fn chinese_numerals_are_read() {
    assert_eq!(chinese_number("一"), Some(1));
    assert_eq!(chinese_number("十"), Some(10));
    assert_eq!(chinese_number("十二"), Some(12));
    assert_eq!(chinese_number("二十"), Some(20));
    assert_eq!(chinese_number("二十三"), Some(23));
    assert_eq!(chinese_number("甲"), None);
    assert_eq!(roman_number("XIV"), Some(14));
}

#[test]
fn plain_text_is_escaped_for_markdown() {
    assert_eq!(escape_markdown("1. 开始"), "1\\. 开始");
    assert_eq!(escape_markdown("# 不是标题"), "\\# 不是标题");
    assert_eq!(
        escape_markdown("a*b*_c_ <x> [y]"),
        "a\\*b\\*\\_c\\_ \\<x> \\[y\\]"
    );
    assert_eq!(escape_markdown("1+1公益"), "1+1公益");
}

#[test]
fn english_is_told_from_chinese() {
    assert!(is_english("Annual report of the association"));
    assert!(!is_english("2013年工作回顾 the PPT"));
}

#[test]
fn a_numbered_clause_ending_in_a_semicolon_is_not_a_heading() {
    let text = "报告\n一、学习\n措施如下：\n二、加强学习，提高素质；\n三、深入基层。\n";
    let units = outline(text);
    assert!(
        units.contains(&"¶:二、加强学习，提高素质；".to_string()),
        "{units:?}"
    );
}

#[test]
fn website_chrome_is_removed_and_listed() {
    let text = "首页 > 范文中心 > 工作总结\n当前位置：首页 > 工作总结\n某镇妇联2021年工作总结\n发布时间：2021-12-20 来源：本站 浏览：352次\n【字体：大 中 小】 打印\n一、加强学习\n时间：3月8日，我们开展了活动。\n收藏本文 下载本文\n上一篇：2020年工作总结 下一篇：2022年工作计划\n相关推荐：妇联工作总结\n分享到：\n首页 | 关于我们 | 联系我们\n版权所有 某某网 备案号：京ICP备12345678号\n";
    assert_eq!(
        outline(text),
        [
            "T:某镇妇联2021年工作总结",
            "S:一、加强学习",
            "¶:时间：3月8日，我们开展了活动。"
        ]
    );
    let lines: Vec<usize> = removed(text).iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [1, 2, 4, 5, 8, 9, 10, 11, 12, 13]);
}

#[test]
fn section_lines_end_with_a_stop_or_colon_or_have_spaces_after_the_number() {
    let text = "报告\n一、完善团组织机构。\n正文。\n二、 助力乡村振兴\n正文。\n三．加强自身建设：\n正文。\n四. 其他\n正文。\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、完善团组织机构",
            "¶:正文。",
            "S:二、助力乡村振兴",
            "¶:正文。",
            "S:三．加强自身建设：",
            "¶:正文。",
            "S:四.其他",
            "¶:正文。"
        ]
    );
}

#[test]
fn run_in_sub_headings_are_split_out_of_running_text_in_sequence() {
    let text = "报告\n一、思想引领 （一）深化理想信念教育。开展宣讲，覆盖1.2万余人。（二）加强阵地建设。新建阵地12个，包括：（一）甲；（三）乙。\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、思想引领",
            "H1:（一）深化理想信念教育",
            "¶:开展宣讲，覆盖1.2万余人。",
            "H1:（二）加强阵地建设",
            "¶:新建阵地12个，包括：（一）甲；（三）乙。",
        ]
    );
}

#[test]
fn a_bare_number_stays_with_its_text() {
    let long = "除了舉辦講座之外，我們還組織了多次探訪活動，".repeat(3);
    let text = format!("報告\n一、服務\n1.      {long}\n");
    let units = outline(&text);
    assert_eq!(units.len(), 3, "{units:?}");
    assert!(units[2].starts_with("¶:1\\.      除了"), "{units:?}");
}

#[test]
fn parts_without_a_year_are_found() {
    let text = "报告\n一年来的工作回顾\n一、甲\n正文。\n存在的问题\n问题不少。\n下一步工作打算\n一、乙\n正文。\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "P:一年来的工作回顾",
            "S:一、甲",
            "¶:正文。",
            "P:存在的问题",
            "¶:问题不少。",
            "P:下一步工作打算",
            "S:一、乙",
            "¶:正文。"
        ]
    );
}

#[test]
fn lines_wrapped_by_a_pdf_are_joined_into_paragraphs() {
    let text = "报告\n一、工作\n全市各级妇联组织认真履行职能，团结带领妇女建功立业，建成巾帼服务站\n点32个，帮助3260名妇女实现就业，各项工作取得了新的成效和进展。\n全年培训城乡妇女5000人次以上，新增妇女创业担保贷款1亿元，服 务\n更多妇女。\n二、计划\n继续实施巾帼创业创新行动，让更多妇女在家门口实现就业增收。我们将\n继续努力。\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、工作",
            "¶:全市各级妇联组织认真履行职能，团结带领妇女建功立业，建成巾帼服务站点32个，帮助3260名妇女实现就业，各项工作取得了新的成效和进展。",
            "¶:全年培训城乡妇女5000人次以上，新增妇女创业担保贷款1亿元，服务更多妇女。",
            "S:二、计划",
            "¶:继续实施巾帼创业创新行动，让更多妇女在家门口实现就业增收。我们将继续努力。",
        ]
    );
}

#[test]
fn lines_of_one_paragraph_each_are_not_taken_for_wrapped_text() {
    let text = "报告\n一、工作 开展\n全市各级妇联组织认真履行职能，团结带领妇女建功立业。\n全年培训城乡妇女5000人次以上，新增妇女创业担保贷款。\n各级妇联组织坚持以职工为中心，团结动员广大职工建功。\n";
    let units = outline(text);
    assert_eq!(units.len(), 5, "{units:?}");
    assert_eq!(units[1], "S:一、工作 开展");
}

#[test]
fn a_title_on_two_lines_is_one_title() {
    let text = "Harbourside Women's Centre\nAnnual Report 2019-2020\n\nChair's Welcome\nIt was a good year.\n";
    assert_eq!(
        outline(text),
        [
            "T:Harbourside Women's Centre Annual Report 2019-2020",
            "S:Chair's Welcome",
            "¶:It was a good year."
        ]
    );
    let chinese = "香港東區婦女聯會\n2018年度會務報告\n一、會員服務\n正文。\n";
    assert_eq!(outline(chinese)[0], "T:香港東區婦女聯會2018年度會務報告");
}

#[test]
fn the_site_name_above_the_navigation_is_not_the_title() {
    let text = "平川文库网\n首页 > 工作总结 > 正文\n平川县妇联2022年工作总结\n一、甲\n文。\n";
    assert_eq!(
        outline(text),
        ["T:平川县妇联2022年工作总结", "S:一、甲", "¶:文。"]
    );
    assert_eq!(removed(text)[0], (1, "平川文库网".to_string()));
}

#[test]
fn chrome_glued_into_a_long_line_is_cut_out_and_listed() {
    let text = "首页 红会概况 新闻中心 联系我们\n临川市红十字会2020年度工作报告 发布日期：2021-02-26 浏览次数：1268 【字体：大 中 小】\n2020年，各项工作取得成效。 一、全力投入防控 接收捐赠4860万元。 分享到： 微信 微博\n";
    assert_eq!(
        outline(text),
        [
            "T:临川市红十字会2020年度工作报告",
            "¶:2020年，各项工作取得成效。",
            "S:一、全力投入防控",
            "¶:接收捐赠4860万元。",
        ]
    );
    let cut: Vec<String> = removed(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        cut,
        [
            "首页 红会概况 新闻中心 联系我们",
            "发布日期：2021-02-26 浏览次数：1268 【字体：大 中 小】",
            "分享到： 微信 微博",
        ]
    );
    let english = "Greenway Trust Report 2022\n1. Trees\nWe planted trees. It was published on 3 May by the council.\n";
    assert!(removed(english).is_empty());
}

#[test]
fn numbered_run_in_sub_headings_are_split_in_sequence() {
    let text =
        "报告\n一、甲\n1．深化学习。全县开展宣讲。2．办好活动。覆盖2.5万人。4．不在序列。后文。\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、甲",
            "H2:1．深化学习",
            "¶:全县开展宣讲。",
            "H2:2．办好活动",
            "¶:覆盖2.5万人。4．不在序列。后文。",
        ]
    );
}

#[test]
fn a_heading_at_the_foot_of_a_page_does_not_run_on() {
    let text = "报告\n一、乙\n（一）抓好康复\n\n— 1 —\n\n报告\n为儿童提供补助。\n";
    assert_eq!(
        outline(text),
        [
            "T:报告",
            "S:一、乙",
            "H1:（一）抓好康复",
            "¶:为儿童提供补助。"
        ]
    );
}

#[test]
fn english_sentence_case_lines_are_sections_and_a_title_beside_a_footer_goes() {
    let text = "Riverbank Food Bank\nAnnual Report 2021-22\n\nA word from our chair\nIt was a busy year.\n\nRiverbank Food Bank Annual Report 2021-22      Page 2 of 3\n\nOur volunteers\nThey gave 12,000 hours.\n";
    assert_eq!(
        outline(text),
        [
            "T:Riverbank Food Bank Annual Report 2021-22",
            "S:A word from our chair",
            "¶:It was a busy year.",
            "S:Our volunteers",
            "¶:They gave 12,000 hours.",
        ]
    );
    assert_eq!(
        removed(text),
        [(
            7,
            "Riverbank Food Bank Annual Report 2021-22      Page 2 of 3".to_string()
        )]
    );
}

#[test]
fn named_sections_and_part_words_of_annual_reports_are_found() {
    let text = "觀塘婦女服務中心\n2021年度會務報告\n主席的話\n過去一年，服務延續。\n會務回顧\n一、 就業支援\n文。\n來年展望\n一、 網上服務\n文。\n";
    assert_eq!(
        outline(text),
        [
            "T:觀塘婦女服務中心2021年度會務報告",
            "S:主席的話",
            "¶:過去一年，服務延續。",
            "P:會務回顧",
            "S:一、就業支援",
            "¶:文。",
            "P:來年展望",
            "S:一、網上服務",
            "¶:文。",
        ]
    );
}

#[test]
fn a_bold_numbered_heading_opening_a_markdown_paragraph_is_split_off() {
    let text = "# 报告\n\n## 一、2019年主要工作\n\n**（一）加强自律。** 修订*公约*。\n";
    assert_eq!(
        outline_of(read(text, true).0),
        [
            "T:报告",
            "S:一、2019年主要工作",
            "H1:（一）加强自律",
            "¶:修订*公约*。"
        ]
    );
}
