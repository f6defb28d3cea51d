//! Citations in running text: one Aho-Corasick automaton over every outlet name and alias (compiled
//! into the bundle, see `automaton.rs`), with the boundary, case and ambiguity rules of DESIGN.md
//! applied to each candidate.

use crate::model::{Dataset, Entity, Kind};
use crate::automaton::Automaton;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    /// The name, a name in another script, or an unambiguous alias.
    Name,
    /// An ambiguous alias, accepted because of an attribution cue or a link to the outlet.
    Ambiguous,
    /// A bare domain or URL in the text.
    Domain,
}

/// One citation found in text. Offsets are UTF-8 byte offsets into the scanned string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub form: Form,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Pattern {
    entity: u32,
    form: Form,
}

/// The part of the scanner that is compiled into the bundle: the automaton and what each of its
/// patterns means.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScannerTables {
    automaton: Automaton,
    patterns: Vec<Pattern>,
    /// For texts claimed by several outlets: the pattern ids of the same text.
    shared: Vec<Vec<u32>>,
}

impl ScannerTables {
    /// Checks tables read from a bundle against the dataset they come with, so scanning cannot panic.
    pub fn check(&self, entity_count: usize) -> Result<(), String> {
        self.automaton.check()?;
        let n = self.patterns.len();
        // Hits index `patterns` and `shared` by the automaton's pattern ids.
        if self.automaton.pattern_count() != n
            || self.shared.len() != n
            || self.patterns.iter().any(|p| p.entity as usize >= entity_count)
            || self.shared.iter().flatten().any(|&p| p as usize >= n)
        {
            return Err("the text patterns do not fit the dataset".into());
        }
        Ok(())
    }
}

/// The citation scanner of one dataset.
pub struct Scanner {
    tables: ScannerTables,
    /// Outlet hosts for bare domains in text. Found by a host tokenizer rather than as automaton
    /// patterns: that keeps ~850 patterns out of the automaton and matches any subdomain for free.
    hosts: HashMap<String, u32>,
}

/// Straight and curly apostrophes are the same thing in running text.
pub fn fold_apostrophes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'")
}

/// Every text form of an entity with whether it is ambiguous. The name counts as ambiguous when it is
/// listed under `ambiguous`.
pub fn text_forms(e: &Entity) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, amb: bool| {
        if !out.iter().any(|(f, _)| f == s) {
            out.push((s.to_string(), amb));
        }
    };
    for a in &e.ambiguous {
        push(a, true);
    }
    push(&e.name, false);
    for (_, n) in &e.names {
        push(n, false);
    }
    for a in &e.aliases {
        push(a, false);
    }
    out
}

/// Scripts written without spaces between words: no word boundary is needed around a match there.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3000..=0x30FF    // CJK punctuation, Hiragana, Katakana
        | 0x3100..=0x31FF    // Bopomofo, Katakana ext
        | 0x3400..=0x4DBF    // CJK ext A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xAC00..=0xD7AF    // Hangul syllables: particles attach to names ("연합뉴스는")
        | 0xF900..=0xFAFF    // CJK compatibility
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // CJK ext B..
}

/// A character that continues a word in a spaced script.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_unspaced_script(c)
}

/// Phrases that, just before an ambiguous name, make it an attribution: "according to RT".
const CUES_BEFORE: &[&str] = &[
    "according to", "told", "in an interview with", "interview with", "wrote in", "writing in", "via",
    "reported by", "cited by", "quoted by", "published by", "published in", "a report by", "a report from",
    "report by", "speaking to", "speaking with", "said in", "broadcaster", "news agency", "newspaper",
    "outlet", "channel", "state media", "state broadcaster", "tabloid", "selon", "según", "segundo", "laut",
    "сообщает", "сообщил", "сообщила", "сообщили", "по данным", "по сообщению", "передает", "передаёт",
];

/// Words that, just after an ambiguous name, make it an attribution: "RT reported", "RT's".
const CUES_AFTER: &[&str] = &[
    "'s ", "'s\u{a0}", "reported", "reports", "said", "says", "wrote", "writes", "quoted", "cited",
    "published", "broadcast", "aired", "news agency", "reporter", "correspondent", "journalist",
    "editor", "newspaper", "television", "tv", "channel", "interview", "report",
];

