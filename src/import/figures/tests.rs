//! Sentence shapes, Chinese and English, that give figures and that must not.

use super::rules::MAX_PROPOSED;
use super::*;

/// What is proposed for one paragraph of a 2013 report, as (name, value, unit).
fn found(text: &str) -> Vec<(String, String, Option<String>)> {
    let blocks = [Block::Paragraph(text.to_string())];
    proposed(&blocks, None)
        .into_iter()
        .map(|p| (p.name, p.value, p.unit))
        .collect()
}

fn proposed(blocks: &[Block], heading: Option<&str>) -> Vec<Proposal> {
    proposals(blocks, heading).chosen
}

fn proposals(blocks: &[Block], heading: Option<&str>) -> Proposals {
    let english = super::super::text::is_english(
        &blocks.iter().map(|b| format!("{b:?}")).collect::<String>(),
    );
    let report = Report {
        title: None,
        year: 2013,
        english,
    };
    let sources = [Source {
        section: Some("01-section-1.md"),
        headings: [heading, None],
        blocks,
    }];
    propose(&report, &sources)
}

fn one(name: &str, value: &str, unit: &str) -> (String, String, Option<String>) {
    let unit = (!unit.is_empty()).then(|| unit.to_string());
    (name.to_string(), value.to_string(), unit)
}

#[track_caller]
fn assert_finds(text: &str, expected: &[(&str, &str, &str)]) {
    let expected: Vec<_> = expected.iter().map(|&(n, v, u)| one(n, v, u)).collect();
    assert_eq!(found(text), expected, "in {text:?}");
}

#[track_caller]
fn assert_none(text: &str) {
    assert_eq!(found(text), [], "in {text:?}");
}

#[test]
fn a_chinese_count_is_named_by_what_it_counts_without_its_verb() {
    assert_finds("评选县级劳动模范120名。", &[("县级劳动模范", "120", "名")]);
    assert_finds(
        "发放创业担保贷款2450万元。",
        &[("创业担保贷款", "2450", "万元")],
    );
    assert_finds("举办招聘会86场。", &[("招聘会", "86", "场")]);
    assert_finds("举办各类招聘会86场(次)。", &[("招聘会", "86", "场")]);
    assert_finds(
        "全年共评选表彰市级以上先进个人143名、先进集体84个。",
        &[("市级以上先进个人", "143", "名"), ("先进集体", "84", "个")],
    );
    assert_finds(
        "对862个市级以上“巾帼文明岗”进行复查。",
        &[("市级以上巾帼文明岗", "862", "个")],
    );
    assert_finds(
        "培训家长11212人次，提高知晓率。",
        &[("培训家长", "11212", "人次")],
    );
    assert_finds("新增执委57名。", &[("新增执委", "57", "名")]);
    assert_finds(
        "完成基层团组织换届92个。",
        &[("基层团组织换届", "92", "个")],
    );
    assert_finds(
        "本會共處理會員勞資糾紛個案182宗。",
        &[("會員勞資糾紛個案", "182", "宗")],
    );
}

#[test]
fn a_count_written_before_its_noun_takes_the_noun_after_it() {
    assert_finds("帮助13170名妇女实现就业。", &[("妇女就业", "13170", "名")]);
    assert_finds(
        "150名文明岗负责人参加培训。",
        &[("文明岗负责人培训", "150", "名")],
    );
    assert_finds("带动4600名妇女增收。", &[("带动妇女增收", "4600", "名")]);
    // Where nothing tells where the noun ends, nothing is guessed.
    assert_none("23个文明岗管理权限移交平潭综合实验区妇联。");
    // A short noun the clause goes on from names who, not what was done.
    assert_none("组建了一支由2232名妇干组成的队伍。");
    assert_none("为2100名残疾人提供辅具适配。");
    assert_none("在12所学校建成校园救护站。");
    assert_none("惠及1.4万人。");
}

