//! Website chrome copied with a report: the site's name and navigation above it, the
//! publication line, tool links, neighbour and related articles, sharing, the site's footer —
//! as lines of their own or glued into a long scraped line.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::Line;
use super::ends_sentence;
use super::patterns::{re, starts_heading, starts_numbered};

/// Breadcrumbs, "you are here" and a menu that opens with the home page: the navigation at
/// the top of a page.
const NAVIGATION: &str = concat!(
    r"(?:首页|首頁|主页|主頁|网站首页|網站首頁|Home)\s*(?:[>＞»›/|｜]|&gt;|-&gt;)|",
    r"(?:首页|首頁|网站首页|網站首頁)(?:\s+[^\s。，,.]{1,8}){2,}\s*$|",
    r"(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置)\s*[：:]|",
    r"(?i:you are here\s*:)"
);
/// The publication line's fields: "发布日期：…", "来源：…", "浏览次数：…".
const FIELD: &str = concat!(
    r"(?:发布时间|發布時間|發佈時間|发布日期|發布日期|發佈日期|来源|來源|责任编辑|責任編輯|",
    r"文章来源|文章來源|信息来源|資訊來源|供稿)\s*[：:]"
);

/// A line of website chrome. Each pattern is anchored at the line start and names things no
/// report sentence starts with.
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "^\\s*(?:{NAVIGATION}|{FIELD}|{}|{}|{}|{})",
        // The rest of the publication line: time, author, views.
        concat!(
            r"(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問)(?:次数|次數|量)?\s*[：:]?\s*\d+\s*次?\s*$|",
            r"(?:时间|時間|日期|作者|编辑|編輯)\s*[：:].{0,60}(?:来源|來源|作者|浏览|瀏覽|点击|點擊|阅读|閱讀|\d{4}-\d{1,2}-\d{1,2})|",
            r"(?i:(?:posted|published)\s+(?:on|by)\b|by\s+admin\b)"
        ),
        // Tools around the article.
        concat!(
            r"[【\[]?\s*(?:字体|字體|字号|字號)\s*[：:]|(?:收藏本文|下载本文|下載本文|收藏本页|打印本页|打印本頁|关闭窗口|關閉窗口|返回顶部|返回頂部|返回列表|【打印】|【关闭】|【關閉】)|",
            r"(?:打印|列印|关闭|關閉|收藏|分享)(?:\s+(?:打印|列印|关闭|關閉|收藏|分享))+\s*$|",
            r"(?i:print this page|share this|back to top)"
        ),
        // Neighbour and related articles, sharing.
        concat!(
            r"(?:上一篇|下一篇|上一篇文章|下一篇文章|相关推荐|相關推薦|相关阅读|相關閱讀|相关文章|相關文章|相关链接|相關鏈接|猜你喜欢|猜你喜歡|热门推荐|熱門推薦|延伸阅读|推荐阅读|推薦閱讀|分享到|扫一扫|掃一掃)\s*[：:]?|",
            r"(?i:(?:previous|next) (?:post|article)\s*:|related (?:posts|articles)\b)"
        ),
        // The site's footer.
        concat!(
            r"(?:版权所有|版權所有|Copyright\s*(?:©|\(c\))|©\s*\d{4}|主办单位|主辦單位|承办单位|承辦單位|技术支持|技術支持|网站标识码|網站標識碼)|",
            r"(?:[\p{Han}]{1,4}ICP备|[\p{Han}]{1,4}公网安备|备案号|備案號)|",
            r"(?i:all rights reserved)"
        ),
    ))
});
/// A footer line that mentions one of these anywhere ("联系我们 | 网站地图 | 京ICP备…").
static CHROME_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"ICP备|ICP備|公网安备|公網安備|版权所有|版權所有|(?i:all rights reserved)")
});
/// The heading of a list of related articles, alone on its line.
static RELATED_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:相关推荐|相關推薦|相关阅读|相關閱讀|相关文章|相關文章|猜你喜欢|猜你喜歡|热门推荐|熱門推薦|延伸阅读|推荐阅读|推薦閱讀|(?i:related (?:posts|articles)))\s*[：:]?$",
    )
});
/// A menu: three or more short items between "|" or "｜".
static MENU: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*[^|｜。，,.]{1,8}(?:\s*[|｜]\s*[^|｜。，,.]{1,8}){2,}\s*$"));
static NAVIGATION_LINE: LazyLock<Regex> = LazyLock::new(|| re(&format!("^\\s*(?:{NAVIGATION})")));