impl Scanner {
    /// Compiles the automaton over every outlet's text forms (what `masthead build` stores).
    pub fn compile(dataset: &Dataset) -> ScannerTables {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut by_text: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in dataset.entities.iter().enumerate() {
            if e.kind != Kind::Outlet {
                continue;
            }
            for (form, ambiguous) in text_forms(e) {
                // A one-letter form ("i", the British daily) would be a candidate at every other word;
                // even with a cue it is too weak to mark. Links and domains still find such outlets.
                if form.chars().count() < 2 {
                    continue;
                }
                let folded = fold_apostrophes(&form);
                // One pattern per apostrophe spelling keeps byte offsets true to the original text.
                let mut variants = vec![folded.clone()];
                if folded.contains('\'') {
                    variants.push(folded.replace('\'', "\u{2019}"));
                }
                for v in variants {
                    by_text.entry(v.clone()).or_default().push(patterns.len() as u32);
                    texts.push(v);
                    patterns.push(Pattern { entity: i as u32, form: if ambiguous { Form::Ambiguous } else { Form::Name } });
                }
            }
        }
        let mut shared = vec![Vec::new(); patterns.len()];
        for ids in by_text.values().filter(|ids| ids.len() > 1) {
            for &id in ids {
                shared[id as usize] = ids.clone();
            }
        }
        ScannerTables { automaton: Automaton::build(&texts), patterns, shared }
    }

    /// A scanner from compiled tables (checked by the caller) and the dataset they belong to.
    pub fn from_tables(tables: ScannerTables, dataset: &Dataset) -> Scanner {
        let mut hosts = HashMap::new();
        for (i, e) in dataset.entities.iter().enumerate() {
            if e.kind == Kind::Outlet {
                for d in e.domains.iter().filter(|d| !d.contains('/')) {
                    hosts.insert(d.clone(), i as u32);
                }
            }
        }
        Scanner { tables, hosts }
    }

    /// Compiles and loads in one step (after edits, or for a dataset that did not come from a bundle).
    pub fn build(dataset: &Dataset) -> Scanner {
        Scanner::from_tables(Scanner::compile(dataset), dataset)
    }

    pub fn pattern_count(&self) -> usize {
        self.tables.patterns.len()
    }

    /// Finds the outlets a text cites. `linked` holds entities the page links to: it unlocks their
    /// ambiguous aliases without an attribution cue.
    pub fn scan(&self, text: &str, linked: &HashSet<usize>) -> Vec<Mention> {
        let mut candidates: Vec<Mention> = self.domains_in(text);
        let t = &self.tables;
        t.automaton.find_overlapping(text.as_bytes(), |hit| {
            let (start, end) = (hit.start, hit.end);
            // A pattern is whole UTF-8 text, so a match that is not on char boundaries cannot happen
            // in valid UTF-8; the check keeps slicing below panic-free regardless.
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return;
            }
            let pattern = &t.patterns[hit.pattern];
            let entity = pattern.entity as usize;
            let accepted = match pattern.form {
                Form::Domain => false,
                Form::Name => word_boundaries(text, start, end),
                // A text several outlets share says only that it is an attribution, not whose: the
                // ambiguous claimants then need a link on the page.
                Form::Ambiguous => {
                    word_boundaries(text, start, end)
                        && (linked.contains(&entity) || (t.shared[hit.pattern].is_empty() && has_cue(text, start, end)))
                }
            };
            if accepted {
                candidates.push(Mention { start, end, entity, form: pattern.form });
            }
        });
        resolve_overlaps(candidates)
    }

    /// Bare domains and URLs: host-like tokens around each dot, looked up suffix by suffix, so
    /// `www.rt.com` is RT and `art.com` or `rt.com.example.org` are not.
    fn domains_in(&self, text: &str) -> Vec<Mention> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut resume = 0;
        for dot in memchr::memchr_iter(b'.', bytes) {
            if dot < resume || dot == 0 || dot + 1 >= bytes.len() {
                continue;
            }
            if !is_host_byte(bytes[dot - 1]) || !bytes[dot + 1].is_ascii_alphabetic() {
                continue;
            }
            let mut start = dot;
            while start > 0 && (is_host_byte(bytes[start - 1]) || bytes[start - 1] == b'.') {
                start -= 1;
            }
            let mut end = dot + 1;
            while end < bytes.len() && (is_host_byte(bytes[end]) || bytes[end] == b'.') {
                end += 1;
            }
            resume = end;
            // "editor@rt.com" is an e-mail address; sentence-ending dots are not part of the host.
            if start > 0 && bytes[start - 1] == b'@' {
                continue;
            }
            while start < end && bytes[start] == b'.' {
                start += 1;
            }
            while end > start && bytes[end - 1] == b'.' {
                end -= 1;
            }
            let host = text[start..end].to_ascii_lowercase();
            let entity = crate::host::suffixes(&host).find_map(|s| self.hosts.get(s).copied());
            if let Some(entity) = entity {
                found.push(Mention { start, end, entity: entity as usize, form: Form::Domain });
            }
        }
        found
    }
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Longest wins among overlapping candidates ("People's Daily Press" over "People's Daily"), then the
/// leftmost. Output is sorted by position.
/// On the very same span, an outlet the page links to beats the outlet that owns the text by default.
fn resolve_overlaps(mut candidates: Vec<Mention>) -> Vec<Mention> {
    let linked_first = |m: &Mention| if m.form == Form::Ambiguous { 0 } else { 1 };
    candidates.sort_by(|a, b| {
        (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)).then(linked_first(a).cmp(&linked_first(b)))
    });
    let mut chosen: Vec<Mention> = Vec::new();
    for c in candidates {
        if !chosen.iter().any(|k| c.start < k.end && k.start < c.end) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|m| m.start);
    chosen
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// In spaced scripts a match must not continue a word on either side: "Reuterstown" is not Reuters.
/// Where the match itself begins or ends in an unspaced script (CJK, Thai ...), that side needs nothing.
fn word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let first = char_after(text, start);
    let last = char_before(text, end);
    let left_ok = match (first, char_before(text, start)) {
        (Some(f), Some(prev)) if is_word_char(f) => !is_word_char(prev),
        _ => true,
    };
    let right_ok = match (last, char_after(text, end)) {
        (Some(l), Some(next)) if is_word_char(l) => !is_word_char(next),
        _ => true,
    };
    left_ok && right_ok
}

