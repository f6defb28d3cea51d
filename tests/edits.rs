//! A reader's local edits: applied on top, reported conflicts, never silently dropped.

mod common;
use common::{fixture_engine, lookup_id, scan_ids};

const SRC: &str = r#"[{"url": "https://example.org/my-source", "checked": "2026-11-28"}]"#;

#[test]
fn a_new_outlet_is_found_by_domain_and_name_and_marked_as_edited() {
    let mut engine = fixture_engine();
    let edits = format!(
        r#"{{"entities": [{{"id": "my-local-paper", "name": "Springfield Shopper", "kind": "outlet", "country": "US",
            "domains": ["springfieldshopper.example"], "labels": ["private"], "sources": {SRC},
            "owners": [{{"id": "example-holdings", "relation": "owned_by", "share": 100, "sources": {SRC}}}]}}]}}"#
    );
    let conflicts = engine.apply_edits(&edits).unwrap().to_vec();
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(lookup_id(&engine, "https://www.springfieldshopper.example/a").unwrap().as_deref(), Some("my-local-paper"));
    assert_eq!(scan_ids(&engine, "said the Springfield Shopper.", &[]).len(), 1);
    let i = engine.find("my-local-paper").unwrap();
    assert!(engine.entity(i).edited);
    assert_eq!(engine.chain_names(&engine.chain(i)), "Springfield Shopper → Example Holdings → The Example family");
    // Everything else still answers.
    assert_eq!(lookup_id(&engine, "https://globaltimes.cn/").unwrap().as_deref(), Some("global-times"));
}

#[test]
fn a_correction_replaces_the_dataset_entity_and_takes_its_domain() {
    let mut engine = fixture_engine();
    let edits = format!(
        r#"{{"entities": [{{"id": "xinhua-fan-site", "name": "Xinhua Fan Site", "kind": "outlet", "country": "CN",
            "domains": ["news.cn"], "sources": {SRC}}}]}}"#
    );
    let conflicts = engine.apply_edits(&edits).unwrap().to_vec();
    assert!(conflicts.iter().any(|c| c.message.contains("takes the domain news.cn")), "{conflicts:?}");
    assert_eq!(lookup_id(&engine, "https://news.cn/").unwrap().as_deref(), Some("xinhua-fan-site"));
}

#[test]
fn changes_upstream_since_the_edit_are_reported() {
    let mut engine = fixture_engine();
    let fresh = engine.base_fingerprint("tass").unwrap();
    let edit = |base: &str| {
        format!(
            r#"{{"bases": {{"tass": "{base}"}}, "entities": [{{"id": "tass", "name": "TASS", "kind": "outlet", "country": "RU",
                "domains": ["tass.com", "tass.ru"], "labels": ["state-controlled"], "sources": {SRC}, "note": "my note"}}]}}"#
        )
    };
    assert!(engine.apply_edits(&edit(&fresh)).unwrap().is_empty());
    let conflicts = engine.apply_edits(&edit("00000000")).unwrap().to_vec();
    assert_eq!(conflicts.len(), 1);
    assert!(conflicts[0].message.contains("has changed TASS since your edit"));
    assert_eq!(engine.entity(engine.find("tass").unwrap()).note.as_deref(), Some("my note"));
}

#[test]
fn invalid_edits_change_nothing() {
    let mut engine = fixture_engine();
    let before = engine.stats();
    for bad in [
        "not json",
        r#"{"entities": [{"id": "x", "name": "X", "kind": "outlet"}]}"#,
        r#"{"entities": [], "surprise": 1}"#,
        r#"{"entities": [{"id": "x", "name": "X", "kind": "outlet", "country": "GB", "owners": [{"id": "global-times", "relation": "owned_by"}]}]}"#,
    ] {
        assert!(engine.apply_edits(bad).is_err(), "{bad}");
        assert_eq!(engine.stats(), before);
    }
}

#[test]
fn edits_survive_reapplication_and_dangling_owners_are_reported() {
    let mut engine = fixture_engine();
    let edits = format!(
        r#"{{"entities": [{{"id": "mine", "name": "Mine Weekly", "kind": "outlet", "country": "GB", "sources": {SRC},
            "owners": [{{"id": "gone-company", "relation": "owned_by", "sources": {SRC}}}]}}]}}"#
    );
    let conflicts = engine.apply_edits(&edits).unwrap().to_vec();
    assert!(conflicts.iter().any(|c| c.message.contains("gone-company")), "{conflicts:?}");
    assert!(engine.find("mine").is_some());
    // Applying again (as after an update) gives the same result.
    engine.apply_edits(&edits).unwrap();
    assert!(engine.find("mine").is_some());
    // Clearing edits restores the dataset.
    engine.apply_edits(r#"{"entities": []}"#).unwrap();
    assert!(engine.find("mine").is_none());
}
