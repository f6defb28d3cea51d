//! URL lookup rules, table-driven: the positives and the negatives readers were burned by elsewhere.

mod common;
use common::{fixture_engine, lookup_id};

#[test]
fn domains_match_on_label_boundaries_only() {
    let engine = fixture_engine();
    let cases: &[(&str, Option<&str>)] = &[
        ("https://rt.com/", Some("rt")),
        ("https://www.rt.com/news/1", Some("rt")),
        ("https://deep.sub.rt.com/x", Some("rt")),
        ("https://art.com/", None),
        ("https://deviantart.com/", None),
        ("https://sport.com/", None),
        ("https://rt.com.example.org/", None),
        ("https://notrt.com/", None),
        ("https://www.globaltimes.cn/page/202311/1301526.shtml", Some("global-times")),
        ("https://english.news.cn/20231101/abc/c.html", Some("xinhua")),
        ("https://www.huanqiu.com/", Some("global-times")),
        ("https://en.people.com.cn/", Some("peoples-daily")),
        ("https://people.com/", None),
    ];
    for (url, want) in cases {
        assert_eq!(lookup_id(&engine, url).unwrap().as_deref(), *want, "{url}");
    }
}

#[test]
fn hosts_are_normalised() {
    let engine = fixture_engine();
    for url in [
        "HTTPS://WWW.GLOBALTIMES.CN/",
        "https://www.globaltimes.cn./page",
        "https://www.globaltimes.cn:8443/page",
        "https://user:secret@www.globaltimes.cn/page",
        "http://globaltimes.cn",
        "globaltimes.cn/page/1",
        "  https://globaltimes.cn/  ",
    ] {
        assert_eq!(lookup_id(&engine, url).unwrap().as_deref(), Some("global-times"), "{url}");
    }
}

#[test]
fn path_scoped_entries_cover_only_their_path() {
    let engine = fixture_engine();
    let cases: &[(&str, Option<&str>)] = &[
        ("https://portal.example/daily", Some("example-daily")),
        ("https://portal.example/daily/2026/story", Some("example-daily")),
        ("https://www.portal.example/daily/x", Some("example-daily")),
        ("https://portal.example/dailymail", None),
        ("https://portal.example/", None),
        ("https://portal.example/other/daily", None),
    ];
    for (url, want) in cases {
        assert_eq!(lookup_id(&engine, url).unwrap().as_deref(), *want, "{url}");
    }
}

#[test]
fn platform_accounts_resolve_to_their_outlet() {
    let engine = fixture_engine();
    let cases: &[(&str, Option<&str>)] = &[
        ("https://x.com/globaltimesnews", Some("global-times")),
        ("https://twitter.com/GlobalTimesNews/status/123", Some("global-times")),
        ("https://x.com/someoneelse", None),
        ("https://t.me/rt_russian", Some("rt")),
        ("https://t.me/s/rt_russian", Some("rt")),
        ("https://www.youtube.com/@ExampleDaily", Some("example-daily")),
        ("https://www.youtube.com/channel/UCexampledaily0000000000", Some("example-daily")),
        ("https://www.youtube.com/@somebody", None),
        ("https://www.facebook.com/exampledaily/", Some("example-daily")),
        ("https://www.instagram.com/exampledaily/", Some("example-daily")),
        ("https://www.tiktok.com/@exampledaily", Some("example-daily")),
        ("https://weibo.com/u/1234567890", Some("example-daily")),
        ("https://vk.com/exampledaily", Some("example-daily")),
        ("https://bsky.app/profile/exampledaily.bsky.social", Some("example-daily")),
        ("https://mp.weixin.qq.com/s?__biz=MzAxExampleDaily==&mid=1", Some("example-daily")),
        ("https://mp.weixin.qq.com/s?__biz=MzOther==&mid=1", None),
    ];
    for (url, want) in cases {
        assert_eq!(lookup_id(&engine, url).unwrap().as_deref(), *want, "{url}");
    }
}

#[test]
fn invalid_input_is_an_error_not_a_panic() {
    let engine = fixture_engine();
    for bad in ["", "not a url", "mailto:editor@rt.com", "javascript:alert(1)", "ftp://rt.com/", "file:///etc/passwd", "https://", "http://[::1"] {
        assert!(lookup_id(&engine, bad).is_err(), "{bad:?} should be invalid");
    }
    // Valid URLs that no outlet claims are unknown, not invalid.
    assert_eq!(lookup_id(&engine, "http://127.0.0.1:8080/").unwrap(), None);
    assert_eq!(lookup_id(&engine, "https://example.com/").unwrap(), None);
}

#[test]
fn idn_hosts_match_in_either_form() {
    let mut dataset = common::fixture_dataset();
    let i = dataset.entities.iter().position(|e| e.id == "tass").unwrap();
    dataset.entities[i].domains.push(masthead::lookup::normalize_domain_entry("тасс.рф").unwrap());
    let engine = masthead::Engine::from_dataset(dataset, masthead::bundle::BundleInfo::unbundled(1, "2026-11-28"));
    assert_eq!(lookup_id(&engine, "https://тасс.рф/").unwrap().as_deref(), Some("tass"));
    assert_eq!(lookup_id(&engine, "https://user@новости.тасс.рф:8080/x").unwrap().as_deref(), Some("tass"));
    // The ASCII form, as Python's IDNA codec gives it: 'тасс.рф'.encode('idna').
    let puny = "xn--80a8aab.xn--p1ai";
    assert_eq!(masthead::host::to_ascii_host("ТАСС.рф").as_deref(), Some(puny));
    assert_eq!(lookup_id(&engine, &format!("https://www.{puny}/")).unwrap().as_deref(), Some("tass"));
}

#[test]
fn share_widgets_and_platform_pages_cite_nobody() {
    let engine = fixture_engine();
    let citation = |url: &str| engine.lookup_citation(url).unwrap().map(|m| engine.entity(m.entity).id.clone());
    let cases: &[(&str, Option<&str>)] = &[
        ("https://twitter.com/intent/tweet?url=https://www.globaltimes.cn/", None),
        ("https://x.com/share?text=hi", None),
        ("https://www.facebook.com/sharer/sharer.php?u=x", None),
        ("https://www.linkedin.com/shareArticle?url=x", None),
        ("https://api.whatsapp.com/send?text=x", None),
        ("https://t.me/share/url?url=x", None),
        ("https://x.com/", None),
        ("https://www.youtube.com/", None),
        ("https://www.globaltimes.cn/page/1.shtml", Some("global-times")),
        ("https://www.youtube.com/@ExampleDaily", Some("example-daily")),
    ];
    for (url, want) in cases {
        assert_eq!(citation(url).as_deref(), *want, "{url}");
    }
}