#[test]
fn lists_quotes_and_glosses_are_left_out_of_names() {
    assert_finds(
        "举办“幸福家庭魅力女性”等公益大讲堂74场。",
        &[("公益大讲堂", "74", "场")],
    );
    assert_finds(
        "“巾帼文明岗(标兵岗)”114个。",
        &[("巾帼文明岗", "114", "个")],
    );
    assert_finds(
        "联合海警一支队评选“好妻子”、“好母亲”20名。",
        &[("好妻子、好母亲", "20", "名")],
    );
    assert_finds(
        "- **新建**户外劳动者服务站点24个",
        &[("户外劳动者服务站点", "24", "个")],
    );
}

#[test]
fn wan_and_yi_stay_in_the_unit_and_estimates_are_kept_as_written() {
    assert_finds("惠及群众1.2万人。", &[("惠及群众", "1.2", "万人")]);
    assert_finds(
        "全年发放妇女创业担保贷款1.36亿元。",
        &[("妇女创业担保贷款", "1.36", "亿元")],
    );
    assert_finds("惠及妇女儿童2万余人。", &[("惠及妇女儿童", "2", "万人")]);
    assert_finds(
        "已投入资金1.7亿(含拆迁征地)。",
        &[("投入资金", "1.7", "亿")],
    );
    assert_finds("发放宣传资料１２００份。", &[("宣传资料", "1200", "份")]);
}

#[test]
fn only_rates_are_proposed_among_percentages() {
    assert_finds("办结率为100%。", &[("办结率", "100", "%")]);
    assert_finds("调解成功率达95％。", &[("调解成功率", "95", "%")]);
    assert_none("会员人数增长12%。");
    assert_none("占全体会员的60%。");
}

#[test]
fn years_dates_ordinals_changes_and_section_numbers_are_never_figures() {
    for text in [
        "2013年，在市委的领导下，各项工作取得成效。",
        "（2021年6月13日）",
        "发布日期：2024-01-15 浏览：1024次",
        "组织女企业家参加第3届中国海峡项目成果交易会。",
        "在全市评比中位列前3名。",
        "以实施办法实施5周年为契机开展调研。",
        "比上年增加120人。",
        "覆盖率提高5个百分点。",
        "用3个月时间开展专项行动。",
        "1．加强组织建设。",
        "一、围绕时代主题",
        "结合“12·4”宪法日开展宣传。",
        "开展母亲健康1+1公益募捐。",
        "服务G20峰会志愿者。",
        "第8页 共8页",
        "备案号：赣ICP备09012345号",
    ] {
        assert_none(text);
    }
}

#[test]
fn targets_are_never_proposed() {
    assert_none("计划新建红十字救护站20个。");
    assert_none("全年宣讲不少于200场。");
    assert_none("每年培训创业妇女500人次以上。");
    assert_none("力争吸引采购商300家以上。");
    let blocks = [Block::Paragraph("举办招聘会86场。".into())];
    assert!(proposed(&blocks, Some("2014年主要任务")).is_empty());
    assert!(proposed(&blocks, Some("Looking ahead")).is_empty());
    assert_eq!(proposed(&blocks, Some("2013年工作回顾")).len(), 1);
}

#[track_caller]
fn assert_finds_english(text: &str, expected: &[(&str, &str, &str)]) {
    let expected: Vec<_> = expected.iter().map(|&(n, v, u)| one(n, v, u)).collect();
    assert_eq!(found(text), expected, "in {text:?}");
}

#[test]
fn english_counts_sums_and_rates() {
    assert_finds_english(
        "This year we trained 1,200 women in digital skills.",
        &[("women trained", "1200", "")],
    );
    assert_finds_english(
        "We gave out 9,860 emergency food parcels to families.",
        &[("emergency food parcels", "9860", "")],
    );
    assert_finds_english(
        "We trained 28 new drivers and warehouse helpers.",
        &[("drivers trained", "28", "")],
    );
    assert_finds_english(
        "The trust received a grant of USD 3.5 million from the city.",
        &[("grant", "3.5", "USD million")],
    );
    assert_finds_english(
        "Our volunteers raised £12,500 for the shelter.",
        &[("funds raised", "12500", "£")],
    );
    assert_finds_english(
        "The course had a completion rate of 92% this year.",
        &[("completion rate", "92", "%")],
    );
}

