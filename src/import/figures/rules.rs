//! Every decision about which numbers are proposed as key figures and how they are named:
//! the limits, the word lists and the score. The readers (`chinese.rs`, `english.rs`,
//! `table.rs`) only apply them.

use std::sync::LazyLock;

use regex::Regex;

/// At most this many figures are proposed: the strongest, in document order.
pub(super) const MAX_PROPOSED: usize = 20;
/// A candidate scoring less is never proposed: a target, a tiny count, a vague name.
pub(super) const MIN_SCORE: i32 = 1;
/// Longer names are left out: a name is what the figures page shows above a chart.
pub(super) const MAX_NAME_CHARS: usize = 16;
pub(super) const MAX_ENGLISH_NAME_CHARS: usize = 40;
/// The longest noun read after a count ("13170名妇女实现就业"); a longer run of characters
/// with no word that ends it cannot be told apart from the rest of the sentence.
pub(super) const MAX_NOUN_CHARS: usize = 10;
/// A noun read after a count that stops before the rest of its clause and is this short
/// names people or places, not what was done for them ("为2100名残疾人提供…" → 残疾人).
pub(super) const VAGUE_NOUN_CHARS: usize = 5;
/// The clause kept as a figure's `note:`, so it can be checked against the text.
pub(super) const MAX_NOTE_CHARS: usize = 60;

/// What a candidate's score is made of.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Clues {
    /// From a table's column (or row) of the report's year.
    pub table: bool,
    /// In a clause with 共, 累计, 全年, "a total of".
    pub total: bool,
    /// "约", "余", "以上", "around", "more than".
    pub about: bool,
    /// A target: in a plan's part, or with 计划, 力争, "will". Never proposed: a figure is
    /// what a report says was done.
    pub plan: bool,
    pub money: bool,
    /// A count below 3: "2名同志".
    pub small: bool,
    /// A name of two characters says little ("培训", "惠及").
    pub short_name: bool,
    /// A short noun read after the count, the clause going on to what was done ("帮助56名
    /// 妇女申请贷款" → 妇女).
    pub vague: bool,
    /// A multiplier without a unit: "1.7亿".
    pub bare_multiplier: bool,
}

/// How strongly a candidate is a key figure of the report; the strongest are proposed.
pub(super) fn score(c: Clues) -> i32 {
    let mut score = 1;
    for (clue, weight) in [
        (c.table, 3),
        (c.total, 2),
        (!c.about, 1),
        (c.money, 1),
        (c.plan, -9),
        (c.small, -2),
        (c.short_name, -2),
        (c.vague, -2),
        (c.bare_multiplier, -1),
    ] {
        if clue {
            score += weight;
        }
    }
    score
}

/// A list of words, written as one line of text so that it reads as what it is.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident = $list:literal) => {
        $(#[$doc])*
        pub(super) static $name: LazyLock<Vec<&'static str>> =
            LazyLock::new(|| $list.split_whitespace().collect());
    };
}

words!(
    /// Measure words a Chinese count is written with, simplified and traditional. Years,
    /// months, days, ages, times ("倍") and editions ("届") are not here, so "2013年" or
    /// "5周年" never become figures.
    ZH_UNITS = "人次 户次 件次 场次 批次 平方米 公里 小时 课时 名 人 户 戶 个 個 家 所 座 处 處
    场 場 次 期 批 项 項 件 篇 部 本 册 冊 份 套 台 臺 辆 輛 支 队 隊 株 棵 亩 畝 吨 噸 间 間 张 張
    条 條 位 对 對 起 例 宗 笔 筆 轮 輪 万元 元 美元 港元"
);
/// Multipliers kept in the unit: "2450万元" is value 2450, unit 万元.
pub(super) const ZH_MULTIPLIERS: &str = "万萬亿億";
words!(
    /// What a count unit followed by these is not: "3个月", "5个百分点".
    ZH_NOT_AFTER_UNIT = "月 百分点 百分點 季度 工作日 星期 小时"
);
words!(
    /// Verbs that say nothing about what is counted: the name is what follows the last of
    /// them ("评选表彰县级劳动模范" → 县级劳动模范). 新增 stays: "新增执委" are new members.
    ZH_VERBS = "评选 評選 表彰 发放 發放 举办 舉辦 开展 開展 召开 召開 帮助 幫助 完成 涌现出 推出
    涌现 湧現 新建 建立 建成 成立 组建 組建 打造 培树 选树 培育 办理 处理 處理 受理 保留 撤销
    命名 认定 推荐 推选 评出 援建 募集 广募 筹集 争取 拓展 创建 新创建 落实 协调 吸纳 合办
    合辦 达成 签订 组织 組織"
);
/// Before 组织, these make it a noun ("团组织换届", "两新组织", "妇女组织"), not a verb.
pub(super) const ZH_ORGANIZATION_NOUN: &str = "团團党黨女会會层層新员員";
words!(
    /// Words trimmed from the front of a name: enumerations, adverbs, totals, places and
    /// quantifiers.
    ZH_LEADING = "一是 二是 三是 四是 五是 六是 首先 其次 五年来 五年 一年来 今年以来 今年 上半年 下半年 辖区 实现 實現 其中 此外 同时 另外
    全年 年内 累计 累積 共计 合计 总计 共有 共 全市 全县 全區 全区 全镇 全乡 全省 全村 我市 我县
    我区 我会 本会 各级 各類 各类 各种 先后 精心 积极 深入 大力 广泛 持续 成功 已经 已 还 并 又
    均 首批 一批 一支 一个 了 对 为 為 的 有"
);
words!(
    /// Words trimmed from the end of a name, just before the number: "办结率为", "总数达到".
    ZH_TRAILING = "达到 達到 增加到 保持在 稳定在 提高到 超过 超過 共计 累计 不少于 不低于 达 達 为 為 是
    计 共 约 約 近 逾 有 对 對 由 折合 的 在"
);
words!(
    /// Where the noun after a count ends ("2名同志受到表彰"); the verbs of [`ZH_VERBS`] too.
    ZH_NAME_STOPS = "的 在 被 进行 進行 受到 获得 獲得 得到 通过 接受 提供 申请 组成 并 中 等 和 全部"
);
words!(
    /// Dropped from the words after a count: "13170名妇女实现就业" names 妇女就业.
    ZH_LINK_VERBS = "实现 實現 参加 參加 参与 參與"
);
words!(
    /// A number right after these is a change, not a level: "增长12%", "比上年增加120人"
    /// (but "增加到36家" is a level).
    ZH_CHANGE = "增长 增長 增加 减少 減少 下降 提高 上升 同比 环比 增幅 降幅"
);
words!(
    /// Totals: a clause with one holds a figure the report means to stand out; so does a
    /// name that started with 共 (alone, 共 is also the 共 of 共青团).
    ZH_TOTAL = "累计 累積 全年 总计 合计 共计 共有"
);
words!(
    /// An estimate: "约", "近", "1万余人", "300家以上".
    ZH_ABOUT_BEFORE = "约 約 近 逾 超过 超過 将近 接近"
);
words!(ZH_ABOUT_AFTER = "余 餘 多 以上 左右");
words!(
    /// A target rather than a result.
    ZH_PLAN = "计划 計劃 力争 力爭 预计 預計 拟 目标 目標 不少于 不低于 每年"
);

