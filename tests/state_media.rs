//! The State Media Matrix (Alliance for Securing Democracy, MIT; tests/fixtures/state-media) as a
//! checklist: its outlet websites must resolve, and their chains must reach the state that controls
//! them. The floors rise as the dataset grows; data/README.md lists what is left and why.

use masthead::model::Kind;
mod common;
use masthead::Engine;
use std::path::Path;

/// Floors for the whole Matrix (1,074 rows with a website). Issue #10 asks for 95% of them; what
/// is reached is kept, never lost (5 Dec 2026: 1,007 resolve, 870 reach the state; 6 Dec: 1,052 and 913; later on 6 Dec: 1,055 and 922).
const RESOLVE_FLOOR: f64 = 0.98;
const STATE_FLOOR: f64 = 0.85;

fn data() -> Engine {
    common::data_engine()
}

/// A CSV record splitter for the Matrix: commas, double-quoted fields with "" escapes, newlines in quotes.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Does the chain from `entity` end at the state: a state body, a party, or a ruling family (a person
/// or trust whose note says so)?
fn reaches_state(engine: &Engine, entity: usize) -> bool {
    let chain = engine.chain(entity);
    std::iter::once(entity).chain(chain.hops.iter().map(|h| h.to)).any(|i| {
        let e = engine.entity(i);
        let note = e.note.as_deref().unwrap_or("").to_lowercase();
        matches!(e.kind, Kind::StateBody | Kind::Party)
            || (matches!(e.kind, Kind::Person | Kind::Trust) && note.contains("ruling") && note.contains("family"))
    })
}

#[test]
fn state_media_matrix_outlets_resolve_and_reach_the_state() {
    let csv = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/state-media/State_Media_Matrix.csv")).unwrap();
    let rows = csv_rows(&csv);
    let header = &rows[0];
    let url_at = header.iter().position(|h| h == "URL").expect("a URL column");
    let engine = data();
    let (mut total, mut resolved, mut state) = (0usize, 0usize, 0usize);
    for row in &rows[1..] {
        let Some(url) = row.get(url_at).map(|u| u.trim()).filter(|u| !u.is_empty()) else { continue };
        total += 1;
        let url = if url.contains("://") { url.to_string() } else { format!("https://{url}") };
        if let Ok(Some(hit)) = engine.lookup_url(&url) {
            resolved += 1;
            state += usize::from(reaches_state(&engine, hit.entity));
        }
    }
    assert_eq!(total, 1074, "the committed Matrix copy has 1,074 rows with a website");
    let (r, s) = (resolved as f64 / total as f64, state as f64 / total as f64);
    println!("State Media Matrix: {total} rows, {resolved} resolve ({:.1}%), {state} reach the state ({:.1}%)", r * 100.0, s * 100.0);
    assert!(r >= RESOLVE_FLOOR, "{resolved} of {total} resolve ({:.1}%), below the floor {:.1}%", r * 100.0, RESOLVE_FLOOR * 100.0);
    assert!(s >= STATE_FLOOR, "{state} of {total} reach the state ({:.1}%), below the floor {:.1}%", s * 100.0, STATE_FLOOR * 100.0);
}

/// The label State Media Monitor's class gives (data/README.md, "Labels from State Media Monitor's
/// typology").
fn label_for(code: &str) -> Option<masthead::labels::Label> {
    use masthead::labels::Label;
    match code.trim().trim_end_matches('?') {
        "SC" | "CaPu" => Some(Label::StateControlled),
        "CaPr" => Some(Label::Private),
        "ISFM" | "ISF" | "ISM" | "IP" => Some(Label::PublicService),
        _ => None,
    }
}