/// Is an ambiguous name at `start..end` used as an attribution? Looks at the words just before and
/// after it, and at datelines such as "(Xinhua) --".
fn has_cue(text: &str, start: usize, end: usize) -> bool {
    let before = window_before(text, start, 48).trim_end_matches([' ', '\u{a0}', ',', ':', '\t', '\n']);
    let before_lower = before.to_lowercase();
    let before_lower = before_lower.strip_suffix(" the").unwrap_or(&before_lower);
    if CUES_BEFORE.iter().any(|c| ends_with_word(before_lower, c)) {
        return true;
    }
    let after = window_after(text, end, 32);
    if before.ends_with('(') {
        let rest = after.trim_start_matches(')').trim_start();
        if after.starts_with(')') && (rest.starts_with("--") || rest.starts_with('—') || rest.starts_with('–') || rest.starts_with('-')) {
            return true;
        }
    }
    let after = fold_apostrophes(after).to_lowercase();
    if after.starts_with("'s") && !after[2..].starts_with(|c: char| c.is_alphanumeric()) {
        return true;
    }
    let after_words = after.trim_start_matches([' ', '\u{a0}', ',']);
    after.starts_with([' ', '\u{a0}', ','])
        && CUES_AFTER.iter().any(|c| after_words.starts_with(c) && !after_words[c.len()..].starts_with(|ch: char| ch.is_alphanumeric()))
}

fn ends_with_word(haystack: &str, cue: &str) -> bool {
    haystack.ends_with(cue)
        && haystack[..haystack.len() - cue.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

fn window_before(text: &str, at: usize, bytes: usize) -> &str {
    let mut from = at.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

fn window_after(text: &str, at: usize, bytes: usize) -> &str {
    let mut to = (at + bytes).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[at..to]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert!(word_boundaries("by Reuters.", 3, 10));
        assert!(!word_boundaries("Reuterstown", 0, 7));
        assert!(word_boundaries("据环球时报报道", 3, 15));
    }

    #[test]
    fn cues() {
        let at = |t: &str, name: &str| {
            let s = t.find(name).unwrap();
            has_cue(t, s, s + name.len())
        };
        assert!(at("according to RT, the", "RT"));
        assert!(at("he told RT in", "RT"));
        assert!(at("RT reported that", "RT"));
        assert!(at("RT's editor", "RT"));
        assert!(at("RT’s editor", "RT"));
        assert!(at("MOSCOW (RT) -- The", "RT"));
        assert!(at("in an interview with the Mint.", "Mint"));
        assert!(!at("RT @john: great game", "RT"));
        assert!(!at("fresh Mint leaves", "Mint"));
        assert!(at("RT said-so", "RT"));
        assert!(!at("RT saidx", "RT"));
    }
}
