//! The 1,000 most-visited news domains (tests/fixtures/top-news/domains.txt, chosen from MBFC's
//! source list by scripts/top_news_domains.py) must resolve to an outlet. Issue #12 asks for 95%;
//! the floor rises with each batch of data and is never lowered.

mod common;

/// 6 Dec 2026: 524 of 1,000 resolved in the morning, 900 by the evening, 979 late that night (after
/// 24 non-news hosts were moved to not-news.txt and the list refilled in MBFC's order).
const RESOLVE_FLOOR: f64 = 0.97;

fn domains() -> Vec<(String, String)> {
    let text = include_str!("fixtures/top-news/domains.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (domain, name) = l.split_once('\t').unwrap_or((l, ""));
            (domain.to_string(), name.to_string())
        })
        .collect()
}

#[test]
fn the_list_is_a_thousand_distinct_hosts() {
    let list = domains();
    assert_eq!(list.len(), 1000);
    let mut seen: Vec<&str> = list.iter().map(|(d, _)| d.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 1000, "a domain is listed twice");
}

#[test]
fn most_visited_news_domains_resolve() {
    let engine = common::data_engine();
    let list = domains();
    let mut missing = Vec::new();
    for (domain, name) in &list {
        let url = if domain.contains('/') { format!("https://{domain}/") } else { format!("https://www.{domain}/") };
        match engine.lookup_url(&url) {
            Ok(Some(m)) if !matches!(m.via, masthead::lookup::Via::Platform(_)) => {}
            _ => missing.push(format!("{domain} ({name})")),
        }
    }
    let resolved = list.len() - missing.len();
    let share = resolved as f64 / list.len() as f64;
    if std::env::var_os("MASTHEAD_TOP_NEWS_REPORT").is_some() {
        eprintln!("{resolved} of {} resolve; missing:\n{}", list.len(), missing.join("\n"));
    }
    assert!(
        share >= RESOLVE_FLOOR,
        "{resolved} of {} top news domains resolve ({:.1}%), floor {:.0}%; first missing: {:?}",
        list.len(),
        share * 100.0,
        RESOLVE_FLOOR * 100.0,
        &missing[..missing.len().min(20)]
    );
}