#[test]
fn english_years_pages_times_and_plans_are_not_figures() {
    for text in [
        "Annual Report 2019-2020 of the association and its members.",
        "This has been our busiest year since we opened in 2012 with friends.",
        "Page 2 of 3 of the annual report of the association.",
        "Ninety-two women completed the course, and 41 of them found paid work.",
        "The waiting time fell from 6 weeks to 3 weeks for the members.",
        "Calls rose by 18 per cent on the previous year for the helpline.",
        "We will train 30 peer supporters in the coming year for schools.",
        "See Section 3 for the accounts of the association and its members.",
    ] {
        assert_eq!(found(text), [], "in {text:?}");
    }
}

#[test]
fn a_table_gives_the_report_years_column_or_row() {
    let table = |rows: &[&[&str]]| {
        Block::Table(
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        )
    };
    let by_column = table(&[
        &["指标", "2012年", "2013年"],
        &["妇女小额贷款（万元）", "8000", "8,888"],
        &["招聘会", "80场", "86场"],
        &["2013年", "1", "2"],
    ]);
    let by_row = table(&[
        &["年份", "培训人数", "单位"],
        &["2012", "6000", "x"],
        &["2013", "6814人", "y"],
    ]);
    let with_unit_column = table(&[
        &["序号", "项目", "单位", "2013"],
        &["1", "巾帼文明岗", "个", "862"],
    ]);
    let got: Vec<_> = proposed(&[by_column, by_row, with_unit_column], None)
        .into_iter()
        .map(|p| (p.name, p.value, p.unit, p.note))
        .collect();
    let row = |n: &str, v: &str, u: Option<&str>| {
        (n.to_string(), v.to_string(), u.map(str::to_string), None)
    };
    assert_eq!(
        got,
        [
            row("妇女小额贷款", "8888", Some("万元")),
            row("招聘会", "86", Some("场")),
            row("培训人数", "6814", Some("人")),
            row("巾帼文明岗", "862", Some("个")),
        ]
    );
}

#[test]
fn the_strongest_are_proposed_once_each_in_document_order() {
    let stems = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    let mut text = String::new();
    for (i, (a, b)) in stems
        .iter()
        .flat_map(|a| ["子", "丑", "寅"].map(move |b| (a, b)))
        .enumerate()
    {
        text.push_str(&format!("举办{a}{b}讲座{}场。", 10 + i));
    }
    text.push_str("全年累计发放贷款8888万元。举办甲子讲座99场。计划举办讲座20场。");
    let blocks = [Block::Paragraph(text)];
    let found = proposals(&blocks, None);
    let got = found.chosen;
    assert_eq!(got.len(), MAX_PROPOSED);
    // 30 names and a total; the second 甲子讲座 and the target are not proposed.
    assert_eq!(
        (found.same_name, found.weak, found.beyond),
        (1, 1, 31 - MAX_PROPOSED)
    );
    // The total and the money come first in strength; they stay in document order.
    assert_eq!(got.last().map(|p| p.name.as_str()), Some("贷款"));
    let names: std::collections::HashSet<_> = got.iter().map(|p| &p.name).collect();
    assert_eq!(names.len(), got.len(), "names are unique");
    assert!(
        got.iter()
            .all(|p| p.section.as_deref() == Some("01-section-1.md"))
    );
    assert_eq!(
        got[0].note.as_deref(),
        Some("举办甲子讲座10场"),
        "the first of a name keeps it"
    );
}

#[test]
fn numbers_are_written_as_yaml_numbers() {
    assert_eq!(number("1,200").as_deref(), Some("1200"));
    assert_eq!(number("05").as_deref(), Some("5"));
    assert_eq!(number("72.630").as_deref(), Some("72.63"));
    assert_eq!(number("0.5").as_deref(), Some("0.5"));
    assert_eq!(number("0"), None);
    assert_eq!(number("1234567890123456"), None);
}
