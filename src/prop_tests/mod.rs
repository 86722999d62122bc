//! Property tests (proptest) over what users and other programs hand gazette: front matter,
//! site.yaml, Markdown bodies, text and Word documents to import. Each runs a few dozen cases in
//! `cargo test`; `scripts/fuzz` runs thousands (`PROPTEST_CASES`). Every test is named `prop_…`.

mod content;
mod import;
mod markdown;

use proptest::prelude::*;
use proptest::test_runner::Config;

/// `default` cases, or `PROPTEST_CASES` when set; failures are shrunk and printed, not saved
/// into the source tree.
pub(crate) fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text made of `pieces` (the tokens that matter to the parser under test) with, now and then,
/// any text at all.
pub(crate) fn text_of(
    pieces: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        9 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|parts| parts.concat())
}

/// Chinese sentences as reports write them, each ending in `。`.
pub(crate) fn sentences(max: usize) -> impl Strategy<Value = Vec<String>> {
    const WORDS: &[&str] = &[
        "妇联", "开展", "培训", "妇女", "儿童", "家庭", "工作", "活动", "组织", "服务", "创业",
        "就业", "2013年", "12场", "全市", "基层", "维权", "宣传", "项目", "帮扶",
    ];
    let sentence = proptest::collection::vec(proptest::sample::select(WORDS), 2..8)
        .prop_map(|words| format!("{}。", words.concat()));
    proptest::collection::vec(sentence, 1..max)
}