words!(
    /// English: words after a number that end the phrase naming what it counts.
    EN_STOPS = "a an the and or in into at for from to of with who which that across during by
    on were was are is have had has this last each per than them us we our their through since
    over under between while as it so but more less"
);
words!(
    /// Nouns that count time or pages, never a figure of the work: "six months", "3 years".
    EN_NOT_COUNTED = "years months weeks days minutes seconds times pages sections percent cent
    pence o'clock am pm yrs"
);
words!(
    /// Plural nouns without an "s".
    EN_PLURALS = "people women men children staff youth alumni personnel"
);
words!(
    /// Words of a phrase dropped in front of its noun: "28 new drivers".
    EN_ADJECTIVES = "new more additional extra other different"
);
words!(
    /// Before a number: an estimate.
    EN_ABOUT = "around about over nearly almost some approximately roughly than least just up to"
);
words!(
    /// Between a verb and its number: "trained a total of 1,200".
    EN_FILLERS = "more a total of"
);
/// Phrases of a clause that make its figure a total.
pub(super) const EN_TOTAL: &[&str] = &["a total of", "in total", "altogether", "in all", "overall"];
/// Phrases of a clause that make its figure a target.
pub(super) const EN_PLAN: &[&str] = &[
    "will",
    "plan to",
    "plans to",
    "aim to",
    "aims to",
    "target",
    "next year",
    "hope to",
    "promised",
    "pledged",
];
words!(
    /// Words ending in "-ed" that are not a verb naming the work.
    EN_NOT_VERBS = "hundred aged opened founded based compared red need used started"
);
words!(
    /// Verbs that link a sum to what it is: "Total income was £312,400".
    EN_LINKS = "was were is totalled totaled reached came"
);
words!(
    /// Where the subject of a linked sum starts: "… and spending was £298,900".
    EN_CONJUNCTIONS = "and but while whereas"
);
words!(
    /// Currencies written before a sum.
    EN_CURRENCIES = "US$ HK$ NZ$ A$ C$ S$ $ £ € ¥ USD HKD GBP EUR RMB CNY AUD CAD NZD SGD"
);
words!(
    /// Currencies written after a sum: "186,400 dollars".
    EN_CURRENCY_WORDS = "dollars pounds euros yuan"
);
words!(EN_MULTIPLIERS = "million billion thousand m bn k");

/// Part and section headings under which numbers are targets ("2014年主要任务", "Looking ahead").
pub(super) static PLAN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:任务|任務|计划|計劃|打算|安排|思路|要点|要點|目标|目標|展望|设想|設想)[：:]?$|",
        r"(?i)(?:plans?|priorities|outlook|looking ahead|next steps|the year ahead|ahead)$"
    ))
    .expect("valid")
});

/// Titles of a plan that reviews nothing: "2024年妇女工作要点" (not "…总结和2024年工作计划").
pub(super) static REVIEW_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)总结|總結|回顾|回顧|报告|報告|情况|情況|review|report").expect("valid")
});