/// Where chrome glued into a longer line starts: a publication field, the font-size and
/// print tools, neighbour articles, sharing.
static GLUED_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "^(?:{FIELD}|{}|{})",
        r"(?:作者|撰稿人|撰稿|编辑|編輯|浏览次数|瀏覽次數|浏览|瀏覽|点击数|點擊數|点击|點擊|阅读|閱讀|访问量|訪問量)\s*[：:]",
        concat!(
            r"[【\[]\s*(?:字体|字體|字号|字號|打印|关闭|關閉)|收藏本文|下载本文|下載本文|打印本页|打印本頁|",
            r"(?:上一篇|下一篇|相关推荐|相關推薦|相关文章|相關文章|分享到)\s*[：:]|",
            r"(?i:share this\s*:|(?:posted|published) on\b)"
        )
    ))
});
static FIELD_START: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        "^(?:{FIELD}|(?:作者|撰稿人|浏览次数|瀏覽次數|点击数|點擊數)\\s*[：:])"
    ))
});
static NON_SPACE: LazyLock<Regex> = LazyLock::new(|| re(r"\S+"));

/// Whether a line is website chrome copied with the report (a breadcrumb, the publication
/// line, tool links, a menu): the rule the text, HTML and PDF readers share.
pub(crate) fn is_chrome(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 200
        && (CHROME.is_match(t) || CHROME_ANYWHERE.is_match(t) || MENU.is_match(t))
}

/// Removes the website chrome a copied page brings along, listing each removed line or
/// piece. A list of related articles follows ("相关文章" and a title a line): every short
/// line after it, up to a blank line, goes with it. The site's name above its navigation
/// goes too: it is not the report's title.
pub(super) fn strip_chrome(lines: &mut Vec<Line>, removed: &mut Vec<(usize, String)>) {
    let header_end = site_header_end(lines);
    let mut in_list = false;
    let mut index = 0;
    lines.retain_mut(|line| {
        index += 1;
        let t = line.text.trim();
        let listed = in_list && !t.is_empty() && t.chars().count() <= 40 && !ends_sentence(t);
        let chrome = listed || !t.is_empty() && (index <= header_end || is_chrome(t));
        in_list = chrome && (listed || RELATED_LIST.is_match(t));
        if chrome {
            removed.push((line.no, t.to_string()));
        } else if let Some((rest, cut)) = strip_glued(&line.text) {
            removed.extend(cut.into_iter().map(|c| (line.no, c)));
            line.text = rest;
        }
        !chrome
    });
}

/// How many lines at the top belong to the site rather than the report: up to its last
/// navigation line (breadcrumb, menu) among the short lines that open the page.
fn site_header_end(lines: &[Line]) -> usize {
    let mut end = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if NAVIGATION_LINE.is_match(t) || MENU.is_match(t) {
            end = i + 1;
        } else if t.chars().count() > 40
            || ends_sentence(t)
            || starts_heading(t)
            || starts_numbered(t)
        {
            break;
        }
    }
    end
}

/// Chrome glued into a longer scraped line: "…工作报告 发布日期：2021-02-26 浏览次数：1268",
/// "…grant. Share this: Facebook Twitter". It runs from a piece that starts it over the
/// short pieces after it, and counts when it is a publication field, follows a full stop or
/// runs to the end of the line. Returns the line without it and what was cut.
fn strip_glued(text: &str) -> Option<(String, Vec<String>)> {
    let pieces: Vec<(usize, usize)> = NON_SPACE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 1;
    while i < pieces.len() {
        let start = pieces[i].0;
        if !GLUED_START.is_match(&text[start..]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < pieces.len() && is_chrome_item(&text[pieces[j].0..pieces[j].1]) {
            j += 1;
        }
        let previous = &text[pieces[i - 1].0..pieces[i - 1].1];
        if j == pieces.len() || ends_sentence(previous) || FIELD_START.is_match(&text[start..]) {
            cuts.push((start, pieces[j - 1].1));
        }
        i = j;
    }
    if cuts.is_empty() {
        return None;
    }
    let mut rest = String::new();
    let mut last = 0;
    for &(start, end) in &cuts {
        push_piece(&mut rest, &text[last..start]);
        last = end;
    }
    push_piece(&mut rest, &text[last..]);
    let cut = cuts.iter().map(|&(s, e)| text[s..e].to_string()).collect();
    Some((rest, cut))
}

fn push_piece(out: &mut String, piece: &str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
}

/// A piece of a publication line or a sharing bar: short, no sentence or clause in it, no
/// heading.
fn is_chrome_item(piece: &str) -> bool {
    piece.chars().count() <= 20
        && !piece.contains(['，', ',', '。'])
        && !ends_sentence(piece)
        && !starts_heading(piece)
        && !starts_numbered(piece)
}