/// Outlets whose Matrix class contradicts what the dataset's sources establish, and no State Media
/// Monitor profile was found to settle it: each keeps its sourced label, for the reason given. They
/// are listed in data/README.md too; an id here that no longer needs it fails the test below.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("al-manar", "owned by Hezbollah, a party that does not control the Lebanese state: party-owned, not state-controlled"),
    ("b92", "privately owned (Matrix: captured public media, a class for public media)"),
    ("o2-tv", "privately owned (Matrix: captured public media)"),
    ("prva-tv", "privately owned (Matrix: state-controlled, without a state owner in any source found)"),
    ("tv-pink", "privately owned (Matrix: captured public media)"),
    ("vecernje-novosti", "privately owned (Matrix: state-controlled, without a state owner in any source found)"),
    ("rbc-russia", "privately owned by Grigory Berezkin's ESN group (Matrix: state-controlled, no source found for state control)"),
    ("rtv-slovenija", "a statutory public broadcaster (Matrix: captured private media, a class for private media)"),
    ("medi1-radio", "83.6% acquired by the state broadcaster SNRT after the Matrix, which classed it captured private media (its note says so)"),
    ("argumenty-i-fakty", "state ownership documented, the capture the Matrix records (CaPu) not stated by a source found"),
    ("kuensel", "state majority ownership documented, editorial independence (Matrix: ISM) not stated by a source found"),
    ("100-noticias", "the Matrix's Nicaraguan \"Canal 15\" row gives the site of 100% Noticias, the independent newsroom in exile"),
    ("lusa", "state majority ownership documented, editorial independence (Matrix: ISFM) not stated by a source found"),
];

#[test]
fn labels_follow_the_state_media_monitor_rule() {
    use std::collections::{BTreeMap, BTreeSet};
    let csv = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/state-media/State_Media_Matrix.csv")).unwrap();
    let rows = csv_rows(&csv);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (url_at, code_at) = (col("URL"), col("Typology"));
    let engine = data();
    // Every class the Matrix gives to rows that resolve to an entity by its own domain.
    let mut classes: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for row in &rows[1..] {
        let Some(url) = row.get(url_at).map(|u| u.trim()).filter(|u| !u.is_empty()) else { continue };
        let url = if url.contains("://") { url.to_string() } else { format!("https://{url}") };
        if let Ok(Some(hit)) = engine.lookup_url(&url) {
            if matches!(hit.via, masthead::lookup::Via::Domain(_)) {
                classes.entry(hit.entity).or_default().insert(row[code_at].trim().to_string());
            }
        }
    }
    let mut wrong = Vec::new();
    for (entity, codes) in &classes {
        let e = engine.entity(*entity);
        let Some(label) = e.labels.first() else { continue };
        let allowed: BTreeSet<_> = codes.iter().filter_map(|c| label_for(c)).collect();
        // A State Media Monitor profile newer than the Matrix (Feb 2024) may have reclassified the
        // outlet: the entity then cites that profile, and the profile's class is the one used.
        let cites_profile = e.sources.iter().chain(e.owners.iter().flat_map(|o| o.sources.iter())).any(|s| s.url.contains("statemediamonitor.com"));
        // Ownership that changed after the Matrix (an edge that began or ended since February 2024).
        let changed = e.owners.iter().any(|o| [&o.since, &o.until].into_iter().flatten().any(|d| d.as_str() >= "2024-02"));
        let excepted = EXCEPTIONS.iter().any(|(id, _)| *id == e.id);
        if !allowed.is_empty() && !allowed.contains(label) && !cites_profile && !changed && !excepted {
            wrong.push(format!("{} is {:?}, the Matrix says {codes:?}", e.id, label));
        }
    }
    println!("{} entities classed by the Matrix", classes.len());
    assert!(wrong.is_empty(), "{} labels break the rule:\n{}", wrong.len(), wrong.join("\n"));
    // Every exception must still be needed: an entity that now follows the rule leaves the list.
    for (id, _) in EXCEPTIONS {
        let i = engine.find(id).unwrap_or_else(|| panic!("exception {id} is not in the dataset"));
        let e = engine.entity(i);
        let codes = classes.get(&i).unwrap_or_else(|| panic!("exception {id} has no Matrix row"));
        let allowed: BTreeSet<_> = codes.iter().filter_map(|c| label_for(c)).collect();
        assert!(e.labels.first().is_some_and(|l| !allowed.contains(l)), "{id} follows the rule now: take it off EXCEPTIONS");
    }
}
