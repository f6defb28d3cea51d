//! Property tests: no input makes the core panic. In WebAssembly a panic would kill the engine for
//! every tab, so lookup, scan, bundle loading, validation and edits must all fail gracefully.

mod common;
use common::{fixture_bundle, fixture_engine};
use masthead::Engine;
use proptest::prelude::*;
use std::collections::HashSet;

/// Strings that look like URLs often enough to reach deep into the parser.
fn urlish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(https?|ftp|javascript|mailto)://[a-zA-Z0-9.:@\\[\\]%-]{0,30}(/[a-zA-Z0-9@?=&%._~-]{0,20}){0,4}",
        "https://(x|twitter|t|youtube|weibo|vk|mp\\.weixin\\.qq|bsky)\\.(com|me|app|cn)/[a-zA-Z0-9@_?=/.-]{0,30}",
        "[a-zA-Z0-9\u{400}-\u{4ff}\u{4e00}-\u{4e20}.-]{0,20}(/.{0,10})?",
        // Everything the WHATWG parser forgives in a host, mixed: case, backslashes, missing slashes,
        // tabs, percent escapes, userinfo, ports, non-ASCII and ideographic dots.
        "[ \t\u{1}]{0,2}(([hH][tT][tT][pP][sS]?|[fF][tT][pP]|file|ws):)?[/\\\\\t]{0,3}([a-zA-Z%@:]{0,3}@)?([a-zA-Z0-9%\t.\u{3002}\u{fffc}\u{e9}\u{130}\u{212a}\u{410}-\u{44f}\u{4e00}-\u{4e05}\\[\\]-]|%[0-9a-fA-F]{2}){0,12}(:[0-9a-z]{0,5})?([/\\\\?#].{0,8})?",
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
}

fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Pieces of real names and cues, glued in random order.
        prop::collection::vec(
            prop::sample::select(vec![
                "Global", "Times", " ", "RT", "'s", "’", "(", ") --", "according to ", "环球时报", "ТАСС", "rt.com",
                ".", "People's Daily", " Press", "Xinhua", "é", "😀", "\u{a0}", "www.", "said",
                // What the precision rules look at: credits, notices, quotes, particles, CJK runs.
                "/", "©", "Copyright ", "版权归", "):", ". ", "\n", "Foto: ", ", ", "는", "出版社", "主管", "Mehr",
                "Welt", "APP", "TASS", "14/10/2019", "«", "»", "p.m. ", "Le ", "news agency ", "据", "财经", "-",
                "&", "of ", "Thomson ", "COMPUTER ", "الجزيرة", "قناة ",
            ]),
            0..30,
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    // 512 cases per property in CI; PROPTEST_CASES=100000 for a deeper hunt.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn lookup_never_panics(url in urlish()) {
        let engine = fixture_engine();
        let _ = engine.lookup_url(&url);
        // Whatever the host, impostor checks answer too (the index is built on the first one).
        if let Ok(Some(m)) = engine.impostor(&url) {
            prop_assert!(m.outlet < engine.dataset().entities.len());
        }
    }

    #[test]
    fn page_links_never_panic(href in urlish(), base in urlish()) {
        let page = format!(r#"<html><head><base href="{base}"></head><body><a href="{href}">x</a></body></html>"#);
        let _ = masthead::html::extract(&page);
    }

    #[test]
    fn scan_never_panics_and_spans_are_sane(text in texty(), link in any::<bool>()) {
        let engine = fixture_engine();
        let linked: HashSet<usize> = if link { engine.find("rt").into_iter().collect() } else { HashSet::new() };
        let own = masthead::site::OwnSite::new("www.example-news.test", "Global News Network", &text);
        let found = engine.scan_page(&text, &linked, &own);
        let mut last_end = 0;
        for m in &found {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start >= last_end, "mentions overlap or are unsorted");
            last_end = m.end;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Engine::from_bundle(&bytes);
        let _ = Engine::from_bundle_validated(&bytes);
        let mut with_magic = b"MASTHEAD\x01\x00".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = Engine::from_bundle(&with_magic);
    }

    #[test]
    fn truncated_and_bit_flipped_bundles_never_panic(cut in any::<prop::sample::Index>(), flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4)) {
        let good = fixture_bundle(1);
        let _ = Engine::from_bundle(&good[..cut.index(good.len())]);
        let mut bad = good.clone();
        for (at, bit) in flips {
            bad[at.index(good.len())] ^= 1 << bit;
        }
        // The payload checksum may be hit too: recompute it so damage reaches the decoder.
        let len = u32::from_le_bytes(bad[28..32].try_into().unwrap()) as usize;
        if 36 + len <= bad.len() {
            let crc = masthead::bundle::checksum(&bad[36..36 + len]);
            bad[32..36].copy_from_slice(&crc.to_le_bytes());
        }
        if let Ok(engine) = Engine::from_bundle(&bad) {
            // Whatever decoded must answer without panicking.
            let _ = engine.lookup_url("https://www.globaltimes.cn/");
            let _ = engine.scan("according to Global Times, RT said", &HashSet::new());
            for i in 0..engine.dataset().entities.len() {
                let _ = engine.chain(i);
                let _ = engine.owner_graph(i);
            }
        }
        let _ = Engine::from_bundle_validated(&bad);
    }

    #[test]
    fn validation_never_panics(text in any::<String>()) {
        let _ = masthead::validate::validate_texts(&[("p.json".into(), text)]);
    }

    #[test]
    fn validation_never_panics_on_structured_junk(
        id in "[a-zA-Z0-9 -]{0,8}",
        kind in prop::sample::select(vec!["outlet", "company", "x", ""]),
        country in prop::sample::select(vec!["CN", "ZZ", "", "cn"]),
        domain in "[a-z.:/ -]{0,12}",
        share in prop::num::f64::ANY,
        date in "[0-9-]{0,12}",
        owner in "[a-z-]{0,6}",
    ) {
        let json = serde_json::json!({"entities": [
            {"id": id, "name": "N", "kind": kind, "country": country, "domains": [domain], "names": {"zh": ""},
             "sources": [{"url": "https://e.org", "checked": date}],
             "owners": [{"id": owner, "relation": "owned_by", "share": if share.is_finite() { serde_json::json!(share) } else { serde_json::Value::Null }, "since": date, "sources": []}]},
            {"id": owner, "name": "O", "kind": "company", "owners": [{"id": id, "relation": "controlled_by", "sources": [{"url": "https://e.org", "checked": "2026-01-01"}]}]}
        ]});
        let _ = masthead::validate::validate_texts(&[("p.json".into(), json.to_string())]);
    }

    #[test]
    fn edits_never_panic(text in any::<String>()) {
        let mut engine = fixture_engine();
        let _ = engine.apply_edits(&text);
    }
}
