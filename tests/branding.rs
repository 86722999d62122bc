//! The organization's branding and footer from site.yaml (logo, main site, 主办单位, 联系方式,
//! ICP and public-security filing numbers) on every page, under a base path too, and the
//! mistakes a clerk can make in them.

mod common;

use common::TestSite;

const BRANDING: &str = r#"title: 测试妇联
base_url: https://www.example.gov.cn/fulian/reports/
logo: img/emblem.svg
parent_site: {name: 福州市妇女联合会, url: "https://www.example.gov.cn/"}
footer:
  organizer: 福州市妇女联合会
  contact: "地址：福州市示例路1号  电话：0591-00000000"
  icp: 闽ICP备00000000号-1
  police: 闽公网安备35010202000001号
  text: 任意一行附加文字
"#;

fn branded_site() -> TestSite {
    let site = TestSite::from_fixture("reports");
    site.write("site.yaml", BRANDING).write(
        "static/img/emblem.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn every_page_shows_the_logo_the_main_site_and_the_footer_lines() {
    let site = branded_site();
    site.build_ok(&[]);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.output("")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let rel = path
            .strip_prefix(site.output(""))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let page = site.page(&format!("/{rel}"));
        let shown = |css: &str| page.texts(css).join("|");
        assert_eq!(
            page.attrs(".site-title img.site-logo", "src"),
            ["/fulian/reports/img/emblem.svg"],
            "{rel}"
        );
        assert_eq!(
            page.href(".site-footer .footer-parent a").as_deref(),
            Some("https://www.example.gov.cn/"),
            "{rel}"
        );
        assert_eq!(
            shown(".footer-organizer"),
            "主办单位福州市妇女联合会",
            "{rel}"
        );
        assert_eq!(
            shown(".footer-contact"),
            "联系方式地址：福州市示例路1号  电话：0591-00000000",
            "{rel}"
        );
        assert_eq!(shown(".footer-text"), "任意一行附加文字", "{rel}");
        assert_eq!(shown("a.footer-icp"), "闽ICP备00000000号-1", "{rel}");
        assert_eq!(
            page.href("a.footer-icp").as_deref(),
            Some("https://beian.miit.gov.cn/"),
            "{rel}"
        );
        assert_eq!(
            page.href("a.footer-police").as_deref(),
            Some("https://beian.mps.gov.cn/#/query/webSearch?code=35010202000001"),
            "{rel}"
        );
    }
    assert!(pages >= 10, "only {pages} pages");
    assert!(site.output("img/emblem.svg").is_file());
}

#[test]
fn indent_true_indents_paragraphs() {
    let site = TestSite::from_fixture("reports");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}indent: true\n"));
    site.build_ok(&[]);
    assert_eq!(
        site.page("/2013/annual/review/").attrs("body", "class"),
        ["kind-section indent"]
    );
    let css = std::fs::read_to_string(site.output("css/gazette.css")).unwrap();
    assert!(css.contains(".indent .prose p { text-indent: 2em; }"));
}

#[test]
fn without_branding_the_footer_has_only_the_site_name() {
    let site = TestSite::from_fixture("reports");
    site.build_ok(&[]);
    let home = site.page("/");
    assert!(
        home.select(".site-logo, .footer-parent, .footer-organizer, .footer-filing")
            .is_empty()
    );
    assert_eq!(home.texts(".footer-org"), ["测试市妇联 · 测试妇联"]);
}

#[test]
fn a_misspelt_footer_key_is_an_error_with_the_right_suggestion() {
    let site = branded_site();
    site.write("site.yaml", &BRANDING.replace("  icp:", "  icpp:"));
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .starts_with("error: site.yaml:8:3: unknown key `icpp`\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `icp`?"), "{}", run.stderr);
}

#[test]
fn a_logo_that_is_not_in_static_is_an_error_at_its_line() {
    let site = branded_site();
    site.remove("static/img/emblem.svg");
    let run = site.build(&[]);
    assert!(!run.success);
    assert!(
        run.stderr
            .starts_with("error: site.yaml:3:7: logo `img/emblem.svg` is not a file of static/\n"),
        "{}",
        run.stderr
    );
}
