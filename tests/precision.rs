//! Precision and recall of inline citations on real pages, judged by hand.
//!
//! `tests/precision/devset.jsonl` holds candidate mentions found on real saved pages (public test
//! suites of article extractors; `tests/precision/README.md` names them), each with a short context
//! and a verdict: does a reader see the outlet there (right) or not (wrong)? This test scans each
//! context with the bundled dataset and the rules the extension applies, and fails below 95%
//! precision or below 90% recall of the right ones. `MASTHEAD_PRECISION_REPORT=1` prints every miss.

use masthead::site::OwnSite;
use masthead::Engine;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Deserialize)]
struct Judged {
    cid: String,
    lang: String,
    site_host: String,
    site_name: String,
    /// The outlet the page itself belongs to, if the dataset knows its site.
    site_outlet: String,
    context: String,
    start: usize,
    end: usize,
    outlet: String,
    linked: bool,
    /// In the page's reading matter (`masthead read`), not in a menu, header, footer or widget.
    read: bool,
    right: bool,
    why: String,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    judged: usize,
    right: usize,
    true_pos: usize,
    false_pos: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_pos as f64 / self.right.max(1) as f64
    }
}

fn load() -> Vec<Judged> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/precision/devset.jsonl")).expect("the judged set is committed");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("each line is a judged mention")).collect()
}

/// Does the scanner mark the judged spot, and for which outlet?
fn marked(engine: &Engine, j: &Judged) -> Option<String> {
    let mut linked = HashSet::new();
    if j.linked {
        linked.extend(engine.find(&j.outlet));
    }
    let own = OwnSite::new(&j.site_host, &j.site_name, "");
    let family = own_family(engine, j);
    engine
        .scan_page(&j.context, &linked, &own)
        .into_iter()
        .filter(|m| !family.contains(&m.entity))
        .find(|m| m.start < j.end && j.start < m.end)
        .map(|m| engine.entity(m.entity).id.clone())
}

/// The page's own outlet and its owners, as the extension finds them: from the site's host with
/// today's data (the judged `site_outlet` is what the data knew when the set was made, and grows stale
/// as the data learns more sites), else the recorded one.
fn own_family(engine: &Engine, j: &Judged) -> Vec<usize> {
    let by_host = engine.lookup_url(&format!("https://{}/", j.site_host)).ok().flatten().map(|m| m.entity);
    by_host.or_else(|| engine.find(&j.site_outlet)).map(|s| engine.own_family(s)).unwrap_or_default()
}

/// A mention judged right that names the page's own house by today's data (IRIB on a page of YJC,
/// once the data puts YJC under IRIB): the judges' rule calls the site naming itself wrong, and the
/// extension leaves its own group unmarked by design, so it is not counted for recall either way.
fn names_own_house(engine: &Engine, j: &Judged) -> bool {
    j.right && engine.find(&j.outlet).is_some_and(|o| own_family(engine, j).contains(&o))
}

#[test]
fn judged_set_is_large_and_varied() {
    let set = load();
    let pages: HashSet<&str> = set.iter().map(|j| j.cid.split('-').next().unwrap_or("")).collect();
    let langs: HashSet<&str> = set.iter().map(|j| j.lang.as_str()).collect();
    assert!(set.len() >= 1000, "{} judged mentions", set.len());
    assert!(pages.len() >= 500, "{} pages", pages.len());
    assert!(langs.len() >= 10, "{} languages", langs.len());
    for j in &set {
        assert!(j.context.is_char_boundary(j.start) && j.context.is_char_boundary(j.end) && j.start < j.end, "{}", j.cid);
        assert!(!j.why.trim().is_empty(), "{} has no reason", j.cid);
        assert!(j.context.len() <= 1200, "{}: contexts stay short", j.cid);
    }
}

impl Tally {
    fn add(&mut self, j: &Judged, got: Option<&str>, counts: bool) {
        self.judged += 1;
        self.right += usize::from(j.right && counts);
        match got {
            Some(id) if counts && id == j.outlet && j.right => self.true_pos += 1,
            Some(_) if counts => self.false_pos += 1,
            _ => {}
        }
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name}\t{}\t{}\t{}\t{}\t{:.1}%\t{:.1}%",
            self.judged,
            self.right,
            self.true_pos,
            self.false_pos,
            100.0 * self.precision(),
            100.0 * self.recall()
        )
    }
}

#[test]
fn precision_and_recall_on_real_pages() {
    let engine = Engine::from_bundle(masthead::BUNDLED).expect("the bundled dataset loads");
    let report = std::env::var_os("MASTHEAD_PRECISION_REPORT").is_some();
    // Two views. "Text": every judged context, scanned by the text rules alone. "Reader": what a
    // reader sees on the page: a mention outside the reading matter (a menu, a sidebar, a footer,
    // which the extension does not read) is never marked and is not counted.
    let (mut text, mut reader): (BTreeMap<String, Tally>, BTreeMap<String, Tally>) = Default::default();
    let mut own_house = Vec::new();
    for j in load() {
        if names_own_house(&engine, &j) {
            own_house.push(j.cid.clone());
            continue;
        }
        let got = marked(&engine, &j);
        for (view, counts) in [(&mut text, true), (&mut reader, j.read)] {
            view.entry(j.lang.clone()).or_default().add(&j, got.as_deref(), counts);
            view.entry("all".into()).or_default().add(&j, got.as_deref(), counts);
        }
        let wrong_mark = got.as_ref().is_some_and(|id| !j.right || *id != j.outlet);
        let missed = j.right && got.as_deref() != Some(j.outlet.as_str());
        if report && (wrong_mark || missed) {
            let what = if wrong_mark { "WRONG MARK" } else { "MISSED" };
            let place = if j.read { "" } else { " (not in reading matter)" };
            println!("{what}{place}\t{}\t{}\t{}\t{:?}\t{}", j.cid, j.lang, j.outlet, &j.context[j.start..j.end], j.why);
            println!("\t{:?}", j.context);
        }
    }
    println!("not counted, naming the page's own house by today's data: {own_house:?}");
    for (name, view) in [("reader", &reader), ("text", &text)] {
        println!("{name} view\nlang\tjudged\tright\tmarked right\tmarked wrong\tprecision\trecall");
        for (lang, t) in view {
            println!("{}", t.row(lang));
        }
    }
    let (r, t) = (reader["all"], text["all"]);
    // The product's floors: what a reader sees on real pages.
    assert!(r.precision() >= 0.95, "reader view: precision {:.1}% is under 95%", 100.0 * r.precision());
    assert!(r.recall() >= 0.90, "reader view: recall {:.1}% is under 90%", 100.0 * r.recall());
    // The text rules alone, held where they stand (6 Dec 2026: 94.4% and 82.8%) so they cannot slip.
    assert!(t.precision() >= 0.92, "text view: precision {:.1}% is under 92%", 100.0 * t.precision());
    assert!(t.recall() >= 0.82, "text view: recall {:.1}% is under 82%", 100.0 * t.recall());
    // Every language with enough marks to judge: at least 90% (Dec 2026: French 92.3%, three marks
    // on one page of "Chœur de Radio France"; Japanese 94.4%; the others 95% or more).
    for (lang, t) in &reader {
        if t.true_pos + t.false_pos >= 20 {
            assert!(t.precision() >= 0.90, "reader view, {lang}: precision {:.1}% is under 90%", 100.0 * t.precision());
        }
    }
}
