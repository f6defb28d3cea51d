//! Validation reports every problem with file, entity id and field.

use masthead::validate::{validate_texts, Severity};

fn problems(json: &str) -> Vec<(String, String, String)> {
    validate_texts(&[("t.json".to_string(), json.to_string())])
        .problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.id, p.field, p.message))
        .collect()
}

const SRC: &str = r#"[{"url": "https://example.org/a", "checked": "2026-11-28"}]"#;

fn outlet(id: &str, extra: &str) -> String {
    format!(r#"{{"id": "{id}", "name": "Name {id}", "kind": "outlet", "country": "GB", "sources": {SRC}{extra}}}"#)
}

fn file(entities: &[String]) -> String {
    format!(r#"{{"entities": [{}]}}"#, entities.join(","))
}

#[test]
fn persian_and_indic_joiners_are_allowed_in_names() {
    // ZWNJ (U+200C) is part of Persian spelling; ZWJ (U+200D) of Indic conjuncts.
    let json = file(&[outlet("a", r#", "names": {"fa": "خبرگزاری\u200cها", "hi": "क्\u200dष"}"#)]);
    assert_eq!(problems(&json), vec![]);
}

#[test]
fn a_valid_file_passes() {
    let json = file(&[
        outlet("a", r#", "domains": ["a.example"], "owners": [{"id": "b", "relation": "owned_by", "share": 60, "sources": SRC}]"#.replace("SRC", SRC).as_str()),
        r#"{"id": "b", "name": "B", "kind": "company"}"#.to_string(),
    ]);
    let outcome = validate_texts(&[("t.json".to_string(), json)]);
    assert_eq!(outcome.error_count(), 0, "{:#?}", outcome.problems);
    assert_eq!(outcome.dataset.unwrap().entities.len(), 2);
}

#[test]
fn each_rule_is_reported_with_its_place() {
    let o = |extra: &str| file(&[outlet("a", extra), r#"{"id": "b", "name": "B", "kind": "company"}"#.to_string()]);
    let edge = |body: &str| o(&format!(r#", "owners": [{body}]"#));
    let cases: Vec<(String, &str, &str)> = vec![
        (o(r#", "kind2": 1"#), "kind2", "unknown field"),
        (o(r#", "labels": ["independent"]"#), "labels", "unknown label"),
        (o(r#", "labels": ["private", "nonprofit"]"#), "labels", "at most one"),
        (o(r#", "domains": ["https://a.example"]"#), "domains", "not a host name"),
        (o(r#", "accounts": ["myspace:tom"]"#), "accounts", "unknown platform"),
        (o(r#", "aliases": ["A"]"#), "aliases", "too short"),
        (o(r#", "names": {"Chinese": "x"}"#), "names.Chinese", "BCP 47"),
        (edge(&format!(r#"{{"id": "zz", "relation": "owned_by", "sources": {SRC}}}"#)), "owners[0].id", "unknown entity"),
        (edge(&format!(r#"{{"id": "b", "relation": "bought_by", "sources": {SRC}}}"#)), "owners[0].relation", "unknown relation"),
        (edge(r#"{"id": "b", "relation": "owned_by"}"#), "owners[0].sources", "at least one source"),
        (edge(&format!(r#"{{"id": "b", "relation": "owned_by", "share": 120, "sources": {SRC}}}"#)), "owners[0].share", "outside 0–100"),
        (edge(&format!(r#"{{"id": "b", "relation": "owned_by", "since": "last year", "sources": {SRC}}}"#)), "owners[0].since", "not a YYYY"),
        (edge(r#"{"id": "b", "relation": "owned_by", "sources": [{"url": "ftp://x", "checked": "2026-11-28"}]}"#), "owners[0].sources[0].url", "not an http(s) URL"),
        (edge(r#"{"id": "b", "relation": "owned_by", "sources": [{"url": "https://x.org", "checked": "28/11/2026"}]}"#), "owners[0].sources[0].checked", "YYYY-MM-DD"),
        (edge(&format!(r#"{{"id": "b", "relation": "owned_by", "share": 60, "sources": {SRC}}}, {{"id": "b", "relation": "owned_by", "share": 50, "sources": {SRC}}}"#)), "owners", "over 100"),
        (edge(&format!(r#"{{"id": "a", "relation": "owned_by", "sources": {SRC}}}"#)), "owners[0].id", "cannot own itself"),
        // Text shown to readers: no direction overrides or controls, and a length limit.
        (o(r#", "aliases": ["Global \u202eTimes"]"#), "aliases", "U+202E"),
        (o(r#", "names": {"ar": "\u200fالجزيرة"}"#), "names.ar", "U+200F"),
        (o(r#", "note": "A note\u0007"}"#.trim_end_matches('}')), "note", "U+0007"),
        (o(&format!(r#", "note": "{}""#, "word ".repeat(201).trim_end())), "note", "longer than 1000"),
        (o(&format!(r#", "aliases": ["{}"]"#, "Name".repeat(51))), "aliases", "longer than 200"),
        // A documented end of chain: a known reason, a source, and no edge that the chain follows.
        (o(&format!(r#", "no_controller": {{"reason": "nobody", "sources": {SRC}}}"#)), "no_controller.reason", "unknown reason"),
        (o(r#", "no_controller": {"reason": "widely-held"}"#), "no_controller.sources", "say which page"),
        (o(&format!(r#", "no_controller": {{"reason": "widely-held", "sources": {SRC}, "since": "2020"}}"#)), "no_controller.since", "unknown field"),
        (
            o(&format!(r#", "no_controller": {{"reason": "widely-held", "sources": {SRC}}}, "owners": [{{"id": "b", "relation": "owned_by", "share": 51, "sources": {SRC}}}]"#)),
            "no_controller",
            "contradicts owners[0] (owned_by b)",
        ),
        (
            o(&format!(r#", "no_controller": {{"reason": "member-owned", "sources": {SRC}}}, "owners": [{{"id": "b", "relation": "published_by", "sources": {SRC}}}]"#)),
            "no_controller",
            "contradicts owners[0]",
        ),
        // Documented impostors: a host and the page that documents it; never a listed site.
        (o(r#", "impostors": [{"domain": "a-news.ltd"}]"#), "impostors[0].sources", "say which page"),
        (o(&format!(r#", "impostors": [{{"domain": "https://a-news.ltd/x", "sources": {SRC}}}]"#)), "impostors[0].domain", "not a host name"),
        (o(&format!(r#", "domains": ["a.example"], "impostors": [{{"domain": "www.a.example", "sources": {SRC}}}]"#)), "impostors", "is a site of \"a\""),
        (o(&format!(r#", "impostors": [{{"domain": "a-news.ltd", "sources": {SRC}, "seen": "2022"}}]"#)), "impostors[0].seen", "unknown field"),
    ];
    for (json, field, message) in cases {
        let found = problems(&json);
        assert!(
            found.iter().any(|(id, f, m)| id == "a" && f == field && m.contains(message)),
            "expected {field}: {message}; got {found:#?}"
        );
    }
}

#[test]
fn a_documented_end_of_chain_may_sit_beside_minority_owners() {
    let json = file(&[
        outlet(
            "a",
            &format!(
                r#", "no_controller": {{"reason": "widely-held", "sources": {SRC}}}, "owners": [{{"id": "b", "relation": "owned_by", "share": 12.5, "sources": {SRC}}}]"#
            ),
        ),
        r#"{"id": "b", "name": "B", "kind": "fund"}"#.to_string(),
    ]);
    let outcome = validate_texts(&[("t.json".to_string(), json)]);
    assert_eq!(outcome.error_count(), 0, "{:#?}", outcome.problems);
    let a = outcome.dataset.unwrap().entities.into_iter().find(|e| e.id == "a").unwrap();
    assert_eq!(a.no_controller.unwrap().reason, masthead::model::NoControllerReason::WidelyHeld);
}

#[test]
fn entity_level_rules() {
    let cases: Vec<(String, &str, &str, &str)> = vec![
        (file(&[r#"{"id": "Bad Id", "name": "X", "kind": "company"}"#.into()]), "Bad Id", "id", "not a slug"),
        (file(&[r#"{"id": "x", "name": "X", "kind": "newspaper"}"#.into()]), "x", "kind", "unknown kind"),
        (file(&[r#"{"id": "x", "name": "X", "kind": "outlet"}"#.into()]), "x", "country", "needs a country"),
        (file(&[r#"{"id": "x", "name": "X", "kind": "outlet", "country": "UK"}"#.into()]), "x", "country", "ISO 3166-1"),
        (file(&[r#"{"id": "x", "name": "X", "kind": "outlet", "country": "GB", "domains": ["x.example"]}"#.into()]), "x", "sources", "need a source"),
        (file(&[outlet("a", ""), outlet("a", "")]), "a", "id", "duplicate id"),
        (file(&[outlet("a", r#", "domains": ["x.example"]"#), outlet("b", r#", "domains": ["X.example."]"#)]), "b", "domains", "also claimed by"),
        (file(&[outlet("a", r#", "accounts": ["x:Same"]"#), outlet("b", r#", "accounts": ["x:same"]"#)]), "b", "accounts", "also claimed by"),
        (file(&[outlet("a", r#", "aliases": ["Daily Star"]"#), outlet("b", r#", "aliases": ["Daily Star"]"#)]), "a", "aliases", "claimed outright"),
    ];
    for (json, id, field, message) in cases {
        let found = problems(&json);
        assert!(found.iter().any(|(i, f, m)| i == id && f == field && m.contains(message)), "expected {id}/{field}: {message}; got {found:#?}");
    }
}

#[test]
fn a_shared_name_is_fine_when_all_but_one_mark_it_ambiguous() {
    let json = file(&[outlet("a", r#", "aliases": ["Daily Star"]"#), outlet("b", r#", "ambiguous": ["Daily Star"]"#)]);
    assert_eq!(problems(&json), vec![]);
}

#[test]
fn cycles_are_reported() {
    let e = |id: &str, owner: &str| format!(r#"{{"id": "{id}", "name": "{id}", "kind": "company", "owners": [{{"id": "{owner}", "relation": "owned_by", "sources": {SRC}}}]}}"#);
    let found = problems(&file(&[e("a", "b"), e("b", "c"), e("c", "a")]));
    assert!(found.iter().any(|(_, f, m)| f == "owners" && m.contains("ownership cycle")), "{found:#?}");
}

#[test]
fn broken_json_names_the_file_and_keeps_checking_the_others() {
    let outcome = validate_texts(&[
        ("broken.json".into(), "{\"entities\": [".into()),
        ("other.json".into(), file(&[r#"{"id": "x", "name": "X", "kind": "nope"}"#.into()])),
    ]);
    let msgs: Vec<String> = outcome.errors().map(ToString::to_string).collect();
    assert!(msgs.iter().any(|m| m.starts_with("error: broken.json") && m.contains("not valid dataset JSON")), "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.starts_with("error: other.json: x: kind")), "{msgs:#?}");
    assert!(outcome.dataset.is_none());
}

#[test]
fn names_that_are_common_words_or_short_acronyms_become_ambiguous() {
    use masthead::ambiguity::CommonWords;
    use masthead::validate::validate_texts_with;
    let mut words = CommonWords::default();
    words.add_language("de", "mehr\nwelt\n");
    let json = file(&[
        outlet("a", r#", "aliases": ["Mehr", "Mehr News"]"#),
        outlet("b", r#", "aliases": ["Die Welt", "RTV"], "ambiguous": ["Welt"]"#),
        outlet("c", r#", "aliases": ["CNN"], "distinctive": {"CNN": "a broadcaster's name with no other use in news text"}"#),
    ]);
    let outcome = validate_texts_with(&[("t.json".to_string(), json)], &words);
    assert_eq!(outcome.error_count(), 0, "{:#?}", outcome.problems);
    let warnings: Vec<(String, String)> = outcome.warnings().map(|p| (p.id.clone(), p.message.clone())).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].0 == "a" && warnings[0].1.contains("\"mehr\" is a common word in de"), "{warnings:#?}");
    assert!(warnings.iter().any(|(id, m)| id == "b" && m.contains("\"Die Welt\"")), "{warnings:#?}");
    assert!(warnings.iter().any(|(id, m)| id == "b" && m.contains("\"RTV\"") && m.contains("acronym")), "{warnings:#?}");
    let d = outcome.dataset.unwrap();
    let find = |id: &str| d.entities.iter().find(|e| e.id == id).unwrap();
    assert_eq!(find("a").aliases, ["Mehr News"]);
    assert_eq!(find("a").ambiguous, ["Mehr"]);
    assert_eq!(find("b").ambiguous, ["Welt", "Die Welt", "RTV"]);
    assert_eq!(find("c").aliases, ["CNN"], "vouched for with a reason");
}

#[test]
fn only_short_acronyms_can_be_vouched_for_and_only_with_a_reason() {
    let cases: &[(&str, &str)] = &[
        (r#", "aliases": ["Mehr"], "distinctive": {"Mehr": "famous"}"#, "only short acronyms"),
        (r#", "aliases": ["CNN"], "distinctive": {"CNN": " "}"#, "give the reason"),
        (r#", "distinctive": {"BBC": "famous"}"#, "not the entity's name"),
    ];
    for (extra, want) in cases {
        let found = problems(&file(&[outlet("a", extra)]));
        assert!(found.iter().any(|(_, field, m)| field.starts_with("distinctive.") && m.contains(want)), "{extra}: {found:#?}");
    }
}
